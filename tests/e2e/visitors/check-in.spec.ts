import { execFileSync } from 'node:child_process'
import ExcelJS from 'exceljs'
import { expect, SCREENED, test } from '../support/fixtures'
import { answerScreening, createUnit } from '../pages/desk'
import { printedText } from '../pages/printing'
import type { Page } from '@playwright/test'

const QR =
  '001099012345||Nguyễn Văn An|15031990|Nam|Số 12 đường 3/2, Phường Xuân Khánh, Quận Ninh Kiều, Cần Thơ|10082021'
/** The same card read by a keyboard-mode scanner that lost the diacritics. */
const QR_PLAIN =
  '001099012345||Nguyen Van An|15031990|Nam|So 12 duong 3/2, Phuong Xuan Khanh, Quan Ninh Kieu, Can Tho|10082021'

/** Answers the screening, then leaves the cursor in the temperature field as the receptionist does. */
async function screen(page: Page, temperature: string): Promise<void> {
  const form = page.getByTestId('check-in-form')
  await answerScreening(form, temperature)
  await form.locator('input[name=temperature]').focus()
}

/** A handheld scanner in keyboard mode: the QR text in a burst of fast keystrokes, then Enter. */
async function scan(page: Page, text: string): Promise<void> {
  const field = page.locator('input[name=scan]')
  await expect(field).toBeFocused()
  await page.keyboard.type(text, { delay: 4 })
  await page.keyboard.press('Enter')
}

test('a scanned visitor is checked in with the keyboard, shown inside, recognised when back, found and exported', async ({
  page,
  preview,
}, testInfo) => {
  await createUnit(preview, 'VPCC-NTBL', 'Văn phòng công chứng Nguyễn Thị Bích Liên')
  await createUnit(preview, 'TT', 'Thanh tra Sở')
  await preview.open(page, '/visitors')

  await scan(page, QR)
  const form = page.getByTestId('check-in-form')
  await expect(form.locator('input[name=fullName]')).toHaveValue('Nguyễn Văn An')
  await expect(form.locator('input[name=idNumber]')).toHaveValue('001099012345')
  await expect(form.locator('input[name=address]')).toHaveValue(/Ninh Kiều/)
  // Focus moved to the unit: type-ahead without diacritics, Enter picks; screening; Enter saves.
  await page.keyboard.type('cong chung')
  await page.keyboard.press('Enter')
  await screen(page, '36.6')
  await page.keyboard.press('Enter')
  await expect(page.getByText('Đã đăng ký vào: Nguyễn Văn An')).toBeVisible()
  await expect(page.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 1 khách')
  const inside = page.getByTestId('inside-table')
  await expect(inside).toContainText('Nguyễn Văn An')
  await expect(inside).toContainText('••••••••2345')
  await expect(inside).not.toContainText('001099012345')
  await page.screenshot({ path: testInfo.outputPath('check-in.png'), fullPage: true })
  await page.screenshot({ path: 'docs/images/check-in.png' })

  await inside.getByRole('button', { name: 'Cho ra' }).click()
  await expect(page.getByText('Đã cho ra: Nguyễn Văn An')).toBeVisible()
  await expect(page.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 0 khách')

  // Back the next time, through a scanner that dropped the marks: the stored name and the last
  // unit come back, and the cursor waits at the temperature; the screening, then Enter saves.
  await expect(page.locator('input[name=scan]')).toBeFocused()
  await scan(page, QR_PLAIN)
  await expect(page.getByTestId('returning')).toContainText('Khách quen: Nguyễn Văn An')
  await expect(form.locator('input[name=fullName]')).toHaveValue('Nguyễn Văn An')
  await expect(form.locator('input[name=temperature]')).toBeFocused()
  await screen(page, '36.4')
  await page.keyboard.press('Enter')
  // The notice of the first check-in may still be on screen: count the rows instead.
  await expect(page.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 1 khách')
  await expect(inside).toContainText('Văn phòng công chứng Nguyễn Thị Bích Liên')

  await page.getByTestId('visitor-tabs').getByText('Tra cứu').click()
  await page.getByTestId('visit-search').fill('nguyen van')
  await expect(page.getByTestId('visit-table').locator('tbody tr')).toHaveCount(2)
  await expect(page.getByTestId('visit-table')).toContainText('Nguyễn Văn An')
  await page.getByTestId('visit-search').fill('tran thi')
  await expect(page.getByTestId('visit-table')).toContainText('Không có dữ liệu')

  // The day list as the health authority gets it, printed from the screen.
  const pdfDownload = page.waitForEvent('download')
  await page.getByTestId('day-list-pdf').click()
  const pdf = await (await pdfDownload).path()
  const pdfText = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
  for (const expected of [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'DANH SÁCH KHÁCH ĐẾN LIÊN HỆ CÔNG TÁC NGÀY',
    'Nguyễn Văn An',
  ])
    expect(pdfText).toContain(expected)
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, testInfo.outputPath('day-list')])

  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date())
  const file = (await preview.api('visits:dayListXlsx', { from: today, to: today })) as {
    ok: boolean
    data?: { base64: string }
  }
  expect(file.ok).toBe(true)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(file.data!.base64, 'base64') as unknown as ArrayBuffer)
  const names: unknown[] = []
  book.worksheets[0]!.getColumn(2).eachCell((cell) => names.push(cell.value))
  expect(names.filter((n) => n === 'Nguyễn Văn An')).toHaveLength(2)
})

test('a visitor with fever is refused after confirmation and recorded, not let in', async ({
  page,
  preview,
}) => {
  await createUnit(preview, 'VP', 'Văn phòng Sở')
  await preview.open(page, '/visitors')
  const form = page.getByTestId('check-in-form')
  await form.locator('input[name=fullName]').fill('Trần Thị Bình')
  await form.locator('.el-select', { has: page.locator('[name=idType]') }).click()
  await page.getByRole('option', { name: 'Không có giấy tờ' }).click()
  await form.locator('.el-select', { has: page.locator('[name=hostUnit]') }).click()
  await page.getByRole('option', { name: 'Văn phòng Sở' }).click()
  await screen(page, '3.8')
  await form.getByTestId('check-in-save').click()
  await expect(form.locator('.el-form-item__error')).toHaveText(/từ 34 đến 43 °C/)

  await form.locator('input[name=temperature]').fill('38.5')
  await form.getByTestId('check-in-save').click()
  const box = page.getByTestId('check-in-questions')
  await expect(box).toContainText('sốt 38.5 °C')
  await box.getByRole('button', { name: 'Xác nhận không cho vào' }).click()
  await expect(page.getByTestId('refused-banner')).toContainText('KHÔNG CHO VÀO: Trần Thị Bình')
  await expect(page.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 0 khách')
  expect(await preview.api('visits:search', { outcome: 'refused' })).toMatchObject({
    ok: true,
    data: { total: 1 },
  })
})

test('correcting a finished visit asks for a reason, and the correction shows in the history', async ({
  page,
  preview,
}) => {
  const vp = await createUnit(preview, 'VP', 'Văn phòng Sở')
  await createUnit(preview, 'TT', 'Thanh tra Sở')
  const visit = (await preview.api('visits:checkIn', {
    visitor: { fullName: 'Phạm Thị Cúc', idType: 'none' },
    hostUnitId: vp,
    health: SCREENED,
  })) as { data?: { id: number } }
  expect((await preview.api('visits:checkOut', { id: visit.data!.id })).ok).toBe(true)

  await preview.open(page, '/visitors/search')
  await page.getByTestId('visit-table').getByText('Phạm Thị Cúc').click()
  await page.getByTestId('history-table').getByRole('button', { name: 'Sửa' }).click()
  const dialog = page.getByTestId('visit-edit')
  await dialog.locator('.el-select').click()
  await page.getByRole('option', { name: 'Thanh tra Sở' }).click()
  await page.getByTestId('visit-edit-save').click()
  await expect(dialog.locator('.el-form-item__error')).toHaveText('Lượt khách đã kết thúc: ghi lý do sửa')
  await dialog.locator('input[name=reason]').fill('Khách làm việc với Thanh tra, ghi nhầm')
  await page.getByTestId('visit-edit-save').click()
  await expect(page.getByTestId('history-table')).toContainText('Thanh tra Sở')
  const trail = (await preview.api('audit:list', { entity: 'visit' })) as { data?: { items: unknown[] } }
  expect(JSON.stringify(trail.data?.items)).toContain('Lý do sửa: Khách làm việc với Thanh tra, ghi nhầm')
})

test('a visitor named with markup stays text everywhere: screen, .xlsx and PDF', async ({
  page,
  preview,
}) => {
  const XSS = '<img src=x onerror=alert(1)>'
  const vp = await createUnit(preview, 'VP', 'Văn phòng Sở')
  expect(
    (
      await preview.api('visits:checkIn', {
        visitor: { fullName: XSS, idType: 'none' },
        hostUnitId: vp,
        health: SCREENED,
      })
    ).ok,
  ).toBe(true)
  let alerted = false
  page.on('dialog', (dialog) => {
    alerted = true
    void dialog.dismiss()
  })
  await preview.open(page, '/visitors/inside')
  await expect(page.getByTestId('inside-table')).toContainText(XSS)
  await expect(page.locator('[data-testid=inside-table] img')).toHaveCount(0)
  await page.getByTestId('visitor-tabs').getByText('Tra cứu').click()
  await expect(page.getByTestId('visit-table')).toContainText(XSS)

  const xlsxDownload = page.waitForEvent('download')
  await page.getByTestId('day-list-xlsx').click()
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(await (await xlsxDownload).path())
  const cells: unknown[] = []
  book.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)))
  expect(cells).toContain(XSS)

  const pdfDownload = page.waitForEvent('download')
  await page.getByTestId('day-list-pdf').click()
  const text = execFileSync('pdftotext', [await (await pdfDownload).path(), '-'], { encoding: 'utf8' })
  expect(text.replace(/\s+/g, '')).toContain(XSS.replace(/\s+/g, ''))
  expect(alerted).toBe(false)
})

test('contact tracing finds who was at the same unit at the same time, on screen and in the PDF', async ({
  page,
  preview,
}, testInfo) => {
  const vp = await createUnit(preview, 'VP', 'Văn phòng Sở')
  const tt = await createUnit(preview, 'TT', 'Thanh tra Sở')
  const checkIn = (fullName: string, hostUnitId: number) =>
    preview.api('visits:checkIn', {
      visitor: { fullName, idType: 'none', phone: '0912345678' },
      hostUnitId,
      health: SCREENED,
    })
  expect((await checkIn('Trần Văn Ca', vp)).ok).toBe(true)
  expect((await checkIn('Lê Thị Tiếp Xúc', vp)).ok).toBe(true)
  expect((await checkIn('Phạm Văn Khác', tt)).ok).toBe(true)
  const staff = (fullName: string, unitId: number, idNumber: string) =>
    preview.api('staff:create', {
      unitId,
      fullName,
      idNumber,
      category: 'cong_chuc',
      position: 'Chuyên viên',
    })
  expect((await staff('Đỗ Thị Văn Thư', vp, '001199000001')).ok).toBe(true)
  expect((await staff('Võ Văn Thanh Tra', tt, '001199000002')).ok).toBe(true)

  await preview.open(page, '/visitors/trace')
  await page.getByTestId('trace-visitor').click()
  await page.keyboard.type('tran van ca')
  await page.getByRole('option', { name: /Trần Văn Ca/ }).click()
  await page.getByTestId('trace-run').click()
  const result = page.getByTestId('trace-result')
  await expect(result).toContainText('1 người tiếp xúc tại 1 đơn vị')
  await expect(result).toContainText('Lê Thị Tiếp Xúc')
  await expect(result).not.toContainText('Phạm Văn Khác')
  await expect(page.getByTestId('trace-staff')).toContainText('Đỗ Thị Văn Thư')
  await expect(page.getByTestId('trace-staff')).not.toContainText('Võ Văn Thanh Tra')
  await page.screenshot({ path: testInfo.outputPath('trace.png'), fullPage: true })

  const download = page.waitForEvent('download')
  await page.getByTestId('trace-pdf').click()
  const pdf = await (await download).path()
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, testInfo.outputPath('trace-pdf')])
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })
  expect(text).toContain('DANH SÁCH NGƯỜI TIẾP XÚC VỚI TRẦN VĂN CA')
  expect(text.replace(/\s+/g, ' ')).toContain('Lê Thị Tiếp Xúc')

  // In: the same list in a new tab, ready to print.
  const printed = await printedText(page, 'trace-pdf-print', testInfo.outputPath('trace-printed.pdf'))
  expect(printed).toContain('DANH SÁCH NGƯỜI TIẾP XÚC VỚI TRẦN VĂN CA')
  expect(printed).toContain('Lê Thị Tiếp Xúc')
  expect(printed).not.toContain('Phạm Văn Khác')
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.getByTestId('trace-form').screenshot({ path: testInfo.outputPath('trace-buttons.png') })
})
