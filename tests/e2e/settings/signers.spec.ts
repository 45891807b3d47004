import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '../support/fixtures'

test('the names of the list signers are set once and print under the signature titles', async ({
  page,
  preview,
}, testInfo) => {
  await preview.open(page, '/settings')
  const form = page.getByTestId('agency-form')
  await form.locator('[name=compilerName]').fill('Trần Thị Bình')
  await form.locator('[name=headName]').fill('Nguyễn Văn Giám')
  await page.getByTestId('agency-save').click()
  await expect(page.getByText('Đã lưu')).toBeVisible()
  await page.reload()
  await expect(form.locator('[name=compilerName]')).toHaveValue('Trần Thị Bình')
  await expect(form.locator('[name=headName]')).toHaveValue('Nguyễn Văn Giám')
  await form.screenshot({ path: testInfo.outputPath('signers.png') })

  const summary = (await preview.api('dailyReports:summaryPdf', { date: '2026-11-16' })) as {
    data: { base64: string }
  }
  const file = join(mkdtempSync(join(tmpdir(), 'spd-signers-')), 'summary.pdf')
  writeFileSync(file, Buffer.from(summary.data.base64, 'base64'))
  const lines = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
  const posts = lines.findIndex((l) => l.includes('NGƯỜI LẬP BIỂU'))
  expect(
    lines
      .slice(posts + 1)
      .find(Boolean)!
      .split(/\s{2,}/),
  ).toEqual(['Trần Thị Bình', 'Nguyễn Văn Giám'])

  // Emptied, the name goes back to the dotted line for a hand-written one.
  await form.locator('[name=headName]').fill('')
  await page.getByTestId('agency-save').click()
  await expect((await preview.api('settings:getAgency', {})) as object).toMatchObject({
    data: { compilerName: 'Trần Thị Bình', headName: null },
  })
})
