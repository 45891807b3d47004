import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

/**
 * Playwright's own Chromium where it is installed, else the system one. With neither, E2E
 * must fail loudly: a silently skipped UI suite would pass CI with nothing proven.
 */
export function chromiumExecutable(): string | undefined {
  if (process.env.SPD_CHROMIUM) return process.env.SPD_CHROMIUM
  try {
    if (existsSync(chromium.executablePath())) return undefined
  } catch {
    // Playwright throws when its browsers were never installed; fall through to the system one.
  }
  const system = SYSTEM_CHROMIUM.find((p) => existsSync(p))
  if (system) return system
  throw new Error(
    'No Chromium for the E2E tests. Install one: `sudo apt-get install -y chromium` (Debian/Ubuntu), ' +
      'or set SPD_CHROMIUM=/path/to/chrome. (`npx playwright install chromium` also works where downloads are allowed.)',
  )
}
