import { describe, expect, it } from 'vitest'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { INSPECTION_SAMPLE } from '../helpers/route-samples'

const REPORT = {
  staffTotal: 20,
  atOffice: 15,
  workingFromHome: 3,
  onLeave: 2,
  f0: 0,
  f1: 0,
  f2: 0,
  dose1: 20,
  dose2: 18,
  booster: 5,
  reporterName: 'Trần Thị Bình',
}

/** A store whose clock the test moves: 1 December 2026, Vietnam time. */
async function office(): Promise<TempApp & { at(time: string): void; units: number[] }> {
  let now = Date.parse('2026-12-01T08:00:00+07:00')
  const app = await tempApp(undefined, () => now)
  // The clock jumps hours ahead: keep the test session from locking.
  app.sessions.idleMinutes = 1_000_000
  const units: number[] = []
  for (const [code, name] of [
    ['VP', 'Văn phòng Sở'],
    ['TT', 'Thanh tra Sở'],
    ['PCC', 'Phòng Công chứng số 1'],
  ])
    units.push((await app.ok('units:create', { code: code!, name: name!, kindCode: 'department' })).id)
  const stopped = await app.ok('units:create', {
    code: 'CU',
    name: 'Đơn vị đã giải thể',
    kindCode: 'department',
  })
  await app.ok('units:setActive', { id: stopped.id, active: false })
  return Object.assign(app, {
    at: (time: string) => (now = Date.parse(`2026-12-01T${time}:00+07:00`)),
    units,
  })
}

describe('reminders before the deadlines', () => {
  it('lists the active units without today’s report from the reminder time, with a text to paste', async () => {
    const app = await office()
    await app.ok('dailyReports:submit', { unitId: app.units[0]!, ...REPORT } as never)

    app.at('14:00')
    const early = await app.ok('reminders:dailyReports', {})
    expect(early).toMatchObject({ day: '2026-12-01', due: false, deadlinePassed: false })
    expect(early.missing.map((u) => u.unitName)).toEqual(['Phòng Công chứng số 1', 'Thanh tra Sở'])

    app.at('14:31')
    const due = await app.ok('reminders:dailyReports', {})
    expect(due.due).toBe(true)
    expect(due.message).toBe(
      [
        'Đến 14:31 ngày 01/12/2026, Sở Tư pháp chưa nhận được báo cáo tình hình phòng, chống dịch COVID-19 hằng ngày của 2 đơn vị:',
        '1. Phòng Công chứng số 1',
        '2. Thanh tra Sở',
        'Đề nghị các đơn vị gửi báo cáo trước 15 giờ 00 hôm nay.',
      ].join('\n'),
    )

    // The office moves the reminder earlier; after 15:00 the text says the reports are overdue.
    await app.ok('reminders:updateSettings', {
      reportReminderTime: '13:45',
      recommendationDays: 7,
      vaccineDays: 2,
    })
    app.at('13:50')
    expect((await app.ok('reminders:dailyReports', {})).due).toBe(true)
    app.at('15:10')
    await app.ok('dailyReports:submit', { unitId: app.units[1]!, ...REPORT } as never)
    const late = await app.ok('reminders:dailyReports', {})
    expect(late.missing.map((u) => u.unitName)).toEqual(['Phòng Công chứng số 1'])
    expect(late.message).toContain('Báo cáo đã quá hạn 15 giờ 00; đề nghị các đơn vị gửi ngay.')

    await app.ok('dailyReports:submit', { unitId: app.units[2]!, ...REPORT } as never)
    expect(await app.ok('reminders:dailyReports', {})).toMatchObject({ missing: [], message: '' })
  })

  it('refuses a reminder time at or after the 15:00 deadline next to the field', async () => {
    const app = await office()
    const refused = await app.call('reminders:updateSettings', {
      reportReminderTime: '15:00',
      recommendationDays: 7,
      vaccineDays: 2,
    })
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'validation',
        fieldErrors: { reportReminderTime: 'Giờ nhắc phải trước hạn báo cáo 15:00' },
      },
    })
    expect((await app.ok('reminders:getSettings', {})).reportReminderTime).toBe('14:30')
  })

  it('lists open recommendations of finalised minutes due within the days set, and those overdue', async () => {
    const app = await office()
    const inspection = await app.ok('inspections:create', {
      ...INSPECTION_SAMPLE,
      unitId: app.units[1]!,
      date: '2026-11-20',
    } as never)
    const items = (await app.ok('inspections:get', { id: inspection.id })).items
    await app.ok('inspections:update', {
      ...INSPECTION_SAMPLE,
      unitId: app.units[1]!,
      date: '2026-11-20',
      id: inspection.id,
      items: items.map((i) => ({ id: i.id, result: 'pass' })),
      recommendations: [
        { content: 'Bổ sung tủ thuốc', ownerName: 'Văn phòng', dueDate: '2026-11-28' },
        { content: 'Dán bảng hướng dẫn 5K', ownerName: null, dueDate: '2026-12-05' },
        { content: 'Tập huấn cho cán bộ mới', ownerName: null, dueDate: '2026-12-20' },
        { content: 'Rà soát danh sách tiêm', ownerName: null, dueDate: null },
      ],
    } as never)
    // A draft's recommendations are not owed yet.
    expect(await app.ok('reminders:recommendations', {})).toEqual({ dueSoon: [], overdue: [] })
    await app.ok('inspections:finalise', { id: inspection.id })

    const reminder = await app.ok('reminders:recommendations', {})
    expect(reminder.overdue).toEqual([
      expect.objectContaining({
        content: 'Bổ sung tủ thuốc',
        unitName: 'Thanh tra Sở',
        dueDate: '2026-11-28',
        daysLeft: -3,
      }),
    ])
    expect(reminder.dueSoon).toEqual([
      expect.objectContaining({ content: 'Dán bảng hướng dẫn 5K', inspectionId: inspection.id, daysLeft: 4 }),
    ])
    const done = reminder.overdue[0]!
    await app.ok('recommendations:follow', {
      id: done.id,
      status: 'done',
      statusDate: '2026-11-30',
      evidence: 'Đã mua',
    })
    expect((await app.ok('reminders:recommendations', {})).overdue).toEqual([])
  })

  it('lists the units that have not sent a vaccine round’s list from the days set before its deadline', async () => {
    const app = await office()
    const near = await app.ok('vaccineRounds:save', {
      name: 'Đợt tiêm mũi nhắc lại',
      openedOn: '2026-11-25',
      deadline: '2026-12-03',
    } as never)
    await app.ok('vaccineRounds:save', {
      name: 'Đợt sau',
      openedOn: '2026-11-25',
      deadline: '2026-12-10',
    } as never)
    await app.ok('vaccineRounds:setSubmitted', {
      roundId: near.id,
      unitId: app.units[2]!,
      submitted: true,
    } as never)
    expect(await app.ok('reminders:vaccineRounds', {})).toEqual([
      {
        roundId: near.id,
        roundName: 'Đợt tiêm mũi nhắc lại',
        deadline: '2026-12-03',
        missing: [
          { unitId: app.units[1]!, unitName: 'Thanh tra Sở' },
          { unitId: app.units[0]!, unitName: 'Văn phòng Sở' },
        ],
      },
    ])
  })
})
