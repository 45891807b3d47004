import { expect, test } from '../support/fixtures'
import type { Preview } from '../support/fixtures'
import type { Page } from '@playwright/test'

// Main's clock: December 2021, after the November plan's period ended.
test.use({ previewNow: '2021-12-10T10:00:00+07:00' })

const MINH = { role: 'head', fullName: 'Trần Văn Minh', title: 'Phó Giám đốc Sở' }
const ANH = { role: 'head', fullName: 'Nguyễn Thị Ánh', title: 'Chánh Thanh tra' }

async function api<T>(preview: Preview, name: string, input: unknown): Promise<T> {
  const result = await preview.api(name, input)
  expect(result, name).toMatchObject({ ok: true })
  return result.data as T
}

/** Two plans of November, one unit inspected (minutes 01/2021), one overdue, one still planned. */
async function arrange(preview: Preview) {
  const unit = (code: string, name: string, address?: string) =>
    api<{ id: number }>(preview, 'units:create', { code, name, kindCode: 'department', address })
  const a = await unit('HCTP', 'Phòng Hành chính tư pháp', '12 Lê Lợi, TP Huế')
  const b = await unit('BTTP', 'Phòng Bổ trợ tư pháp')
  const d = await unit('VP', 'Văn phòng Sở')
  const plan = (number: number, periodFrom: string, periodTo: string, unitIds: number[], head: unknown) =>
    api<{ id: number }>(preview, 'plans:create', {
      number,
      symbol: 'KH-STP',
      issuedOn: '2021-10-25',
      title: 'Kiểm tra công tác phòng, chống dịch COVID-19',
      kind: 'inspection',
      periodFrom,
      periodTo,
      unitIds,
      team: [head],
    })
  const p1 = await plan(1023, '2021-11-01', '2021-11-30', [a.id, b.id], MINH)
  await plan(1100, '2021-11-20', '2022-01-15', [d.id], ANH)
  const draft = await api<{ id: number; items: Array<{ id: number }> }>(preview, 'inspections:create', {
    planId: p1.id,
    unitId: a.id,
    kind: 'inspection',
    date: '2021-11-25',
    startTime: '08:30',
    team: [MINH],
  })
  await api(preview, 'inspections:update', {
    id: draft.id,
    planId: p1.id,
    unitId: a.id,
    kind: 'inspection',
    date: '2021-11-25',
    startTime: '08:30',
    team: [MINH],
    items: draft.items.map((x) => ({ id: x.id, result: 'pass' })),
  })
  await api(preview, 'inspections:finalise', { id: draft.id })
  return { inspectionId: draft.id }
}

async function pickMember(page: Page, typed: string, name: string): Promise<void> {
  await page.getByTestId('calendar-member').click()
  await page.keyboard.type(typed)
  await page.getByRole('option', { name }).filter({ visible: true }).click()
}

test('the calendar shows done, overdue and planned units, filters by a member and opens an entry', async ({
  page,
  preview,
}, testInfo) => {
  const { inspectionId } = await arrange(preview)
  await page.setViewportSize({ width: 1366, height: 768 })
  await preview.open(page, '/inspections/plans')
  await page.getByTestId('inspection-tabs').getByText('Lịch', { exact: true }).click()
  const calendar = page.getByTestId('inspection-calendar')
  // The month of main's clock, today highlighted; then back to November.
  await expect(page.getByTestId('calendar-month')).toHaveText('Tháng 12/2021')
  await expect(calendar.locator('.number.today')).toHaveText('10')
  await page.getByTestId('calendar-previous').click()
  await expect(page.getByTestId('calendar-month')).toHaveText('Tháng 11/2021')
  await expect(calendar.locator('.weekdays div').first()).toHaveText('Thứ Hai')

  const done = calendar.locator('[data-kind=done]')
  const overdue = calendar.locator('[data-kind=overdue]')
  const bar = calendar.getByTestId('calendar-bar')
  await expect(done).toHaveText('Phòng Hành chính tư pháp')
  await expect(done).toHaveAttribute('title', /Đã kiểm tra: .*25\/11\/2021 — Biên bản số 1 năm 2021/)
  await expect(calendar.locator('.day[data-date="2021-11-25"]')).toHaveCount(1)
  await expect(overdue).toHaveText('Phòng Bổ trợ tư pháp')
  await expect(overdue).toHaveAttribute('title', /Quá hạn: .*\(1023\/KH-STP\), 30\/11\/2021/)
  await expect(bar.first()).toContainText('Kế hoạch 1100/KH-STP: Văn phòng Sở')
  await page.screenshot({ path: testInfo.outputPath('calendar.png') })
  await page.screenshot({ path: 'docs/images/inspection-calendar.png' })

  // A member typed without diacritics: only their plan's unit is left.
  await pickMember(page, 'nguyen thi anh', 'Nguyễn Thị Ánh')
  await expect(done).toHaveCount(0)
  await expect(overdue).toHaveCount(0)
  // Nov 20–30 crosses three weeks: one bar in each.
  await expect(bar).toHaveCount(3)
  await pickMember(page, 'tran van', 'Trần Văn Minh')
  await expect(bar).toHaveCount(0)
  await expect(overdue).toHaveCount(1)
  await done.click()
  await expect(page).toHaveURL(new RegExp(`#/inspections/${inspectionId}$`))
  await expect(page.getByTestId('inspection-editor')).toBeVisible()
})

test("a unit's history lists its inspections with scores, and a new inspection starts at its address", async ({
  page,
  preview,
}, testInfo) => {
  const { inspectionId } = await arrange(preview)
  await page.setViewportSize({ width: 1366, height: 768 })
  await preview.open(page, '/units')
  await page.getByTestId('unit-history-HCTP').click()
  const history = page.getByTestId('unit-history')
  await expect(history).toContainText('Lịch sử kiểm tra — Phòng Hành chính tư pháp')
  const row = history.locator('.el-table__row')
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('25/11/2021')
  await expect(row).toContainText('Kiểm tra')
  await expect(row).toContainText('Đã hoàn thành')
  await expect(row).toContainText('01/2021')
  await expect(row).toContainText('100%')
  await page.screenshot({ path: testInfo.outputPath('history.png') })
  await row.click()
  await expect(page).toHaveURL(new RegExp(`#/inspections/${inspectionId}$`))

  // A new inspection for the unit: the location comes from its address and stays editable.
  await preview.open(page, '/inspections')
  await page.getByTestId('new-inspection').click()
  const dialog = page.getByTestId('create-dialog')
  await dialog.getByTestId('create-unit').click()
  await page.keyboard.type('hanh chinh')
  await page.getByRole('option', { name: 'Phòng Hành chính tư pháp' }).filter({ visible: true }).click()
  const location = dialog.locator('input[name=location]')
  await expect(location).toHaveValue('12 Lê Lợi, TP Huế')
  await page.screenshot({ path: testInfo.outputPath('create-location.png') })
  await location.fill('Hội trường tầng 2, 12 Lê Lợi, TP Huế')
  await dialog.locator('input[name=member-name-0]').fill('Trần Văn Minh')
  await dialog.getByTestId('create-inspection').click()
  await expect(page.getByTestId('inspection-editor').locator('input[name=location]')).toHaveValue(
    'Hội trường tầng 2, 12 Lê Lợi, TP Huế',
  )
})
