import { ADMIN, expect, test } from '../support/fixtures'

test.describe('first start', () => {
  test.use({ firstRun: true })

  test('asks for an administrator, then opens the app signed in', async ({ page, preview }, testInfo) => {
    await preview.open(page)
    const card = page.getByTestId('setup-card')
    await expect(card).toBeVisible()
    await expect(card.locator('input[name="username"]')).toBeFocused()
    await card.locator('input[name="username"]').fill('quantri')
    await card.locator('input[name="displayName"]').fill(ADMIN.displayName)
    await card.locator('input[name="password"]').fill('ngan')
    await card.locator('input[name="confirm"]').fill('ngan')
    await card.locator('input[name="confirm"]').press('Enter')
    await expect(
      card.locator('.el-form-item__error', { hasText: 'Mật khẩu tối thiểu 8 ký tự' }),
    ).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('setup.png') })
    await card.locator('input[name="password"]').fill(ADMIN.password)
    await card.locator('input[name="confirm"]').fill(ADMIN.password)
    await page.getByTestId('auth-submit').click()
    await expect(page.getByTestId('user-box')).toContainText(ADMIN.displayName)
    await expect(page.getByTestId('nav-users')).toBeVisible()
  })
})

test('a receptionist signs in, sees only her sections, and is refused by main beyond them', async ({
  page,
  preview,
}, testInfo) => {
  const created = await preview.api('users:create', {
    username: 'le.tan',
    displayName: 'Trần Thị Lễ',
    roles: ['reception'],
    password: ADMIN.password,
    confirm: ADMIN.password,
  })
  expect(created.ok).toBe(true)
  await preview.api('auth:logout')
  await preview.open(page)
  const card = page.getByTestId('login-card')
  await card.locator('input[name="username"]').fill('le.tan')
  await card.locator('input[name="password"]').fill('sai-mat-khau')
  await card.locator('input[name="password"]').press('Enter')
  await expect(
    card.locator('.el-form-item__error', { hasText: 'Tên đăng nhập hoặc mật khẩu không đúng' }),
  ).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('login-error.png') })
  await card.locator('input[name="password"]').fill(ADMIN.password)
  await card.locator('input[name="password"]').press('Enter')
  await expect(page.getByTestId('user-box')).toContainText('Trần Thị Lễ')
  await expect(page.getByTestId('nav-units')).toBeVisible()
  await expect(page.getByTestId('nav-users')).toHaveCount(0)
  await expect(page.getByTestId('nav-audit')).toHaveCount(0)
  // Hiding is not the guard: the main process refuses the route itself.
  expect(await preview.api('users:list')).toMatchObject({ ok: false, error: { code: 'forbidden' } })
})

test('the idle lock keeps the open form and saves it after the password', async ({ page, preview }) => {
  await preview.open(page, '/units')
  await page.getByTestId('unit-add').click()
  const form = page.getByTestId('unit-form')
  await form.locator('input[name="code"]').fill('TTR')
  await form.locator('input[name="name"]').fill('Thanh tra Sở')
  // The window went idle meanwhile (as after the idle time): main refuses until unlocked.
  expect((await preview.api('auth:lock')).ok).toBe(true)
  await page.getByTestId('unit-save').click()
  const lock = page.getByTestId('lock-overlay')
  await expect(lock).toBeVisible()
  await lock.locator('input[name="unlock-password"]').fill(ADMIN.password)
  await lock.locator('input[name="unlock-password"]').press('Enter')
  await expect(lock).toHaveCount(0)
  await expect(page.getByRole('cell', { name: 'Thanh tra Sở', exact: true })).toBeVisible()
})

test('the administrator sees every write in the audit trail', async ({ page, preview }, testInfo) => {
  await preview.api('units:create', {
    code: 'VP',
    name: 'Văn phòng Sở',
    kindCode: 'department',
    phone: '0292 3820 123',
  })
  await preview.open(page, '/audit')
  const table = page.getByTestId('audit-table')
  await expect(table).toContainText('units:create')
  await expect(table).toContainText(ADMIN.username)
  await expect(table).not.toContainText('0292')
  await page.screenshot({ path: testInfo.outputPath('audit.png') })
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('audit-export').click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^nhat-ky-\d{12}\.xlsx$/)
})
