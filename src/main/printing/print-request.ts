import { MAX_PRINT_BYTES } from '@shared/contract/api'

const PDF_MAGIC = Buffer.from('%PDF-')

/**
 * The bytes of a print request (Electron's print window, the preview's print tab), or null
 * unless they are a PDF (by its first bytes) of a sane size with a string name.
 */
export function decodePrintRequest(input: unknown): { fileName: string; bytes: Buffer } | null {
  if (!input || typeof input !== 'object') return null
  const { fileName, base64 } = input as Record<string, unknown>
  if (typeof fileName !== 'string' || typeof base64 !== 'string') return null
  if (base64.length > Math.ceil(MAX_PRINT_BYTES / 3) * 4) return null
  const bytes = Buffer.from(base64, 'base64')
  if (bytes.length < PDF_MAGIC.length || !bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return null
  return { fileName, bytes }
}
