import type { ServiceContext } from '../core/context'
import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { Page } from '@shared/contract'
import { DEADLINE_MINUTES, REPORT_FIGURE_KEYS, TREND_DAYS, reportMsg } from '@shared/daily-reports/schemas'
import type {
  AdhocReportDto,
  AdhocReportInput,
  Board,
  BoardRow,
  DailyReportDto,
  DailyReportFigures,
  DailyReportInput,
  DailyReportUpdateInput,
  DailyReportVersionDto,
  Prefill,
  Punctuality,
  ReportListItem,
  ReportListQuery,
  TrendPoint,
} from '@shared/daily-reports/schemas'
import { vietnamDay, vietnamDayStart } from '@shared/text/dates'
import { AppError } from '../core/errors'
import { findActiveUnit } from '../units/service'

/** The instant a day's report falls due: 15:00 in Vietnam. */
export function deadlineOf(day: string): Date {
  return new Date(vietnamDayStart(day).getTime() + DEADLINE_MINUTES * 60_000)
}

/** A report first submitted after its day's 15:00 is late, whenever it is edited afterwards. */
export function isLate(day: string, submittedAt: Date): boolean {
  return submittedAt.getTime() > deadlineOf(day).getTime()
}

/** `yyyy-mm-dd` shifted by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

const FIGURE_COLUMNS = `staff_total, at_office, working_from_home, on_leave, f0, f1, f2, dose1, dose2, booster,
  measures, issues, reporter_name`

interface FigureRow {
  staff_total: number
  at_office: number
  working_from_home: number
  on_leave: number
  f0: number
  f1: number
  f2: number
  dose1: number
  dose2: number
  booster: number
  measures: string | null
  issues: string | null
  reporter_name: string
}

interface ReportRow extends FigureRow {
  id: number
  unit_id: number
  unit_name: string
  report_date: string
  submitted_at: string
  late: number
  version: number
  updated_at: string
}

interface VersionRow extends FigureRow {
  version: number
  saved_at: string
  saved_by_name: string | null
}

const figuresOf = (r: FigureRow): DailyReportFigures => ({
  staffTotal: r.staff_total,
  atOffice: r.at_office,
  workingFromHome: r.working_from_home,
  onLeave: r.on_leave,
  f0: r.f0,
  f1: r.f1,
  f2: r.f2,
  dose1: r.dose1,
  dose2: r.dose2,
  booster: r.booster,
  measures: r.measures,
  issues: r.issues,
  reporterName: r.reporter_name,
})

/** In the order of FIGURE_COLUMNS. */
const figureValues = (f: DailyReportFigures) => REPORT_FIGURE_KEYS.map((k) => f[k])

/** Just the figures of an input or a report (no ids, dates or versions). */
const pickFigures = (v: DailyReportFigures): DailyReportFigures =>
  Object.fromEntries(REPORT_FIGURE_KEYS.map((k) => [k, v[k]])) as unknown as DailyReportFigures

/** An active unit by id, or a field error on `unitId`. */
async function activeUnit(m: EntityManager, unitId: number): Promise<{ id: number; name: string }> {
  const unit = await findActiveUnit(m, unitId)
  if (!unit) throw AppError.validation({ unitId: reportMsg.unitUnknown })
  return unit
}

export async function getDailyReport(m: EntityManager, id: number): Promise<DailyReportDto> {
  const [row] = (await m.query(
    `SELECT r.id, r.unit_id, u.name AS unit_name, r.report_date, r.submitted_at, r.late, r.version, r.updated_at,
            ${FIGURE_COLUMNS.replace(/(\w+)/g, 'r.$1')}
     FROM daily_reports r JOIN units u ON u.id = r.unit_id WHERE r.id = ?`,
    [id],
  )) as ReportRow[]
  if (!row) throw AppError.notFound(reportMsg.notFound)
  const versions = (await m.query(
    `SELECT v.version, v.saved_at, us.display_name AS saved_by_name, ${FIGURE_COLUMNS.replace(/(\w+)/g, 'v.$1')}
     FROM daily_report_versions v LEFT JOIN users us ON us.id = v.saved_by
     WHERE v.report_id = ? ORDER BY v.version DESC`,
    [id],
  )) as VersionRow[]
  return {
    id: row.id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    reportDate: row.report_date,
    submittedAt: row.submitted_at,
    late: row.late === 1,
    version: row.version,
    updatedAt: row.updated_at,
    ...figuresOf(row),
    versions: versions.map((v): DailyReportVersionDto => ({
      version: v.version,
      savedAt: v.saved_at,
      savedByName: v.saved_by_name,
      ...figuresOf(v),
    })),
  }
}

/**
 * A unit's report for a day (today unless given). Accepted at any time; after the day's 15:00
 * it is marked late. A second report for the same unit and day is refused: the first is edited.
 */
export async function submitDailyReport(
  ctx: ServiceContext,
  input: z.output<typeof DailyReportInput>,
): Promise<DailyReportDto> {
  const { m, now } = ctx
  const today = vietnamDay(now)
  const day = input.reportDate ?? today
  if (day > today) throw AppError.validation({ reportDate: reportMsg.future })
  await activeUnit(m, input.unitId)
  const [existing] = (await m.query(`SELECT id FROM daily_reports WHERE unit_id = ? AND report_date = ?`, [
    input.unitId,
    day,
  ])) as Array<{ id: number }>
  if (existing) throw AppError.conflict(reportMsg.duplicate, { reportDate: reportMsg.duplicate })
  const late = isLate(day, now)
  const figures = pickFigures(input)
  const [created] = (await m.query(
    `INSERT INTO daily_reports (unit_id, report_date, ${FIGURE_COLUMNS}, submitted_at, late, version,
       created_by, updated_by, updated_at)
     VALUES (?, ?, ${FIGURE_COLUMNS.split(',')
       .map(() => '?')
       .join(', ')}, ?, ?, 1, ?, ?, ?) RETURNING id`,
    [
      input.unitId,
      day,
      ...figureValues(figures),
      now.toISOString(),
      late ? 1 : 0,
      ctx.userId,
      ctx.userId,
      now.toISOString(),
    ],
  )) as Array<{ id: number }>
  ctx.audit.change('dailyReport', created!.id, null, {
    unitId: input.unitId,
    reportDate: day,
    late,
    ...figures,
  })
  return getDailyReport(m, created!.id)
}

/**
 * Edits a submitted report: the version being replaced is kept in `daily_report_versions`,
 * the report's punctuality stays that of its first submission. Saving the same figures again
 * changes nothing.
 */
export async function updateDailyReport(
  ctx: ServiceContext,
  input: z.output<typeof DailyReportUpdateInput>,
): Promise<DailyReportDto> {
  const { m, now } = ctx
  const current = await getDailyReport(m, input.id)
  if (current.version !== input.version) throw AppError.conflict(reportMsg.changedMeanwhile)
  const before = pickFigures(current)
  const after = pickFigures(input)
  if (JSON.stringify(before) === JSON.stringify(after)) return current
  await m.query(
    `INSERT INTO daily_report_versions (report_id, version, ${FIGURE_COLUMNS}, saved_at, saved_by)
     SELECT id, version, ${FIGURE_COLUMNS}, updated_at, updated_by FROM daily_reports WHERE id = ?`,
    [input.id],
  )
  await m.query(
    `UPDATE daily_reports SET ${FIGURE_COLUMNS.split(',')
      .map((c) => `${c.trim()} = ?`)
      .join(', ')}, version = version + 1, updated_by = ?, updated_at = ? WHERE id = ?`,
    [...figureValues(after), ctx.userId, now.toISOString(), input.id],
  )
  ctx.audit.change(
    'dailyReport',
    input.id,
    { ...before, version: current.version },
    {
      ...after,
      version: current.version + 1,
    },
  )
  return getDailyReport(m, input.id)
}

interface AdhocRow {
  id: number
  unit_id: number
  unit_name: string
  reported_at: string
  subject: string
  content: string
  f0: number
  f1: number
  f2: number
  reporter_name: string
}

const toAdhocDto = (r: AdhocRow): AdhocReportDto => ({
  id: r.id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  reportedAt: r.reported_at,
  subject: r.subject,
  content: r.content,
  f0: r.f0,
  f1: r.f1,
  f2: r.f2,
  reporterName: r.reporter_name,
})

const SELECT_ADHOC = `SELECT a.id, a.unit_id, u.name AS unit_name, a.reported_at, a.subject, a.content, a.f0, a.f1, a.f2,
  a.reporter_name FROM adhoc_reports a JOIN units u ON u.id = a.unit_id`

export async function getAdhocReport(m: EntityManager, id: number): Promise<AdhocReportDto> {
  const [row] = (await m.query(`${SELECT_ADHOC} WHERE a.id = ?`, [id])) as AdhocRow[]
  if (!row) throw AppError.notFound(reportMsg.notFound)
  return toAdhocDto(row)
}

/** Báo cáo đột xuất: any time, as many as happen; never late, never edited (a new one follows up). */
export async function submitAdhocReport(
  ctx: ServiceContext,
  input: z.output<typeof AdhocReportInput>,
): Promise<AdhocReportDto> {
  const { m, now } = ctx
  await activeUnit(m, input.unitId)
  const [created] = (await m.query(
    `INSERT INTO adhoc_reports (unit_id, reported_at, report_date, subject, content, f0, f1, f2, reporter_name, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [
      input.unitId,
      now.toISOString(),
      vietnamDay(now),
      input.subject,
      input.content,
      input.f0,
      input.f1,
      input.f2,
      input.reporterName,
      ctx.userId,
    ],
  )) as Array<{ id: number }>
  ctx.audit.change('adhocReport', created!.id, null, input)
  return getAdhocReport(m, created!.id)
}

/** Daily and ad-hoc reports together, newest first. */
export async function listReports(
  m: EntityManager,
  q: z.output<typeof ReportListQuery>,
): Promise<Page<ReportListItem>> {
  const where: string[] = []
  const params: unknown[] = []
  if (q.unitId) {
    where.push('unit_id = ?')
    params.push(q.unitId)
  }
  if (q.from) {
    where.push('report_date >= ?')
    params.push(q.from)
  }
  if (q.to) {
    where.push('report_date <= ?')
    params.push(q.to)
  }
  if (q.kind !== 'all') {
    where.push('kind = ?')
    params.push(q.kind)
  }
  const both = `
    SELECT 'daily' AS kind, id, unit_id, report_date, submitted_at, late, version, NULL AS subject,
           f0, f1, f2, reporter_name FROM daily_reports
    UNION ALL
    SELECT 'adhoc', id, unit_id, report_date, reported_at, 0, 1, subject, f0, f1, f2, reporter_name
    FROM adhoc_reports`
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const [{ total }] = (await m.query(`SELECT count(*) AS total FROM (${both}) ${filter}`, params)) as [
    { total: number },
  ]
  const rows = (await m.query(
    `SELECT r.*, u.name AS unit_name FROM (${both}) r JOIN units u ON u.id = r.unit_id ${filter}
     ORDER BY r.report_date DESC, r.submitted_at DESC, r.kind, r.id DESC LIMIT ? OFFSET ?`,
    [...params, q.pageSize, (q.page - 1) * q.pageSize],
  )) as Array<{
    kind: 'daily' | 'adhoc'
    id: number
    unit_id: number
    unit_name: string
    report_date: string
    submitted_at: string
    late: number
    version: number
    subject: string | null
    f0: number
    f1: number
    f2: number
    reporter_name: string
  }>
  return {
    items: rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      reportDate: r.report_date,
      submittedAt: r.submitted_at,
      late: r.late === 1,
      version: r.version,
      subject: r.subject,
      f0: r.f0,
      f1: r.f1,
      f2: r.f2,
      reporterName: r.reporter_name,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  }
}

/** Every active unit's status for a day (today unless given), in Vietnamese unit order. */
export async function board(m: EntityManager, now: Date, date: string | null): Promise<Board> {
  const today = vietnamDay(now)
  const day = date ?? today
  const rows = (await m.query(
    `SELECT u.id AS unit_id, u.code, u.name, r.id AS report_id, r.submitted_at, r.late, r.version, r.staff_total,
            r.f0, r.f1, r.f2, r.reporter_name
     FROM units u LEFT JOIN daily_reports r ON r.unit_id = u.id AND r.report_date = ?
     WHERE u.active = 1 OR r.id IS NOT NULL
     ORDER BY u.sort_key, u.id`,
    [day],
  )) as Array<{
    unit_id: number
    code: string
    name: string
    report_id: number | null
    submitted_at: string | null
    late: number | null
    version: number | null
    staff_total: number | null
    f0: number | null
    f1: number | null
    f2: number | null
    reporter_name: string | null
  }>
  const counts: Record<Punctuality, number> = { onTime: 0, late: 0, missing: 0 }
  const totals = { staffTotal: 0, f0: 0, f1: 0, f2: 0 }
  const boardRows = rows.map((r): BoardRow => {
    const status: Punctuality = r.report_id === null ? 'missing' : r.late === 1 ? 'late' : 'onTime'
    counts[status] += 1
    totals.staffTotal += r.staff_total ?? 0
    totals.f0 += r.f0 ?? 0
    totals.f1 += r.f1 ?? 0
    totals.f2 += r.f2 ?? 0
    return {
      unitId: r.unit_id,
      unitCode: r.code,
      unitName: r.name,
      status,
      reportId: r.report_id,
      submittedAt: r.submitted_at,
      version: r.version,
      staffTotal: r.staff_total,
      f0: r.f0,
      f1: r.f1,
      f2: r.f2,
      reporterName: r.reporter_name,
    }
  })
  const adhoc = (await m.query(`${SELECT_ADHOC} WHERE a.report_date = ? ORDER BY a.reported_at`, [
    day,
  ])) as AdhocRow[]
  return {
    date: day,
    now: now.toISOString(),
    isToday: day === today,
    deadlinePassed: now.getTime() > deadlineOf(day).getTime(),
    deadline: deadlineOf(day).toISOString(),
    counts,
    totals,
    rows: boardRows,
    adhoc: adhoc.map(toAdhocDto),
  }
}

/**
 * Figures to start a report from: the staff total from the unit's staff register (active staff
 * now); doses from the vaccination records (active staff with dose 1, dose 2, and dose 3 or a
 * booster given by that day) once the unit has any; otherwise, and for presence, the unit's last
 * report. Figures that no longer fit the staff total are left for the user; all stay editable.
 */
export async function prefill(
  m: EntityManager,
  now: Date,
  unitId: number,
  date: string | null,
): Promise<Prefill> {
  const day = date ?? vietnamDay(now)
  const [existing] = (await m.query(`SELECT id FROM daily_reports WHERE unit_id = ? AND report_date = ?`, [
    unitId,
    day,
  ])) as Array<{ id: number }>
  const [{ staff }] = (await m.query(`SELECT count(*) AS staff FROM staff WHERE unit_id = ? AND active = 1`, [
    unitId,
  ])) as [{ staff: number }]
  const [last] = (await m.query(
    `SELECT ${FIGURE_COLUMNS} FROM daily_reports WHERE unit_id = ? AND report_date < ?
     ORDER BY report_date DESC LIMIT 1`,
    [unitId, day],
  )) as FigureRow[]
  const [records] = (await m.query(
    `SELECT count(d.staff_id) AS recorded,
       count(DISTINCT CASE WHEN d.dose = 1 THEN d.staff_id END) AS dose1,
       count(DISTINCT CASE WHEN d.dose = 2 THEN d.staff_id END) AS dose2,
       count(DISTINCT CASE WHEN d.dose >= 3 THEN d.staff_id END) AS booster
     FROM staff s JOIN vaccine_doses d ON d.staff_id = s.id AND d.given_on <= ?
     WHERE s.unit_id = ? AND s.active = 1`,
    [day, unitId],
  )) as Array<{ recorded: number; dose1: number; dose2: number; booster: number }>
  const fromRecords = staff > 0 && (records?.recorded ?? 0) > 0
  const staffTotal = staff > 0 ? staff : (last?.staff_total ?? null)
  const fits = (n: number | undefined) =>
    n !== undefined && staffTotal !== null && n <= staffTotal ? n : null
  const presenceFits =
    last !== undefined &&
    staffTotal !== null &&
    last.at_office + last.working_from_home + last.on_leave <= staffTotal
  return {
    reportDate: day,
    staffTotal,
    atOffice: presenceFits ? last.at_office : null,
    workingFromHome: presenceFits ? last.working_from_home : null,
    onLeave: presenceFits ? last.on_leave : null,
    dose1: fromRecords ? records!.dose1 : fits(last?.dose1),
    dose2: fromRecords ? records!.dose2 : fits(last?.dose2),
    booster: fromRecords ? records!.booster : fits(last?.booster),
    reporterName: last?.reporter_name ?? null,
    source: fromRecords ? 'vaccinations' : staff > 0 ? 'staff' : last ? 'lastReport' : 'none',
    existingReportId: existing?.id ?? null,
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
  const rows = (await m.query(
    `SELECT report_date, sum(f0) AS f0, sum(f1) AS f1, sum(late = 0) AS on_time, sum(late = 1) AS late
     FROM daily_reports WHERE report_date BETWEEN ? AND ? GROUP BY report_date`,
    [first, last],
  )) as Array<{ report_date: string; f0: number; f1: number; on_time: number; late: number }>
  const [{ units, since }] = (await m.query(
    `SELECT (SELECT count(*) FROM units WHERE active = 1) AS units, (SELECT min(report_date) FROM daily_reports) AS since`,
  )) as [{ units: number; since: string | null }]
  const byDay = new Map(rows.map((r) => [r.report_date, r]))
  return Array.from({ length: TREND_DAYS }, (_, i) => {
    const date = addDays(first, i)
    const r = byDay.get(date)
    const onTime = r?.on_time ?? 0
    const lateCount = r?.late ?? 0
    return {
      date,
      f0: r?.f0 ?? 0,
      f1: r?.f1 ?? 0,
      onTime,
      late: lateCount,
      missing: since !== null && date >= since ? Math.max(0, units - onTime - lateCount) : 0,
    }
  })
}

/**
 * Practice entered against sample units goes with them when the sample data is removed:
 * their daily and ad-hoc reports, their medicine cabinets and their rapid-test samples.
 */
export async function forgetSampleUnitReports(m: EntityManager): Promise<void> {
  const sample = `SELECT id FROM units WHERE is_sample = 1`
  await m.query(`DELETE FROM daily_reports WHERE unit_id IN (${sample})`)
  await m.query(`DELETE FROM adhoc_reports WHERE unit_id IN (${sample})`)
  await m.query(`DELETE FROM medicine_cabinets WHERE unit_id IN (${sample})`)
  await m.query(`DELETE FROM rapid_test_samples WHERE unit_id IN (${sample})`)
}
