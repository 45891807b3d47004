import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract } from '@shared/contract'
import { IPC_PREFIX, PRINT_CHANNEL } from '@shared/contract/api'
import { CONTENT_SECURITY_POLICY } from '@main/security/csp'
import { ROOT, ensureBuilt } from '../helpers/built-app'
import { LOCKED_DOWN } from './locked-down'

/**
 * The Electron main process as it ships: out/main/index.js run by Node with a fake `electron`
 * (fake-electron.mjs) that records what the bundle registers and tries each guard. The unit
 * tests of src/main/electron see the source; a guard the bundler drops is only missing here.
 * Named *.sqlite.test.ts to run once: nothing here depends on the database engine.
 */
const MAIN = join(ROOT, 'out/main/index.js')
const FAKE_ELECTRON = pathToFileURL(join(__dirname, 'fake-electron.mjs')).href
const NODE_SQLITE_BINDING = join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')

const OURS = 'app://renderer/index.html#/units'
const FOREIGN = ['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd']

type Prevented = Record<string, boolean>
interface Guards {
  'will-navigate': Prevented
  'will-redirect': Prevented
  'will-attach-webview': boolean
  windowOpen: { action: string } | null
}
interface WindowReport {
  options: { webPreferences?: Record<string, unknown> }
  loadedUrl: string | null
}
type PerOrigin = Record<string, Record<string, boolean | null>>
interface Served {
  status: number
  csp: string | null
  nosniff: string | null
  title: string | null
}
interface Printed {
  outcome: unknown
  windows: (WindowReport & { guards: Guards; fileLeft: boolean | null })[]
}
interface Report {
  mainWindow: WindowReport
  webContentsCreated: Guards[]
  permissions: { request: PerOrigin; check: PerOrigin; device: PerOrigin }
  sessionEvents: string[]
  devHeadersRewritten: boolean
  privilegedSchemes: unknown[]
  assets: Record<string, Served>
  ipc: {
    channels: string[]
    route: Record<'ownFrame' | 'ownSubFrame' | 'foreignFrame', unknown>
    print: Record<'pdf' | 'foreignFrame' | 'notPdf', Printed>
  }
  menuRoles: string[]
}

let dir: string
let child: ChildProcess | undefined
let report: Report

function runBuilt(): Promise<Report> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SPD_DATA_DIR: join(dir, 'data'),
    SPD_FAKE_ELECTRON_DIR: dir,
  }
  // A development run would trust the dev server too; this is the packaged app.
  delete env.ELECTRON_RENDERER_URL
  const running = spawn(process.execPath, ['--import', FAKE_ELECTRON, MAIN], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child = running
  let output = ''
  running.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  running.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no report within 30 s:\n${output}`)), 30_000)
    running.once('exit', (code) => {
      clearTimeout(timer)
      const line = /^BUILT_MAIN (.+)$/m.exec(output)?.[1]
      if (code === 0 && line) done(JSON.parse(line) as Report)
      else fail(new Error(`out/main/index.js exited with ${code}:\n${output}`))
    })
  })
}

beforeAll(async () => {
  ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'spd-built-main-'))
  // Where a packaged app finds its SQLite binding; Node's own build stands in for Electron's.
  mkdirSync(join(dir, 'resources/native'), { recursive: true })
  copyFileSync(NODE_SQLITE_BINDING, join(dir, 'resources/native/better_sqlite3.node'))
  report = await runBuilt()
}, 180_000)

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((done) => child!.once('exit', done))
    child.kill('SIGKILL')
    await exited
  }
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** Navigation to every foreign URL prevented; to our own page as `ownToo` says. */
const prevented = (ownToo: boolean): Prevented => ({
  [OURS]: ownToo,
  ...Object.fromEntries(FOREIGN.map((url) => [url, true])),
})

describe('the built Electron main process (out/main/index.js)', () => {
  it('opens the main window locked down, with the built preload, on app://renderer', () => {
    const { options, loadedUrl } = report.mainWindow
    // Exact: a preference added to the window is a change to review.
    expect(options.webPreferences).toEqual({
      ...LOCKED_DOWN,
      devTools: false,
      preload: join(ROOT, 'out/preload/index.js'),
    })
    expect(existsSync(join(ROOT, 'out/preload/index.js'))).toBe(true)
    expect(loadedUrl).toBe('app://renderer/index.html')
  })

  it('guards every new web contents: no foreign navigation or redirect, no new window, no webview', () => {
    expect(report.webContentsCreated).toEqual([
      {
        'will-navigate': prevented(false),
        'will-redirect': prevented(false),
        'will-attach-webview': true,
        windowOpen: { action: 'deny' },
      },
    ])
  })

  it('denies every permission but Web Serial, and that only to our own pages', () => {
    const denied = { media: false, geolocation: false, notifications: false, openExternal: false }
    const answers = {
      'app://renderer': { ...denied, serial: true },
      'https://example.com': { ...denied, serial: false },
    }
    expect(report.permissions.request).toEqual(answers)
    expect(report.permissions.check).toEqual(answers)
    expect(report.permissions.device).toEqual({
      'app://renderer': { hid: false, serial: true, usb: false },
      'https://example.com': { hid: false, serial: false, usb: false },
    })
    expect(report.sessionEvents).toContain('select-serial-port')
    expect(report.devHeadersRewritten).toBe(false)
  })

  it('serves app://renderer with the strict CSP and nothing outside the renderer folder', () => {
    expect(report.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
    expect(report.assets['app://renderer/index.html']).toEqual({
      status: 200,
      csp: CONTENT_SECURITY_POLICY,
      nosniff: 'nosniff',
      title: 'Sổ Phòng Dịch',
    })
    const refused = { status: 404, csp: null, nosniff: null, title: null }
    expect(report.assets).toMatchObject({
      'app://renderer/../main/index.js': refused,
      'app://renderer/..%2fmain%2findex.js': refused,
      'app://renderer/%2e%2e%2f%2e%2e%2fpackage.json': refused,
      'app://other/index.html': refused,
    })
  })

  it('handles only the routes and the print channel, and only from our own top frame', () => {
    const routes = Object.keys(contract).map((name) => `${IPC_PREFIX}${name}`)
    expect([...report.ipc.channels].sort()).toEqual([...routes, PRINT_CHANNEL].sort())
    const forbidden = { ok: false, error: expect.objectContaining({ code: 'forbidden' }) }
    expect(report.ipc.route).toEqual({
      ownFrame: { ok: true, data: expect.objectContaining({ needsSetup: true }) },
      ownSubFrame: forbidden,
      foreignFrame: forbidden,
    })
  })

  it('prints a PDF from our own window only, in a locked-down window that cannot leave the file', () => {
    const { print } = report.ipc
    const refused = { outcome: { ok: false, reason: 'invalid' }, windows: [] }
    expect(print.foreignFrame).toEqual(refused)
    expect(print.notPdf).toEqual(refused)
    expect(print.pdf.outcome).toEqual({ ok: false, reason: 'failed' })
    expect(print.pdf.windows).toHaveLength(1)
    const [window] = print.pdf.windows
    expect(window!.options.webPreferences).toEqual({
      ...LOCKED_DOWN,
      plugins: true,
      devTools: false,
    })
    expect(window!.loadedUrl).toMatch(/^file:\/\/.*\/SoPhongDich-in\/probe-\d+\.pdf$/)
    expect(window!.guards).toMatchObject({
      'will-navigate': prevented(true),
      'will-redirect': prevented(true),
      windowOpen: { action: 'deny' },
    })
    // The PDF is deleted once the job ends.
    expect(window!.fileLeft).toBe(false)
  })

  it('has no reload or developer tools in its menu', () => {
    expect(report.menuRoles).toContain('quit')
    for (const role of ['reload', 'forceReload', 'toggleDevTools'])
      expect(report.menuRoles).not.toContain(role)
  })
})
