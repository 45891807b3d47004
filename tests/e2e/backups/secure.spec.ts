import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { expect, SCREENED, signInAsAdmin, test } from '../support/fixtures'
import { UnitsPage } from '../pages/units-page'
import { damageTable } from '../../unit/helpers/damage'

const PASSPHRASE = 'Két sắt tầng 2 – Sở Tư pháp'

// Each test restarts the preview on a changed data folder.
test.describe.configure({ timeout: 120_000 })

test('a damaged store is read-only: a lasting banner says so and a save is refused with its message', async ({
  page,
  preview,
}, testInfo) => {
  expect(
    (await preview.api('units:create', { code: 'CU', name: 'Phòng Cũ', kindCode: 'department' })).ok,
  ).toBe(true)
  const visit = await preview.api('visits:checkIn', {
    visitor: { fullName: 'Nguyễn Văn An', idType: 'cccd', idNumber: '001099012345' },
    hostUnitId: 1,
    health: SCREENED,
  })
  expect(visit.ok, JSON.stringify(visit)).toBe(true)
  expect((await preview.api('backups:create')).ok).toBe(true)
  await preview.restart((dataDir) => damageTable(join(dataDir, 'so-phong-dich.sqlite'), 'visits'))

  await preview.open(page)
  await signInAsAdmin(page)
  const units = new UnitsPage(page, preview)
  await units.open()
  const banner = page.getByTestId('store-health')
  await expect(banner.getByTestId('read-only')).toContainText('chế độ chỉ xem')
  await expect(units.row('CU')).toContainText('Phòng Cũ')

  await units.startCreate()
  await units.fill({ code: 'MOI', name: 'Phòng Mới' })
  await units.chooseKind('Phòng chuyên môn, nghiệp vụ')
  await units.field('name').press('Enter')
  await expect(page.locator('.el-message--error')).toContainText('chỉ cho xem, tra cứu và xuất tệp')
  // Nothing typed is lost: the form stays open with the values.
  await expect(units.field('name')).toHaveValue('Phòng Mới')
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.screenshot({ path: testInfo.outputPath('read-only.png') })
  expect(await preview.api('units:list', {})).toMatchObject({ ok: true, data: { total: 1 } })
})

test('the administrator sets the backup passphrase, sees the recovery sheet once, backs up encrypted and restores with the passphrase on a PC without the key', async ({
  page,
  preview,
}, testInfo) => {
  expect(
    (await preview.api('units:create', { code: 'TRUOC', name: 'Phòng Trước', kindCode: 'department' })).ok,
  ).toBe(true)
  await preview.open(page, '/settings')
  const card = page.getByTestId('backups-card')
  const encryption = card.getByTestId('backup-encryption')
  await expect(encryption.getByTestId('encryption-off')).toContainText('chưa được mã hoá')

  await encryption.locator('input[name=passphrase]').fill('ngan qua')
  await encryption.locator('input[name=confirm]').fill('ngan qua')
  await encryption.getByTestId('set-passphrase').click()
  await expect(encryption.locator('.el-form-item__error').first()).toContainText('từ 12 đến 200 ký tự')
  await expect(encryption.locator('input[name=passphrase]')).toBeFocused()

  await encryption.locator('input[name=passphrase]').fill(PASSPHRASE)
  await encryption.locator('input[name=confirm]').fill(PASSPHRASE)
  await encryption.getByTestId('set-passphrase').click()
  const sheet = page.getByTestId('recovery-sheet')
  await expect(sheet).toBeVisible()
  await expect(sheet.getByTestId('sheet-passphrase')).toHaveText(PASSPHRASE)
  const keyId = (await sheet.getByTestId('sheet-key').textContent())!.trim()
  expect(keyId).toMatch(/^[0-9a-f]{16}$/)
  await page.screenshot({ path: testInfo.outputPath('recovery-sheet.png') })
  // Printed, the sheet is all there is on the page.
  await page.emulateMedia({ media: 'print' })
  await expect(sheet).toBeVisible()
  await expect(card).toBeHidden()
  await page.screenshot({ path: testInfo.outputPath('recovery-sheet-print.png') })
  await page.emulateMedia({ media: 'screen' })
  await page.getByTestId('sheet-close').click()
  await expect(sheet).toHaveCount(0)
  await expect(encryption.getByTestId('encryption-on')).toContainText(keyId)
  await expect(encryption.locator('input[name=passphrase]')).toHaveValue('')

  await card.getByTestId('backup-now').click()
  await expect(page.getByText(/Đã sao lưu: so-phong-dich-\d{8}-\d{6}(-\d+)?\.sqlite/)).toBeVisible()
  expect(
    (await preview.api('units:create', { code: 'SAU', name: 'Phòng Sau', kindCode: 'department' })).ok,
  ).toBe(true)

  // This PC loses its key (as a new PC would not have it): the restore asks for the passphrase.
  await preview.restart((dataDir) => rmSync(join(dataDir, 'backup-keys.local')))
  await preview.open(page, '/settings')
  await signInAsAdmin(page)
  await expect(card.getByTestId('encryption-off')).toBeVisible()
  await card
    .getByTestId('backup-table')
    .locator('tbody tr')
    .first()
    .getByRole('button', { name: 'Khôi phục' })
    .click()
  await page.locator('.el-message-box').getByRole('button', { name: 'Khôi phục' }).click()
  const ask = page.locator('.restore-passphrase')
  await expect(ask).toContainText('Nhập mật khẩu sao lưu')
  await ask.locator('input').fill('mat khau sai roi')
  await ask.getByRole('button', { name: 'Khôi phục' }).click()
  // The refused passphrase is asked again, with the reason, in a new box (the first one closes).
  const again = page.locator('.restore-passphrase', { hasText: 'không đúng' })
  await expect(again).toBeVisible()
  await expect(page.locator('.restore-passphrase')).toHaveCount(1)
  await again.locator('input').fill(PASSPHRASE)
  await again.getByRole('button', { name: 'Khôi phục' }).click()

  await expect(page.getByTestId('login-card')).toBeVisible()
  await expect(page.locator('.el-notification')).toContainText('Đã khôi phục dữ liệu')
  await signInAsAdmin(page)
  await preview.open(page, '/units')
  await expect(page.getByText('Phòng Trước')).toBeVisible()
  await expect(page.getByText('Phòng Sau')).toHaveCount(0)
})
