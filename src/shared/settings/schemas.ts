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

export interface SampleDataStatus {
  unitCount: number
  sampleUnitCount: number
  canLoad: boolean
}
