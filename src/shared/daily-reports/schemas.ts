import { z } from 'zod'
import { id, msg, optionalText, paging, requiredText } from '../validation/fields'

/** Every unit reports once a day before this time (Vietnam); later reports are accepted and marked late. */
export const REPORT_DEADLINE = '15:00'
export const DEADLINE_MINUTES = 15 * 60
/** How far back the punctuality and F0/F1 chart looks. */
export const TREND_DAYS = 30

export const reportMsg = {
  count: 'Nhập số người (số nguyên, không âm)',
  presence: 'Tại cơ quan + làm việc tại nhà + nghỉ phép không được vượt tổng số',
  doses: 'Số người đã tiêm không được vượt tổng số',
  booster: 'Số người tiêm nhắc lại không được vượt số người đã tiêm mũi 2',
  dose2: 'Số người tiêm mũi 2 không được vượt số người đã tiêm mũi 1',
  date: 'Ngày không hợp lệ',
  future: 'Không thể báo cáo cho ngày chưa đến',
  unit: 'Chọn đơn vị',
  unitUnknown: 'Đơn vị này không tồn tại hoặc đã ngừng hoạt động',
  duplicate: 'Đơn vị đã nộp báo cáo ngày này; hãy mở báo cáo đó để sửa',
  notFound: 'Không tìm thấy báo cáo',
  changedMeanwhile: 'Báo cáo vừa được người khác sửa; hãy mở lại để xem bản mới nhất',
  subject: 'Ghi trích yếu nội dung báo cáo đột xuất',
}

const count = z
  .number({ error: reportMsg.count })
  .int({ error: reportMsg.count })
  .min(0, { error: reportMsg.count })
  .max(100_000, { error: reportMsg.count })

const day = z.iso.date({ error: reportMsg.date })

const figureShape = {
  staffTotal: count,
  atOffice: count,
  workingFromHome: count,
  onLeave: count,
  f0: count,
  f1: count,
  f2: count,
  dose1: count,
  dose2: count,
  booster: count,
  measures: optionalText(4000, { multiline: true }),
  issues: optionalText(4000, { multiline: true }),
  reporterName: requiredText(120),
}

type Figures = { [K in keyof typeof figureShape]: z.output<(typeof figureShape)[K]> }

/** Figures that cannot all be true at once: the message goes on the field to correct. */
function checkFigures(v: Figures, ctx: z.RefinementCtx): void {
  const fail = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
  if (v.atOffice + v.workingFromHome + v.onLeave > v.staffTotal) fail('atOffice', reportMsg.presence)
  for (const key of ['f0', 'f1', 'f2', 'dose1'] as const)
    if (v[key] > v.staffTotal) fail(key, reportMsg.doses)
  if (v.dose2 > v.dose1) fail('dose2', reportMsg.dose2)
  if (v.booster > v.dose2) fail('booster', reportMsg.booster)
}

/** A unit's report for one day; shared by the form and the main process. */
export const DailyReportInput = z
  .object({
    unitId: z
      .number({ error: reportMsg.unit })
      .int({ error: reportMsg.unit })
      .positive({ error: reportMsg.unit }),
    /** Empty means today (Vietnam). */
    reportDate: day.nullish().transform((v) => v ?? null),
    ...figureShape,
  })
  .superRefine(checkFigures)
export type DailyReportInput = z.input<typeof DailyReportInput>

export const DailyReportUpdateInput = z
  .object({
    id,
    /** The version the user edited; a newer one means someone else saved in between. */
    version: z.number({ error: msg.invalid }).int({ error: msg.invalid }).min(1, { error: msg.invalid }),
    ...figureShape,
  })
  .superRefine(checkFigures)
export type DailyReportUpdateInput = z.input<typeof DailyReportUpdateInput>

export const AdhocReportInput = z.object({
  unitId: id,
  subject: requiredText(300),
  content: requiredText(8000, { multiline: true }),
  f0: count.default(0),
  f1: count.default(0),
  f2: count.default(0),
  reporterName: requiredText(120),
})
export type AdhocReportInput = z.input<typeof AdhocReportInput>

export const ReportIdInput = z.object({ id })
export const BoardQuery = z.object({ date: day.nullish().transform((v) => v ?? null) })
export const DaySummaryInput = z.object({ date: day })
export const PrefillQuery = z.object({ unitId: id, reportDate: day.nullish().transform((v) => v ?? null) })
export const TrendQuery = z.object({ to: day.nullish().transform((v) => v ?? null) })

export const REPORT_KINDS = ['daily', 'adhoc'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]

export const ReportListQuery = z
  .object({
    unitId: id.nullish().transform((v) => v ?? null),
    from: day.nullish().transform((v) => v ?? null),
    to: day.nullish().transform((v) => v ?? null),
    kind: z.enum([...REPORT_KINDS, 'all'], { error: msg.invalid }).default('all'),
    ...paging,
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    error: 'Ngày kết thúc trước ngày bắt đầu',
    path: ['to'],
  })
export type ReportListQuery = z.input<typeof ReportListQuery>

export type Punctuality = 'onTime' | 'late' | 'missing'

/** A report's counts, in the order every form, table and export shows them. */
export const REPORT_COUNT_KEYS = [
  'staffTotal',
  'atOffice',
  'workingFromHome',
  'onLeave',
  'f0',
  'f1',
  'f2',
  'dose1',
  'dose2',
  'booster',
] as const
/** Every figure of a report: the counts, then the text fields. */
export const REPORT_FIGURE_KEYS = [...REPORT_COUNT_KEYS, 'measures', 'issues', 'reporterName'] as const

export interface DailyReportFigures {
  staffTotal: number
  atOffice: number
  workingFromHome: number
  onLeave: number
  f0: number
  f1: number
  f2: number
  dose1: number
  dose2: number
  booster: number
  measures: string | null
  issues: string | null
  reporterName: string
}

export interface DailyReportVersionDto extends DailyReportFigures {
  version: number
  savedAt: string
  savedByName: string | null
}

export interface DailyReportDto extends DailyReportFigures {
  id: number
  unitId: number
  unitName: string
  reportDate: string
  submittedAt: string
  late: boolean
  version: number
  updatedAt: string
  /** Earlier versions, newest first (the current one is the report itself). */
  versions: DailyReportVersionDto[]
}

export interface AdhocReportDto {
  id: number
  unitId: number
  unitName: string
  reportedAt: string
  subject: string
  content: string
  f0: number
  f1: number
  f2: number
  reporterName: string
}

/** One row of the history: a daily report or an ad-hoc one. */
export interface ReportListItem {
  kind: ReportKind
  id: number
  unitId: number
  unitName: string
  reportDate: string
  submittedAt: string
  late: boolean
  version: number
  subject: string | null
  f0: number
  f1: number
  f2: number
  reporterName: string
}

export interface BoardRow {
  unitId: number
  unitCode: string
  unitName: string
  status: Punctuality
  reportId: number | null
  submittedAt: string | null
  version: number | null
  staffTotal: number | null
  f0: number | null
  f1: number | null
  f2: number | null
  reporterName: string | null
}

export interface Board {
  date: string
  /** The main process's clock, so the screen never trusts the PC it runs on. */
  now: string
  isToday: boolean
  /** The day's 15:00 has passed: units still missing are highlighted. */
  deadlinePassed: boolean
  deadline: string
  counts: Record<Punctuality, number>
  totals: { staffTotal: number; f0: number; f1: number; f2: number }
  rows: BoardRow[]
  adhoc: AdhocReportDto[]
}

export interface Prefill {
  reportDate: string
  staffTotal: number | null
  atOffice: number | null
  workingFromHome: number | null
  onLeave: number | null
  dose1: number | null
  dose2: number | null
  booster: number | null
  /** Who sent the unit's last report: usually the same person. */
  reporterName: string | null
  /** Where the figures came from, shown beside the form. */
  source: 'vaccinations' | 'staff' | 'lastReport' | 'none'
  existingReportId: number | null
}

export interface TrendPoint {
  date: string
  f0: number
  f1: number
  onTime: number
  late: number
  missing: number
}
