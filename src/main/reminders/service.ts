import type { EntityManager } from 'typeorm'
import { formatDateTime, vietnamDay, vietnamDayStart } from '@shared/text/dates'
import type {
  DueRecommendation,
  RecommendationReminder,
  ReminderSettings,
  ReportReminder,
  UnitOwing,
  VaccineRoundReminder,
} from '@shared/reminders/schemas'
import { UnitEntity } from '../units/entities'
import { DailyReportEntity } from '../daily-reports/entities'
import { InspectionEntity, RecommendationEntity } from '../inspections/entities'
import { VaccineRoundEntity, VaccineRoundUnitEntity } from '../vaccines/entities'
import { deadlineOf } from '../daily-reports/service'

const DAY_MS = 86_400_000
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)

/** Active units with no row in `owed` (a subquery over `o` correlated on `u.id`), in the units' order. */
async function unitsWithout(
  m: EntityManager,
  owed: (
    sub: ReturnType<EntityManager['createQueryBuilder']>,
  ) => ReturnType<EntityManager['createQueryBuilder']>,
  params: Record<string, unknown>,
): Promise<UnitOwing[]> {
  const qb = m.createQueryBuilder(UnitEntity, 'u').where('u.active = :active', { active: true })
  const sub = owed(qb.subQuery().select('1')).getQuery()
  const units = await qb
    .andWhere(`NOT EXISTS ${sub}`, params)
    .orderBy('u.sortKey')
    .addOrderBy('u.id')
    .getMany()
  return units.map((u) => ({ unitId: u.id, unitName: u.name }))
}

function reportMessage(missing: UnitOwing[], now: Date, deadlinePassed: boolean): string {
  if (!missing.length) return ''
  const names = missing.map((u, i) => `${i + 1}. ${u.unitName}`).join('\n')
  const asOf = formatDateTime(now)
  const ask = deadlinePassed
    ? 'Báo cáo đã quá hạn 15 giờ 00; đề nghị các đơn vị gửi ngay.'
    : 'Đề nghị các đơn vị gửi báo cáo trước 15 giờ 00 hôm nay.'
  return [
    `Đến ${asOf.slice(11)} ngày ${asOf.slice(0, 10)}, Sở Tư pháp chưa nhận được báo cáo tình hình phòng, chống dịch COVID-19 hằng ngày của ${missing.length} đơn vị:`,
    names,
    ask,
  ].join('\n')
}

/** The units that have not sent today's daily report, and the reminder text for the chat group. */
export async function reportReminder(
  m: EntityManager,
  now: Date,
  settings: ReminderSettings,
): Promise<ReportReminder> {
  const day = vietnamDay(now)
  const [hours, minutes] = settings.reportReminderTime.split(':').map(Number) as [number, number]
  const remindAt = new Date(vietnamDayStart(day).getTime() + (hours * 60 + minutes) * 60_000)
  const deadline = deadlineOf(day)
  const missing = await unitsWithout(
    m,
    (sub) => sub.from(DailyReportEntity, 'r').where('r.unitId = u.id').andWhere('r.reportDate = :day'),
    { day },
  )
  const deadlinePassed = now >= deadline
  return {
    day,
    now: now.toISOString(),
    remindAt: remindAt.toISOString(),
    deadline: deadline.toISOString(),
    due: now >= remindAt,
    deadlinePassed,
    missing,
    message: reportMessage(missing, now, deadlinePassed),
  }
}

/** Open recommendations of finalised minutes, overdue or due within the days set. */
export async function recommendationReminder(
  m: EntityManager,
  now: Date,
  settings: ReminderSettings,
): Promise<RecommendationReminder> {
  const today = vietnamDay(now)
  const rows = await m
    .createQueryBuilder(RecommendationEntity, 'r')
    .innerJoin(InspectionEntity.options.name, 'i', 'i.id = r.inspectionId')
    .innerJoin(UnitEntity.options.name, 'u', 'u.id = i.unitId')
    .select(['r.id AS "id"', 'r.inspectionId AS "inspectionId"', 'r.content AS "content"'])
    .addSelect(['r.ownerName AS "ownerName"', 'r.dueDate AS "dueDate"', 'u.name AS "unitName"'])
    .where('r.status <> :done', { done: 'done' })
    .andWhere('r.dueDate IS NOT NULL')
    .andWhere('r.dueDate <= :until', { until: addDays(today, settings.recommendationDays) })
    .andWhere('i.status = :final', { final: 'final' })
    .orderBy('r.dueDate')
    .addOrderBy('r.id')
    .getRawMany<Omit<DueRecommendation, 'daysLeft'>>()
  const items = rows.map((r) => ({
    ...r,
    id: Number(r.id),
    inspectionId: Number(r.inspectionId),
    daysLeft: daysBetween(today, r.dueDate),
  }))
  return { dueSoon: items.filter((r) => r.daysLeft >= 0), overdue: items.filter((r) => r.daysLeft < 0) }
}

/** Open vaccine rounds whose deadline is near, each with the active units that have not sent their list. */
export async function vaccineRoundReminder(
  m: EntityManager,
  now: Date,
  settings: ReminderSettings,
): Promise<VaccineRoundReminder[]> {
  const today = vietnamDay(now)
  const rounds = await m
    .createQueryBuilder(VaccineRoundEntity, 'v')
    .where('v.closed = :closed', { closed: false })
    .andWhere('v.deadline >= :today', { today })
    .andWhere('v.deadline <= :until', { until: addDays(today, settings.vaccineDays) })
    .orderBy('v.deadline')
    .addOrderBy('v.id')
    .getMany()
  const out: VaccineRoundReminder[] = []
  for (const round of rounds) {
    const missing = await unitsWithout(
      m,
      (sub) => sub.from(VaccineRoundUnitEntity, 's').where('s.unitId = u.id').andWhere('s.roundId = :round'),
      { round: round.id },
    )
    if (missing.length)
      out.push({ roundId: round.id, roundName: round.name, deadline: round.deadline, missing })
  }
  return out
}
