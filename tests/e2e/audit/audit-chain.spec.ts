import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, signInAsAdmin, test } from '../support/fixtures'

test('Nhật ký → Kiểm tra toàn vẹn: intact, then a deleted line is named at the next start and in the check', async ({
  page,
  preview,
}, testInfo) => {
  test.setTimeout(90_000)
  for (const code of ['A', 'B', 'C']) {
    const created = await preview.api('units:create', { code, name: `Phòng ${code}`, kindCode: 'department' })
    expect(created.ok, JSON.stringify(created)).toBe(true)
  }
  await page.setViewportSize({ width: 1366, height: 768 })
  await preview.open(page, '/audit')
  await page.getByTestId('audit-verify').click()
  const result = page.getByTestId('audit-verify-result')
  await expect(result).toContainText('Nhật ký toàn vẹn')
  await page.screenshot({ path: testInfo.outputPath('audit-chain-ok.png') })
  await page.getByRole('button', { name: 'Đóng' }).last().click()

  // Someone with the file drops the guard triggers and removes a line.
  await preview.restart((dataDir) => {
    const db = new Database(join(dataDir, 'so-phong-dich.sqlite'))
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete')
    db.prepare('DELETE FROM audit_log WHERE id = 3').run()
    db.close()
  })
  await preview.open(page, '/audit')
  await signInAsAdmin(page)
  const banner = page.getByTestId('audit-chain-banner')
  await expect(banner).toContainText('nhật ký thao tác đã bị can thiệp')
  await expect(banner).toContainText('ngay trước dòng số 4 (')
  await expect(banner).toContainText('dòng số 3 đã bị xoá')
  await page.screenshot({ path: testInfo.outputPath('audit-chain-banner.png') })

  await preview.open(page, '/audit')
  await page.getByTestId('audit-verify').click()
  await expect(result).toContainText('Nhật ký đã bị can thiệp')
  await expect(result).toContainText('Thiếu 1 dòng nhật ký ngay trước dòng số 4')
  await page.screenshot({ path: testInfo.outputPath('audit-chain-broken.png') })
})
