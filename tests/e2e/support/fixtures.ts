import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test as base, expect as pwExpect } from '@playwright/test'
import type { Page } from '@playwright/test'

export interface Preview {
  /** URL with the per-run secret, as `npm start` prints it. */
  url: string
  origin: string
  secret: string
  dataDir: string
  /** Opens the app at a hash route (the first visit hands over the secret). */
  open(page: Page, route?: string): Promise<void>
  /** Stops the preview and starts it again on the same data folder (a new secret, a new session). */
  restart(prepare?: (dataDir: string) => void): Promise<void>
  /** Calls a route over HTTP as the preview page does (same secret, same session). */
  api(name: string, input?: unknown): Promise<{ ok: boolean; data?: unknown; error?: { code: string } }>
}

/** A visitor screened at the desk, every question answered, nothing found (screening is on by default). */
export const SCREENED = { temperature: 36.5, symptoms: [], contactWithCase: false, fromCaseArea: false }

/** The administrator every test starts signed in as, unless it asks for a first run. */
export const ADMIN = { username: 'quantri', displayName: 'Nguyễn Văn Quản', password: 'mat-khau-dai-8' }

/**
 * Each test gets the built browser preview (out/main/preview.js) on its own fresh database,
 * exactly as a user starts it, so tests never depend on each other's data.
 */
export async function startPreview(
  dataDir = mkdtempSync(join(tmpdir(), 'spd-e2e-')),
  env: Record<string, string> = {},
): Promise<Preview & { stop(): Promise<void> }> {
  const child = spawn(process.execPath, [resolve(__dirname, '../../../out/main/preview.js')], {
    env: { ...process.env, ...env, SPD_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`preview did not start:\n${output}`)), 30_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /PREVIEW_URL (\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        done(match[1])
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => fail(new Error(`preview exited with ${code}:\n${output}`)))
  })
  const parsed = new URL(url)
  const halt = async (): Promise<void> => {
    const exited = new Promise((done) => child.once('exit', done))
    child.kill('SIGTERM')
    const forced = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(forced)
  }
  const preview: Preview & { stop(): Promise<void> } = {
    url,
    origin: parsed.origin,
    secret: parsed.searchParams.get('k') ?? '',
    dataDir,
    async api(name, input = {}) {
      const response = await fetch(`${preview.origin}/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-SPD-Secret': preview.secret },
        body: JSON.stringify(input),
      })
      return (await response.json()) as { ok: boolean; data?: unknown; error?: { code: string } }
    },
    async open(page, route = '/') {
      const target = new URL(preview.url)
      target.hash = route
      await page.goto(target.toString())
    },
    async restart(prepare) {
      await halt()
      prepare?.(dataDir)
      const next = await startPreview(dataDir, env)
      Object.assign(preview, { url: next.url, origin: next.origin, secret: next.secret, stop: next.stop })
    },
    async stop() {
      await halt()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
  return preview
}

/**
 * `previewNow` starts the preview's clock at that instant (SPD_NOW, read only by the preview
 * entry), e.g. to submit a daily report after 15:00 whatever the hour the tests run.
 */
export const test = base.extend<{ preview: Preview; firstRun: boolean; previewNow: string | null }>({
  firstRun: [false, { option: true }],
  previewNow: [null, { option: true }],
  preview: async ({ firstRun, previewNow }, use) => {
    const preview = await startPreview(undefined, previewNow ? { SPD_NOW: previewNow } : {})
    if (!firstRun) {
      const setup = await preview.api('auth:setup', { ...ADMIN, confirm: ADMIN.password })
      if (!setup.ok) throw new Error(`first-run setup failed: ${JSON.stringify(setup)}`)
    }
    await use(preview)
    await preview.stop()
  },
})

export { expect } from '@playwright/test'

/** Signs the administrator in on the sign-in card, as after a restart of the preview. */
export async function signInAsAdmin(page: Page): Promise<void> {
  const card = page.getByTestId('login-card')
  await card.locator('[name=username]').fill(ADMIN.username)
  await card.locator('[name=password]').fill(ADMIN.password)
  await card.locator('[name=password]').press('Enter')
  // Sign-in runs scrypt: slow on a loaded machine.
  await pwExpect(card).toBeHidden({ timeout: 20_000 })
}
