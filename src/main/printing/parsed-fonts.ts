import { createRequire } from 'node:module'

/** The part of fontkit's TTFFont this relies on (fontkit ships no types). */
export interface FontkitFont {
  stream: { buffer: Uint8Array }
  unitsPerEm: number
  layout(text: string): { advanceWidth: number }
  _tables: Record<string, unknown>
  _getTable(table: unknown): unknown
}

/** fontkit as pdfkit loads it (pdfmake → pdfkit → fontkit): the very module pdfkit opens fonts with. */
export function pdfkitsFontkit(): { create(bytes: Uint8Array): FontkitFont } {
  const fromPdfmake = createRequire(require.resolve('pdfmake'))
  return createRequire(fromPdfmake.resolve('pdfkit'))('fontkit') as { create(bytes: Uint8Array): FontkitFont }
}

/** Font file bytes → the tables decoded from them, filled lazily by whichever document needs one first. */
const decodedTables = new WeakMap<Uint8Array, Record<string, unknown>>()
let sharing = false

/**
 * pdfkit opens a new fontkit font for every document, and a new font decodes its tables again:
 * the OpenType layout tables (GSUB/GPOS lookups, kerning) Tinos shapes text with are most of a
 * build's time. The font object itself must stay per document: it caches glyph objects with the
 * code points of their first use, which become the document's text layer (embedding "ú" meets
 * the plain "u" as a component, with no code point, and a later document sharing that font lost
 * every "u" of its text layer: "th ốc" for "thuốc"). So every
 * document keeps its own font and glyphs, and only the decoded tables — read-only data — are
 * shared between the fonts opened from the same bytes, as fontkit itself does for a font's
 * variations (`getVariation` hands the new font `this._tables`).
 */
export function shareDecodedTables(bytes: Uint8Array): void {
  if (!sharing) {
    const probe = pdfkitsFontkit().create(bytes)
    const prototype = Object.getPrototypeOf(probe) as FontkitFont
    if (typeof prototype._getTable !== 'function' || probe.stream.buffer !== bytes || !('_tables' in probe))
      throw new Error('fontkit no longer has the internals that decoded font tables are shared through')
    const decode = prototype._getTable
    prototype._getTable = function (this: FontkitFont, table: unknown) {
      const shared = decodedTables.get(this.stream.buffer)
      if (shared) this._tables = shared
      return decode.call(this, table)
    }
    sharing = true
  }
  if (!decodedTables.has(bytes)) decodedTables.set(bytes, {})
}
