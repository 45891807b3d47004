import { expect, test } from '../support/fixtures'

test('agency settings are validated, saved and survive a reload', async ({ page, preview }, testInfo) => {
  await preview.open(page, '/settings')
  const form = page.getByTestId('agency-form')
  await expect(form.locator('[name=agencyName]')).toHaveValue('SỞ TƯ PHÁP')
  await form.locator('[name=placeName]').fill('')
  await form.locator('[name=agencySymbol]').fill('stp x')
  await page.getByTestId('agency-save').click()
  await expect(
    form.locator('.el-form-item').filter({ hasText: 'Địa danh' }).locator('.el-form-item__error'),
  ).toHaveText('Không được để trống')
  await expect(
    form.locator('.el-form-item').filter({ hasText: 'Ký hiệu' }).locator('.el-form-item__error'),
  ).toContainText('Ký hiệu viết hoa')

  await form.locator('[name=parentBodyName]').fill('UBND TỈNH HẬU GIANG')
  await form.locator('[name=agencySymbol]').fill('STP')
  await form.locator('[name=placeName]').fill('Vị Thanh')
  await form.locator('[name=placeName]').press('Enter')
  await expect(page.getByText('Đã lưu')).toBeVisible()
  await page.reload()
  await expect(form.locator('[name=parentBodyName]')).toHaveValue('UBND TỈNH HẬU GIANG')
  await expect(page.getByTestId('header-preview')).toContainText('Vị Thanh, ngày')
  await page.screenshot({ path: testInfo.outputPath('settings.png'), fullPage: true })
})

test('a new unit kind can be added and used', async ({ page, preview }) => {
  await preview.open(page, '/settings')
  await page.locator('[name=kindCode]').fill('district_committee')
  await page.locator('[name=kindName]').fill('UBND cấp huyện')
  await page.locator('[name=kindName]').press('Enter')
  await expect(page.getByTestId('kind-table')).toContainText('UBND cấp huyện')
})

test('the idle time is a setting that the main process applies', async ({ page, preview }) => {
  await preview.open(page, '/settings')
  const minutes = page.locator('input[name="idleMinutes"]')
  await minutes.fill('25')
  await page.getByTestId('security-save').click()
  await expect(page.getByText('Đã lưu')).toBeVisible()
  expect(await preview.api('auth:status')).toMatchObject({ ok: true, data: { idleMinutes: 25 } })
  await page.reload()
  await expect(page.locator('input[name="idleMinutes"]')).toHaveValue('25')
})
