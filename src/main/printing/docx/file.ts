import type { FileDownload } from '@shared/audit/schemas'
import type { OfficialDocumentOptions } from '../official-document'
import { renderDocx } from './official-docx'

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** A printout's Word file, ready for the renderer to save, named like its PDF. */
export async function docxDownload(pdfName: string, layout: OfficialDocumentOptions): Promise<FileDownload> {
  return {
    fileName: pdfName.replace(/\.pdf$/, '.docx'),
    mimeType: DOCX_MIME,
    base64: (await renderDocx(layout)).toString('base64'),
  }
}
