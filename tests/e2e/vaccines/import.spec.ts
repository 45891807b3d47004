import ExcelJS from 'exceljs'
import { expect, test } from '../support/fixtures'
import type { Preview } from '../support/fixtures'

const HEADERS = [
  'STT',
  'Họ và tên *',
  'Số CCCD *',
  'Mũi đăng ký *',
  'Vắc xin',
  'Nhóm ưu tiên',
  'Mũi 1 - Vắc xin',
  'Mũi 1 - Ngày tiêm',
  'Bệnh nền',
]

const STAFF = [
  { fullName: 'Nguyễn Văn An', idNumber: '001099000001' },
  { fullName: 'Trần Thị Bình', idNumber: '001199000002' },
  { fullName: 'Lê Văn Cường', idNumber: '001099000003' },
]

/** A unit's list as it arrives by e-mail; `bad` puts a 5-digit ID number on the second row. */
async function unitList(path: string, bad: boolean): Promise<string> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Danh sách')
  sheet.addRow(['VĂN PHÒNG SỞ'])
  sheet.addRow(['DANH SÁCH ĐĂNG KÝ TIÊM VẮC XIN PHÒNG COVID-19'])
  sheet.addRow(HEADERS)
  sheet.addRow([1, STAFF[0]!.fullName, STAFF[0]!.idNumber, 1, 'AstraZeneca', 4, '', '', 'Không'])
  sheet.addRow([
    2,
    STAFF[1]!.fullName,
    bad ? '12345' : STAFF[1]!.idNumber,
    2,
    'Pfizer',
    4,
    'AstraZeneca',
    '05/08/2021',
    'Có',
  ])
  sheet.addRow([3, STAFF[2]!.fullName, STAFF[2]!.idNumber, 'Mũi 3', 'Moderna', 4, '', '', 'Không rõ'])
  await book.xlsx.writeFile(path)
  return path
}

async function seed(preview: Preview): Promise<void> {
  const unit = (await preview.api('units:create', {
    code: 'VP',
    name: 'Văn phòng Sở',
    kindCode: 'department',
  })) as {
    data?: { id: number }
  }
  await preview.api('units:create', { code: 'TTR', name: 'Thanh tra Sở', kindCode: 'department' })
  for (const s of STAFF) {
    const created = await preview.api('staff:create', { ...s, unitId: unit.data!.id, category: 'cong_chuc' })
    expect(created.ok).toBe(true)
  }
  // The third one already had two doses and registers for the third.
  const third = (await preview.api('staff:list', { q: 'cuong' })) as {
    data?: { items: Array<{ id: number }> }
  }
  const round = (await preview.api('vaccineRounds:save', {
    name: 'Đợt trước',
    openedOn: '2021-07-01',
    deadline: '2021-07-10',
  })) as { data?: { id: number } }
  const earlier = await preview.api('vaccinations:create', {
    roundId: round.data!.id,
    staffId: third.data!.items[0]!.id,
    dose: 2,
    priorDoses: [{ dose: 1, vaccineId: 1, givenOn: '2021-07-05' }],
    status: 'vaccinated',
    vaccinatedOn: '2021-09-20',
  })
  expect(earlier.ok).toBe(true)
}

test('a unit’s vaccine list with one bad row is refused whole, then imported once fixed', async ({
  page,
  preview,
}, testInfo) => {
  await seed(preview)
  await preview.open(page, '/vaccines')

  // The office opens the round.
  await page.getByTestId('round-new').click()
  const roundForm = page.getByTestId('round-form')
  await roundForm.locator('input[name=name]').fill('Đợt 2 tháng 11/2021')
  await roundForm.getByTestId('round-save').click()
  await expect(page.getByTestId('round-select')).toContainText('Đợt 2 tháng 11/2021')
  await expect(page.getByTestId('vaccination-missing')).toContainText('Văn phòng Sở')

  await page.getByTestId('vaccination-import').click()
  const dialog = page.getByTestId('import-dialog')
  await dialog.getByTestId('import-unit').click()
  await page.getByRole('option', { name: 'Văn phòng Sở' }).click()
  await dialog
    .getByTestId('import-file')
    .setInputFiles(await unitList(testInfo.outputPath('van-phong-loi.xlsx'), true))
  await expect(dialog.getByTestId('import-summary')).toContainText(
    '1 trong 3 dòng có lỗi: chưa nhập dòng nào',
  )
  const rows = dialog.getByTestId('import-rows')
  await expect(rows).toContainText('Số CCCD: “12345” không phải số CCCD (12 chữ số)')
  await expect(rows).toContainText('Trần Thị Bình')
  await expect(dialog.getByTestId('import-confirm')).toBeDisabled()
  await page.screenshot({ path: testInfo.outputPath('vaccine-import-error.png'), fullPage: true })
  const nothing = (await preview.api('vaccinations:consolidate', { roundId: 2 })) as {
    data?: { totals: { registrations: number } }
  }
  expect(nothing.data!.totals.registrations).toBe(0)

  // The unit fixes the ID number; the same dialog reads the new file.
  await dialog
    .getByTestId('import-file')
    .setInputFiles(await unitList(testInfo.outputPath('van-phong.xlsx'), false))
  await expect(dialog.getByTestId('import-summary')).toContainText('Cả 3 dòng hợp lệ')
  await dialog.getByTestId('import-confirm').click()
  await expect(page.getByText('Đã nhập 3 dòng')).toBeVisible()

  const summary = page.getByTestId('vaccination-summary')
  await expect(summary.locator('tr', { hasText: 'Văn phòng Sở' })).toContainText('3')
  await expect(page.getByTestId('vaccination-missing')).not.toContainText('Văn phòng Sở')
  await expect(page.getByTestId('vaccination-totals')).toContainText('Tổng cộng: 3')
  await page.screenshot({ path: testInfo.outputPath('vaccine-summary.png'), fullPage: true })

  await page.getByRole('tab', { name: 'Danh sách' }).click()
  const table = page.getByTestId('registration-table')
  await expect(page.getByTestId('registration-total')).toHaveText('3 phiếu')
  await expect(table).toContainText('Mũi 3')
  await expect(table).toContainText('Pfizer-BioNTech')
  await page.screenshot({ path: testInfo.outputPath('vaccine-list.png'), fullPage: true })

  // The form shows the doses on record for the person, from the earlier round and the file.
  await table.locator('tr', { hasText: 'Lê Văn Cường' }).getByRole('button', { name: 'Sửa' }).click()
  const form = page.getByTestId('registration-form')
  await expect(form).toContainText('Đã ghi nhận: Mũi 1 AstraZeneca 05/07/2021; Mũi 2')
  await page.screenshot({ path: testInfo.outputPath('vaccine-form.png'), fullPage: true })
  await form.getByRole('button', { name: 'Huỷ' }).click()

  // The editable lists: the seven vaccines and the nine groups, and a new name.
  await page.getByRole('tab', { name: 'Danh mục' }).click()
  const vaccines = page.getByTestId('catalog-vaccines')
  await expect(vaccines.locator('tbody tr')).toHaveCount(7)
  await expect(page.getByTestId('catalog-groups').locator('tbody tr')).toHaveCount(9)
  await vaccines.getByPlaceholder('Tên').fill('Covaxin')
  await vaccines.getByRole('button', { name: 'Thêm' }).click()
  await expect(vaccines.locator('tbody tr')).toHaveCount(8)
  const covaxin = vaccines.locator('tbody tr').nth(7).getByRole('textbox')
  await covaxin.fill('Covaxin (Bharat Biotech)')
  await covaxin.press('Enter')
  await expect(
    page.getByTestId('catalog-vaccines').locator('tbody tr').nth(7).getByRole('textbox'),
  ).toHaveValue('Covaxin (Bharat Biotech)')
  const list = (await preview.api('vaccines:list')) as { data?: Array<{ name: string }> }
  expect(list.data!.map((v) => v.name)).toContain('Covaxin (Bharat Biotech)')
  await page.screenshot({ path: testInfo.outputPath('vaccine-lists.png'), fullPage: true })
})
