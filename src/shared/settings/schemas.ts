import { z } from 'zod'
import { optionalText, requiredText } from '../validation/fields'

/** Settings that printouts use for the official header (Nghị định 30/2020/NĐ-CP). */
export const AgencySettings = z.object({
  parentBodyName: requiredText(200),
  agencyName: requiredText(200),
  agencySymbol: requiredText(20).refine((v) => /^[\p{Lu}0-9Đ-]+$/u.test(v), {
    error: 'Ký hiệu viết hoa, không dấu cách (ví dụ STP)',
  }),
  placeName: requiredText(80),
  /** Printed under the signature titles of lists (NGƯỜI LẬP BIỂU, THỦ TRƯỞNG ĐƠN VỊ); none: a dotted line. */
  compilerName: optionalText(120),
  headName: optionalText(120),
})
export type AgencySettings = z.output<typeof AgencySettings>

export const DEFAULT_AGENCY_SETTINGS: AgencySettings = {
  parentBodyName: 'UBND THÀNH PHỐ CẦN THƠ',
  agencyName: 'SỞ TƯ PHÁP',
  agencySymbol: 'STP',
  placeName: 'Cần Thơ',
  compilerName: null,
  headName: null,
}

export const SecuritySettings = z.object({
  idleMinutes: z
    .number({ error: 'Nhập số phút' })
    .int({ error: 'Nhập số phút nguyên' })
    .min(1, { error: 'Từ 1 đến 240 phút' })
    .max(240, { error: 'Từ 1 đến 240 phút' }),
  /** Days after a staff member left before their personal fields are erased (records are kept). */
  staffRetentionDays: z
    .number({ error: 'Nhập số ngày' })
    .int({ error: 'Nhập số ngày nguyên' })
    .min(30, { error: 'Từ 30 đến 3650 ngày' })
    .max(3650, { error: 'Từ 30 đến 3650 ngày' }),
})
export type SecuritySettings = z.output<typeof SecuritySettings>

export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = { idleMinutes: 10, staffRetentionDays: 365 }

export const ReceptionSettings = z.object({
  /** Days after check-out before a visitor's personal fields are erased (counts are kept). */
  retentionDays: z
    .number({ error: 'Nhập số ngày' })
    .int({ error: 'Nhập số ngày nguyên' })
    .min(14, { error: 'Từ 14 đến 365 ngày' })
    .max(365, { error: 'Từ 14 đến 365 ngày' }),
  /** Everyone still inside at this time (HH:mm, Vietnam) is checked out, marked automatic. */
  autoCheckOutTime: z
    .string({ error: 'Giờ không hợp lệ' })
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), {
      error: 'Nhập giờ dạng HH:mm, ví dụ 17:30',
    }),
  /** Serial port of a QR scanner in virtual COM mode (Electron only), chosen once. */
  scannerPort: z
    .string()
    .trim()
    .max(200)
    .nullish()
    .transform((v) => (v ? v : null)),
  /** While the office screens visitors: temperature and the screening answers are required at check-in. */
  screeningRequired: z.boolean({ error: 'Chọn có hoặc không' }).default(true),
  /** The office files a signed paper health declaration: it opens for printing after each check-in. */
  paperDeclaration: z.boolean({ error: 'Chọn có hoặc không' }).default(false),
})
export type ReceptionSettings = z.output<typeof ReceptionSettings>

export const DEFAULT_RECEPTION_SETTINGS: ReceptionSettings = {
  retentionDays: 30,
  autoCheckOutTime: null,
  scannerPort: null,
  screeningRequired: true,
  paperDeclaration: false,
}

export interface SampleDataStatus {
  unitCount: number
  sampleUnitCount: number
  canLoad: boolean
}
