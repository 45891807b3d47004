import ExcelJS from 'exceljs'
import { expect, test } from '../support/fixtures'

test('the sidebar lists every section', async ({ page, preview }, testInfo) => {
  await preview.open(page, '/')
  for (const [id, label] of [
    ['units', 'Đơn vị'],
    ['staff', 'Cán bộ, công chức'],
    ['visitors', 'Khách đến liên hệ'],
    ['vaccines', 'Tiêm vắc xin'],
    ['inspections', 'Kiểm tra – giám sát'],
    ['dailyReports', 'Báo cáo hằng ngày'],
    ['settings', 'Cài đặt'],
  ] as const) {
    await expect(page.getByTestId(`nav-${id}`)).toContainText(label)
  }
  await page.screenshot({ path: testInfo.outputPath('sidebar.png') })
})

test('the interface switches to English and back', async ({ page, preview }) => {
  await preview.open(page, '/settings')
  await page.getByText('English', { exact: true }).click()
  await expect(page.getByTestId('nav-units')).toContainText('Units')
  await page.reload()
  await expect(page.getByTestId('nav-units')).toContainText('Units')
  await page.getByText('Tiếng Việt', { exact: true }).click()
  await expect(page.getByTestId('nav-units')).toContainText('Đơn vị')
})

test('a field value with markup renders as text, and the page is served with a strict CSP', async ({
  page,
  preview,
}) => {
  const response = await page.goto(new URL('/', preview.origin).toString())
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
  await preview.open(page, '/units')
  let alerted = false
  page.on('dialog', (dialog) => {
    alerted = true
    void dialog.dismiss()
  })
  await page.getByTestId('unit-add').click()
  await page.locator('[name=code]').fill('XSS')
  await page.locator('[name=name]').fill('<img src=x onerror=alert(1)>')
  await page.locator('[name=name]').press('Enter')
  await expect(page.getByTestId('unit-table')).toContainText('<img src=x onerror=alert(1)>')
  expect(alerted).toBe(false)
  await expect(page.locator('[data-testid=unit-table] img')).toHaveCount(0)

  // Even markup that did reach the DOM could not run: the CSP refuses inline handlers.
  // A string, so this file needs no DOM types: it runs in the page.
  const blocked = await page.evaluate(`new Promise((done) => {
    document.addEventListener('securitypolicyviolation', (e) =>
      setTimeout(() => done({ ran: window.__pwned === true, violated: e.violatedDirective }), 200))
    document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__pwned = true">')
  })`)
  expect(blocked).toEqual({ ran: false, violated: expect.stringMatching(/^script-src/) })

  // The audit workbook holds the name as plain text, not a formula or markup.
  await preview.open(page, '/audit')
  const download = page.waitForEvent('download')
  await page.getByTestId('audit-export').click()
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(await (await download).path())
  const cells: unknown[] = []
  workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)))
  const hit = cells.find((v) => typeof v === 'string' && v.includes('<img src=x onerror=alert(1)>'))
  expect(hit).toBeDefined()
})
