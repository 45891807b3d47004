import { readFileSync } from 'node:fs'
import { expect, test } from '../support/fixtures'
import { draftInspection } from '../pages/inspections'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

test('signed scans go with finalised minutes, the list marks them, and a follow-up takes evidence files', async ({
  page,
  preview,
}, testInfo) => {
  test.setTimeout(90_000)
  await page.setViewportSize({ width: 1366, height: 768 })
  const created = await draftInspection(
    preview,
    { code: 'VPCC-KS', name: 'Văn phòng công chứng Kim Sơn' },
    { endTime: '10:00' },
  )
  const updated = await preview.api('inspections:update', {
    ...created,
    items: created.items.map((x) => ({ id: x.id, result: 'pass', note: null, severity: null })),
    recommendations: [
      { content: 'Bổ sung tủ thuốc tại phòng tiếp dân', ownerName: 'Văn phòng', dueDate: '2021-12-15' },
    ],
  })
  expect(updated.ok).toBe(true)
  expect((await preview.api('inspections:finalise', { id: created.id })).ok).toBe(true)

  await preview.open(page, `/inspections/${created.id}`)
  const scans = page.getByTestId('signed-scans')
  await expect(scans).toContainText('Chưa có tệp nào')
  // A .pdf name on bytes that are no PDF is refused, in Vietnamese.
  await scans.getByTestId('attached-input').setInputFiles({
    name: 'gia-mao.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('không phải tệp quét'),
  })
  await expect(page.getByText(/gia-mao\.pdf: Chỉ nhận tệp PDF, JPEG hoặc PNG/)).toBeVisible()
  await page.locator('.el-message__closeBtn').first().click()
  // Two pages scanned separately, attached together.
  await scans.getByTestId('attached-input').setInputFiles([
    { name: 'bien-ban-ky-trang-1.pdf', mimeType: 'application/pdf', buffer: PDF },
    { name: 'bien-ban-ky-trang-2.png', mimeType: 'image/png', buffer: PNG },
  ])
  const rows = scans.getByTestId('attached-file')
  await expect(rows).toHaveCount(2)
  await expect(rows.first()).toContainText('bien-ban-ky-trang-1.pdf')
  await expect(rows.first()).toContainText('1 KB')
  await expect(rows.first()).toContainText(/\d\d\/\d\d\/\d{4} \d\d:\d\d/)
  await page.screenshot({ path: testInfo.outputPath('signed-scans.png') })
  await page.screenshot({ path: 'docs/images/inspections-signed-scans.png' })

  const download = page.waitForEvent('download')
  await rows.first().getByTestId('attached-open').click()
  const saved = await download
  expect(saved.suggestedFilename()).toBe('bien-ban-ky-trang-1.pdf')
  expect(readFileSync((await saved.path())!).equals(PDF)).toBe(true)
  await rows.nth(1).getByTestId('attached-open').click()
  await expect(page.getByTestId('attached-view')).toBeVisible()
  await page.keyboard.press('Escape')

  // Still there after a reload, and the list marks the minutes as signed.
  await page.reload()
  await expect(page.getByTestId('signed-scans').getByTestId('attached-file')).toHaveCount(2)
  await preview.open(page, '/inspections')
  const row = page.locator('.el-table__row', { hasText: 'Văn phòng công chứng Kim Sơn' })
  await expect(row.getByTestId('signed-tag')).toHaveText('Có bản ký (2)')
  await expect(row).toContainText('Đã hoàn thành')
  await page.screenshot({ path: testInfo.outputPath('list.png'), animations: 'disabled' })
  await page.screenshot({ path: 'docs/images/inspections-signed-list.png', animations: 'disabled' })

  // Following up the recommendation: evidence files with the text.
  await preview.open(page, `/inspections/${created.id}`)
  await page.getByTestId('follow-up').click()
  const dialog = page.getByTestId('follow-dialog')
  await dialog.getByText('Đã khắc phục').click()
  await dialog.locator('textarea').fill('Đã mua tủ thuốc, có hóa đơn kèm theo')
  await dialog.getByTestId('attached-input').setInputFiles({
    name: 'hoa-don-tu-thuoc.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  })
  await expect(dialog.getByTestId('attached-file')).toContainText('hoa-don-tu-thuoc.pdf')
  await dialog.screenshot({ path: testInfo.outputPath('follow-up.png') })
  await page.screenshot({ path: 'docs/images/inspections-evidence.png' })
  await dialog.getByTestId('follow-save').click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('evidence-count')).toHaveText('1 tệp minh chứng')
  await page.reload()
  await expect(page.getByTestId('evidence-count')).toHaveText('1 tệp minh chứng')
  await page.getByTestId('follow-up').click()
  const evidence = page.getByTestId('follow-dialog').getByTestId('attached-file')
  await expect(evidence).toContainText('hoa-don-tu-thuoc.pdf')
  const opened = page.waitForEvent('download')
  await evidence.getByTestId('attached-open').click()
  expect((await opened).suggestedFilename()).toBe('hoa-don-tu-thuoc.pdf')
})
