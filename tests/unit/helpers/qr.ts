import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import jsQR from 'jsqr'

/** The text of the QR code on a PDF's first page, read from its rendering as a scanner would. */
export function readQrFromPdf(pdf: Buffer): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'spd-qr-'))
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf)
    execFileSync('pdftoppm', ['-gray', '-r', '200', '-f', '1', '-l', '1', '-singlefile', 'doc.pdf', 'page'], {
      cwd: dir,
    })
    // A binary PGM: "P5\n<width> <height>\n<max>\n" then one byte per pixel.
    const bytes = readFileSync(join(dir, 'page.pgm'))
    const [, width, height, max] = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(
      bytes.subarray(0, 40).toString('latin1'),
    )!
    const headerLength = bytes.length - Number(width) * Number(height)
    if (Number(max) !== 255) throw new Error('unexpected PGM depth')
    const rgba = new Uint8ClampedArray(Number(width) * Number(height) * 4)
    for (let i = 0; i < Number(width) * Number(height); i++) {
      const v = bytes[headerLength + i]!
      rgba.set([v, v, v, 255], i * 4)
    }
    return jsQR(rgba, Number(width), Number(height))?.data ?? null
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
