import { z } from 'zod'
import { id, msg, optionalText, paging, requiredText, searchText, text } from '../validation/fields'

export const PLAN_KINDS = ['inspection', 'supervision'] as const
export type PlanKind = (typeof PLAN_KINDS)[number]
export const TEAM_ROLES = ['head', 'deputy', 'member', 'secretary'] as const
export type TeamRole = (typeof TEAM_ROLES)[number]
export const ITEM_RESULTS = ['pass', 'fail', 'na'] as const
export type ItemResult = (typeof ITEM_RESULTS)[number]
export const SEVERITIES = ['serious', 'fix', 'remind'] as const
export type Severity = (typeof SEVERITIES)[number]
export const OFFENDER_KINDS = ['person', 'unit'] as const
export type OffenderKind = (typeof OFFENDER_KINDS)[number]
export const HANDLING_STATES = ['proposed', 'decided'] as const
export type HandlingState = (typeof HANDLING_STATES)[number]
export const FOLLOW_UP_STATES = ['open', 'in_progress', 'done'] as const
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number]

/** Words printed in the minutes and shown on screen. */
export const planKindLabels: Record<PlanKind, string> = { inspection: 'Kiểm tra', supervision: 'Giám sát' }
export const teamRoleLabels: Record<TeamRole, string> = {
  head: 'Trưởng đoàn',
  deputy: 'Phó Trưởng đoàn',
  member: 'Thành viên',
  secretary: 'Thư ký',
}
export const resultLabels: Record<ItemResult, string> = {
  pass: 'Đạt',
  fail: 'Chưa đạt',
  na: 'Không áp dụng',
}
export const severityLabels: Record<Severity, string> = {
  serious: 'Nghiêm trọng',
  fix: 'Cần khắc phục',
  remind: 'Nhắc nhở',
}
export const followUpLabels: Record<FollowUpState, string> = {
  open: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done: 'Đã khắc phục',
}

export const inspectionMsg = {
  planNotFound: 'Không tìm thấy kế hoạch',
  inspectionNotFound: 'Không tìm thấy cuộc kiểm tra',
  templateNotFound: 'Không tìm thấy mẫu phiếu kiểm tra',
  unitUnknown: 'Đơn vị không tồn tại',
  unitRequired: 'Chọn đơn vị được kiểm tra',
  numberRequired: 'Nhập số kế hoạch (số nguyên dương)',
  oneHead: 'Đoàn phải có đúng một Trưởng đoàn',
  periodOrder: 'Ngày kết thúc phải sau ngày bắt đầu',
  timeOrder: 'Giờ kết thúc phải sau giờ bắt đầu',
  time: 'Nhập giờ dạng HH:mm, ví dụ 08:30',
  percent: 'Tỷ lệ từ 1 đến 100%',
  severityOnlyWhenFailed: 'Chỉ ghi mức độ khi kết quả là “Chưa đạt”',
  severityRequired: 'Chọn mức độ cho nội dung chưa đạt',
  finalised: 'Biên bản đã hoàn thành và bị khóa; muốn sửa hãy lập bản đính chính có lý do',
  notFinalised: 'Chỉ đính chính được biên bản đã hoàn thành',
  unanswered: (n: number) => `Còn ${n} nội dung chưa đánh giá: chọn Đạt, Chưa đạt hoặc Không áp dụng`,
  itemsMismatch: 'Danh sách nội dung kiểm tra không khớp; hãy tải lại',
  reasonRequired: 'Ghi lý do đính chính',
  photoType: 'Chỉ nhận ảnh JPEG hoặc PNG',
  photoSize: 'Ảnh không quá 700 KB',
  photoTarget: 'Ảnh phải gắn với một nội dung kiểm tra hoặc một vi phạm của biên bản này',
  photoNotFound: 'Không tìm thấy ảnh',
  documentType: 'Chỉ nhận tệp PDF, JPEG hoặc PNG (xét theo nội dung tệp, không theo tên)',
  documentSize: 'Tệp không quá 20 MB',
  scanNotFinalised: 'Chỉ đính kèm bản ký vào biên bản đã hoàn thành',
  evidenceNotFinalised: 'Chỉ đính kèm minh chứng khi biên bản đã hoàn thành',
  documentNotFound: 'Không tìm thấy tệp đính kèm',
  evidenceKept: 'Kiến nghị đã có tệp minh chứng không xóa được trong bản đính chính',
  recommendationNotFound: 'Không tìm thấy kiến nghị',
  dueBeforeInspection: 'Hạn thực hiện không được trước ngày kiểm tra',
  statusDate: 'Ghi ngày khắc phục',
  planNumberTaken: 'Số kế hoạch này đã có',
  versionNotFound: 'Không có phiên bản này của biên bản',
  noItems: 'Mẫu phiếu phải có ít nhất một nội dung',
  copies: 'Số bản biên bản từ 2 đến 20',
}

const isoDate = z.iso.date({ error: 'Ngày không hợp lệ' })
const optionalDate = isoDate.nullish().transform((v) => v ?? null)
const hhmm = z
  .string({ error: inspectionMsg.time })
  .trim()
  .refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), { error: inspectionMsg.time })
const optionalId = id.nullish().transform((v) => v ?? null)

// ------------------------------------------------------------------------------------ teams

export const TeamMemberInput = z.object({
  role: z.enum(TEAM_ROLES, { error: msg.invalid }),
  fullName: requiredText(120),
  title: optionalText(120),
  /** Picked from units, or typed (a member from another body). */
  unitId: optionalId,
  unitName: optionalText(200),
})
export type TeamMemberInput = z.input<typeof TeamMemberInput>

const team = z
  .array(TeamMemberInput)
  .max(30)
  .superRefine((members, ctx) => {
    if (members.filter((m) => m.role === 'head').length !== 1)
      ctx.addIssue({ code: 'custom', message: inspectionMsg.oneHead })
  })

// ------------------------------------------------------------------------------------ plans

export const PlanTargetInput = z.object({
  label: requiredText(200),
  /** Units of this kind, optionally only those under one parent (the communes of a district). */
  kindCode: text({ error: msg.required }).min(1, { error: msg.required }).max(40),
  parentUnitId: optionalId,
  percent: z
    .number({ error: inspectionMsg.percent })
    .int({ error: inspectionMsg.percent })
    .min(1, { error: inspectionMsg.percent })
    .max(100, { error: inspectionMsg.percent }),
})

const planPeriod = (v: { periodFrom: string; periodTo: string | null }) =>
  !v.periodTo || v.periodTo >= v.periodFrom

/** A plan's team is optional; once there is one, it has exactly one head. */
const planTeam = z
  .array(TeamMemberInput)
  .max(30)
  .default([])
  .superRefine((members, ctx) => {
    if (members.length && members.filter((m) => m.role === 'head').length !== 1)
      ctx.addIssue({ code: 'custom', message: inspectionMsg.oneHead })
  })

const planFields = {
  number: z
    .number({ error: inspectionMsg.numberRequired })
    .int({ error: inspectionMsg.numberRequired })
    .min(1, { error: inspectionMsg.numberRequired })
    .max(999_999, { error: inspectionMsg.numberRequired }),
  /** `KH-STP`: the type and the issuer after the number. */
  symbol: requiredText(30).refine((v) => /^[\p{Lu}0-9Đ-]+$/u.test(v), {
    error: 'Ký hiệu viết hoa, không dấu cách (ví dụ KH-STP)',
  }),
  issuedOn: isoDate,
  title: requiredText(300),
  purpose: optionalText(4000, { multiline: true }),
  kind: z.enum(PLAN_KINDS, { error: msg.invalid }),
  periodFrom: isoDate,
  /** Null: "until the situation is stable". */
  periodTo: optionalDate,
  unitIds: z.array(id).max(2000).default([]),
  targets: z.array(PlanTargetInput).max(50).default([]),
  team: planTeam,
}

export const PlanInput = z
  .object(planFields)
  .refine(planPeriod, { error: inspectionMsg.periodOrder, path: ['periodTo'] })
export type PlanInput = z.input<typeof PlanInput>

export const PlanUpdateInput = z
  .object({ ...planFields, id })
  .refine(planPeriod, { error: inspectionMsg.periodOrder, path: ['periodTo'] })
export type PlanUpdateInput = z.input<typeof PlanUpdateInput>

export const IdInput = z.object({ id })

export const PlanListQuery = z.object({ q: searchText, ...paging })

export interface TeamMemberDto {
  role: TeamRole
  fullName: string
  title: string | null
  unitId: number | null
  unitName: string | null
}

export interface PlanTargetDto {
  label: string
  kindCode: string
  parentUnitId: number | null
  percent: number
  /** Units of the kind (under the parent), active. */
  unitCount: number
  /** ceil(percent × unitCount). */
  targeted: number
  /** Of those, units with finalised minutes under this plan. */
  inspected: number
}

export interface PlanSummaryDto {
  id: number
  number: number
  symbol: string
  /** `1023/KH-STP` */
  reference: string
  issuedOn: string
  title: string
  kind: PlanKind
  periodFrom: string
  periodTo: string | null
  unitCount: number
  inspectedCount: number
}

export interface PlanDto extends PlanSummaryDto {
  purpose: string | null
  unitIds: number[]
  targets: PlanTargetDto[]
  team: TeamMemberDto[]
  /** Units in scope without finalised minutes under this plan. */
  dueUnits: Array<{ id: number; name: string }>
}

// ------------------------------------------------------------------------------------ templates

export const TemplateItemInput = z.object({
  section: requiredText(200),
  text: requiredText(500),
})

export const TemplateInput = z.object({
  /** Editing an existing template makes its next version; the old one stays as it was. */
  baseId: optionalId,
  name: requiredText(200),
  items: z.array(TemplateItemInput).min(1, { error: inspectionMsg.noItems }).max(200),
})
export type TemplateInput = z.input<typeof TemplateInput>

export interface TemplateDto {
  id: number
  code: string
  version: number
  name: string
  latest: boolean
  items: Array<{ section: string; text: string }>
}

// ------------------------------------------------------------------------------------ inspections

export const RepresentativeInput = z.object({ fullName: requiredText(120), title: optionalText(120) })

/** Copies of the minutes (the closing words print "lập thành 02 bản"): one for each side at least. */
export const MINUTES_COPIES_DEFAULT = 2
const copies = z
  .number({ error: inspectionMsg.copies })
  .int({ error: inspectionMsg.copies })
  .min(2, { error: inspectionMsg.copies })
  .max(20, { error: inspectionMsg.copies })
  .default(MINUTES_COPIES_DEFAULT)

export const ItemInput = z
  .object({
    id,
    result: z
      .enum(ITEM_RESULTS, { error: msg.invalid })
      .nullish()
      .transform((v) => v ?? null),
    note: optionalText(2000, { multiline: true }),
    severity: z
      .enum(SEVERITIES, { error: msg.invalid })
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((v, ctx) => {
    if (v.severity && v.result !== 'fail')
      ctx.addIssue({ code: 'custom', path: ['severity'], message: inspectionMsg.severityOnlyWhenFailed })
    if (!v.severity && v.result === 'fail')
      ctx.addIssue({ code: 'custom', path: ['severity'], message: inspectionMsg.severityRequired })
  })

export const ViolationInput = z.object({
  id: optionalId,
  offenderKind: z.enum(OFFENDER_KINDS, { error: msg.invalid }),
  offender: requiredText(200),
  description: requiredText(2000, { multiline: true }),
  handling: optionalText(2000, { multiline: true }),
  handlingState: z.enum(HANDLING_STATES, { error: msg.invalid }).default('proposed'),
})

export const RecommendationInput = z.object({
  id: optionalId,
  content: requiredText(2000, { multiline: true }),
  ownerUnitId: optionalId,
  ownerName: optionalText(200),
  dueDate: optionalDate,
})

const inspectionFields = {
  planId: optionalId,
  unitId: z
    .number({ error: inspectionMsg.unitRequired })
    .int({ error: inspectionMsg.unitRequired })
    .positive({ error: inspectionMsg.unitRequired }),
  kind: z.enum(PLAN_KINDS, { error: msg.invalid }),
  unannounced: z.boolean({ error: msg.invalid }).default(false),
  date: isoDate,
  startTime: hhmm,
  endTime: hhmm.nullish().transform((v) => v ?? null),
  location: optionalText(300),
  team,
  representatives: z.array(RepresentativeInput).max(20).default([]),
  copies,
}

export const InspectionCreateInput = z
  .object({ ...inspectionFields, templateId: optionalId })
  .refine((v) => !v.endTime || v.endTime > v.startTime, {
    error: inspectionMsg.timeOrder,
    path: ['endTime'],
  })
export type InspectionCreateInput = z.input<typeof InspectionCreateInput>

const updateFields = {
  ...inspectionFields,
  id,
  items: z.array(ItemInput).max(300),
  strengths: optionalText(8000, { multiline: true }),
  shortcomings: optionalText(8000, { multiline: true }),
  violations: z.array(ViolationInput).max(100).default([]),
  recommendations: z.array(RecommendationInput).max(100).default([]),
  conclusion: optionalText(8000, { multiline: true }),
}

/** A recommendation cannot fall due before the inspection that made it. */
function dueDatesAfterInspection(
  v: { date: string; recommendations: Array<{ dueDate: string | null }> },
  ctx: z.RefinementCtx,
): void {
  v.recommendations.forEach((r, i) => {
    if (r.dueDate && r.dueDate < v.date)
      ctx.addIssue({
        code: 'custom',
        message: inspectionMsg.dueBeforeInspection,
        path: ['recommendations', i, 'dueDate'],
      })
  })
}

export const InspectionUpdateInput = z
  .object(updateFields)
  .refine((v) => !v.endTime || v.endTime > v.startTime, {
    error: inspectionMsg.timeOrder,
    path: ['endTime'],
  })
  .superRefine(dueDatesAfterInspection)
export type InspectionUpdateInput = z.input<typeof InspectionUpdateInput>

export const InspectionCorrectInput = z
  .object({ ...updateFields, reason: requiredText(1000, { multiline: true }) })
  .refine((v) => !v.endTime || v.endTime > v.startTime, { error: inspectionMsg.timeOrder, path: ['endTime'] })
  .superRefine(dueDatesAfterInspection)
export type InspectionCorrectInput = z.input<typeof InspectionCorrectInput>

export const InspectionListQuery = z
  .object({
    planId: optionalId,
    unitId: optionalId,
    from: optionalDate,
    to: optionalDate,
    status: z.enum(['draft', 'final', 'all'], { error: msg.invalid }).default('all'),
    /** Finalised minutes with every applicable item met, or with at least one not met. */
    result: z.enum(['met', 'notMet', 'all'], { error: msg.invalid }).default('all'),
    ...paging,
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { error: inspectionMsg.periodOrder, path: ['to'] })

export const MinutesPdfInput = z.object({ id, version: z.number().int().min(1).max(1000).nullish() })

export const MAX_PHOTO_BYTES = 700_000
export const PhotoInput = z
  .object({
    inspectionId: id,
    itemId: optionalId,
    violationId: optionalId,
    caption: optionalText(300),
    fileName: requiredText(200),
    /** The file's bytes, base64: the same shape crosses IPC and the preview's JSON. */
    base64: z
      .string({ error: msg.invalid })
      .min(1, { error: msg.required })
      .max(Math.ceil(MAX_PHOTO_BYTES / 3) * 4 + 4, { error: inspectionMsg.photoSize })
      .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v), { error: inspectionMsg.photoType }),
  })
  .refine((v) => (v.itemId === null) !== (v.violationId === null), {
    error: inspectionMsg.photoTarget,
    path: ['itemId'],
  })
export type PhotoInput = z.input<typeof PhotoInput>

export const FollowUpInput = z
  .object({
    id,
    status: z.enum(FOLLOW_UP_STATES, { error: msg.invalid }),
    statusDate: optionalDate,
    evidence: optionalText(2000, { multiline: true }),
  })
  .refine((v) => v.status !== 'done' || v.statusDate !== null, {
    error: inspectionMsg.statusDate,
    path: ['statusDate'],
  })
export type FollowUpInput = z.input<typeof FollowUpInput>

export const DOCUMENT_KINDS = ['signed_scan', 'evidence'] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const
export type DocumentType = (typeof DOCUMENT_TYPES)[number]
/** A signed scan or an evidence file: a multi-page scan at office resolution fits. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
const documentFields = {
  fileName: requiredText(200),
  /** The file's bytes, base64; its type is read from them in main, never from the name. */
  base64: z
    .string({ error: msg.invalid })
    .min(1, { error: msg.required })
    .max(Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4 + 4, { error: inspectionMsg.documentSize })
    .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v), { error: inspectionMsg.documentType }),
}
export const SignedScanInput = z.object({ inspectionId: id, ...documentFields })
export type SignedScanInput = z.input<typeof SignedScanInput>
export const EvidenceInput = z.object({ recommendationId: id, ...documentFields })
export type EvidenceInput = z.input<typeof EvidenceInput>

export interface DocumentDto {
  id: number
  fileName: string
  mimeType: DocumentType
  byteSize: number
  createdAt: string
  /** Who attached it (the account's display name), null once the account is gone. */
  createdByName: string | null
}

export const OverdueQuery = z.object({ asOf: optionalDate, ...paging })

export interface ChecklistItemDto {
  id: number
  section: string
  text: string
  result: ItemResult | null
  note: string | null
  severity: Severity | null
  photos: PhotoDto[]
}

export interface PhotoDto {
  id: number
  caption: string | null
  mimeType: string
}

export interface ViolationDto {
  id: number
  offenderKind: OffenderKind
  offender: string
  description: string
  handling: string | null
  handlingState: HandlingState
  photos: PhotoDto[]
}

export interface RecommendationDto {
  id: number
  inspectionId: number
  content: string
  ownerUnitId: number | null
  ownerName: string | null
  dueDate: string | null
  status: FollowUpState
  statusDate: string | null
  evidence: string | null
  evidenceFiles: DocumentDto[]
}

export interface MinutesVersionDto {
  version: number
  reason: string | null
  finalisedAt: string
}

export interface InspectionDto {
  id: number
  planId: number | null
  planReference: string | null
  unitId: number
  unitName: string
  kind: PlanKind
  unannounced: boolean
  date: string
  startTime: string
  endTime: string | null
  location: string | null
  team: TeamMemberDto[]
  representatives: Array<{ fullName: string; title: string | null }>
  /** Copies of the minutes made. */
  copies: number
  templateId: number | null
  templateName: string | null
  templateVersion: number | null
  items: ChecklistItemDto[]
  strengths: string | null
  shortcomings: string | null
  violations: ViolationDto[]
  recommendations: RecommendationDto[]
  conclusion: string | null
  status: 'draft' | 'final'
  minutesYear: number | null
  minutesNumber: number | null
  versions: MinutesVersionDto[]
  /** The signed paper minutes, scanned (finalised minutes only). */
  signedScans: DocumentDto[]
  /** % of applicable items met; null while none is answered. */
  score: number | null
}

export interface InspectionSummaryDto {
  id: number
  planId: number | null
  planReference: string | null
  unitId: number
  unitName: string
  kind: PlanKind
  unannounced: boolean
  date: string
  status: 'draft' | 'final'
  minutesNumber: number | null
  minutesYear: number | null
  score: number | null
  failedCount: number
  signedScanCount: number
}

export interface OverdueRecommendationDto extends RecommendationDto {
  unitName: string
  inspectionDate: string
  minutesNumber: number | null
  minutesYear: number | null
  daysOverdue: number
}

/** % of applicable items met (Không áp dụng left out); null while none is answered. */
export function scoreOf(results: Array<ItemResult | null>): number | null {
  const pass = results.filter((r) => r === 'pass').length
  const applicable = pass + results.filter((r) => r === 'fail').length
  return applicable ? Math.round((pass / applicable) * 1000) / 10 : null
}
