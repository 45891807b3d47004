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
  // Active units, and a unit closed since that still reported on the day.
  const found = await m
    .createQueryBuilder(UnitEntity, 'u')
    .leftJoin(DailyReportEntity.options.name, 'r', 'r.unitId = u.id AND r.reportDate = :day', { day })
    .select('u.id', 'unitId')
    .addSelect('u.code', 'unitCode')
    .addSelect('u.name', 'unitName')
    .addSelect('r.id', 'reportId')
    .addSelect('r.submittedAt', 'submittedAt')
    .addSelect('r.late', 'late')
    .addSelect('r.version', 'version')
    .addSelect('r.staffTotal', 'staffTotal')
    .addSelect('r.f0', 'f0')
    .addSelect('r.f1', 'f1')
    .addSelect('r.f2', 'f2')
    .addSelect('r.reporterName', 'reporterName')
    .where('u.active = :active OR r.id IS NOT NULL', { active: true })
    .orderBy('u.sortKey')
    .addOrderBy('u.id')
    .getRawMany<Omit<BoardRow, 'status'> & { late: unknown }>()
  const counts: Record<Punctuality, number> = { onTime: 0, late: 0, missing: 0 }
  const totals = { staffTotal: 0, f0: 0, f1: 0, f2: 0 }
  const count = (n: number | null) => (n === null ? null : Number(n))
  const rows = found.map(({ late, ...r }): BoardRow => {
    const status: Punctuality = r.reportId === null ? 'missing' : late ? 'late' : 'onTime'
    const row: BoardRow = {
      ...r,
      unitId: Number(r.unitId),
      status,
      reportId: count(r.reportId),
      version: count(r.version),
      staffTotal: count(r.staffTotal),
      f0: count(r.f0),
      f1: count(r.f1),
      f2: count(r.f2),
    }
    counts[status] += 1
    totals.staffTotal += row.staffTotal ?? 0
    totals.f0 += row.f0 ?? 0
    totals.f1 += row.f1 ?? 0
    totals.f2 += row.f2 ?? 0
    return row
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
