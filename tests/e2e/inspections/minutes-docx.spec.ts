import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { expect, test } from '../support/fixtures'
import { draftInspection } from '../pages/inspections'
import { docxToPdf } from '../../unit/helpers/docx-compare'

test('Xuất Word beside In biên bản downloads the minutes as a .docx that LibreOffice opens', async ({
  page,
  preview,
}, testInfo) => {
  test.setTimeout(90_000)
  const created = await draftInspection(preview, { code: 'VPCC-24H', name: 'Văn phòng công chứng 24h' })

  await page.setViewportSize({ width: 1366, height: 768 })
  await preview.open(page, `/inspections/${created.id}`)
  const editor = page.getByTestId('inspection-editor')
  const word = editor.getByTestId('export-docx')
  await expect(word).toHaveText('Xuất Word (.docx)')
  // Beside the PDF button, on the same row.
  const [pdfBox, wordBox] = [await editor.getByTestId('print').boundingBox(), await word.boundingBox()]
  expect(Math.abs(pdfBox!.y - wordBox!.y)).toBeLessThan(2)
  expect(wordBox!.x).toBeGreaterThan(pdfBox!.x)
  await word.screenshot({ path: testInfo.outputPath('word-button.png') })
  await page.screenshot({ path: testInfo.outputPath('editor-1366.png') })

  const download = page.waitForEvent('download')
  await word.click()
  const file = await download
  expect(file.suggestedFilename()).toBe(`du-thao-bien-ban-${created.id}.docx`)
  const bytes = readFileSync((await file.path())!)
  const [printed] = docxToPdf([{ fileName: 'minutes.docx', mimeType: '', base64: bytes.toString('base64') }])
  const pdf = testInfo.outputPath('minutes-word.pdf')
  writeFileSync(pdf, printed!)
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1])
  expect(pages).toBeGreaterThanOrEqual(1)
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
  expect(text).toContain('BIÊN BẢN')
  expect(text).toContain('Kiểm tra công tác phòng, chống dịch COVID-19 tại Văn phòng công chứng 24h')
  expect(text).toContain('DỰ THẢO')
})
