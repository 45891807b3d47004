import type { Page } from '@playwright/test'

export function previewUrl(): string {
  const url = process.env.SPD_PREVIEW_URL
  if (!url) throw new Error('SPD_PREVIEW_URL missing: run through playwright.config.ts (global setup starts the preview)')
  return url
}

/** Opens the app at a hash route; the first visit carries the per-run secret in ?k=. */
export async function openApp(page: Page, route = '/'): Promise<void> {
  const url = new URL(previewUrl())
  url.hash = route
  await page.goto(url.toString())
}
