import { z } from 'zod'
import { vietnamDay } from '../text/dates'
import { isCccdNumber, isCmndNumber, isPassportNumber } from './cccd-qr'
import {
  id,
  msg,
  optionalPhone,
  optionalText,
  paging,
  requiredText,
  searchText,
  text,
  EARLIEST_BIRTH_DATE,
} from '../validation/fields'

export const ID_TYPES = ['cccd', 'cmnd', 'passport', 'none'] as const
export type IdType = (typeof ID_TYPES)[number]
export const GENDERS = ['male', 'female'] as const
export const SYMPTOMS = ['fever', 'cough', 'breathless', 'soreThroat', 'lossOfTasteSmell'] as const
export type Symptom = (typeof SYMPTOMS)[number]

/** Body temperatures outside this range are typing mistakes, not fevers. */
export const TEMPERATURE_RANGE = { min: 34, max: 43 } as const
export const FEVER_FROM = 37.5
/** A check-in time further back than this is a late entry and needs a reason. */
export const LATE_ENTRY_MINUTES = 10
/** A confirmation (watchlist, fever, inside) cannot be passed by an Enter pressed before it was read. */
export const CONFIRM_PAUSE_MS = 600
/** Clocks differ a little between PCs: this much ahead of now still counts as now. */
export const CLOCK_SKEW_MS = 2 * 60_000

export const visitMsg = {
  cccd: 'Số CCCD gồm đúng 12 chữ số',
  cmnd: 'Số CMND gồm đúng 9 chữ số',
  passport: 'Số hộ chiếu gồm 6–9 chữ cái hoặc chữ số (ví dụ C1234567)',
  idRequired: 'Nhập số giấy tờ hoặc chọn “Không có giấy tờ”',
  birthDate: 'Ngày sinh không hợp lệ',
  birthFuture: 'Ngày sinh không thể ở tương lai',
  temperature: `Nhiệt độ phải từ ${TEMPERATURE_RANGE.min} đến ${TEMPERATURE_RANGE.max} °C — có thể đã nhập nhầm`,
  hostUnit: 'Chọn đơn vị đến làm việc',
  hostUnitUnknown: 'Đơn vị này không tồn tại hoặc đã ngừng hoạt động',
  future: 'Giờ vào không thể ở tương lai',
  tooEarly: 'Giờ vào trước năm 2020 — có thể đã nhập nhầm',
  lateReason: `Giờ vào sớm hơn hiện tại quá ${LATE_ENTRY_MINUTES} phút: ghi lý do nhập muộn`,
  refusal: (reasons: string) =>
    `Khách có dấu hiệu cần chuyển y tế (${reasons}). Xác nhận: KHÔNG cho vào và ghi nhận chuyển y tế?`,
  watch: (reason: string) => `Khách thuộc danh sách cần lưu ý: ${reason}. Xác nhận vẫn tiếp nhận?`,
  inside: (since: string) => `Người này đang ở trong cơ quan (vào lúc ${since}). Vẫn đăng ký lượt mới?`,
  visitNotFound: 'Không tìm thấy lượt khách',
  visitorNotFound: 'Không tìm thấy khách',
  outBeforeIn: 'Giờ ra không thể trước giờ vào',
  outFuture: 'Giờ ra không thể ở tương lai',
  alreadyOut: 'Khách đã ra về rồi',
  slipUnknown: 'Mã trên phiếu khách không khớp lượt khách nào: hãy cho ra từ danh sách đang ở trong',
  refusedNoCheckout: 'Lượt khách không được vào nên không có giờ ra',
  reasonRequired: 'Ghi lý do sửa',
  closedNeedsReason: 'Lượt khách đã kết thúc: ghi lý do sửa',
  changedInside: 'Danh sách người đang ở trong đã thay đổi; hãy mở lại để xác nhận',
  watchNeedsKey: 'Nhập số giấy tờ hoặc họ tên',
  issueDate: 'Ngày cấp không hợp lệ',
  temperatureRequired: 'Đo và nhập nhiệt độ của khách',
  symptomsRequired: 'Hỏi khách: có triệu chứng nào không?',
  contactRequired: 'Hỏi khách: có tiếp xúc với ca bệnh không?',
  caseAreaRequired: 'Hỏi khách: có đến từ vùng có ca bệnh không?',
}

export const symptomLabels: Record<Symptom, string> = {
  fever: 'sốt',
  cough: 'ho',
  breathless: 'khó thở',
  soreThroat: 'đau họng',
  lossOfTasteSmell: 'mất vị giác/khứu giác',
}

const isoDateTime = z.iso.datetime({ offset: true, error: msg.invalid })
/** The reception desk opened with the pandemic: an earlier check-in is a typing mistake. */
export const EARLIEST_CHECK_IN = '2020-01-01T00:00:00+07:00'
const checkInTime = isoDateTime.refine((v) => Date.parse(v) >= Date.parse(EARLIEST_CHECK_IN), {
  error: visitMsg.tooEarly,
})
const isoDate = z.iso.date({ error: visitMsg.birthDate })

const idNumber = optionalText(20).transform((v) => (v ? v.replace(/\s+/g, '').toUpperCase() : null))

/** The ID number's shape depends on its type; spaces typed or scanned are dropped. */
function checkIdNumber(v: { idType: IdType; idNumber: string | null }, ctx: z.RefinementCtx): void {
  const fail = (message: string) => ctx.addIssue({ code: 'custom', path: ['idNumber'], message })
  if (v.idType === 'none') return
  if (!v.idNumber) return fail(visitMsg.idRequired)
  if (v.idType === 'cccd' && !isCccdNumber(v.idNumber)) fail(visitMsg.cccd)
  if (v.idType === 'cmnd' && !isCmndNumber(v.idNumber)) fail(visitMsg.cmnd)
  if (v.idType === 'passport' && !isPassportNumber(v.idNumber)) fail(visitMsg.passport)
}

export const VisitorFields = z
  .object({
    fullName: requiredText(120),
    idType: z.enum(ID_TYPES, { error: msg.invalid }),
    idNumber,
    dateOfBirth: isoDate
      .refine((v) => v <= vietnamDay(Date.now()), { error: visitMsg.birthFuture })
      .refine((v) => v >= EARLIEST_BIRTH_DATE, { error: msg.birthTooOld })
      .nullish()
      .transform((v) => v ?? null),
    gender: z
      .enum(GENDERS, { error: msg.invalid })
      .nullish()
      .transform((v) => v ?? null),
    phone: optionalPhone,
    address: optionalText(300),
    organisation: optionalText(200),
    /** From the CCCD's QR: the old CMND number and the card's issue date. */
    oldIdNumber: optionalText(9).refine((v) => v === null || isCmndNumber(v), { error: visitMsg.cmnd }),
    idIssueDate: z.iso
      .date({ error: visitMsg.issueDate })
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine(checkIdNumber)
export type VisitorFields = z.input<typeof VisitorFields>

/** A screening answer left out is null: "not asked", which the screening setting refuses. */
const answer = z
  .boolean({ error: msg.invalid })
  .nullish()
  .transform((v) => v ?? null)

export const HealthDeclaration = z.object({
  temperature: z
    .number({ error: msg.invalid })
    .min(TEMPERATURE_RANGE.min, { error: visitMsg.temperature })
    .max(TEMPERATURE_RANGE.max, { error: visitMsg.temperature })
    .nullish()
    .transform((v) => (v === null || v === undefined ? null : Math.round(v * 10) / 10)),
  /** [] is "no symptom" (asked); null is not asked. */
  symptoms: z
    .array(z.enum(SYMPTOMS, { error: msg.invalid }))
    .max(SYMPTOMS.length * 4)
    .nullish()
    // A symptom ticked twice (a double click, a retried request) is one symptom.
    .transform((v) => (v ? [...new Set(v)] : null)),
  contactWithCase: answer,
  fromCaseArea: answer,
  declaredOnApp: z
    .boolean({ error: msg.invalid })
    .nullish()
    .transform((v) => v ?? null),
})
export type HealthDeclaration = z.input<typeof HealthDeclaration>

export const CheckInInput = z.object({
  visitor: VisitorFields,
  /** A returning visitor whose new phone/address should replace the stored ones (after confirmation). */
  updateVisitor: z.boolean({ error: msg.invalid }).default(false),
  hostUnitId: z
    .number({ error: visitMsg.hostUnit })
    .int({ error: visitMsg.hostUnit })
    .positive({ error: visitMsg.hostUnit }),
  hostPerson: optionalText(120),
  purpose: optionalText(300),
  badgeNumber: optionalText(20),
  /** Empty means now; an earlier time is a late entry and needs `lateReason`. */
  checkedInAt: checkInTime.nullish().transform((v) => v ?? null),
  lateReason: optionalText(300),
  health: HealthDeclaration.default({
    temperature: null,
    symptoms: null,
    contactWithCase: null,
    fromCaseArea: null,
    declaredOnApp: null,
  }),
  maskWorn: z.boolean({ error: msg.invalid }).default(true),
  note: optionalText(1000, { multiline: true }),
  /** Answers to the questions the main process asked the first time (see visitMsg). */
  confirmRefusal: z.boolean().default(false),
  confirmWatch: z.boolean().default(false),
  confirmInside: z.boolean().default(false),
})
export type CheckInInput = z.input<typeof CheckInInput>

/**
 * While the office screens visitors (a reception setting), a check-in needs the temperature and
 * an answer to each screening question. The form and the main process both ask this.
 */
export function screeningGaps(health: z.output<typeof HealthDeclaration>): Record<string, string> {
  const gaps: Record<string, string> = {}
  if (health.temperature === null) gaps['health.temperature'] = visitMsg.temperatureRequired
  if (health.symptoms === null) gaps['health.symptoms'] = visitMsg.symptomsRequired
  if (health.contactWithCase === null) gaps['health.contactWithCase'] = visitMsg.contactRequired
  if (health.fromCaseArea === null) gaps['health.fromCaseArea'] = visitMsg.caseAreaRequired
  return gaps
}

export const CheckOutInput = z.object({
  id,
  /** Empty means now; another time needs a reason. */
  checkedOutAt: isoDateTime.nullish().transform((v) => v ?? null),
  reason: optionalText(300),
})
export type CheckOutInput = z.input<typeof CheckOutInput>

/** The QR of a visitor slip as the desk's scanner typed it (see slip-code.ts). */
export const CheckOutBySlipInput = z.object({ code: z.string().trim().min(1).max(100) })
export type CheckOutBySlipInput = z.input<typeof CheckOutBySlipInput>

/** The ids the user saw in the confirmation: someone who arrived since is not checked out. */
export const CheckOutAllInput = z.object({ ids: z.array(id).min(1).max(5000) })

export const VisitEditInput = z.object({
  id,
  hostUnitId: id,
  hostPerson: optionalText(120),
  purpose: optionalText(300),
  badgeNumber: optionalText(20),
  checkedInAt: checkInTime,
  checkedOutAt: isoDateTime.nullish().transform((v) => v ?? null),
  note: optionalText(1000, { multiline: true }),
  reason: optionalText(300),
})
export type VisitEditInput = z.input<typeof VisitEditInput>

export const InsideQuery = z.object({ hostUnitId: id.nullish() })

export const OUTCOMES = ['admitted', 'refused'] as const
export type Outcome = (typeof OUTCOMES)[number]

export const VisitSearchQuery = z
  .object({
    q: searchText,
    hostUnitId: id.nullish(),
    visitorId: id.nullish(),
    from: z.iso.date({ error: msg.invalid }).nullish(),
    to: z.iso.date({ error: msg.invalid }).nullish(),
    outcome: z.enum([...OUTCOMES, 'all'], { error: msg.invalid }).default('all'),
    ...paging,
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    error: 'Ngày kết thúc trước ngày bắt đầu',
    path: ['to'],
  })
export type VisitSearchQuery = z.input<typeof VisitSearchQuery>

export const VisitorLookupInput = z.object({
  idNumber: text({ error: msg.required })
    .min(1, { error: msg.required })
    .max(20)
    .transform((v) => v.replace(/\s+/g, '').toUpperCase()),
})

export const VisitorSuggestQuery = z.object({
  q: searchText,
  limit: z.number().int().min(1).max(20).default(8),
})

export const VisitorIdInput = z.object({ id })

export const WatchInput = z
  .object({
    idNumber,
    fullName: optionalText(120),
    reason: requiredText(500),
    active: z.boolean({ error: msg.invalid }).default(true),
  })
  .refine((v) => v.idNumber || v.fullName, { error: visitMsg.watchNeedsKey, path: ['idNumber'] })
export type WatchInput = z.input<typeof WatchInput>
export const WatchUpdateInput = WatchInput.and(z.object({ id }))

export const DayListInput = z
  .object({
    from: z.iso.date({ error: msg.invalid }),
    to: z.iso.date({ error: msg.invalid }),
    hostUnitId: id.nullish(),
  })
  .refine((v) => v.from <= v.to, { error: 'Ngày kết thúc trước ngày bắt đầu', path: ['to'] })
  .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= 366 * 86_400_000, {
    error: 'Tối đa một năm mỗi lần xuất',
    path: ['to'],
  })

/** Longest visit the tracing looks back for (visits still open are always included). */
export const TRACE_LOOKBACK_DAYS = 7
/** A refused visitor stood at the gate this long. */
export const REFUSED_VISIT_MINUTES = 15

/**
 * The Ministry of Health's tracing window: from 3 days before symptom onset (or the positive
 * test) to the end of the day of isolation, in Vietnam time.
 */
export function defaultTraceWindow(onset: string, isolation: string): { from: string; to: string } {
  const start = new Date(`${onset}T00:00:00+07:00`).getTime() - 3 * 86_400_000
  const end = new Date(`${isolation}T00:00:00+07:00`).getTime() + 86_400_000
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() }
}

export const TraceInput = z
  .object({
    /** A known visitor who tested positive… */
    visitorId: id.nullish().transform((v) => v ?? null),
    /** …or a case typed in: found by ID number, or exposed at the given units for the whole window. */
    caseName: optionalText(120),
    caseIdNumber: idNumber,
    hostUnitIds: z.array(id).max(200).default([]),
    from: isoDateTime,
    to: isoDateTime,
  })
  .refine((v) => v.visitorId !== null || v.caseIdNumber !== null || v.hostUnitIds.length > 0, {
    error: 'Chọn khách, nhập số giấy tờ của ca bệnh, hoặc chọn các đơn vị ca bệnh đã đến',
    path: ['visitorId'],
  })
  .refine((v) => Date.parse(v.from) < Date.parse(v.to), {
    error: 'Thời gian kết thúc phải sau thời gian bắt đầu',
    path: ['to'],
  })
  .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= 60 * 86_400_000, {
    error: 'Khoảng truy vết tối đa 60 ngày',
    path: ['to'],
  })
export type TraceInput = z.input<typeof TraceInput>

export interface TraceExposure {
  /** The case's own visit, or null for a unit typed in for a case that is not a visitor. */
  visitId: number | null
  hostUnitId: number
  hostUnitName: string
  from: string
  to: string
}

export interface TraceContact {
  visitId: number
  visitorId: number
  fullName: string
  idNumber: string | null
  phone: string | null
  address: string | null
  organisation: string | null
  hostUnitId: number
  hostUnitName: string
  checkedInAt: string
  /** Null: still inside. */
  checkedOutAt: string | null
  /** Closed by the retention purge: out at the end of that day, nobody recorded when. */
  checkOutUnrecorded: boolean
  refused: boolean
  overlapMinutes: number
  /** The case's visit (exposure) it overlapped. */
  exposureVisitId: number | null
}

/** An active staff member of a unit the case visited: to be told and checked too. */
export interface TraceStaff {
  staffId: number
  fullName: string
  position: string | null
  phone: string | null
  unitId: number
  unitName: string
}

export interface TraceResult {
  caseName: string
  exposures: TraceExposure[]
  contacts: TraceContact[]
  unitsTouched: Array<{ id: number; name: string }>
  staff: TraceStaff[]
}

/** A visitor as screens see them: the ID number masked; `visitors:revealIdNumber` (audited) shows it whole. */
export interface VisitorDto {
  id: number
  fullName: string
  idType: IdType
  /** Last 4 digits, as lists show it. */
  idNumberMasked: string | null
  dateOfBirth: string | null
  gender: 'male' | 'female' | null
  phone: string | null
  address: string | null
  organisation: string | null
  /** The old CMND number, masked like the card's. */
  oldIdNumberMasked: string | null
  idIssueDate: string | null
  anonymised: boolean
}

export interface VisitDto {
  id: number
  visitorId: number
  visitorName: string
  idType: IdType
  /** Masked (last 4 digits) in lists. */
  idNumberMasked: string | null
  phone: string | null
  organisation: string | null
  hostUnitId: number
  hostUnitName: string
  hostPerson: string | null
  purpose: string | null
  badgeNumber: string | null
  checkedInAt: string
  lateReason: string | null
  checkedOutAt: string | null
  checkOutKind: 'manual' | 'closing' | 'automatic' | null
  checkOutReason: string | null
  /** Closed by the retention purge a day after check-in: nobody recorded the time out. */
  checkOutUnrecorded: boolean
  outcome: Outcome
  refusalReasons: string | null
  temperature: number | null
  symptoms: Symptom[]
  contactWithCase: boolean
  fromCaseArea: boolean
  declaredOnApp: boolean | null
  maskWorn: boolean
  watchReason: string | null
  note: string | null
}

export interface InsideList {
  count: number
  items: VisitDto[]
}

export interface VisitorLookup {
  visitor: VisitorDto | null
  lastHostUnitId: number | null
  /** Their visit still open (admitted, not checked out): the desk offers to check them out. */
  insideVisit: VisitDto | null
}

export interface VisitorHistory {
  visitor: VisitorDto
  visits: VisitDto[]
}

export interface RevealedIdNumber {
  idNumber: string | null
  oldIdNumber: string | null
}

/** A watchlist entry as listed: the ID number masked like every other list. */
export interface WatchDto {
  id: number
  idNumberMasked: string | null
  fullName: string | null
  reason: string
  active: boolean
  createdAt: string
}

/** One entry opened to edit it: the whole ID number. */
export interface WatchEntryDto extends WatchDto {
  idNumber: string | null
}
