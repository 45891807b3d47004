import ExcelJS from 'exceljs'
import { expect, test } from '../support/fixtures'

const HEADERS = [
  'STT',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Số CCCD',
  'Điện thoại',
  'Chức vụ',
  'Loại cán bộ',
  'Đơn vị',
]

async function staffList(path: string, unitOfThird: string): Promise<string> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Cán bộ')
  sheet.addRow(HEADERS)
  sheet.addRow([
    1,
    'Nguyễn Văn An',
    '12/04/1985',
    'Nam',
    '001099000001',
    '0912345678',
    'Chánh Văn phòng',
    'Công chức',
    'VP',
  ])
  sheet.addRow([2, 'Trần Thị Bình', '03/02/1990', 'Nữ', '001199000002', '', 'Kế toán', 'Viên chức', 'VP'])
  sheet.addRow([
    3,
    'Lê Văn Cường',
    '30/02/1988',
    'Nam',
    '001099000003',
    '',
    'Thanh tra viên',
    'Công chức',
    unitOfThird,
  ])
  await book.xlsx.writeFile(path)
  return path
}

test('staff are imported from Excel only when every row is good, then one moves to another unit', async ({
  page,
  preview,
}, testInfo) => {
  await preview.api('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
  await preview.api('units:create', { code: 'TTR', name: 'Thanh tra Sở', kindCode: 'department' })
  await preview.open(page, '/staff')

  await page.getByTestId('staff-import').click()
  const dialog = page.getByTestId('import-dialog')
  await dialog
    .getByTestId('import-file')
    .setInputFiles(await staffList(testInfo.outputPath('can-bo-loi.xlsx'), 'PHONG-X'))
  await expect(dialog.getByTestId('import-summary')).toContainText('1 trong 3 dòng có lỗi')
  await expect(dialog.getByTestId('import-rows')).toContainText('Ngày sinh: “30/02/1988” không hợp lệ')
  await expect(dialog.getByTestId('import-rows')).toContainText(
    'Đơn vị: không có đơn vị đang hoạt động mã hoặc tên “PHONG-X”',
  )
  await expect(dialog.getByTestId('import-confirm')).toBeDisabled()
  await page.screenshot({ path: testInfo.outputPath('staff-import-error.png'), fullPage: true })

  const fixed = testInfo.outputPath('can-bo.xlsx')
  await staffList(fixed, 'Thanh tra Sở')
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(fixed)
  book.worksheets[0]!.getCell('C4').value = '28/02/1988'
  await book.xlsx.writeFile(fixed)
  await dialog.getByTestId('import-file').setInputFiles(fixed)
  await expect(dialog.getByTestId('import-summary')).toContainText('Cả 3 dòng hợp lệ')
  await dialog.getByTestId('import-confirm').click()
  await expect(page.getByTestId('staff-total')).toHaveText('3 cán bộ')

  // Search without marks; the ID number is shown by its last digits only.
  await page.getByTestId('staff-search').fill('cuong')
  const table = page.getByTestId('staff-table')
  await expect(page.getByTestId('staff-total')).toHaveText('1 cán bộ')
  await expect(table).toContainText('••••••••0003')
  await expect(table).not.toContainText('001099000003')
  await page.getByTestId('staff-search').fill('')
  await expect(page.getByTestId('staff-total')).toHaveText('3 cán bộ')
  await page.screenshot({ path: testInfo.outputPath('staff-list.png'), fullPage: true })

  await table.locator('tr', { hasText: 'Trần Thị Bình' }).getByRole('button', { name: 'Sửa' }).click()
  const form = page.getByTestId('staff-form')
  await expect(form.locator('input[name=fullName]')).toHaveValue('Trần Thị Bình')
  await form.getByTestId('staff-move').click()
  await form.getByTestId('staff-move-unit').click()
  await page.getByRole('option', { name: 'Thanh tra Sở' }).click()
  await form.getByTestId('staff-move-save').click()
  await expect(form.getByTestId('staff-history')).toContainText('Từ Văn phòng Sở sang Thanh tra Sở')
  await page.screenshot({ path: testInfo.outputPath('staff-form.png'), fullPage: true })
})
