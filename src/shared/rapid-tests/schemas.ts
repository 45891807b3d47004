import { z } from 'zod'
import { id, msg, optionalText } from '../validation/fields'

export const rapidMsg = {
  percent: 'Tỷ lệ lấy mẫu từ 3 đến 5%',
  poolSize: 'Mỗi mẫu gộp từ 2 đến 10 mẫu',
  weekStart: 'Chọn ngày thứ Hai đầu tuần',
  futureWeek: 'Không thể chọn mẫu cho tuần chưa đến',
  seed: 'Mã tái lập là số nguyên từ 0 đến 4294967295',
  alreadyDrawn: 'Tuần này đã chọn mẫu; mở đợt đó để xem',
  noStaff: 'Chưa có cán bộ đang làm việc nào để chọn mẫu',
  roundNotFound: 'Không tìm thấy đợt test nhanh',
  poolNotFound: 'Không tìm thấy mẫu gộp',
  sampleNotFound: 'Không tìm thấy người trong đợt test',
  hasResults: 'Đợt đã có kết quả xét nghiệm nên không huỷ được',
  nothingToPool: 'Mọi mẫu đã được xếp vào mẫu gộp',
  visitorOutsideWeek: 'Khách này không đến cơ quan trong tuần của đợt test',
  visitorTwice: 'Khách đã có trong đợt test',
  poolHasIndividuals:
    'Đã có kết quả xét nghiệm riêng của người trong mẫu gộp này; không sửa kết quả mẫu gộp được',
  notPositivePool: 'Chỉ xét nghiệm riêng người thuộc mẫu gộp dương tính',
  unitUnknown: 'Đơn vị này không tồn tại',
  checkedFuture: 'Ngày kiểm tra không thể ở tương lai',
}

export const RapidTestSettings = z.object({
  /** Share of active staff drawn each week (seed 002: 3–5 %). */
  samplePercent: z
    .number({ error: rapidMsg.percent })
    .min(3, { error: rapidMsg.percent })
    .max(5, { error: rapidMsg.percent })
    .refine((v) => Number.isInteger(v * 10), { error: rapidMsg.percent }),
  /** Samples pooled in one test tube. */
  poolSize: z
    .number({ error: rapidMsg.poolSize })
    .int({ error: rapidMsg.poolSize })
    .min(2, { error: rapidMsg.poolSize })
    .max(10, { error: rapidMsg.poolSize }),
})
export type RapidTestSettings = z.output<typeof RapidTestSettings>
export const DEFAULT_RAPID_TEST_SETTINGS: RapidTestSettings = { samplePercent: 3, poolSize: 5 }

const day = z.iso.date({ error: rapidMsg.weekStart })

/** Is `yyyy-mm-dd` a Monday? (Vietnamese weeks start on Monday.) */
export function isMonday(value: string): boolean {
  return new Date(`${value}T00:00:00Z`).getUTCDay() === 1
}

/** The Monday of the week `yyyy-mm-dd` falls in. */
export function mondayOf(value: string): string {
  const date = new Date(`${value}T00:00:00Z`)
  const back = (date.getUTCDay() + 6) % 7
  return new Date(date.getTime() - back * 86_400_000).toISOString().slice(0, 10)
}

export const MAX_SEED = 4_294_967_295

export const DrawInput = z.object({
  /** Monday of the week; empty means this week. */
  weekStart: day
    .refine(isMonday, { error: rapidMsg.weekStart })
    .nullish()
    .transform((v) => v ?? null),
  /** Given to reproduce an earlier draw; empty draws a fresh one. */
  seed: z
    .number({ error: rapidMsg.seed })
    .int({ error: rapidMsg.seed })
    .min(0, { error: rapidMsg.seed })
    .max(MAX_SEED, { error: rapidMsg.seed })
    .nullish()
    .transform((v) => v ?? null),
})
export type DrawInput = z.input<typeof DrawInput>

export const RoundIdInput = z.object({ id })
export const AddVisitorsInput = z.object({
  roundId: id,
  visitorIds: z.array(id, { error: msg.invalid }).min(1).max(200),
})
export const FormPoolsInput = z.object({ roundId: id })

export const TEST_RESULTS = ['negative', 'positive', 'invalid'] as const
export type TestResult = (typeof TEST_RESULTS)[number]
export const testResultLabels: Record<TestResult, string> = {
  negative: 'Âm tính',
  positive: 'Dương tính',
  invalid: 'Không xác định',
}

export const PoolResultInput = z.object({
  poolId: id,
  result: z.enum(TEST_RESULTS, { error: msg.invalid }),
})
export const IndividualResultInput = z.object({
  sampleId: id,
  result: z.enum(TEST_RESULTS, { error: msg.invalid }),
})

export const CabinetInput = z.object({
  unitId: id,
  hasCabinet: z.boolean({ error: msg.invalid }),
  checkedOn: z.iso
    .date({ error: msg.invalid })
    .nullish()
    .transform((v) => v ?? null),
  note: optionalText(1000, { multiline: true }),
})
export type CabinetInput = z.input<typeof CabinetInput>

export interface RapidSampleDto {
  id: number
  kind: 'staff' | 'visitor'
  staffId: number | null
  visitorId: number | null
  fullName: string
  unitName: string | null
  poolId: number | null
  poolNumber: number | null
  individualResult: TestResult | null
  individualTestedAt: string | null
}

export interface RapidPoolDto {
  id: number
  number: number
  result: TestResult | null
  testedAt: string | null
  sampleIds: number[]
}

export interface RapidRoundDto {
  id: number
  weekStart: string
  weekEnd: string
  seed: number
  samplePercent: number
  poolSize: number
  /** Active staff the draw chose from. */
  eligibleCount: number
  drawnAt: string
  samples: RapidSampleDto[]
  pools: RapidPoolDto[]
}

export interface RapidRoundSummary {
  id: number
  weekStart: string
  seed: number
  staffCount: number
  visitorCount: number
  poolCount: number
  pendingPools: number
  positivePools: number
  positives: number
}

export interface VisitorCandidate {
  visitorId: number
  fullName: string
  organisation: string | null
  lastVisitAt: string
}

export interface CabinetDto {
  unitId: number
  unitCode: string
  unitName: string
  /** Null: not recorded yet. */
  hasCabinet: boolean | null
  checkedOn: string | null
  note: string | null
  updatedAt: string | null
}
