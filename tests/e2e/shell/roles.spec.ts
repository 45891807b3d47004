import { ADMIN, expect, test } from '../support/fixtures'
import type { Page } from '@playwright/test'
import type { Preview } from '../support/fixtures'

test.use({ viewport: { width: 1366, height: 768 } })

async function addUser(preview: Preview, username: string, roles: string[]): Promise<void> {
  const created = await preview.api('users:create', {
    username,
    displayName: `Người dùng ${username}`,
    roles,
    password: ADMIN.password,
    confirm: ADMIN.password,
  })
  expect(created.ok).toBe(true)
}

async function signIn(page: Page, username: string): Promise<void> {
  const card = page.getByTestId('login-card')
  await card.locator('input[name="username"]').fill(username)
  await card.locator('input[name="password"]').fill(ADMIN.password)
  await card.locator('input[name="password"]').press('Enter')
  await expect(page.getByTestId('user-box')).toContainText(`Người dùng ${username}`)
}

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out').click()
  await expect(page.getByTestId('login-card')).toBeVisible()
}

test('after signing out, the next user starts on the dashboard, not on the previous screen', async ({
  page,
  preview,
}) => {
  test.setTimeout(90_000)
  await addUser(preview, 'quantri2', ['admin'])
  await addUser(preview, 'le.tan', ['reception'])
  await preview.open(page, '/users')
  await expect(page.getByTestId('users-table')).toContainText('le.tan')
  await signOut(page)
  await expect(page).toHaveURL(/#\/$/)

  await signIn(page, 'le.tan')
  await expect(page).toHaveURL(/#\/$/)
  await expect(page.getByTestId('users-table')).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'Chào mừng đến với Sổ Phòng Dịch' })).toBeVisible()

  // A page the next user's roles do not open sends them to the dashboard too.
  await preview.open(page, '/users')
  await expect(page).toHaveURL(/#\/$/)
})

test('a new account has no role ticked; ticking one ticks it, and none is refused on the field', async ({
  page,
  preview,
}) => {
  await preview.open(page, '/users')
  await page.getByTestId('user-add').click()
  const form = page.getByTestId('user-form')
  const reception = form.locator('.el-checkbox').filter({ hasText: 'Lễ tân' })
  for (const role of ['Quản trị', 'Văn phòng', 'Lễ tân', 'Đoàn kiểm tra'])
    await expect(form.locator('.el-checkbox').filter({ hasText: role })).not.toHaveClass(/is-checked/)
  await form.locator('input[name="username"]').fill('le.tan')
  await form.locator('input[name="displayName"]').fill('Trần Thị Lễ')
  await form.locator('input[name="password"]').fill(ADMIN.password)
  await form.locator('input[name="confirm"]').fill(ADMIN.password)
  await page.getByTestId('user-save').click()
  await expect(form.locator('.el-form-item__error', { hasText: 'Chọn ít nhất một vai trò' })).toBeVisible()

  await reception.click()
  await expect(reception).toHaveClass(/is-checked/)
  await page.getByTestId('user-save').click()
  await expect(form).toBeHidden()
  await expect(page.getByTestId('users-table').locator('tr', { hasText: 'le.tan' })).toContainText('Lễ tân')
})

test('each role sees only what it may do: settings cards, banners, dashboard figures', async ({
  page,
  preview,
}, testInfo) => {
  test.setTimeout(90_000)
  await preview.open(page, '/')
  // Loading the sample data from the dashboard refreshes its figures.
  await expect(page.getByTestId('tile-units')).toHaveText('0')
  await page.getByTestId('load-sample').click()
  await page.locator('.el-message-box').getByRole('button', { name: 'Nạp dữ liệu mẫu' }).click()
  await expect(page.getByTestId('tile-units')).not.toHaveText('0')
  await expect(page.getByTestId('tile-reports')).not.toContainText('0 chưa báo cáo')
  await expect(page.getByText(/Đang có \d+ đơn vị mẫu/)).toBeVisible()

  // A visit today, one still inside, and a recommendation past due in finalised minutes.
  const units = (await preview.api('units:list', { pageSize: 5 })).data as { items: Array<{ id: number }> }
  const host = units.items[0]!.id
  const visit = await preview.api('visits:checkIn', {
    visitor: { fullName: 'Nguyễn Văn An', idType: 'cccd', idNumber: '001090012345' },
    hostUnitId: host,
    health: {
      temperature: 36.5,
      symptoms: [],
      contactWithCase: false,
      fromCaseArea: false,
      declaredOnApp: true,
    },
  })
  expect(visit.ok).toBe(true)
  const draft = (
    await preview.api('inspections:create', {
      unitId: host,
      kind: 'inspection',
      date: '2021-11-15',
      startTime: '08:30',
      team: [{ role: 'head', fullName: 'Trần Văn Minh', title: 'Phó Giám đốc Sở' }],
    })
  ).data as { id: number; items: Array<{ id: number }> }
  const updated = await preview.api('inspections:update', {
    id: draft.id,
    unitId: host,
    kind: 'inspection',
    date: '2021-11-15',
    startTime: '08:30',
    team: [{ role: 'head', fullName: 'Trần Văn Minh', title: 'Phó Giám đốc Sở' }],
    items: draft.items.map((i) => ({ id: i.id, result: 'pass' })),
    recommendations: [{ content: 'Bổ sung tủ thuốc', dueDate: '2021-11-30' }],
  })
  expect(updated.ok).toBe(true)
  expect((await preview.api('inspections:finalise', { id: draft.id })).ok).toBe(true)

  await page.reload()
  await expect(page.getByTestId('tile-visitors')).toHaveText(
    'Hôm nay: 1 lượt khách, 1 người đang ở trong cơ quan',
  )
  await expect(page.getByTestId('tile-inspections')).toHaveText('1 kiến nghị quá hạn chưa khắc phục')
  await page.screenshot({ path: testInfo.outputPath('dashboard-admin.png') })

  await addUser(preview, 'le.tan', ['reception'])
  await addUser(preview, 'doan.kt', ['inspector'])
  await signOut(page)
  await signIn(page, 'le.tan')
  await expect(page.getByTestId('tile-visitors')).toHaveText(
    'Hôm nay: 1 lượt khách, 1 người đang ở trong cơ quan',
  )
  await expect(page.getByText(/Đang có \d+ đơn vị mẫu/)).toHaveCount(0)
  await expect(page.getByTestId('tile-inspections')).toHaveCount(0)
  await expect(page.getByTestId('tile-reports')).toHaveCount(0)
  await page.screenshot({ path: 'docs/images/dashboard-reception.png' })
  await page.getByTestId('nav-settings').click()
  await expect(page.getByRole('heading', { name: 'Cài đặt' })).toBeVisible()
  await expect(page.getByText('Ngôn ngữ giao diện', { exact: true })).toBeVisible()
  await expect(page.getByTestId('agency-card')).toHaveCount(0)
  await expect(page.getByTestId('clear-sample')).toHaveCount(0)
  await expect(page.getByTestId('security-save')).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('settings-reception.png') })
  await page.getByTestId('nav-units').click()
  await expect(page.getByTestId('unit-table')).toContainText('Văn phòng Sở')
  await expect(page.getByTestId('unit-add')).toHaveCount(0)
  await expect(page.getByTestId('unit-table').getByRole('button', { name: 'Sửa' })).toHaveCount(0)

  await signOut(page)
  await signIn(page, 'doan.kt')
  await expect(page.getByTestId('tile-inspections')).toHaveText('1 kiến nghị quá hạn chưa khắc phục')
  await expect(page.getByTestId('tile-visitors')).toHaveCount(0)
  await expect(page.getByText(/Đang có \d+ đơn vị mẫu/)).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('dashboard-inspector.png') })
})

test('a refusal notice stays until it is closed', async ({ page, preview }) => {
  await page.clock.install()
  const parent = await preview.api('units:create', { code: 'SO', name: 'Sở Tư pháp', kindCode: 'agency' })
  await preview.api('units:create', {
    code: 'VP',
    name: 'Văn phòng Sở',
    kindCode: 'department',
    parentId: (parent.data as { id: number }).id,
  })
  await preview.open(page, '/units')
  await page.getByTestId('unit-toggle-SO').click()
  await page.locator('.el-message-box').getByRole('button', { name: 'Ngừng hoạt động' }).click()
  const notice = page.locator('.el-message--error')
  await expect(notice).toBeVisible()
  await page.clock.runFor(60_000)
  await expect(notice).toBeVisible()
  await notice.locator('.el-message__closeBtn').click()
  await expect(notice).toHaveCount(0)
})

test('inputs and table cells are at least 14 px, small ones too', async ({ page, preview }) => {
  await preview.api('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
  await preview.open(page, '/settings')
  const size = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  // The unit-kind table and its form are size="small" in Element Plus terms.
  expect(await size('[data-testid=kind-table] td .cell')).toBeGreaterThanOrEqual(14)
  expect(await size('input[name=kindCode]')).toBeGreaterThanOrEqual(14)
  await preview.open(page, '/daily-reports/cabinets')
  expect(await size('[data-testid=cabinet-table] td .cell')).toBeGreaterThanOrEqual(14)
})

test('daily-report field messages never cover the next label', async ({ page, preview }) => {
  await preview.api('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
  await preview.open(page, '/daily-reports/submit')
  await page.getByTestId('report-unit').click()
  await page.keyboard.type('Văn phòng')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('report-unit')).toContainText('Văn phòng Sở')
  for (const [field, value] of Object.entries({
    staffTotal: 5,
    atOffice: 9,
    dose1: 9,
    dose2: 9,
    booster: 9,
  })) {
    const input = page.getByTestId(`field-${field}`).locator('input')
    await input.fill(String(value))
    await input.blur()
  }
  await page.getByTestId('report-save').click()
  const form = page.getByTestId('report-form')
  const errors = form.locator('.el-form-item__error')
  await expect(errors.first()).toBeVisible()
  const boxes = async (selector: string) =>
    form.locator(selector).evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect()
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: el.textContent }
      }),
    )
  const labels = await boxes('.el-form-item__label')
  const messages = await boxes('.el-form-item__error')
  expect(messages.length).toBeGreaterThan(1)
  for (const m of messages)
    for (const l of labels) {
      const overlap = m.left < l.right && l.left < m.right && m.top < l.bottom && l.top < m.bottom
      expect(overlap, `"${m.text}" covers the label "${l.text}"`).toBe(false)
    }
  await page.screenshot({ path: test.info().outputPath('report-errors.png') })
})
