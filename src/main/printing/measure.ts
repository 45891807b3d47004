import { join } from 'node:path'
import { FONT_FILES, fontBytes, fontsFolder } from './fonts'
import type { FontkitFont } from './parsed-fonts'
import { pdfkitsFontkit, shareDecodedTables } from './parsed-fonts'

export interface TextStyle {
  fontSize: number
  bold?: boolean
  italics?: boolean
}

/**
 * Fonts opened for measuring only: never handed to a document, so their glyph caches cannot
 * leak into a text layer; their decoded tables are the documents' (same bytes, parsed-fonts.ts).
 */
const measuringFonts = new Map<string, FontkitFont>()
const wordWidths = new Map<string, number>()

function fontFor(style: TextStyle): FontkitFont {
  const key = style.bold ? (style.italics ? 'bolditalics' : 'bold') : style.italics ? 'italics' : 'normal'
  let font = measuringFonts.get(key)
  if (!font) {
    const bytes = fontBytes(join(fontsFolder(), FONT_FILES[key]))
    shareDecodedTables(bytes)
    font = pdfkitsFontkit().create(bytes)
    measuringFonts.set(key, font)
  }
  return font
}

/** Width in points of one word (no space in it), as pdfkit lays it out; remembered per style. */
function wordWidth(word: string, style: TextStyle): number {
  const key = `${style.bold ? 'b' : ''}${style.italics ? 'i' : ''}|${word}`
  let em = wordWidths.get(key)
  if (em === undefined) {
    const font = fontFor(style)
    wordWidths.set(key, (em = font.layout(word).advanceWidth / font.unitsPerEm))
  }
  return em * style.fontSize
}

/** Width in points of a line of words separated by single spaces. */
export function lineWidth(words: string[], style: TextStyle): number {
  if (!words.length) return 0
  const space = wordWidth(' ', style)
  return words.reduce((sum, w) => sum + wordWidth(w, style), 0) + space * (words.length - 1)
}
