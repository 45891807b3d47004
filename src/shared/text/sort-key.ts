/**
 * A binary-comparable sort key that orders text the way Vietnamese collation does
 * (Intl.Collator('vi')): letters a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
 * then tones (none, huyền, hỏi, ngã, sắc, nặng) as a secondary level, case ignored.
 * SQLite cannot call Intl, so the key is stored in an indexed column and ORDER BY uses it.
 */
const ALPHABET = [
  'a',
  'ă',
  'â',
  'b',
  'c',
  'd',
  'đ',
  'e',
  'ê',
  'f',
  'g',
  'h',
  'i',
  'j',
  'k',
  'l',
  'm',
  'n',
  'o',
  'ô',
  'ơ',
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'ư',
  'v',
  'w',
  'x',
  'y',
  'z',
]
const TONES: Record<string, number> = { '\u0300': 1, '\u0309': 2, '\u0303': 3, '\u0301': 4, '\u0323': 5 }
const LETTER_BASE = 0x100
const OTHER_BASE = 0x1000

// Primary weights: space < punctuation < digits < letters < other scripts; one code unit each.
function primaryOf(letter: string): string {
  const index = ALPHABET.indexOf(letter)
  if (index >= 0) return String.fromCharCode(LETTER_BASE + index)
  if (letter >= '0' && letter <= '9') return letter
  if (/\s/.test(letter)) return ' '
  const code = letter.codePointAt(0) ?? 0
  return /[\p{L}\p{N}]/u.test(letter) ? String.fromCharCode(OTHER_BASE + (code % 0xc000)) : '!'
}

export function vietnameseSortKey(text: string | null | undefined): string {
  if (!text) return ''
  let primary = ''
  let secondary = ''
  const clusters =
    text
      .toLowerCase()
      .trim()
      .replace(/\s+/g, ' ')
      .normalize('NFD')
      .match(/.[\u0300-\u036f]*/gsu) ?? []
  for (const cluster of clusters) {
    const marks = cluster.slice(1)
    let tone = 0
    let shape = ''
    for (const mark of marks) {
      if (TONES[mark] !== undefined) tone = TONES[mark]
      else shape += mark
    }
    const letter = (cluster[0] + shape).normalize('NFC')
    primary += primaryOf(letter.length === 1 ? letter : cluster[0]!)
    secondary += String(tone)
  }
  return `${primary}\u0001${secondary}`
}

// Tones break ties (An < Anh < Ánh) as in the stored sort key; numbers compare by value.
const collator = new Intl.Collator('vi', { numeric: true })

/** In-memory comparison for lists sorted in the renderer. */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b)
}
