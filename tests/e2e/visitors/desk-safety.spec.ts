import { expect, SCREENED, test } from '../support/fixtures'
import { answerScreening, createUnit } from '../pages/desk'
import type { Preview } from '../support/fixtures'
import type { Page } from '@playwright/test'
import { CONFIRM_PAUSE_MS } from '../../../src/shared/visitors/schemas'

// On a busy test machine these desk scenarios take longer than the default 30 s.
test.describe.configure({ timeout: 60_000 })

const ADDRESS = 'Số 12 đường 3/2, Phường Xuân Khánh, Quận Ninh Kiều, Thành phố Cần Thơ'
const QR = `001099012345|361234567|Nguyễn Văn An|15031990|Nam|${ADDRESS}|10082021`
const QR_BINH = `092199000111||Trần Thị Bình|02021985|Nữ|Cái Răng, Cần Thơ|01072021`
const AN = { fullName: 'Nguyễn Văn An', idType: 'cccd', idNumber: '001099012345' }

/**
 * A handheld scanner in keyboard mode types wherever the cursor is: a fast burst, then Enter.
 * Sent without delay: on a busy test machine the browser alone spaces the keys by tens of ms.
 */
async function burst(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text)
  await page.keyboard.press('Enter')
}

async function scan(page: Page, text: string): Promise<void> {
  await expect(page.locator('input[name=scan]')).toBeFocused()
  await burst(page, text)
}

/** The screening as the receptionist answers it: temperature, no symptom, no contact, not from a case area. */
const visitCount = async (preview: Preview) =>
  ((await preview.api('visits:search', {})) as { data: { total: number } }).data.total

test('a refused scan empties the person and says why beside the scan field, until the next scan', async ({
  page,
  preview,
}, testInfo) => {
  await createUnit(preview, 'VP', 'Văn phòng Sở')
  await page.setViewportSize({ width: 1366, height: 768 })
  await preview.open(page, '/visitors')
  const form = page.getByTestId('check-in-form')
  await scan(page, QR)
  await expect(form.locator('input[name=fullName]')).toHaveValue('Nguyễn Văn An')

  // The next card has an impossible date of birth: nothing of An may stay to be saved under it.
  await form.locator('input[name=scan]').focus()
  await scan(page, '092199000111||Trần Thị Bình|31022001|Nữ|Cái Răng, Cần Thơ|01072021')
  const error = form.getByTestId('scan-error')
  await expect(error).toHaveText('Ngày sinh không hợp lệ: 31/02/2001')
  for (const name of ['fullName', 'idNumber', 'address'])
    await expect(form.locator(`input[name=${name}]`)).toHaveValue('')
  await expect(form.getByTestId('card-details')).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('refused-scan.png') })
  await page.screenshot({ path: 'docs/images/check-in-refused-scan.png' })
  // Enter again records no one: the form has no name.
  await page.keyboard.press('Enter')
  await form.getByTestId('check-in-save').click()
  await expect(form.locator('.el-form-item.is-error').first()).toBeVisible()
  expect(await visitCount(preview)).toBe(0)
  await expect(error).toBeVisible()

  // A short ID number is refused the same way.
  await form.locator('input[name=scan]').focus()
  await scan(page, '09219900011||Trần Thị Bình|02021985|Nữ|Cái Răng, Cần Thơ|01072021')
  await expect(error).toHaveText('Số CCCD trong mã QR phải có 12 chữ số (đọc được: "09219900011")')
  await expect(form.locator('input[name=fullName]')).toHaveValue('')

  // The next good scan clears the error.
  await form.locator('input[name=scan]').focus()
  await scan(page, QR_BINH)
  await expect(form.locator('input[name=fullName]')).toHaveValue('Trần Thị Bình')
  await expect(error).toHaveCount(0)
})

test('a QR that is not a chip ID card says what it is', async ({ page, preview }) => {
  await createUnit(preview, 'VP', 'Văn phòng Sở')
  await preview.open(page, '/visitors')
  const error = page.getByTestId('scan-error')
  await scan(page, 'https://dichvucong.gov.vn/p/home/dvc-trang-chu.html')
  await expect(error).toContainText('Mã QR này là một đường dẫn trang web, không phải mã trên CCCD gắn chip')
  await scan(
    page,
    '00020101021238570010A000000727012700069704220113VQRQ000123450208QRIBFTTA53037045802VN6304ABCD',
  )
  await expect(error).toContainText('Mã QR này là mã thanh toán ngân hàng (VietQR), không phải mã trên CCCD')
})

test('a scan while the cursor is in another field is read as a scan; that field keeps its value', async ({
  page,
  preview,
}) => {
  await createUnit(preview, 'VP', 'Văn phòng Sở')
  await preview.open(page, '/visitors')
  const form = page.getByTestId('check-in-form')
  const badge = form.locator('input[name=badgeNumber]')
  await badge.click()
  await badge.pressSequentially('K-07')
  // The badge field takes 20 characters; the card's text is far longer and must arrive whole.
  await burst(page, QR)
  await expect(form.locator('input[name=fullName]')).toHaveValue('Nguyễn Văn An')
  await expect(form.locator('input[name=address]')).toHaveValue(ADDRESS)
  await expect(form.getByTestId('card-details')).toContainText('CMND cũ: 361234567')
  await expect(badge).toHaveValue('K-07')

  const purpose = form.locator('input[name=purpose]')
  await purpose.click()
  await purpose.pressSequentially('Nộp hồ sơ')
  await burst(page, QR_BINH)
  await expect(form.locator('input[name=fullName]')).toHaveValue('Trần Thị Bình')
  await expect(purpose).toHaveValue('Nộp hồ sơ')
  expect(await visitCount(preview)).toBe(0)
})

test('at 1366×768 a returning visitor stops at the temperature, and health and save are on screen', async ({
  page,
  preview,
}, testInfo) => {
  const vp = await createUnit(preview, 'VP', 'Văn phòng Sở')
  const first = (await preview.api('visits:checkIn', { visitor: AN, hostUnitId: vp, health: SCREENED })) as {
    data: { id: number }
  }
  expect((await preview.api('visits:checkOut', { id: first.data.id })).ok).toBe(true)
  await page.setViewportSize({ width: 1366, height: 768 })
  await preview.open(page, '/visitors')
  const form = page.getByTestId('check-in-form')
  await scan(page, QR)
  await expect(page.getByTestId('returning')).toContainText('Khách quen: Nguyễn Văn An')
  const temperature = form.locator('input[name=temperature]')
  await expect(temperature).toBeFocused()
  for (const target of [temperature, form.getByTestId('check-in-save'), form.getByTestId('health')])
    await expect(target).toBeInViewport({ ratio: 1 })
  const scrolled = await page.evaluate(
    () => window.scrollY + Array.from(document.querySelectorAll('*')).reduce((n, el) => n + el.scrollTop, 0),
  )
  expect(scrolled).toBe(0)
  await page.screenshot({ path: testInfo.outputPath('check-in-1366.png') })
  await page.screenshot({ path: 'docs/images/check-in-1366.png' })

  // Enter alone no longer passes the screening: each unanswered question is named.
  await page.keyboard.press('Enter')
  await expect(form.locator('.el-form-item__error')).toHaveText([
    'Đo và nhập nhiệt độ của khách',
    'Hỏi khách: có tiếp xúc với ca bệnh không?',
    'Hỏi khách: có đến từ vùng có ca bệnh không?',
    'Hỏi khách: có triệu chứng nào không?',
  ])
  await expect(temperature).toBeFocused()
  expect(await visitCount(preview)).toBe(1)
  await answerScreening(form)
  await form.getByTestId('check-in-save').click()
  await expect(page.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 1 khách')
})

test('the office can stop screening in Settings; then Enter alone saves a returning visitor', async ({
  page,
  preview,
}) => {
  await createUnit(preview, 'VP', 'Văn phòng Sở')
  await preview.open(page, '/settings')
  const card = page.getByTestId('reception-settings')
  const box = card.getByTestId('screening-required')
  await expect(box).toHaveClass(/is-checked/)
  await box.click()
  await card.getByTestId('reception-save').click()
  await expect(page.getByText('Đã lưu')).toBeVisible()
  await preview.open(page, '/visitors')
  await scan(page, QR)
  await page.keyboard.type('van phong')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 1 khách')
})

test('the old CMND number and the issue date are kept, shown in the record and found by the old number', async ({
  page,
  preview,
}) => {
  await createUnit(preview, 'VP', 'Văn phòng Sở')
  await preview.open(page, '/visitors')
  const form = page.getByTestId('check-in-form')
  await scan(page, QR)
  await expect(form.getByTestId('card-details')).toHaveText(/CMND cũ: 361234567\s*Ngày cấp: 10\/08\/2021/)
  await page.keyboard.type('van phong')
  await page.keyboard.press('Enter')
  await answerScreening(form)
  await form.getByTestId('check-in-save').click()
  await expect(page.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 1 khách')

  await page.getByTestId('visitor-tabs').getByText('Tra cứu').click()
  await page.getByTestId('visit-search').fill('361234567')
  const table = page.getByTestId('visit-table')
  await expect(table.locator('tbody tr')).toHaveCount(1)
  await table.getByText('Nguyễn Văn An').click()
  const record = page.getByTestId('visitor-card')
  await expect(record).toContainText('•••••4567')
  await expect(record).toContainText('10/08/2021')
  await record.getByText('Hiện số giấy tờ').click()
  await expect(record).toContainText('361234567')
})

test('a re-scan of someone inside says so at once and offers Cho ra first: Enter checks them out', async ({
  page,
  preview,
}) => {
  const vp = await createUnit(preview, 'VP', 'Văn phòng Sở')
  expect((await preview.api('visits:checkIn', { visitor: AN, hostUnitId: vp, health: SCREENED })).ok).toBe(
    true,
  )
  await preview.open(page, '/visitors')
  await expect(page.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 1 khách')
  await scan(page, QR)
  const inside = page.getByTestId('inside-now')
  await expect(inside).toContainText('Nguyễn Văn An đang ở trong cơ quan từ')
  await expect(inside).toContainText('Văn phòng Sở')
  await expect(inside.getByTestId('inside-check-out')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 0 khách')
  await expect(inside).toHaveCount(0)
  expect(await visitCount(preview)).toBe(1)
  await expect(page.locator('input[name=scan]')).toBeFocused()
})

test('a double Enter cannot pass a watchlist question unread', async ({ page, preview }) => {
  await createUnit(preview, 'VP', 'Văn phòng Sở')
  expect(
    (await preview.api('watchlist:create', { idNumber: AN.idNumber, reason: 'Giả mạo giấy tờ' })).ok,
  ).toBe(true)
  // The page's clock is driven by the test: "at once" means no time passes, however busy the PC.
  await page.clock.install()
  await preview.open(page, '/visitors')
  const form = page.getByTestId('check-in-form')
  await scan(page, QR)
  await page.keyboard.type('van phong')
  await page.keyboard.press('Enter')
  await answerScreening(form)
  await page.clock.pauseAt(Date.now() + 10_000)
  const temperature = form.locator('input[name=temperature]')
  await temperature.focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByTestId('check-in-questions')
  await expect(dialog).toContainText('Giả mạo giấy tờ')
  // Enter again and again, each well within the pause: nothing is confirmed. Each key is seen by
  // the page before the clock moves (input events and the clock travel by different channels).
  await page.evaluate(() => {
    const w = window as unknown as { enters: number }
    w.enters = 0
    window.addEventListener('keydown', (e) => e.key === 'Enter' && w.enters++, true)
  })
  const enters = () => page.evaluate(() => (window as unknown as { enters: number }).enters)
  for (let i = 1; i <= 4; i++) {
    await page.keyboard.press('Enter')
    await expect.poll(enters).toBe(i)
    await page.clock.runFor(CONFIRM_PAUSE_MS / 2)
  }
  // The dialog's closing animation needs the clock running.
  await page.clock.resume()
  await dialog.getByRole('button', { name: 'Huỷ' }).click()
  await expect(dialog).toBeHidden()
  expect(await visitCount(preview)).toBe(0)
  await expect(form.locator('input[name=fullName]')).toHaveValue('Nguyễn Văn An')

  // Asked again: after the pause the confirm button has the focus; a deliberate Enter confirms.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000)
  await temperature.focus()
  await page.keyboard.press('Enter')
  await expect(dialog).toContainText('Giả mạo giấy tờ')
  await page.clock.runFor(CONFIRM_PAUSE_MS)
  await expect(dialog.getByTestId('questions-confirm')).toBeFocused()
  await page.keyboard.press('Enter')
  await page.clock.resume()
  await expect(page.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 1 khách')
  expect(await visitCount(preview)).toBe(1)
})

test('a fever refusal is asked under a red banner and recorded as a full-width red banner', async ({
  page,
  preview,
}) => {
  await createUnit(preview, 'VP', 'Văn phòng Sở')
  await preview.open(page, '/visitors')
  const form = page.getByTestId('check-in-form')
  await scan(page, QR_BINH)
  await page.keyboard.type('van phong')
  await page.keyboard.press('Enter')
  await answerScreening(form, '38.5')
  await form.getByTestId('check-in-save').click()
  const dialog = page.getByTestId('check-in-questions')
  await expect(dialog.getByTestId('refusal-banner')).toContainText('sốt 38.5 °C')
  await expect(dialog.getByTestId('questions-confirm')).toBeFocused()
  await page.keyboard.press('Enter')
  const banner = page.getByTestId('refused-banner')
  await expect(banner).toContainText('KHÔNG CHO VÀO: Trần Thị Bình — chuyển y tế (sốt 38.5 °C)')
  const [bannerBox, formBox] = [await banner.boundingBox(), await page.locator('.form-card').boundingBox()]
  expect(bannerBox!.width).toBeGreaterThanOrEqual(formBox!.width)
  expect(await banner.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(192, 38, 45)')
  await expect(page.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 0 khách')
})

test('the inside panel keeps Cho ra in its box at 1400, 1600 and 1920 px; the watchlist masks ID numbers', async ({
  page,
  preview,
}) => {
  const vp = await createUnit(preview, 'VPCC', 'Văn phòng công chứng Nguyễn Thị Bích Liên và cộng sự')
  for (const [i, fullName] of ['Nguyễn Thị Phương Thảo Nguyên', 'Trần Văn Bình'].entries())
    expect(
      (
        await preview.api('visits:checkIn', {
          visitor: { fullName, idType: 'cccd', idNumber: `00109901234${i}` },
          hostUnitId: vp,
          health: SCREENED,
        })
      ).ok,
    ).toBe(true)
  for (const width of [1400, 1600, 1920]) {
    await page.setViewportSize({ width, height: 860 })
    await preview.open(page, '/visitors')
    const panel = page.getByTestId('inside-panel')
    await expect(panel.getByRole('button', { name: 'Cho ra', exact: true })).toHaveCount(2)
    const box = (await panel.boundingBox())!
    for (const button of await panel.getByRole('button', { name: 'Cho ra', exact: true }).all()) {
      const b = (await button.boundingBox())!
      expect(b.x + b.width, `at ${width} px`).toBeLessThanOrEqual(box.x + box.width)
      expect(b.x + b.width, `at ${width} px`).toBeLessThanOrEqual(width)
    }
  }

  expect((await preview.api('watchlist:create', { idNumber: '001099012345', reason: 'Gây rối' })).ok).toBe(
    true,
  )
  await page.getByTestId('visitor-tabs').getByText('Cần lưu ý').click()
  const table = page.getByTestId('watch-table')
  await expect(table).toContainText('••••••••2345')
  await expect(table).not.toContainText('001099012345')
  await table.getByRole('button', { name: 'Sửa' }).click()
  await expect(page.locator('input[name=watchIdNumber]')).toHaveValue('001099012345')
  await page.locator('input[name=watchReason]').fill('Gây rối ngày 02/11')
  await page.getByTestId('watch-save').click()
  await expect(table).toContainText('Gây rối ngày 02/11')
  await expect(table).not.toContainText('001099012345')
})
