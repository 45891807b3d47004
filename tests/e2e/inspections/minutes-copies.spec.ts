import { execFileSync } from 'node:child_process'
import { expect, test } from '../support/fixtures'
import { draftInspection } from '../pages/inspections'

test('the editor records the copies of the minutes and the unit’s representatives, and the minutes print them', async ({
  page,
  preview,
}, testInfo) => {
  test.setTimeout(90_000)
  const created = await draftInspection(
    preview,
    { code: 'VPCC-24H', name: 'Văn phòng công chứng 24h' },
    {
      team: [
        { role: 'head', fullName: 'Trần Văn Minh', title: 'Phó Giám đốc Sở' },
        { role: 'member', fullName: 'Nguyễn Thị Thu Hằng', title: 'Chánh Văn phòng' },
      ],
      endTime: '10:00',
    },
  )

  await preview.open(page, `/inspections/${created.id}`)
  const editor = page.getByTestId('inspection-editor')
  const copies = editor.getByTestId('copies').locator('input')
  await expect(copies).toHaveValue('2')
  await copies.fill('3')
  await copies.blur()
  for (const [i, [name, title]] of [
    ['Nguyễn Văn Tùng', 'Trưởng Văn phòng'],
    ['Võ Minh Tâm', 'Công chứng viên'],
  ].entries()) {
    await editor.getByTestId('add-representative').click()
    await editor.locator(`input[name=rep-name-${i}]`).fill(name!)
    await editor.locator(`input[name=rep-title-${i}]`).fill(title!)
  }
  await editor.getByTestId('save').click()
  await expect(page.getByText('Đã lưu').first()).toBeVisible()
  await editor
    .locator('.el-card')
    .first()
    .screenshot({ path: testInfo.outputPath('copies.png') })

  // Saved: the reopened draft keeps them.
  await page.reload()
  await expect(editor.getByTestId('copies').locator('input')).toHaveValue('3')
  await expect(editor.locator('input[name=rep-title-1]')).toHaveValue('Công chứng viên')

  const download = page.waitForEvent('download')
  await editor.getByTestId('print').click()
  const file = await (await download).path()
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
  expect(text).toContain(
    'Biên bản được lập thành 03 bản, có giá trị pháp lý như nhau, đơn vị được kiểm tra giữ 01 bản, Đoàn kiểm tra giữ 02 bản./.',
  )
  for (const signer of [
    'TRƯỞNG VĂN PHÒNG',
    'Nguyễn Văn Tùng',
    'CÔNG CHỨNG VIÊN',
    'Võ Minh Tâm',
    'TRƯỞNG ĐOÀN',
    'Trần Văn Minh',
    'THÀNH VIÊN',
    'Nguyễn Thị Thu Hằng',
  ])
    expect(text.slice(text.indexOf('./.'))).toContain(signer)
})
