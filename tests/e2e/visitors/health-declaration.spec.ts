import { execFileSync } from 'node:child_process'
import { expect, test } from '../support/fixtures'
import { answerScreening, createUnit } from '../pages/desk'

test.describe.configure({ timeout: 60_000 })

const QR = '092199000111||Trần Thị Bình|02021985|Nữ|Cái Răng, Cần Thơ|01072021'
const pdfText = (file: string) =>
  execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')

test('an office that files paper declarations gets one pre-filled after each check-in, and can print it again from the list', async ({
  page,
  preview,
}, testInfo) => {
  await createUnit(preview, 'VP', 'Văn phòng Sở')
  await preview.open(page, '/settings')
  const card = page.getByTestId('reception-settings')
  await card.getByTestId('paper-declaration').click()
  await card.getByTestId('reception-save').click()
  await expect(page.getByText('Đã lưu')).toBeVisible()

  // The check-in itself, as the desk does it: the declaration downloads once it is saved.
  await preview.open(page, '/visitors')
  await expect(page.locator('input[name=scan]')).toBeFocused()
  await page.keyboard.type(QR)
  await page.keyboard.press('Enter')
  await page.keyboard.type('van phong')
  await page.keyboard.press('Enter')
  await answerScreening(page.getByTestId('check-in-form'))
  const download = page.waitForEvent('download')
  await page.getByTestId('check-in-save').click()
  const first = await download
  expect(first.suggestedFilename()).toMatch(/^to-khai-y-te-\d+\.pdf$/)
  const text = pdfText(await first.path())
  for (const expected of [
    'TỜ KHAI Y TẾ',
    'Họ và tên: Trần Thị Bình',
    '092199000111',
    'Đến đơn vị: Văn phòng Sở',
  ])
    expect(text).toContain(expected)
  await expect(page.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 1 khách')

  // Again later, from the full list of who is inside.
  await preview.open(page, '/visitors/inside')
  const again = page.waitForEvent('download')
  await page.locator('[data-testid^=declaration-]').first().click()
  expect(pdfText(await (await again).path())).toContain('Tôi cam kết những thông tin trên là đúng sự thật')
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.screenshot({ path: testInfo.outputPath('inside-declaration.png') })
})
