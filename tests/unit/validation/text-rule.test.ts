import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { msg, optionalText, requiredText, searchText } from '@shared/validation/fields'

/** Characters that draw nothing: what a name "filled" with them really is. */
const INVISIBLE = [
  ' ',
  '\t',
  '\u00A0',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u202E',
  '\u202A',
  '\u2066',
  '\u2069',
  '\u00AD',
  '\u3000',
  '\u3164',
  '\u2800',
]
/** Not text at all: controls, bidi overrides, a surrogate without its pair. */
const NOT_TEXT = [
  '\u0000',
  '\u0007',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u202E',
  '\u200B',
  '\u2028',
  '\uD800',
  '\uDFFF',
  '\u0008',
]

const LETTERS = [
  ...'aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵAĂÂĐÊÔƠƯ0123456789.,()-',
]
const visible = fc.array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 12 }).map((a) => a.join(''))
const invisibleOnly = fc
  .array(fc.constantFrom(...INVISIBLE), { minLength: 1, maxLength: 12 })
  .map((a) => a.join(''))
const NOT_TEXT_RE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u

const name = requiredText(120)
const note = optionalText(1000, { multiline: true })

describe('the shared text rule', () => {
  it('never lets through a value that is not NFC, not trimmed, or holds a control/format character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (raw) => {
        const out = name.safeParse(raw)
        if (!out.success) return
        expect(out.data).toBe(out.data.normalize('NFC'))
        expect(out.data).toBe(out.data.trim())
        expect(out.data).not.toMatch(NOT_TEXT_RE)
        expect(out.data.length).toBeGreaterThan(0)
        // Idempotent: what was stored parses to itself.
        expect(name.parse(out.data)).toBe(out.data)
      }),
      { numRuns: 2000 },
    )
  })

  it('treats a value made only of invisible characters as empty: required fails, optional is null', () => {
    fc.assert(
      fc.property(invisibleOnly, (raw) => {
        expect(name.safeParse(raw).error?.issues.map((i) => i.message)).toEqual([msg.required])
        expect(optionalText(120).parse(raw)).toBeNull()
        expect(note.parse(raw)).toBeNull()
      }),
    )
  })

  it('refuses a control or format character between visible text, with the Vietnamese message', () => {
    fc.assert(
      fc.property(visible, fc.constantFrom(...NOT_TEXT), visible, (a, bad, b) => {
        const out = name.safeParse(`${a}${bad}${b}`)
        expect(out.success).toBe(false)
        expect(out.error?.issues[0]?.message).toBe(msg.hiddenCharacter)
        expect(note.safeParse(`${a}${bad}${b}`).success).toBe(false)
      }),
    )
  })

  it('composes decomposed Vietnamese (NFD → NFC) and counts the length after composing', () => {
    const nfd = 'Nguyễn Văn An'.normalize('NFD')
    expect(nfd).not.toBe('Nguyễn Văn An')
    expect(name.parse(nfd)).toBe('Nguyễn Văn An')
    expect(requiredText(6).safeParse('Nguyễn'.normalize('NFD')).success).toBe(true)
  })

  it('keeps line breaks and tabs in multi-line notes and turns them into spaces elsewhere', () => {
    fc.assert(
      fc.property(fc.array(visible, { minLength: 2, maxLength: 5 }), (lines) => {
        expect(note.parse(lines.join('\r\n'))).toBe(lines.join('\n'))
        expect(note.parse(lines.join('\t'))).toBe(lines.join('\t'))
        expect(name.parse(lines.join('\n'))).toBe(lines.join(' '))
      }),
    )
  })

  it('keeps emoji sequences whole but not a joiner hidden between letters', () => {
    expect(note.parse('Đã tặng hoa 👨‍👩‍👧')).toBe('Đã tặng hoa 👨‍👩‍👧')
    expect(name.safeParse('An\u200DBình').success).toBe(false)
  })

  it('drops hidden characters from searches instead of refusing them', () => {
    expect(searchText.parse('Ng\u200Buyễn\u0000'.normalize('NFD'))).toBe('Nguyễn')
    expect(searchText.parse('\u200B\u202E')).toBe('')
  })
})
