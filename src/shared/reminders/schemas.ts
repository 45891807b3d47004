import { z } from 'zod'

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/

/** When the office is reminded of what units still owe (Cài đặt → Nhắc việc). */
export const ReminderSettings = z.object({
  /** Daily reports fall due at 15:00: the units still missing are listed from this time on. */
  reportReminderTime: z
    .string({ error: 'Nhập giờ dạng HH:mm, ví dụ 14:30' })
    .trim()
    .refine((v) => HH_MM.test(v), { error: 'Nhập giờ dạng HH:mm, ví dụ 14:30' })
    .refine((v) => v < '15:00', { error: 'Giờ nhắc phải trước hạn báo cáo 15:00' }),
  /** Recommendations due within this many days are listed before they fall overdue. */
  recommendationDays: z
    .number({ error: 'Nhập số ngày' })
    .int({ error: 'Nhập số ngày' })
    .min(1, { error: 'Ít nhất 1 ngày' })
    .max(60, { error: 'Nhiều nhất 60 ngày' }),
  /** Units that have not sent a vaccine round's list are listed this many days before its deadline. */
  vaccineDays: z
    .number({ error: 'Nhập số ngày' })
    .int({ error: 'Nhập số ngày' })
    .min(0, { error: 'Không âm' })
    .max(30, { error: 'Nhiều nhất 30 ngày' }),
})
export type ReminderSettings = z.output<typeof ReminderSettings>

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  reportReminderTime: '14:30',
  recommendationDays: 7,
  vaccineDays: 2,
}

export interface UnitOwing {
  unitId: number
  unitName: string
}

export interface ReportReminder {
  day: string
  /** The main process's clock. */
  now: string
  remindAt: string
  deadline: string
  /** The reminder time has come today: the office should chase the units listed. */
  due: boolean
  deadlinePassed: boolean
  missing: UnitOwing[]
  /** Ready to paste into the office's chat group; empty when nobody is missing. */
  message: string
}

export interface DueRecommendation {
  id: number
  inspectionId: number
  unitName: string
  content: string
  ownerName: string | null
  dueDate: string
  /** Negative once overdue. */
  daysLeft: number
}

export interface RecommendationReminder {
  dueSoon: DueRecommendation[]
  overdue: DueRecommendation[]
}

export interface VaccineRoundReminder {
  roundId: number
  roundName: string
  deadline: string
  missing: UnitOwing[]
}
