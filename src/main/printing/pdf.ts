import { resolve, sep } from 'node:path'
import pdfmake from 'pdfmake'
import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { fontDictionary, fontsFolder } from './fonts'

let configuredFor: string | null = null

/**
 * pdfmake is one module-wide instance: fonts from our folder, no URL ever fetched, and no file
 * read outside the fonts folder, so a document built from user data can pull in nothing else.
 */
function configure(folder: string): void {
  if (configuredFor === folder) return
  const root = resolve(folder) + sep
  pdfmake.setFonts(fontDictionary(folder))
  pdfmake.setUrlAccessPolicy(() => false)
  pdfmake.setLocalAccessPolicy((path) => resolve(path).startsWith(root))
  configuredFor = folder
}

/** The one place a document becomes bytes; Electron prints them, the preview downloads them. */
export async function renderPdf(doc: TDocumentDefinitions, folder = fontsFolder()): Promise<Buffer> {
  configure(folder)
  const bytes = await pdfmake
    .createPdf({ ...doc, info: { creator: 'Sổ Phòng Dịch', producer: 'Sổ Phòng Dịch', ...doc.info } })
    .getBuffer()
  return Buffer.from(bytes)
}
