import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { expect } from '@playwright/test'
import type { Locator, Page } from '@playwright/test'

export interface PrintedTab {
  tab: Page
  pdf: Buffer
  headers: Record<string, string>
}

/**
 * Clicks a printout's *In* (a PdfActions test id, or the button itself) and returns the tab it
 * opened with the bytes the server sent it (the browser's PDF viewer replaces the body it
 * shows, so the bytes are taken on the way).
 */
export async function printToTab(page: Page, button: string | Locator): Promise<PrintedTab> {
  let sent: { pdf: Buffer; headers: Record<string, string> } | undefined
  await page.context().route('**/print/*', async (route) => {
    const response = await route.fetch()
    sent = { pdf: await response.body(), headers: response.headers() }
    await route.fulfill({ response })
  })
  const popup = page.waitForEvent('popup')
  await (typeof button === 'string' ? page.getByTestId(button) : button).click()
  const tab = await popup
  await tab.waitForLoadState()
  await expect.poll(() => sent).toBeDefined()
  await page.context().unroute('**/print/*')
  return { tab, ...sent! }
}

/** The text of a PDF (pdftotext), written to `file` first. */
export function pdfText(file: string, pdf: Buffer): string {
  writeFileSync(file, pdf)
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
}

/** A printed PDF's text on one line, for phrases that wrap in the layout. */
export async function printedText(page: Page, button: string | Locator, file: string): Promise<string> {
  const { pdf, headers } = await printToTab(page, button)
  expect(headers['content-type']).toBe('application/pdf')
  return pdfText(file, pdf).replace(/\s+/g, ' ')
}
