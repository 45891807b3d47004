import { execFileSync } from 'node:child_process'
import { expect, test } from '../support/fixtures'
import { draftInspection } from '../pages/inspections'
import { pdfText as text, printToTab } from '../pages/printing'

test('In opens the visitor day list as a PDF in a new tab, served once; Tải PDF still downloads it', async ({
  page,
  preview,
}, testInfo) => {
  await preview.open(page, '/visitors/search')
  const { tab, pdf, headers } = await printToTab(page, 'day-list-pdf-print')
  expect(headers['content-type']).toBe('application/pdf')
  expect(headers['cache-control']).toBe('no-store')
  expect(text(testInfo.outputPath('printed.pdf'), pdf)).toContain('DANH SÁCH')
  const printUrl = new URL(tab.url())
  expect(printUrl.origin).toBe(preview.origin)
  expect(printUrl.pathname).toMatch(/^\/print\/[\w-]{32}$/)

  // Single use: the same address gives nothing a second time, and nothing without a token.
  expect((await fetch(printUrl)).status).toBe(404)
  expect((await fetch(`${preview.origin}/print/`)).status).toBe(404)
  // The tab holds the PDF only: the app page it came from keeps its own strict policy.
  const appPage = await fetch(`${preview.origin}/`)
  expect(appPage.headers.get('content-security-policy')).toContain("object-src 'none'")

  const download = page.waitForEvent('download')
  await page.getByTestId('day-list-pdf').click()
  const saved = await download
  expect(saved.suggestedFilename()).toMatch(/\.pdf$/)
  expect(execFileSync('pdftotext', [await saved.path(), '-'], { encoding: 'utf8' })).toContain('DANH SÁCH')
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.screenshot({
    path: testInfo.outputPath('day-list-buttons.png'),
    clip: { x: 268, y: 140, width: 1070, height: 110 },
  })
})

test('In on the minutes opens the draft minutes in a new tab ready to print', async ({
  page,
  preview,
}, testInfo) => {
  const created = await draftInspection(
    preview,
    { code: 'VPCC-24H', name: 'Văn phòng công chứng 24h' },
    { endTime: '10:00' },
  )
  await preview.open(page, `/inspections/${created.id}`)
  const editor = page.getByTestId('inspection-editor')
  await expect(editor.getByTestId('print-print')).toBeVisible()
  await editor.screenshot({ path: testInfo.outputPath('minutes-buttons.png') })
  const { pdf, headers } = await printToTab(page, 'print-print')
  expect(headers['content-type']).toBe('application/pdf')
  const printed = text(testInfo.outputPath('minutes.pdf'), pdf).replace(/\s+/g, ' ')
  expect(printed).toContain('BIÊN BẢN')
  expect(printed).toContain('Văn phòng công chứng 24h')
  expect(printed).toContain('Trần Văn Minh')
})
