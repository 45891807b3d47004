import type { ReportReminder } from '@shared/reminders/schemas'

export interface DesktopNotice {
  title: string
  body: string
}

/**
 * The desktop notification for the daily-report reminder: once a day, from the reminder time,
 * while units are still missing; `shownOn` is the day one was last shown.
 */
export function reportNotice(reminder: ReportReminder, shownOn: string | null): DesktopNotice | null {
  if (!reminder.due || !reminder.missing.length || shownOn === reminder.day) return null
  const names = reminder.missing.map((u) => u.unitName)
  const listed =
    names.length > 3 ? `${names.slice(0, 3).join(', ')} và ${names.length - 3} đơn vị khác` : names.join(', ')
  return {
    title: `${names.length} đơn vị chưa gửi báo cáo hằng ngày`,
    body: `${listed}. Hạn gửi 15:00. Mở Tổng quan để sao chép lời nhắc.`,
  }
}
