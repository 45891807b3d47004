import { z } from 'zod'
import { id, msg, optionalText, paging, requiredText, searchText } from '../validation/fields'
import { todayInVietnam } from '../staff/schemas'
import { ImportFileInput } from '../imports/schemas'

export const DOSES = [1, 2, 3, 4, 5] as const
export type Dose = (typeof DOSES)[number]
export const doseLabels: Record<Dose, string> = {
  1: 'Mũi 1',
  2: 'Mũi 2',
  3: 'Mũi 3 (nhắc lại lần 1)',
  4: 'Mũi 4 (nhắc lại lần 2)',
  5: 'Mũi 5',
}

export const VACCINATION_STATUSES = [
  'registered',
  'vaccinated',
  'postponed',
  'contraindicated',
  'declined',
] as const
export type VaccinationStatus = (typeof VACCINATION_STATUSES)[number]
export const statusLabels: Record<VaccinationStatus, string> = {
  registered: 'Đã đăng ký',
  vaccinated: 'Đã tiêm',
  postponed: 'Hoãn tiêm',
  contraindicated: 'Chống chỉ định',
  declined: 'Không đăng ký',
}
/** Statuses that put someone on the schedule: refused while a contraindication stands. */
export const SCHEDULED_STATUSES: readonly VaccinationStatus[] = ['registered', 'vaccinated']

export const ANSWERS = ['yes', 'no', 'unknown'] as const
export type Answer = (typeof ANSWERS)[number]
export const answerLabels: Record<Answer, string> = { yes: 'Có', no: 'Không', unknown: 'Không rõ' }

export const SCREENING_QUESTIONS = [
  'covid90Days',
  'anaphylaxis',
  'pregnantOrNursing',
  'underlyingConditions',
] as const
export type ScreeningQuestion = (typeof SCREENING_QUESTIONS)[number]
export const screeningLabels: Record<ScreeningQuestion, string> = {
  covid90Days: 'Mắc COVID-19 trong 90 ngày qua',
  anaphylaxis: 'Phản vệ sau mũi tiêm trước',
  pregnantOrNursing: 'Đang mang thai hoặc cho con bú',
  underlyingConditions: 'Có bệnh nền',
}

export const vaccineMsg = {
  dateInvalid: 'Ngày không hợp lệ',
  future: 'Ngày tiêm không thể ở tương lai',
  deadlineBeforeOpen: 'Hạn gửi phải từ ngày mở đợt trở đi',
  roundNotFound: 'Không tìm thấy đợt đăng ký',
  roundClosed: 'Đợt đăng ký đã khoá: mở lại đợt trước khi sửa',
  registrationNotFound: 'Không tìm thấy phiếu đăng ký',
  staffUnknown: 'Chọn cán bộ đang công tác',
  alreadyInRound: (round: string) => `Cán bộ này đã có phiếu trong ${round}`,
  doseGiven: (dose: string, day: string) => `${dose} đã tiêm ngày ${day}: không tiêm cùng một mũi hai lần`,
  missingPrevious: (dose: string) =>
    `Chưa có thông tin ${dose.toLowerCase()}: ghi vắc xin và ngày tiêm mũi trước`,
  beforePrevious: (dose: string, day: string) => `Ngày tiêm phải sau ${dose.toLowerCase()} (${day})`,
  afterNext: (dose: string, day: string) => `Ngày tiêm phải trước ${dose.toLowerCase()} (${day})`,
  priorConflict: (dose: string, day: string) => `${dose} đã ghi nhận ngày ${day}`,
  priorNotBefore: 'Các mũi trước phải là mũi nhỏ hơn mũi đăng ký',
  priorDuplicate: 'Mỗi mũi chỉ ghi một lần',
  vaccinatedOnRequired: 'Ghi ngày tiêm',
  vaccinatedOnOnly: 'Chỉ ghi ngày tiêm khi trạng thái là "Đã tiêm"',
  reasonRequired: 'Ghi lý do',
  contraindicated: (where: string) =>
    `Người này đang có chống chỉ định (${where}): phải xoá chống chỉ định, có lý do, trước khi xếp lịch tiêm`,
  notContraindicated: 'Phiếu này không có chống chỉ định cần xoá',
  vaccineUnknown: 'Chọn vắc xin trong danh sách',
  groupUnknown: 'Chọn nhóm ưu tiên trong danh sách',
  nameTaken: 'Tên này đã có trong danh sách',
  reactionNote: 'Mô tả phản ứng sau tiêm',
  lotExpired: 'Lô vắc xin đã hết hạn trước ngày tiêm',
}

const isoDay = z.iso.date({ error: vaccineMsg.dateInvalid })
const optionalDay = z
  .string({ error: vaccineMsg.dateInvalid })
  .trim()
  .nullish()
  .transform((v) => (v ? v : null))
  .pipe(isoDay.nullable())
const pastDay = isoDay.refine((v) => v <= todayInVietnam(), { error: vaccineMsg.future })
const dose = z
  .number({ error: msg.invalid })
  .int({ error: msg.invalid })
  .refine((v): v is Dose => (DOSES as readonly number[]).includes(v), { error: 'Chọn mũi trong danh sách' })
  .transform((v) => v as Dose)
const answer = z.enum(ANSWERS, { error: msg.invalid }).default('unknown')
const optionalId = id.nullish().transform((v) => v ?? null)

// ------------------------------------------------------------------ editable lists

export const CatalogInput = z.object({
  id: optionalId,
  name: requiredText(200),
  active: z.boolean({ error: msg.invalid }).default(true),
})
export type CatalogInput = z.input<typeof CatalogInput>

export interface CatalogItem {
  id: number
  name: string
  active: boolean
  builtin: boolean
}

// ------------------------------------------------------------------ rounds

export const RoundInput = z
  .object({
    id: optionalId,
    name: requiredText(200),
    documentRef: optionalText(120),
    openedOn: isoDay,
    deadline: isoDay,
    closed: z.boolean({ error: msg.invalid }).default(false),
    note: optionalText(1000, { multiline: true }),
  })
  .refine((v) => v.deadline >= v.openedOn, { error: vaccineMsg.deadlineBeforeOpen, path: ['deadline'] })
export type RoundInput = z.input<typeof RoundInput>

export interface RoundDto {
  id: number
  name: string
  documentRef: string | null
  openedOn: string
  deadline: string
  closed: boolean
  note: string | null
  registrations: number
  unitsResponded: number
}

export const RoundIdInput = z.object({ roundId: id })

export const UnitSubmissionInput = z.object({
  roundId: id,
  unitId: id,
  /** False takes the answer back (entered by mistake). */
  submitted: z.boolean({ error: msg.invalid }),
  note: optionalText(300),
})

// ------------------------------------------------------------------ registrations

export const PriorDose = z.object({
  dose,
  vaccineId: optionalId,
  givenOn: pastDay,
})
export type PriorDose = z.input<typeof PriorDose>

const registrationFields = {
  dose,
  vaccineId: optionalId,
  priorityGroupId: optionalId,
  occupation: optionalText(120),
  insuranceNumber: optionalText(20).refine((v) => v === null || /^[A-Z]{2}\d{13}$|^\d{10}$/.test(v), {
    error: 'Số thẻ BHYT gồm 2 chữ cái và 13 chữ số (hoặc mã số BHXH 10 chữ số)',
  }),
  desiredOn: optionalDay,
  covid90Days: answer,
  anaphylaxis: answer,
  pregnantOrNursing: answer,
  underlyingConditions: answer,
  conditionsNote: optionalText(300),
  priorDoses: z.array(PriorDose).max(4).default([]),
  status: z.enum(VACCINATION_STATUSES, { error: msg.invalid }).default('registered'),
  statusReason: optionalText(300),
  vaccinatedOn: optionalDay.refine((v) => v === null || v <= todayInVietnam(), { error: vaccineMsg.future }),
  site: optionalText(200),
  lotNumber: optionalText(40),
  lotExpiry: optionalDay,
  reaction: z
    .boolean({ error: msg.invalid })
    .nullish()
    .transform((v) => v ?? null),
  reactionNote: optionalText(500),
  note: optionalText(1000, { multiline: true }),
}

type Fields = {
  dose: number
  status: VaccinationStatus
  statusReason: string | null
  vaccinatedOn: string | null
  priorDoses: Array<{ dose: number }>
  reaction: boolean | null
  reactionNote: string | null
  lotExpiry: string | null
}

/** Rules inside one form; rules that need the store (dose order, contraindication) are in main. */
function checkFields(v: Fields, ctx: z.RefinementCtx): void {
  const fail = (path: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: path.split('.'), message })
  if (v.status === 'vaccinated' && !v.vaccinatedOn) fail('vaccinatedOn', vaccineMsg.vaccinatedOnRequired)
  if (v.status !== 'vaccinated' && v.vaccinatedOn) fail('vaccinatedOn', vaccineMsg.vaccinatedOnOnly)
  if (!SCHEDULED_STATUSES.includes(v.status) && !v.statusReason)
    fail('statusReason', vaccineMsg.reasonRequired)
  if (v.reaction && !v.reactionNote) fail('reactionNote', vaccineMsg.reactionNote)
  if (v.vaccinatedOn && v.lotExpiry && v.lotExpiry < v.vaccinatedOn) fail('lotExpiry', vaccineMsg.lotExpired)
  const seen = new Set<number>()
  v.priorDoses.forEach((p, i) => {
    if (p.dose >= v.dose) fail(`priorDoses.${i}.dose`, vaccineMsg.priorNotBefore)
    if (seen.has(p.dose)) fail(`priorDoses.${i}.dose`, vaccineMsg.priorDuplicate)
    seen.add(p.dose)
  })
}

export const RegistrationInput = z
  .object({
    roundId: id,
    staffId: z.number({ error: vaccineMsg.staffUnknown }).int().positive(),
    ...registrationFields,
  })
  .superRefine(checkFields)
export type RegistrationInput = z.input<typeof RegistrationInput>

/** The round and the person stay; everything else may change. */
export const RegistrationUpdateInput = z.object({ id, ...registrationFields }).superRefine(checkFields)
export type RegistrationUpdateInput = z.input<typeof RegistrationUpdateInput>

export const RegistrationIdInput = z.object({ id })

export const ClearContraindicationInput = z.object({
  id,
  reason: requiredText(300),
})

export const RegistrationListQuery = z.object({
  roundId: id,
  unitId: id.nullish(),
  status: z.enum(VACCINATION_STATUSES, { error: msg.invalid }).nullish(),
  dose: dose.nullish(),
  q: searchText,
  ...paging,
})
export type RegistrationListQuery = z.input<typeof RegistrationListQuery>

export const RoundExportQuery = z.object({ roundId: id, unitId: id.nullish() })

export const StaffDosesInput = z.object({ staffId: id })

/** A unit's list for a round, as an .xlsx file. */
export const VaccinationImportInput = ImportFileInput.extend({ roundId: id, unitId: id })
export type VaccinationImportInput = z.input<typeof VaccinationImportInput>

export interface DoseDto {
  dose: Dose
  vaccineId: number | null
  vaccineName: string | null
  givenOn: string
  /** Given through a registration (not only declared). */
  registrationId: number | null
}

export interface RegistrationDto {
  id: number
  roundId: number
  staffId: number
  staffName: string
  idNumber: string
  dateOfBirth: string | null
  gender: 'male' | 'female' | null
  phone: string | null
  position: string | null
  unitId: number
  unitName: string
  dose: Dose
  vaccineId: number | null
  vaccineName: string | null
  priorityGroupId: number | null
  priorityGroupName: string | null
  occupation: string | null
  insuranceNumber: string | null
  desiredOn: string | null
  covid90Days: Answer
  anaphylaxis: Answer
  pregnantOrNursing: Answer
  underlyingConditions: Answer
  conditionsNote: string | null
  status: VaccinationStatus
  statusReason: string | null
  vaccinatedOn: string | null
  site: string | null
  lotNumber: string | null
  lotExpiry: string | null
  reaction: boolean | null
  reactionNote: string | null
  contraindicationClearedAt: string | null
  contraindicationClearedReason: string | null
  note: string | null
  updatedAt: string
}

export interface RegistrationDetail extends RegistrationDto {
  /** Every dose the person has, this one included once given. */
  doses: DoseDto[]
}

export interface ConsolidationCell {
  unitId: number
  status: VaccinationStatus
  dose: Dose
  count: number
}

export interface UnitResponse {
  unitId: number
  unitName: string
  submittedAt: string | null
  /** Received after the end of the deadline day (Vietnam time). */
  late: boolean
  registrations: number
}

export interface Consolidation {
  round: RoundDto
  /** Before the deadline has passed, `missing` means "not yet". */
  deadlinePassed: boolean
  cells: ConsolidationCell[]
  /** Every active unit with its answer; `missing` lists those without one by the deadline. */
  units: UnitResponse[]
  missing: UnitResponse[]
  totals: {
    registrations: number
    byStatus: Record<VaccinationStatus, number>
    byDose: Record<string, number>
  }
}
