import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Reads a PDF back with poppler (pdftotext, pdfinfo, pdffonts), as a person's viewer would show it. */
export function inspectPdf(bytes: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'spd-pdf-'))
  const file = join(dir, 'doc.pdf')
  writeFileSync(file, bytes)
  const run = (tool: string, ...args: string[]) =>
    execFileSync(tool, [...args, file, '-'], { encoding: 'utf8' })
  try {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1])
    const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info) ?? []
    const all = run('pdftotext', '-layout')
    // Reading order without layout: a table cell's wrapped lines stay together.
    const plain = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
    const perPage = Array.from({ length: pages }, (_, i) =>
      run('pdftotext', '-layout', '-f', String(i + 1), '-l', String(i + 1)),
    )
    const text = (page?: number) => (page ? (perPage[page - 1] ?? '') : all)
    const bbox = run('pdftotext', '-bbox')
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    return { pages, width: Number(w), height: Number(h), text, plain, bbox, fonts }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Words of one page, from pdftotext -bbox output (pages in order). */
export function wordsOfPage(bbox: string, page: number) {
  const parts = bbox.split('<page ').slice(1)
  const part = parts[page - 1] ?? ''
  return [
    ...part.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: m[5]!,
  }))
}
