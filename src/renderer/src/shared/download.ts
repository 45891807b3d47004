import type { FileDownload } from '@shared/audit/schemas'
import type { PrintOutcome } from '@shared/contract/api'
import { printFile } from '../api/client'

/** Saves a file the main process produced; Electron asks where, the browser uses its downloads. */
export function saveDownload(file: FileDownload): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Prints a PDF the main process produced: Electron's print dialog, or a new tab in the preview. */
export function printDownload(file: FileDownload): Promise<PrintOutcome> {
  return printFile(file)
}
