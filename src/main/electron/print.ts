import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BrowserWindowConstructorOptions, IpcMain, WebContents } from 'electron'
import { PRINT_CHANNEL } from '@shared/contract/api'
import type { PrintOutcome } from '@shared/contract/api'
import type { Logger } from '../core/logger'
import { decodePrintRequest } from '../printing/print-request'
import { printFileName } from './downloads'
import { isOwnFrame } from './ipc'
import { LOCKED_DOWN } from './window'

/**
 * The hidden window that prints: our local PDF only, sandboxed, no preload, no Node. `plugins`
 * turns on Chromium's PDF viewer, which is what renders the file for webContents.print().
 */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 900,
    height: 1200,
    // The PDF viewer is a plugin: the one preference this window needs beyond the locked-down set.
    webPreferences: { ...LOCKED_DOWN, plugins: true, devTools: false },
  }
}

/** What we use of a BrowserWindow, so the sequence can be tested without Electron. */
export interface PrintWindow {
  webContents: Pick<WebContents, 'once' | 'on' | 'print' | 'setWindowOpenHandler'>
  loadURL(url: string): Promise<void>
  destroy(): void
}

/**
 * Loads the file, opens the system print dialog once it is rendered, and cleans up (window
 * and file) whatever the user chose. The window may never leave the file.
 */
export function printInWindow(window: PrintWindow, file: string): Promise<PrintOutcome> {
  const url = pathToFileURL(file).href
  const contents = window.webContents
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  return new Promise<PrintOutcome>((resolve) => {
    const finish = (outcome: PrintOutcome): void => {
      window.destroy()
      rmSync(file, { force: true })
      resolve(outcome)
    }
    contents.once('did-finish-load', () =>
      // Cancelling the dialog is not a failure: the user chose not to print.
      contents.print({ silent: false, printBackground: true }, (success, reason) =>
        finish(success || reason === 'cancelled' ? { ok: true } : { ok: false, reason: 'failed' }),
      ),
    )
    contents.once('did-fail-load', () => finish({ ok: false, reason: 'failed' }))
    window.loadURL(url).catch(() => undefined)
  })
}

/** The IPC side of `window.api.print`: our own top frame only, a real PDF only. */
export function registerPrintHandler(
  ipc: Pick<IpcMain, 'handle'>,
  folder: string,
  openWindow: () => PrintWindow,
  logger: Logger,
  now: () => number = Date.now,
): void {
  ipc.handle(PRINT_CHANNEL, async (event, input: unknown): Promise<PrintOutcome> => {
    if (!isOwnFrame(event)) {
      logger.error(`dropped a print request from a foreign frame: ${event.senderFrame?.url ?? 'unknown'}`)
      return { ok: false, reason: 'invalid' }
    }
    const request = decodePrintRequest(input)
    if (!request) return { ok: false, reason: 'invalid' }
    try {
      mkdirSync(folder, { recursive: true })
      const file = join(folder, printFileName(request.fileName, now()))
      writeFileSync(file, request.bytes)
      return await printInWindow(openWindow(), file)
    } catch (error) {
      logger.error('printing failed', error)
      return { ok: false, reason: 'failed' }
    }
  })
}
