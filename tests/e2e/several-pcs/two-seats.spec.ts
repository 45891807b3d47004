import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { startPostgres } from '../../unit/helpers/postgres-server'
import type { PostgresServer } from '../../unit/helpers/postgres-server'
import { ADMIN, expect, startPreview, test } from '../support/fixtures'
import type { Preview } from '../support/fixtures'
import { answerScreening, createUnit } from '../pages/desk'
import { draftInspection } from '../pages/inspections'

const QR =
  '001099012345||Nguyễn Văn An|15031990|Nam|Số 12 đường 3/2, Phường Xuân Khánh, Quận Ninh Kiều, Cần Thơ|10082021'

/** Two seats of one office: each its own preview (port, secret, data folder) on one server database. */
interface Office {
  a: Preview
  b: Preview
  pageA: Page
  pageB: Page
}

const officeTest = test.extend<{ office: Office }>({
  office: async ({ browser }, use) => {
    const server: PostgresServer = await startPostgres()
    const seats: Array<Preview & { stop(): Promise<void> }> = []
    const pages: Page[] = []
    try {
      await server.admin('CREATE DATABASE van_phong')
      const env = { SPD_DATABASE_URL: server.urlOf('van_phong') }
      // Both seats start at once: one migrates the empty database, the other waits for it.
      const dir = () => mkdtempSync(join(tmpdir(), 'spd-e2e-seat-'))
      const started = await Promise.allSettled([startPreview(dir(), env), startPreview(dir(), env)])
      for (const seat of started) if (seat.status === 'fulfilled') seats.push(seat.value)
      const [a, b] = started.map((seat) => {
        if (seat.status === 'rejected') throw seat.reason
        return seat.value
      })
      pages.push(await pageOf(browser), await pageOf(browser))
      await use({ a: a!, b: b!, pageA: pages[0]!, pageB: pages[1]! })
    } finally {
      await Promise.all(pages.map((page) => page.context().close()))
      await Promise.all(seats.map((seat) => seat.stop()))
      await server.stop()
    }
  },
})

/** A browser window of its own per seat, on a 1366×768 screen: two PCs share no cookies or storage. */
async function pageOf(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  })
  return context.newPage()
}

async function addUser(seat: Preview, username: string, displayName: string, roles: string[]): Promise<void> {
  const created = await seat.api('users:create', {
    username,
    displayName,
    roles,
    password: ADMIN.password,
    confirm: ADMIN.password,
  })
  expect(created.ok).toBe(true)
}

async function signIn(page: Page, username: string, displayName: string): Promise<void> {
  const card = page.getByTestId('login-card')
  await card.locator('input[name="username"]').fill(username)
  await card.locator('input[name="password"]').fill(ADMIN.password)
  await card.locator('input[name="password"]').press('Enter')
  // Sign-in runs scrypt: slow on a loaded machine.
  await expect(page.getByTestId('user-box')).toContainText(displayName, { timeout: 20_000 })
}

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out').click()
  await expect(page.getByTestId('login-card')).toBeVisible()
}

/** A handheld scanner in keyboard mode: the QR text in a burst of fast keystrokes, then Enter. */
async function scan(page: Page, text: string): Promise<void> {
  await expect(page.locator('input[name=scan]')).toBeFocused()
  await page.keyboard.type(text, { delay: 4 })
  await page.keyboard.press('Enter')
}

officeTest(
  'two seats on one PostgreSQL share the office: a visitor checked in at the desk is inside upstairs, minutes finalised upstairs are locked at the desk',
  async ({ office }) => {
    test.setTimeout(180_000)
    const { a, b, pageA, pageB } = office

    // The first run on seat A creates the office's administrator; seat B then asks for a
    // sign-in, not for a second first run.
    await a.open(pageA)
    const setup = pageA.getByTestId('setup-card')
    await setup.locator('input[name=username]').fill(ADMIN.username)
    await setup.locator('input[name=displayName]').fill(ADMIN.displayName)
    await setup.locator('input[name=password]').fill(ADMIN.password)
    await setup.locator('input[name=confirm]').fill(ADMIN.password)
    await setup.locator('input[name=confirm]').press('Enter')
    await expect(pageA.getByTestId('user-box')).toContainText(ADMIN.displayName, { timeout: 20_000 })
    await b.open(pageB)
    await expect(pageB.getByTestId('login-card')).toBeVisible()
    await expect(pageB.getByTestId('setup-card')).toHaveCount(0)

    // The administrator, on seat A, adds the office's accounts and a department to visit.
    await createUnit(a, 'VPCC-NTBL', 'Văn phòng công chứng Nguyễn Thị Bích Liên')
    await addUser(a, 'le.tan', 'Phạm Thị Lễ', ['reception'])
    await addUser(a, 'van.phong', 'Võ Văn Phòng', ['office', 'inspector'])
    await addUser(a, 'kiem.tra', 'Đỗ Kiểm Tra', ['inspector'])

    // Upstairs, seat B: the office looks at who is inside; nobody yet.
    await signIn(pageB, 'van.phong', 'Võ Văn Phòng')
    await b.open(pageB, '/visitors/inside')
    await expect(pageB.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 0 khách')

    // At the desk, seat A: the receptionist scans the visitor's card and checks them in.
    await signOut(pageA)
    await signIn(pageA, 'le.tan', 'Phạm Thị Lễ')
    await a.open(pageA, '/visitors')
    await scan(pageA, QR)
    const form = pageA.getByTestId('check-in-form')
    await expect(form.locator('input[name=fullName]')).toHaveValue('Nguyễn Văn An')
    await pageA.keyboard.type('cong chung')
    await pageA.keyboard.press('Enter')
    await answerScreening(form, '36.6')
    await form.locator('input[name=temperature]').press('Enter')
    await expect(pageA.getByText('Đã đăng ký vào: Nguyễn Văn An')).toBeVisible()
    await expect(pageA.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 1 khách')

    // Seat B, after a refresh: the same visitor, inside, at the same department.
    await pageB.reload()
    await expect(pageB.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 1 khách')
    const inside = pageB.getByTestId('inside-table')
    await expect(inside).toContainText('Nguyễn Văn An')
    await expect(inside).toContainText('Văn phòng công chứng Nguyễn Thị Bích Liên')
    await pageB.screenshot({ path: test.info().outputPath('seat-b.png') })
    await pageA.getByTestId('visitor-tabs').getByText('Đang trong cơ quan').click()
    await expect(pageA.getByTestId('inside-table')).toContainText('Nguyễn Văn An')
    await pageA.screenshot({ path: test.info().outputPath('seat-a.png') })
    await pageB.screenshot({ path: 'docs/images/several-pcs.png' })

    // Seat B: minutes of an inspection, every item met, finalised.
    const draft = await draftInspection(b, { code: 'TTR', name: 'Thanh tra Sở' })
    const recorded = await b.api('inspections:update', {
      ...draft,
      items: draft.items.map((item) => ({ id: item.id, result: 'pass' })),
      conclusion: 'Đơn vị thực hiện tốt công tác phòng, chống dịch.',
    })
    expect(recorded.ok).toBe(true)
    await b.open(pageB, `/inspections/${draft.id}`)
    await pageB.getByTestId('inspection-editor').getByTestId('finalise').click()
    await pageB.locator('.el-message-box').getByRole('button', { name: 'Hoàn thành biên bản' }).click()
    await expect(pageB.getByTestId('final-tag')).toContainText('Biên bản số 01 năm')

    // Seat A, an inspector signed in there: the minutes are listed as finished and open locked.
    await signOut(pageA)
    await signIn(pageA, 'kiem.tra', 'Đỗ Kiểm Tra')
    await a.open(pageA, '/inspections')
    const row = pageA.getByTestId('inspection-table').locator('tbody tr').filter({ hasText: 'Thanh tra Sở' })
    await expect(row).toContainText('Đã hoàn thành')
    await expect(row).toContainText(/01\/\d{4}/)
    await row.click()
    const editor = pageA.getByTestId('inspection-editor')
    await expect(pageA.getByTestId('locked')).toBeVisible()
    await expect(editor.locator('textarea[name=conclusion]')).toBeDisabled()
    await expect(editor.locator('textarea[name=conclusion]')).toHaveValue(
      'Đơn vị thực hiện tốt công tác phòng, chống dịch.',
    )
    await expect(editor.getByTestId('save')).toHaveCount(0)
    await expect(editor.getByTestId('finalise')).toHaveCount(0)
    await pageA.screenshot({ path: test.info().outputPath('seat-a-minutes.png') })
  },
)
