import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { inspectPdf, wordsOfPage } from './pdf'
import type { FileDownload } from '@shared/audit/schemas'

export const MM = 72 / 25.4

const bytesOf = (file: FileDownload) => Buffer.from(file.base64, 'base64')

/**
 * Word files as LibreOffice prints them: every file in ONE headless soffice run (its start is
 * most of the cost), with a private profile so parallel runs do not share (and lock) one.
 */
export function docxToPdf(files: FileDownload[]): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), 'spd-docx-'))
  try {
    const names = files.map((f, i) => {
      const name = join(dir, `${i}.docx`)
      writeFileSync(name, bytesOf(f))
      return name
    })
    if (spawnSync('soffice', ['--version']).error)
      throw new Error(
        'LibreOffice (soffice) is needed to check the Word files: apt-get install -y libreoffice-writer',
      )
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        ...names,
      ],
      { stdio: 'pipe', timeout: 120_000 },
    )
    return names.map((name) => readFileSync(name.replace(/\.docx$/, '.pdf')))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

type Word = ReturnType<typeof wordsOfPage>[number]
/**
 * A page's furniture, not the document's text: what stands in the top margin (the page number,
 * a Word draft's DỰ THẢO) and the PDF's watermark, whose turned letters are far taller than a line.
 */
const isFurniture = (w: Word) => w.yMax < 20 * MM || w.yMax - w.yMin >= 20
const isPageNumber = (w: Word) => w.yMax < 20 * MM && /^\d+$/.test(w.text)

/**
 * What a reader sees, in reading order: each page's words by line (words whose tops are within
 * 4 pt of the line's first), left to right. Ordering by position, not by the order each producer
 * happened to write its text in, makes the two renderings comparable word for word. The
 * furniture is compared on its own: a paragraph that ends a hair above the bottom margin in one
 * rendering and a hair below it in the other (pdfmake and LibreOffice round a line's height
 * differently, 16.556 against 16.55 pt) would move a page number between two words.
 */
function readingOrder(bbox: string, pages: number): string[][] {
  return Array.from({ length: pages }, (_, i) => {
    const words = wordsOfPage(bbox, i + 1)
      .filter((w) => !isFurniture(w))
      .sort((a, b) => a.yMin - b.yMin)
    const lines: Array<typeof words> = []
    for (const w of words) {
      const line = lines.at(-1)
      if (line && w.yMin - line[0]!.yMin < 4) line.push(w)
      else lines.push([w])
    }
    return lines.map((line) => line.sort((a, b) => a.xMin - b.xMin).map((w) => w.text))
  }).flat()
}

/** Left and top of the text block of each page, from the words' boxes. */
function textBlock(bbox: string, pages: number) {
  return Array.from({ length: pages }, (_, i) => {
    const words = wordsOfPage(bbox, i + 1).filter((w) => !isFurniture(w))
    return { left: Math.min(...words.map((w) => w.xMin)), top: Math.min(...words.map((w) => w.yMin)) }
  })
}

/** The number printed in each page's top margin ('' for none). */
function pageNumbers(bbox: string, pages: number): string[] {
  return Array.from({ length: pages }, (_, i) =>
    wordsOfPage(bbox, i + 1)
      .filter(isPageNumber)
      .map((w) => w.text)
      .join(' '),
  )
}

/** The draft mark on each page: the furniture but the page number ('' for none). */
function marks(bbox: string, pages: number): string[] {
  return Array.from({ length: pages }, (_, i) =>
    wordsOfPage(bbox, i + 1)
      .filter((w) => isFurniture(w) && !isPageNumber(w))
      .map((w) => w.text)
      .join(' '),
  )
}

export interface Rendering {
  pages: number
  words: string[]
  /** The words line by line: the same lines means every line broke where the other's did. */
  lines: string[]
  blocks: Array<{ left: number; top: number }>
  marks: string[]
  numbers: string[]
}

export function rendering(pdf: Buffer): Rendering {
  const read = inspectPdf(pdf)
  return {
    pages: read.pages,
    words: readingOrder(read.bbox, read.pages).flat(),
    lines: readingOrder(read.bbox, read.pages).map((line) => line.join(' ')),
    blocks: textBlock(read.bbox, read.pages),
    marks: marks(read.bbox, read.pages),
    numbers: pageNumbers(read.bbox, read.pages),
  }
}

/**
 * The app's PDF and LibreOffice's rendering of the Word file, side by side: page counts, the
 * words in order, and per page how far the text block's left and top edges stand apart.
 */
export function compareRenderings(appPdf: FileDownload, wordPdf: Buffer) {
  const pdf = rendering(bytesOf(appPdf))
  const word = rendering(wordPdf)
  return {
    pdf,
    word,
    leftGap: Math.max(...pdf.blocks.map((b, i) => Math.abs(b.left - (word.blocks[i]?.left ?? Infinity)))),
    topGap: Math.max(...pdf.blocks.map((b, i) => Math.abs(b.top - (word.blocks[i]?.top ?? Infinity)))),
  }
}
