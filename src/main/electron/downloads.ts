import { mkdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { DownloadItem, Session } from 'electron'

/** A name we write in our own folder: no path, no odd characters, always `.pdf`. */
export function printFileName(suggested: string, stamp: number): string {
  const stem = basename(suggested)
    .replace(/\.pdf$/i, '')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 80)
  return `${stem || 'tai-lieu'}-${stamp}.pdf`
}

/**
 * Printouts (PDFs the renderer saves) open in the system's PDF viewer, from which the office
 * prints, instead of asking where to save them; other files (.xlsx) keep the save dialog.
 * The PDF goes to a folder of our own under the temp directory.
 */
export function installPdfOpener(
  session: Pick<Session, 'on'>,
  folder: string,
  open: (path: string) => Promise<string>,
  now: () => number = Date.now,
): void {
  session.on('will-download', (_event, item: DownloadItem) => {
    if (item.getMimeType() !== 'application/pdf' && !/\.pdf$/i.test(item.getFilename())) return
    mkdirSync(folder, { recursive: true })
    const path = join(folder, printFileName(item.getFilename(), now()))
    item.setSavePath(path)
    item.once('done', (_done, state) => {
      if (state === 'completed') void open(path)
    })
  })
}
