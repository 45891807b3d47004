import ExcelJS from 'exceljs'
import { expect, test } from '../support/fixtures'

/** A list as a unit typed it: its own header for the category, no gender, signatures under the table. */
async function ownHeaders(path: string): Promise<string> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Cán bộ')
  sheet.addRow(['STT', 'Họ và tên', 'Số CCCD', 'Chức vụ', 'Ngạch', 'Đơn vị'])
  sheet.addRow([1, 'Nguyễn Văn An', '001099000001', 'Chuyên viên', 'Công chức', 'VP'])
  sheet.addRow([2, 'Trần Thị Bình', '001199000002', 'Kế toán', 'Hợp đồng', 'VP'])
  sheet.addRow([null, null, null, 'Hà Nội, ngày 15 tháng 9 năm 2021'])
  sheet.addRow([null, 'NGƯỜI LẬP BIỂU', null, 'THỦ TRƯỞNG ĐƠN VỊ'])
  await book.xlsx.writeFile(path)
  return path
}

test('a staff list with a column under its own name is imported after the clerk maps it', async ({
  page,
  preview,
}, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  await preview.api('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
  await preview.open(page, '/staff')
  await page.getByTestId('staff-import').click()
  const dialog = page.getByTestId('import-dialog')
  await dialog.getByTestId('import-file').setInputFiles(await ownHeaders(testInfo.outputPath('can-bo.xlsx')))

  await expect(dialog.getByTestId('import-missing')).toContainText('Tệp thiếu cột bắt buộc: Loại cán bộ')
  await expect(dialog.getByTestId('import-confirm')).toBeDisabled()
  const category = dialog.getByTestId('import-map-category')
  await category.getByTestId('import-map-column').click()
  await page.getByRole('option', { name: 'Cột E: Ngạch' }).click()
  await dialog.getByTestId('import-map-gender').getByTestId('import-map-default').click()
  await page.getByRole('option', { name: 'Nữ', exact: true }).click()
  await page.screenshot({ path: testInfo.outputPath('import-mapping.png') })
  await dialog.getByTestId('import-apply-mapping').click()

  await expect(dialog.getByTestId('import-missing')).toHaveCount(0)
  await expect(dialog.getByTestId('import-summary')).toContainText('Cả 2 dòng hợp lệ')
  await dialog.getByTestId('import-confirm').click()
  await expect(page.getByTestId('staff-total')).toHaveText('2 cán bộ')
  const created = (await preview.api('staff:list', { sort: 'name' })) as {
    data: { items: Array<{ fullName: string; category: string; gender: string }> }
  }
  expect(created.data.items.map((s) => [s.fullName, s.category, s.gender])).toEqual([
    ['Nguyễn Văn An', 'cong_chuc', 'female'],
    ['Trần Thị Bình', 'hop_dong', 'female'],
  ])
})
