import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { electronMock } from './electron-mock'
import { LOCKED_DOWN } from './locked-down'

const mock = electronMock()
vi.mock('electron', () => mock.module)

const { printInWindow, printWindowOptions, registerPrintHandler } = await import('@main/electron/print')
const { decodePrintRequest } = await import('@main/printing/print-request')
const { silentLogger } = await import('@main/core/logger')
const { MAX_PRINT_BYTES, PRINT_CHANNEL } = await import('@shared/contract/api')

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n')
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

type Listener = (...args: unknown[]) => void

/**
 * A BrowserWindow as far as printing uses it. `print` answers as the system dialog would;
 * `loads` says whether the file loads. Events fire when the page asks for them.
 */
function fakeWindow(answer: { success: boolean; reason: string }, loads = true) {
  const listeners = new Map<string, Listener>()
  const state = { loaded: '', printedFileExisted: false, destroyed: false, openHandler: undefined as unknown }
  const webContents = {
    on: vi.fn((event: string, fn: Listener) => listeners.set(event, fn)),
    once: vi.fn((event: string, fn: Listener) => listeners.set(event, fn)),
    setWindowOpenHandler: vi.fn((fn: unknown) => (state.openHandler = fn)),
    print: vi.fn((_options: unknown, done: (success: boolean, reason: string) => void) => {
      state.printedFileExisted = existsSync(fileURLToPath(state.loaded))
      done(answer.success, answer.reason)
    }),
  }
  const window = {
    webContents,
    loadURL: vi.fn(async (url: string) => {
      state.loaded = url
      listeners.get(loads ? 'did-finish-load' : 'did-fail-load')?.()
    }),
    destroy: vi.fn(() => (state.destroyed = true)),
  }
  return { window, webContents, listeners, state }
}

const folder = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'spd-printwin-'))
  dirs.push(dir)
  return join(dir, 'in')
}

describe('print requests', () => {
  it('takes a PDF by its first bytes, whatever its name says', () => {
    expect(decodePrintRequest({ fileName: 'bien-ban.pdf', base64: PDF.toString('base64') })).toEqual({
      fileName: 'bien-ban.pdf',
      bytes: PDF,
    })
  })

  it.each([
    ['an HTML page named .pdf', { fileName: 'x.pdf', base64: Buffer.from('<html>').toString('base64') }],
    ['an empty file', { fileName: 'x.pdf', base64: '' }],
    ['no name', { base64: PDF.toString('base64') }],
    ['bytes that are not base64 text', { fileName: 'x.pdf', base64: 42 }],
    ['nothing', null],
    [
      'a file over the limit',
      { fileName: 'x.pdf', base64: 'JVBERi0'.padEnd((MAX_PRINT_BYTES / 3) * 4 + 8, 'A') },
    ],
  ])('refuses %s', (_label, input) => {
    expect(decodePrintRequest(input)).toBeNull()
  })
})

describe('the hidden print window', () => {
  it('is hidden, sandboxed, isolated, without preload or Node, with the PDF viewer on', () => {
    const options = printWindowOptions()
    expect(options.show).toBe(false)
    expect(options.webPreferences).toMatchObject({ ...LOCKED_DOWN, plugins: true, devTools: false })
    expect(options.webPreferences?.preload).toBeUndefined()
  })

  it('loads the local file, opens the print dialog, then closes and deletes the file', async () => {
    const { window, webContents, state } = fakeWindow({ success: true, reason: '' })
    const dir = folder()
    const handle = registerAndGet(dir, () => window)
    const outcome = await handle(ownFrame, { fileName: 'Biên bản 5.pdf', base64: PDF.toString('base64') })
    expect(outcome).toEqual({ ok: true })
    expect(state.loaded).toMatch(/^file:\/\/.*\/in\/Bi%C3%AAn-b%E1%BA%A3n-5-1700000000000\.pdf$/)
    expect(state.printedFileExisted).toBe(true)
    expect(webContents.print).toHaveBeenCalledWith(
      expect.objectContaining({ silent: false }),
      expect.any(Function),
    )
    expect(state.destroyed).toBe(true)
    expect(existsSync(fileURLToPath(state.loaded))).toBe(false)
  })

  it('writes exactly the bytes it was given', async () => {
    let written: Buffer | undefined
    const { window } = fakeWindow({ success: true, reason: '' })
    window.webContents.print.mockImplementation((_o, done) => {
      written = readFileSync(fileURLToPath(window.loadURL.mock.calls[0]![0]))
      done(true, '')
    })
    await registerAndGet(folder(), () => window)(ownFrame, {
      fileName: 'a.pdf',
      base64: PDF.toString('base64'),
    })
    expect(written).toEqual(PDF)
  })

  it('counts a cancelled dialog as done, a printer failure or a file that does not load as failed', async () => {
    const cancelled = fakeWindow({ success: false, reason: 'cancelled' })
    expect(await printInWindow(cancelled.window as never, join(folder(), 'a.pdf'))).toEqual({ ok: true })
    const failed = fakeWindow({ success: false, reason: 'failed' })
    expect(await printInWindow(failed.window as never, join(folder(), 'b.pdf'))).toEqual({
      ok: false,
      reason: 'failed',
    })
    const broken = fakeWindow({ success: true, reason: '' }, false)
    expect(await printInWindow(broken.window as never, join(folder(), 'c.pdf'))).toEqual({
      ok: false,
      reason: 'failed',
    })
    expect(broken.window.webContents.print).not.toHaveBeenCalled()
    expect(broken.state.destroyed).toBe(true)
  })

  it('never leaves the file: navigation and new windows are refused', async () => {
    const { window, listeners, state } = fakeWindow({ success: true, reason: '' })
    await printInWindow(window as never, join(folder(), 'a.pdf'))
    for (const event of ['will-navigate', 'will-redirect']) {
      const preventDefault = vi.fn()
      listeners.get(event)!({ preventDefault }, 'https://evil.example/')
      expect(preventDefault).toHaveBeenCalled()
    }
    expect((state.openHandler as () => unknown)()).toEqual({ action: 'deny' })
  })

  it('opens no window for a foreign frame or a file that is not a PDF', async () => {
    const open = vi.fn()
    const handle = registerAndGet(folder(), open)
    expect(
      await handle(
        { senderFrame: { url: 'https://evil.example/', parent: null } },
        {
          fileName: 'a.pdf',
          base64: PDF.toString('base64'),
        },
      ),
    ).toEqual({ ok: false, reason: 'invalid' })
    expect(
      await handle(
        { senderFrame: { url: 'app://renderer/index.html', parent: {} } },
        {
          fileName: 'a.pdf',
          base64: PDF.toString('base64'),
        },
      ),
    ).toEqual({ ok: false, reason: 'invalid' })
    expect(
      await handle(ownFrame, { fileName: 'a.pdf', base64: Buffer.from('MZ').toString('base64') }),
    ).toEqual({
      ok: false,
      reason: 'invalid',
    })
    expect(open).not.toHaveBeenCalled()
  })
})

const ownFrame = { senderFrame: { url: 'app://renderer/index.html#/visitors/search', parent: null } }

function registerAndGet(dir: string, open: () => unknown) {
  const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>()
  const ipc = {
    handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) =>
      handlers.set(channel, fn),
  }
  registerPrintHandler(ipc as never, dir, open as never, silentLogger, () => 1700000000000)
  expect([...handlers.keys()]).toEqual([PRINT_CHANNEL])
  return handlers.get(PRINT_CHANNEL)!
}
