import { execFileSync } from 'node:child_process'
import { expect, test } from '../support/fixtures'
import { answerScreening, createUnit } from '../pages/desk'
import { printedText } from '../pages/printing'
import type { Preview } from '../support/fixtures'

test.describe.configure({ timeout: 60_000 })

const QR = '092199000111||Trần Thị Bình|02021985|Nữ|Cái Răng, Cần Thơ|01072021'
const pdfText = (file: string) =>
  execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
/** How many declarations the audit trail says were printed: one line per print. */
const printsAudited = async (preview: Preview) => {
  const trail = (await preview.api('audit:list', { entity: 'visit' })) as {
    data: { items: Array<{ route: string }> }
  }
  return trail.data.items.filter((entry) => entry.route === 'visits:healthDeclarationPdf').length
}

test('an office that files paper declarations gets one pre-filled and ready to print after each check-in, and can print it again from the list', async ({
  page,
  preview,
}, testInfo) => {
  await createUnit(preview, 'VP', 'Văn phòng Sở')
  await preview.open(page, '/settings')
  const card = page.getByTestId('reception-settings')
  await card.getByTestId('paper-declaration').click()
  await card.getByTestId('reception-save').click()
  await expect(page.getByText('Đã lưu')).toBeVisible()

  // The check-in itself, as the desk does it: the declaration opens ready to print once it is saved.
  await preview.open(page, '/visitors')
  await expect(page.locator('input[name=scan]')).toBeFocused()
  await page.keyboard.type(QR)
  await page.keyboard.press('Enter')
  await page.keyboard.type('van phong')
  await page.keyboard.press('Enter')
  await answerScreening(page.getByTestId('check-in-form'))
  const text = await printedText(page, 'check-in-save', testInfo.outputPath('after-check-in.pdf'))
  for (const expected of [
    'TỜ KHAI Y TẾ',
    'Họ và tên: Trần Thị Bình',
    '092199000111',
    'Đến đơn vị: Văn phòng Sở',
  ])
    expect(text).toContain(expected)
  expect(await printsAudited(preview)).toBe(1)
  await expect(page.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 1 khách')

  // Again later, from the full list of who is inside: In prints it, Tải PDF saves it.
  await preview.open(page, '/visitors/inside')
  const row = page.getByTestId('inside-table').locator('tbody tr').first()
  const again = await printedText(
    page,
    row.locator('[data-testid$=-print][data-testid^=declaration-]'),
    testInfo.outputPath('again.pdf'),
  )
  expect(again).toContain('Tôi cam kết những thông tin trên là đúng sự thật')
  expect(await printsAudited(preview)).toBe(2)
  const download = page.waitForEvent('download')
  await row.locator('[data-testid^=declaration-]:not([data-testid$=-print])').click()
  const saved = await download
  expect(saved.suggestedFilename()).toMatch(/^to-khai-y-te-\d+\.pdf$/)
  expect(pdfText(await saved.path())).toContain('Họ và tên: Trần Thị Bình')
  expect(await printsAudited(preview)).toBe(3)
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.screenshot({ path: testInfo.outputPath('inside-declaration.png') })
})
