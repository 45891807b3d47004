import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { installPdfOpener, printFileName } from '@main/electron/downloads'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A download as Electron hands it to `will-download`, with the calls our handler makes. */
function download(fileName: string, mimeType: string) {
  let done: ((event: unknown, state: string) => void) | undefined
  return {
    getFilename: () => fileName,
    getMimeType: () => mimeType,
    setSavePath: vi.fn(),
    once: vi.fn((_event: string, fn: typeof done) => (done = fn)),
    finish: (state: string) => done?.({}, state),
  }
}

function install() {
  let listener: ((event: unknown, item: unknown) => void) | undefined
  const session = { on: vi.fn((_event: string, fn: typeof listener) => (listener = fn)) }
  const folder = join(mkdtempSync(join(tmpdir(), 'spd-print-')), 'in')
  dirs.push(folder)
  const open = vi.fn(async () => '')
  installPdfOpener(session as never, folder, open, () => 1700000000000)
  return { folder, open, fire: (item: ReturnType<typeof download>) => listener!({}, item) }
}

describe('printouts in Electron', () => {
  it('saves a PDF in our folder without asking and opens it in the system viewer once complete', () => {
    const { folder, open, fire } = install()
    const pdf = download('bien-ban-05.pdf', 'application/pdf')
    fire(pdf)
    const path = join(folder, 'bien-ban-05-1700000000000.pdf')
    expect(pdf.setSavePath).toHaveBeenCalledWith(path)
    expect(open).not.toHaveBeenCalled()
    pdf.finish('completed')
    expect(open).toHaveBeenCalledWith(path)
  })

  it('opens nothing for a cancelled or interrupted download, and leaves workbooks to the save dialog', () => {
    const { open, fire } = install()
    const cancelled = download('danh-sach.pdf', 'application/pdf')
    fire(cancelled)
    cancelled.finish('cancelled')
    const xlsx = download(
      'danh-sach.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    fire(xlsx)
    expect(xlsx.setSavePath).not.toHaveBeenCalled()
    expect(open).not.toHaveBeenCalled()
  })

  it('keeps a name the page suggests inside our folder', () => {
    expect(printFileName('../../Windows/evil.pdf', 1)).toBe('evil-1.pdf')
    expect(printFileName('..\\..\\x.exe', 1)).toBe('x.exe-1.pdf')
    expect(printFileName('Biên bản số 5.pdf', 2)).toBe('Biên-bản-số-5-2.pdf')
    expect(printFileName('', 3)).toBe('tai-lieu-3.pdf')
  })
})
