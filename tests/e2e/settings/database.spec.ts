import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { databaseMsg } from '../../../src/shared/database/messages'
import { freePort as closedPort, startPostgres } from '../../unit/helpers/postgres-server'
import type { PostgresServer } from '../../unit/helpers/postgres-server'
import { relayTo } from '../../unit/database/tcp-proxy'
import { UnitsPage } from '../pages/units-page'
import { ADMIN, expect, signInAsAdmin, test } from '../support/fixtures'

/** One embedded PostgreSQL for this file's tests (its binaries come with the npm package). */
let server: PostgresServer
test.beforeAll(async () => {
  test.setTimeout(120_000)
  server = await startPostgres()
})
test.afterAll(async () => {
  await server?.stop()
})

const serverFields = (database: string) => {
  const url = new URL(server.urlOf(database))
  return { host: url.hostname, port: Number(url.port), database, user: url.username, password: url.password }
}

async function fillServer(card: Locator, fields: ReturnType<typeof serverFields>): Promise<void> {
  await card.getByTestId('database-choice-server').click()
  const form = card.getByTestId('database-form')
  await form.locator('[name=host]').fill(fields.host)
  await form.locator('[name=port]').fill(String(fields.port))
  await form.locator('[name=database]').fill(fields.database)
  await form.locator('[name=user]').fill(fields.user)
  await form.locator('[name=password]').fill(fields.password)
}

const errorOf = (card: Locator, label: string) =>
  card.locator('.el-form-item').filter({ hasText: label }).locator('.el-form-item__error')

async function openData(page: Page, preview: { open(page: Page, route?: string): Promise<void> }) {
  await preview.open(page, '/settings')
  const card = page.getByTestId('database-card')
  await expect(card).toBeVisible()
  return card
}

test('Dữ liệu: a wrong password and an unreachable server are said next to their fields', async ({
  page,
  preview,
}) => {
  const card = await openData(page, preview)
  await expect(card.getByTestId('database-now')).toContainText('dữ liệu riêng của máy')
  await fillServer(card, { ...serverFields('postgres'), password: 'mat-khau-sai' })
  await card.getByTestId('database-test').click()
  await expect(errorOf(card, 'Mật khẩu')).toHaveText(databaseMsg.wrongPassword)
  await expect(card.locator('[name=password]')).toBeFocused()

  await card.locator('[name=password]').fill(serverFields('postgres').password)
  await card.locator('[name=port]').fill(String(await closedPort()))
  await card.getByTestId('database-test').click()
  await expect(errorOf(card, 'Địa chỉ máy chủ')).toHaveText(databaseMsg.unreachable)
  await expect(errorOf(card, 'Mật khẩu')).toHaveCount(0)
  // Nothing typed is lost.
  await expect(card.locator('[name=user]')).toHaveValue('postgres')

  await card.locator('[name=port]').fill(String(serverFields('postgres').port))
  await card.getByTestId('database-test').click()
  await expect(card.getByTestId('database-tested')).toContainText('Kết nối được (PostgreSQL')
  await page.setViewportSize({ width: 1366, height: 768 })
  await card.locator('[name=port]').fill(String(await closedPort()))
  await card.getByTestId('database-test').click()
  await expect(errorOf(card, 'Địa chỉ máy chủ')).toBeVisible()
  await card.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'docs/images/settings-database-1366.png' })
})

test('Dữ liệu: a database not in UTF8 is said next to its name, which gets the focus', async ({
  page,
  preview,
}) => {
  await server.admin(`CREATE DATABASE spd_win1258 ENCODING 'WIN1258' TEMPLATE template0`)
  await page.setViewportSize({ width: 1366, height: 768 })
  const card = await openData(page, preview)
  await fillServer(card, serverFields('spd_win1258'))
  await card.getByTestId('database-test').click()
  await expect(errorOf(card, 'Tên cơ sở dữ liệu')).toHaveText(databaseMsg.notUtf8)
  await expect(card.locator('[name=database]')).toBeFocused()
  await expect(card.locator('[name=database]')).toHaveValue('spd_win1258')
  await card.scrollIntoViewIfNeeded()
  await page.screenshot({ path: test.info().outputPath('database-not-utf8-1366.png') })
})

test('Chuyển dữ liệu lên máy chủ: the progress bar runs, the seat signs in again on the server with its data', async ({
  page,
  preview,
}) => {
  test.setTimeout(90_000)
  expect(
    (
      await preview.api('units:create', {
        code: 'PCC1',
        name: 'Phòng Công chứng số 1',
        kindCode: 'notary_office',
      })
    ).ok,
  ).toBe(true)
  const database = `spd_move_${Date.now()}`
  await server.admin(`CREATE DATABASE ${database}`)
  const card = await openData(page, preview)
  await fillServer(card, serverFields(database))
  await card.getByTestId('database-move').click()
  await page.locator('.el-message-box').getByRole('button', { name: 'Chuyển dữ liệu lên máy chủ' }).click()
  await expect(card.getByTestId('database-move-progress')).toBeVisible()
  // Every session here is signed out: the accounts are now the server's (the same ones, moved).
  await expect(page.getByTestId('login-card')).toBeVisible({ timeout: 60_000 })
  await expect(page.getByText('Đã chuyển')).toBeVisible()
  await signInAsAdmin(page)
  expect(await preview.api('database:status')).toMatchObject({ ok: true, data: { engine: 'postgres' } })
  expect(await preview.api('units:list', {})).toMatchObject({
    ok: true,
    data: { items: [expect.objectContaining({ name: 'Phòng Công chứng số 1' })] },
  })
  await preview.open(page, '/settings')
  await expect(page.getByTestId('database-now')).toContainText('máy chủ dữ liệu của cơ quan')

  // A second move into the same (now used) database is refused, in Vietnamese, where one looks.
  expect(await preview.api('database:move', serverFields(database))).toMatchObject({
    ok: false,
    error: { code: 'conflict' },
  })
})

test('a seat whose server cannot be reached shows why, with Thử lại, and never opens its own file', async ({
  page,
  preview,
}) => {
  const port = await closedPort()
  await preview.restart((dataDir) => {
    const { password, ...fields } = { ...serverFields('postgres'), port }
    writeFileSync(
      join(dataDir, 'database.json'),
      JSON.stringify({ choice: 'server', server: { ...fields, tls: false, caFile: '' } }),
    )
    writeFileSync(join(dataDir, 'database-password.local'), password)
  })
  await page.setViewportSize({ width: 1366, height: 768 })
  await preview.open(page)
  const screen = page.getByTestId('server-unreachable')
  await expect(screen).toBeVisible()
  await expect(screen.getByTestId('server-unreachable-reason')).toHaveText(databaseMsg.unreachable)
  await expect(page.getByTestId('login-card')).toHaveCount(0)
  await screen.getByTestId('server-retry').click()
  await expect(screen.getByRole('alert')).toHaveText('Vẫn chưa kết nối được.')
  await screen.getByTestId('server-retry').blur()
  await page.mouse.move(0, 0)
  await page.screenshot({ path: 'docs/images/server-unreachable-1366.png' })
})

test('losing the server while working covers the page with Thử lại, and nothing typed is lost', async ({
  page,
  preview,
}) => {
  const database = `spd_lost_${Date.now()}`
  await server.admin(`CREATE DATABASE ${database}`)
  const fields = serverFields(database)
  const relay = await relayTo(fields.port)
  try {
    expect(await preview.api('database:connect', { ...fields, port: relay.port })).toMatchObject({ ok: true })
    expect(await preview.api('auth:setup', { ...ADMIN, confirm: ADMIN.password })).toMatchObject({ ok: true })
    const units = new UnitsPage(page, preview)
    await units.open()
    await units.startCreate()
    await units.fill({ code: 'MAT', name: 'Phòng Mất Mạng' })
    await units.chooseKind('Phòng chuyên môn, nghiệp vụ')

    await relay.cut()
    await units.field('name').press('Enter')
    const screen = page.getByTestId('server-unreachable')
    await expect(screen.getByTestId('server-unreachable-reason')).toHaveText(databaseMsg.serverLost)

    await relay.restore()
    await screen.getByTestId('server-retry').click()
    await expect(screen).toHaveCount(0)
    await expect(units.field('name')).toHaveValue('Phòng Mất Mạng')
    await units.field('name').press('Enter')
    await expect(units.row('MAT')).toBeVisible()
  } finally {
    await relay.close()
  }
})
