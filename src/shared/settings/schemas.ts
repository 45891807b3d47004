import { z } from 'zod'
import { requiredText } from '../validation/fields'

/** Settings that printouts use for the official header (Nghị định 30/2020/NĐ-CP). */
export const AgencySettings = z.object({
  parentBodyName: requiredText(200),
  agencyName: requiredText(200),
  agencySymbol: requiredText(20).refine((v) => /^[\p{Lu}0-9Đ-]+$/u.test(v), {
    error: 'Ký hiệu viết hoa, không dấu cách (ví dụ STP)',
  }),
  placeName: requiredText(80),
})
export type AgencySettings = z.output<typeof AgencySettings>

export const DEFAULT_AGENCY_SETTINGS: AgencySettings = {
  parentBodyName: 'UBND THÀNH PHỐ CẦN THƠ',
  agencyName: 'SỞ TƯ PHÁP',
  agencySymbol: 'STP',
  placeName: 'Cần Thơ',
}

export const SecuritySettings = z.object({
  idleMinutes: z
    .number({ error: 'Nhập số phút' })
    .int({ error: 'Nhập số phút nguyên' })
    .min(1, { error: 'Từ 1 đến 240 phút' })
    .max(240, { error: 'Từ 1 đến 240 phút' }),
})
export type SecuritySettings = z.output<typeof SecuritySettings>

export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = { idleMinutes: 10 }

export interface SampleDataStatus {
  unitCount: number
  sampleUnitCount: number
  canLoad: boolean
}
