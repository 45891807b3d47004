import { describe, expect, it } from 'vitest'
import type { ReportReminder } from '@shared/reminders/schemas'
import { reportNotice } from '@main/reminders/notice'

const reminder = (due: boolean, names: string[]): ReportReminder => ({
  day: '2026-12-01',
  now: '2026-12-01T07:31:00.000Z',
  remindAt: '2026-12-01T07:30:00.000Z',
  deadline: '2026-12-01T08:00:00.000Z',
  due,
  deadlinePassed: false,
  missing: names.map((unitName, i) => ({ unitId: i + 1, unitName })),
  message: '',
})

describe('the desktop notification of the daily-report reminder', () => {
  it('is shown once a day, from the reminder time, while units are missing', () => {
    expect(reportNotice(reminder(false, ['Thanh tra Sở']), null)).toBeNull()
    expect(reportNotice(reminder(true, []), null)).toBeNull()
    expect(reportNotice(reminder(true, ['Thanh tra Sở', 'Văn phòng Sở']), null)).toEqual({
      title: '2 đơn vị chưa gửi báo cáo hằng ngày',
      body: 'Thanh tra Sở, Văn phòng Sở. Hạn gửi 15:00. Mở Tổng quan để sao chép lời nhắc.',
    })
    expect(reportNotice(reminder(true, ['Thanh tra Sở']), '2026-12-01')).toBeNull()
    expect(reportNotice(reminder(true, ['Thanh tra Sở']), '2026-11-30')).not.toBeNull()
  })

  it('names three units and counts the rest', () => {
    const notice = reportNotice(reminder(true, ['A', 'B', 'C', 'D', 'E']), null)
    expect(notice?.body).toBe('A, B, C và 2 đơn vị khác. Hạn gửi 15:00. Mở Tổng quan để sao chép lời nhắc.')
  })
})
