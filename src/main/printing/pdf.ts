import { join } from 'node:path'
import type PdfMake from 'pdfmake'
import type { TDocumentDefinitions, TFontFamilyTypes } from 'pdfmake/interfaces'
import { FONT_FAMILY, FONT_FILES, fontBytes, fontsFolder } from './fonts'
import { shareDecodedTables } from './parsed-fonts'

let configuredFor: string | null = null

/** pdfmake (with pdfkit and fontkit) loads on the first document, not at start. */
async function loadPdfmake(): Promise<typeof PdfMake> {
  return (await import('pdfmake')).default
}

/**
 * pdfmake is one module-wide instance. The fonts are read once into its in-memory files (the
 * same bytes every time, so their decoded tables are shared: see parsed-fonts.ts); no URL is
 * ever fetched and no file read, so a document built from user data can pull in nothing else
 * (photos come in as data URLs).
 */
function configure(pdfmake: typeof PdfMake, folder: string): void {
  if (configuredFor === folder) return
  // pdfmake's in-memory files (on the Node instance, missing from its types).
  const virtualFiles = (
    pdfmake as unknown as { virtualfs: { writeFileSync(name: string, bytes: Buffer): void } }
  ).virtualfs
  const styles: TFontFamilyTypes = {}
  for (const [style, file] of Object.entries(FONT_FILES)) {
    const name = join(folder, file)
    const bytes = fontBytes(name)
    shareDecodedTables(bytes)
    virtualFiles.writeFileSync(name, bytes)
    styles[style as keyof typeof FONT_FILES] = name
  }
  pdfmake.setFonts({ [FONT_FAMILY]: styles })
  pdfmake.setUrlAccessPolicy(() => false)
  pdfmake.setLocalAccessPolicy(() => false)
  configuredFor = folder
}

/** The one place a document becomes bytes; Electron prints them, the preview downloads them. */
export async function renderPdf(doc: TDocumentDefinitions, folder = fontsFolder()): Promise<Buffer> {
  const pdfmake = await loadPdfmake()
  configure(pdfmake, folder)
  const bytes = await pdfmake
    .createPdf({ ...doc, info: { creator: 'Sổ Phòng Dịch', producer: 'Sổ Phòng Dịch', ...doc.info } })
    .getBuffer()
  return Buffer.from(bytes)
}
