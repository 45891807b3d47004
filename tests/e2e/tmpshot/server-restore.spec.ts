import { expect, test } from '../support/fixtures'

test('server restore shot', async ({ page, preview }) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  expect((await preview.api('units:create', { code: 'SO', name: 'Sở Tư pháp', kindCode: 'agency' })).ok).toBe(true)
  const made = await preview.api('backups:create', {})
  expect(made.ok, JSON.stringify(made)).toBe(true)
  expect((await preview.api('units:create', { code: 'VP', name: 'Văn phòng', kindCode: 'agency' })).ok).toBe(true)
  await preview.open(page, '/settings')
  const card = page.getByTestId('backups-card')
  await card.getByTestId('backup-table').getByRole('button', { name: 'Khôi phục' }).first().click()
  await expect(page.locator('.el-message-box')).toBeVisible()
  await page.screenshot({ path: '/tmp/pgfiles-shots/restore-confirm.png' })
  await page.locator('.el-message-box').getByRole('button', { name: 'Khôi phục' }).click()
  await expect(page.getByTestId('login-card')).toBeVisible({ timeout: 20_000 })
  await page.screenshot({ path: '/tmp/pgfiles-shots/after-restore.png' })
  const units = (await preview.api('auth:login', { username: 'quantri', password: 'mat-khau-dai-8' })) as { ok: boolean }
  expect(units.ok).toBe(true)
  const list = (await preview.api('units:list', {})) as { data: { items: Array<{ code: string }> } }
  expect(list.data.items.map((u) => u.code)).not.toContain('VP')
})
