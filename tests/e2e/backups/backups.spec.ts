import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, signInAsAdmin, test } from '../support/fixtures'
import type { Preview } from '../support/fixtures'
import { damageTable } from '../../unit/helpers/damage'

async function createUnit(preview: Preview, code: string, name: string): Promise<void> {
  const result = await preview.api('units:create', { code, name, kindCode: 'department' })
  expect(result.ok, JSON.stringify(result)).toBe(true)
}

/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

/** A draft inspection of the first unit with one photo; returns the photo's id. */
async function inspectionWithPhoto(preview: Preview): Promise<number> {
  const created = (await preview.api('inspections:create', {
    unitId: 1,
    kind: 'inspection',
    date: '2021-11-15',
    startTime: '08:30',
    endTime: '10:30',
    team: [{ role: 'head', fullName: 'Trần Văn Minh', title: 'Phó Giám đốc Sở' }],
  })) as { ok: boolean; data?: { id: number; items: Array<{ id: number }> } }
  expect(created.ok, JSON.stringify(created)).toBe(true)
  const photo = (await preview.api('inspections:addPhoto', {
    inspectionId: created.data!.id,
    itemId: created.data!.items[0]!.id,
    fileName: 'tu-thuoc.png',
    base64: PNG,
  })) as { ok: boolean; data?: { id: number } }
  expect(photo.ok, JSON.stringify(photo)).toBe(true)
  return photo.data!.id
}

test('an administrator backs up, then restores the backup and everyone signs in again', async ({
  page,
  preview,
}, testInfo) => {
  await createUnit(preview, 'TRUOC', 'Phòng Trước sao lưu')
  const photoId = await inspectionWithPhoto(preview)
  await preview.open(page, '/settings')
  const card = page.getByTestId('backups-card')
  // The preview, like the app, took the day's automatic backup when it started.
  await expect(card.getByTestId('backup-table').locator('tbody tr')).toHaveCount(1)

  await card.locator('input[name=folder]').fill('SaoLuu')
  await card.getByTestId('backup-settings-save').click()
  await expect(card.locator('.el-form-item__error')).toContainText('đường dẫn đầy đủ')
  const folder = join(preview.dataDir, 'usb', 'SaoLuu')
  await card.locator('input[name=folder]').fill(folder)
  await card.locator('input[name=keep]').fill('7')
  await card.getByTestId('backup-settings-save').click()
  await expect(page.getByText('Đã lưu')).toBeVisible()
  await expect(card.getByTestId('backup-table')).toContainText('Chưa có bản sao lưu nào')

  await card.getByTestId('backup-now').click()
  await expect(page.getByText(/Đã sao lưu: so-phong-dich-\d{8}-\d{6}\.sqlite/)).toBeVisible()
  await expect(card.getByTestId('backup-table').locator('tbody tr')).toHaveCount(1)
  await expect(card).toContainText(`Các bản sao lưu trong ${folder}`)
  await card.scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('backups-card.png'), fullPage: true })

  await createUnit(preview, 'SAU', 'Phòng Sau sao lưu')
  // The photos are lost too: the restore brings them back from the backup folder.
  rmSync(join(preview.dataDir, 'attachments'), { recursive: true })
  await card.getByTestId('backup-table').getByRole('button', { name: 'Khôi phục' }).click()
  const confirm = page.locator('.el-message-box')
  await expect(confirm).toContainText('before-restore')
  await confirm.getByRole('button', { name: 'Khôi phục' }).click()

  // The page reloads to the sign-in screen and says what happened.
  await expect(page.getByTestId('login-card')).toBeVisible()
  await expect(page.locator('.el-notification')).toContainText('Đã khôi phục dữ liệu')
  await signInAsAdmin(page)
  await preview.open(page, '/units')
  await expect(page.getByText('Phòng Trước sao lưu')).toBeVisible()
  await expect(page.getByText('Phòng Sau sao lưu')).toHaveCount(0)
  expect(await preview.api('inspections:photo', { id: photoId })).toMatchObject({
    ok: true,
    data: { base64: PNG },
  })
})

test('a restore from a file without its photos says how many are missing', async ({
  page,
  preview,
}, testInfo) => {
  await createUnit(preview, 'ANH', 'Phòng Có ảnh')
  await inspectionWithPhoto(preview)
  const backup = (await preview.api('backups:create')) as {
    ok: boolean
    data?: { file: string; name: string }
  }
  expect(backup.ok).toBe(true)
  const alone = join(preview.dataDir, 'chi-co-tep')
  mkdirSync(alone)
  copyFileSync(backup.data!.file, join(alone, backup.data!.name))
  rmSync(join(preview.dataDir, 'attachments'), { recursive: true })

  await preview.open(page, '/settings')
  const card = page.getByTestId('backups-card')
  await card.locator('input[name=otherFile]').fill(join(alone, backup.data!.name))
  await card.getByTestId('restore-other').click()
  await page.locator('.el-message-box').getByRole('button', { name: 'Khôi phục' }).click()
  await expect(page.getByTestId('login-card')).toBeVisible()
  const notice = page.locator('.photos-missing')
  await expect(notice).toContainText('Đã khôi phục dữ liệu, nhưng thiếu 1 ảnh kiểm tra')
  await expect(notice).toContainText(join(alone, 'attachments'))
  await page.screenshot({ path: testInfo.outputPath('photos-missing.png'), fullPage: true })
})

test('a restore from a damaged file is refused next to the field and changes nothing', async ({
  page,
  preview,
}) => {
  await createUnit(preview, 'GIU', 'Phòng Giữ nguyên')
  await preview.open(page, '/settings')
  const card = page.getByTestId('backups-card')
  const other = join(preview.dataDir, 'ghi-chu.sqlite')
  writeFileSync(other, 'Đây là ghi chú, không phải bản sao lưu. '.repeat(10))
  await card.locator('input[name=otherFile]').fill(other)
  await card.getByTestId('restore-other').click()
  await page.locator('.el-message-box').getByRole('button', { name: 'Khôi phục' }).click()
  await expect(card.locator('.el-form-item__error')).toContainText('không đúng định dạng SQLite')
  expect(await preview.api('units:list', {})).toMatchObject({ ok: true, data: { total: 1 } })
})

test('a store damaged at start-up is reported on the sign-in screen and recovered from the newest good backup', async ({
  page,
  preview,
}, testInfo) => {
  await createUnit(preview, 'AN-TOAN', 'Phòng An toàn')
  expect((await preview.api('backups:create')).ok).toBe(true)
  await preview.restart((dataDir) => damageTable(join(dataDir, 'so-phong-dich.sqlite'), 'units'))

  await preview.open(page)
  const banner = page.getByTestId('store-health')
  await expect(banner).toContainText('Dữ liệu có lỗi')
  await expect(banner).toContainText(/Bản sao lưu tốt gần nhất: so-phong-dich-\d{8}-\d{6}(-\d+)?\.sqlite/)
  await expect(page.getByTestId('login-card')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('damaged-store.png'), fullPage: true })

  await banner.getByTestId('recover').click()
  // Before confirming: what the backup lacks that the damaged file still holds (the backup's own audit line).
  await expect(page.getByTestId('recovery-preview')).toContainText(
    'Nhật ký: 1 dòng đọc được, 0 dòng không đọc được',
  )
  await page.locator('.el-message-box').getByRole('button', { name: 'Khôi phục bản sao lưu này' }).click()
  await expect(page.locator('.el-notification').filter({ hasText: 'Đã khôi phục dữ liệu' })).toBeVisible()
  await expect(page.getByTestId('salvaged')).toContainText('Nhật ký: lưu lại 1, không lưu được 0')
  await expect(page.getByTestId('store-health')).toHaveCount(0)
  await signInAsAdmin(page)
  await preview.open(page, '/units')
  await expect(page.getByText('Phòng An toàn')).toBeVisible()
})
