import { expect, test } from '../support/fixtures'
import type { Preview } from '../support/fixtures'

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
  booster: 4,
  reporterName: 'Trần Thị Bình',
}
const TEAM = [{ fullName: 'Trần Văn Minh', title: 'Phó Giám đốc Sở', role: 'head' }]

async function unit(preview: Preview, code: string, name: string): Promise<number> {
  const created = (await preview.api('units:create', { code, name, kindCode: 'department' })) as {
    data: { id: number }
  }
  return created.data.id
}

/** Finalised minutes with one recommendation due on `dueDate`. */
async function minutesWithRecommendation(preview: Preview, unitId: number, dueDate: string): Promise<void> {
  const base = { unitId, kind: 'inspection', date: '2026-11-20', startTime: '08:30', team: TEAM }
  const created = (await preview.api('inspections:create', base)) as { data: { id: number } }
  const id = created.data.id
  const got = (await preview.api('inspections:get', { id })) as { data: { items: Array<{ id: number }> } }
  const updated = await preview.api('inspections:update', {
    ...base,
    id,
    items: got.data.items.map((i) => ({ id: i.id, result: 'pass' })),
    recommendations: [{ content: 'Dán bảng hướng dẫn 5K tại phòng tiếp dân', ownerName: null, dueDate }],
  })
  expect(updated.ok).toBe(true)
  expect((await preview.api('inspections:finalise', { id })).ok).toBe(true)
}

test.describe('at 14:40', () => {
  test.use({ previewNow: '2026-12-01T14:40:00+07:00' })

  test('the office sees who has not reported yet and copies a ready reminder; due recommendations show on the sidebar', async ({
    page,
    preview,
  }, testInfo) => {
    const vp = await unit(preview, 'VP', 'Văn phòng Sở')
    const ttr = await unit(preview, 'TTR', 'Thanh tra Sở')
    await unit(preview, 'CC1', 'Phòng công chứng số 1')
    expect((await preview.api('dailyReports:submit', { unitId: vp, ...REPORT })).ok).toBe(true)
    await minutesWithRecommendation(preview, ttr, '2026-12-04')

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await preview.open(page, '/')
    const card = page.getByTestId('reminder-reports')
    await expect(card).toContainText('Đến 14:40, còn 2 đơn vị chưa gửi báo cáo hằng ngày (hạn 15:00)')
    await expect(card).toContainText('Phòng công chứng số 1 · Thanh tra Sở')
    await card.getByTestId('copy-reminder').click()
    await expect(page.getByText('Đã sao chép lời nhắc')).toBeVisible()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toContain(
      'Sở Tư pháp chưa nhận được báo cáo tình hình phòng, chống dịch COVID-19 hằng ngày của 2 đơn vị:',
    )
    expect(copied).toContain('1. Phòng công chứng số 1\n2. Thanh tra Sở')

    await expect(page.getByTestId('reminder-recommendations')).toContainText(
      'Thanh tra Sở — Dán bảng hướng dẫn 5K tại phòng tiếp dân (còn 3 ngày, hạn 04/12/2026)',
    )
    await expect(page.getByTestId('nav-badge-inspections')).toHaveText('1')
    await page.setViewportSize({ width: 1366, height: 768 })
    await page.screenshot({ path: testInfo.outputPath('reminders.png') })
  })

  test('the reminder time is a setting the dashboard follows; the main process refuses one at or after 15:00', async ({
    page,
    preview,
  }) => {
    await unit(preview, 'VP', 'Văn phòng Sở')
    await preview.open(page, '/settings')
    const card = page.getByTestId('reminder-settings')
    await card.locator('input[name=reportReminderTime]').click()
    await page.getByRole('option', { name: '14:45' }).filter({ visible: true }).click()
    await card.getByTestId('reminder-save').click()
    await expect(page.getByText('Đã lưu')).toBeVisible()
    await preview.open(page, '/')
    // 14:40 is before the new reminder time: nothing to chase yet.
    await expect(page.getByTestId('reminder-reports')).toHaveCount(0)

    const refused = await preview.api('reminders:updateSettings', {
      reportReminderTime: '15:00',
      recommendationDays: 7,
      vaccineDays: 2,
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation' } })
  })
})
