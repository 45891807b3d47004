import { expect, test } from '../support/fixtures'
import { UnitsPage } from '../pages/units-page'

test('creates a unit from the keyboard and it survives a reload', async ({ page, preview }, testInfo) => {
  const units = new UnitsPage(page, preview)
  await units.open()
  await units.startCreate()
  await units.fill({
    code: 'vpcc-ntbl',
    name: 'Văn phòng công chứng Nguyễn Thị Bích Liên',
    phone: '0292 3820 123',
    headName: 'Nguyễn Thị Bích Liên',
  })
  await units.chooseKind('Tổ chức hành nghề công chứng')
  await page.screenshot({ path: testInfo.outputPath('unit-form.png') })
  await units.field('name').press('Enter')
  await expect(units.form).toBeHidden()
  await expect(units.row('VPCC-NTBL')).toContainText('Tổ chức hành nghề công chứng')

  await page.reload()
  await units.search('nguyen thi bich')
  await expect(units.row('VPCC-NTBL')).toContainText('Văn phòng công chứng Nguyễn Thị Bích Liên')
  await expect(units.row('VPCC-NTBL')).toContainText('02923820123')
  await page.screenshot({ path: testInfo.outputPath('units-list.png'), fullPage: true })
})

test('a duplicate code is refused on the code field and nothing is added', async ({ page, preview }) => {
  const units = new UnitsPage(page, preview)
  await units.open()
  await units.startCreate()
  await units.fill({ code: 'TTR', name: 'Thanh tra Sở' })
  await units.field('name').press('Enter')
  await expect(units.form).toBeHidden()

  await units.startCreate()
  await units.fill({ code: 'ttr', name: 'Một đơn vị khác' })
  await units.field('name').press('Enter')
  await expect(units.fieldError('Mã đơn vị')).toHaveText('Mã đơn vị này đã có')
  await expect(units.form).toBeVisible()
  // Esc with typing in the form asks first; dropping the typing closes it.
  await page.keyboard.press('Escape')
  await page.getByTestId('leave-discard').click()
  await expect(units.form).toBeHidden()
  await units.search('ttr')
  await expect(units.table.locator('tbody tr')).toHaveCount(1)
})

test('bad input shows Vietnamese messages next to the fields', async ({ page, preview }) => {
  const units = new UnitsPage(page, preview)
  await units.open()
  await units.startCreate()
  await units.fill({ code: 'BAD', name: '', phone: '12345', email: 'khong-phai-email' })
  await units.form.getByTestId('unit-save').click()
  await expect(units.fieldError('Tên đơn vị')).toHaveText('Không được để trống')
  await expect(units.fieldError('Điện thoại')).toContainText('Số điện thoại không hợp lệ')
  await expect(units.fieldError('Email')).toHaveText('Địa chỉ email không hợp lệ')
})

test('the API refuses callers without the per-run secret', async ({ request, preview }) => {
  const { origin, secret } = preview
  const none = await request.post(`${origin}/api/units:list`, { data: {} })
  expect(none.status()).toBe(401)
  const wrong = await request.post(`${origin}/api/units:create`, {
    data: { code: 'X', name: 'X', kindCode: 'other' },
    headers: { 'X-SPD-Secret': 'not-the-secret' },
  })
  expect(wrong.status()).toBe(401)
  const good = await request.post(`${origin}/api/units:list`, {
    data: { q: 'X' },
    headers: { 'X-SPD-Secret': secret },
  })
  expect(good.status()).toBe(200)
  expect((await good.json()).data.items).toEqual([])
})
