import { In } from 'typeorm'
import type { EntityManager } from 'typeorm'
import { TREND_DAYS } from '@shared/daily-reports/schemas'
import type { Board, BoardRow, Punctuality, TrendPoint } from '@shared/daily-reports/schemas'
import { vietnamDay } from '@shared/text/dates'
import { UnitEntity } from '../units/entities'
import { AdhocReportEntity, DailyReportEntity } from './entities'
import { addDays, adhocDtos, deadlineOf } from './service'

/** Every active unit's status for a day (today unless given), in Vietnamese unit order. */
export async function board(m: EntityManager, now: Date, date: string | null): Promise<Board> {
  const today = vietnamDay(now)
  const day = date ?? today
  const reports = await m.getRepository(DailyReportEntity).find({
    select: {
      id: true,
      unitId: true,
      submittedAt: true,
      late: true,
      version: true,
      staffTotal: true,
      f0: true,
      f1: true,
      f2: true,
      reporterName: true,
    },
    where: { reportDate: day },
  })
  const byUnit = new Map(reports.map((r) => [r.unitId, r]))
  // Active units, and a unit closed since that still reported on the day.
  const units = await m.getRepository(UnitEntity).find({
    select: { id: true, code: true, name: true },
    where: [{ active: true }, { id: In([...byUnit.keys()]) }],
    order: { sortKey: 'ASC', id: 'ASC' },
  })
  const counts: Record<Punctuality, number> = { onTime: 0, late: 0, missing: 0 }
  const totals = { staffTotal: 0, f0: 0, f1: 0, f2: 0 }
  const rows = units.map((u): BoardRow => {
    const r = byUnit.get(u.id)
    const status: Punctuality = !r ? 'missing' : r.late ? 'late' : 'onTime'
    counts[status] += 1
    totals.staffTotal += r?.staffTotal ?? 0
    totals.f0 += r?.f0 ?? 0
    totals.f1 += r?.f1 ?? 0
    totals.f2 += r?.f2 ?? 0
    return {
      unitId: u.id,
      unitCode: u.code,
      unitName: u.name,
      status,
      reportId: r?.id ?? null,
      submittedAt: r?.submittedAt ?? null,
      version: r?.version ?? null,
      staffTotal: r?.staffTotal ?? null,
      f0: r?.f0 ?? null,
      f1: r?.f1 ?? null,
      f2: r?.f2 ?? null,
      reporterName: r?.reporterName ?? null,
    }
  })
  const adhoc = await m
    .getRepository(AdhocReportEntity)
    .find({ where: { reportDate: day }, order: { reportedAt: 'ASC' } })
  return {
    date: day,
    now: now.toISOString(),
    isToday: day === today,
    deadlinePassed: now.getTime() > deadlineOf(day).getTime(),
    deadline: deadlineOf(day).toISOString(),
    counts,
    totals,
    rows,
    adhoc: await adhocDtos(m, adhoc),
  }
}

/**
 * F0/F1 among staff and punctuality over the 30 days ending `to` (today unless given).
 * "Missing" counts today's active units that had no report that day, from the day the first
 * report ever arrived (before that the office did not report through the app).
 */
export async function trend(m: EntityManager, now: Date, to: string | null): Promise<TrendPoint[]> {
  const last = to ?? vietnamDay(now)
  const first = addDays(last, -(TREND_DAYS - 1))
  const rows = await m
    .createQueryBuilder(DailyReportEntity, 'r')
    .select('r.reportDate', 'day')
    .addSelect('SUM(r.f0)', 'f0')
    .addSelect('SUM(r.f1)', 'f1')
    .addSelect('COUNT(*)', 'reports')
    .addSelect('SUM(CASE WHEN r.late = :late THEN 1 ELSE 0 END)', 'late')
    .where('r.reportDate BETWEEN :first AND :last', { first, last, late: true })
    .groupBy('r.reportDate')
    .getRawMany<{
      day: string
      f0: number | string
      f1: number | string
      reports: number | string
      late: number | string
    }>()
  const units = await m.getRepository(UnitEntity).countBy({ active: true })
  const since = await m
    .createQueryBuilder(DailyReportEntity, 'r')
    .select('MIN(r.reportDate)', 'since')
    .getRawOne<{ since: string | null }>()
  const byDay = new Map(rows.map((r) => [r.day, r]))
  return Array.from({ length: TREND_DAYS }, (_, i) => {
    const date = addDays(first, i)
    const r = byDay.get(date)
    const lateCount = Number(r?.late ?? 0)
    const onTime = Number(r?.reports ?? 0) - lateCount
    return {
      date,
      f0: Number(r?.f0 ?? 0),
      f1: Number(r?.f1 ?? 0),
      onTime,
      late: lateCount,
      missing: since?.since != null && date >= since.since ? Math.max(0, units - onTime - lateCount) : 0,
    }
  })
}
