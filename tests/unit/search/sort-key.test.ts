import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareVietnamese, vietnameseSortKey } from '@shared/text/sort-key'

const collator = new Intl.Collator('vi')

/** Plain code-unit comparison, as SQLite's BINARY collation orders the stored key. */
const binary = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const byKey = (names: string[]) =>
  [...names].sort((a, b) => binary(vietnameseSortKey(a), vietnameseSortKey(b)))
const byIntl = (names: string[]) => [...names].sort(collator.compare)

const shuffled = <T>(items: T[]) =>
  items
    .map((item, i) => ({ item, k: (i * 7919) % items.length }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.item)

const FIRST_NAMES = [
  'An',
  'Ân',
  'Ăn',
  'Anh',
  'Ánh',
  'Bình',
  'Chi',
  'Dũng',
  'Đạt',
  'Đông',
  'Giang',
  'Hà',
  'Hải',
  'Ôn',
  'Ông',
  'Ơn',
  'Uyên',
  'Ứng',
  'Ưng',
  'Yến',
]

const FULL_NAMES = [
  'Nguyễn Văn An',
  'Nguyễn Văn Anh',
  'Nguyễn Văn Ánh',
  'Nguyễn Văn Bình',
  'Nguyễn Văn',
  'Nguyễn Vân',
  'Nguyễn Thị Ánh',
  'Nguyen Van An',
  'Nguyễn An',
  'Lê Thị Lan',
  'Lê Lan',
  'Lê An',
  'Lê',
  'Lêa',
  'Lea',
  'Đỗ Thị Anh',
  'Đào Duy Từ',
  'Dương Văn Minh',
  'Trần Hưng Đạo',
  'Trương Định',
  'Phòng Tư pháp',
  'Phòng Tổ chức',
  'Sở Tư pháp',
  'Văn phòng công chứng',
  'Văn phòng Sở',
  'Trung tâm Dịch vụ đấu giá tài sản',
  'Ủy ban nhân dân',
  'Uỷ ban nhân dân tỉnh',
]

describe('compareVietnamese', () => {
  it('orders Vietnamese names like Intl.Collator("vi")', () => {
    for (const names of [FIRST_NAMES, FULL_NAMES]) {
      const expected = byIntl(names)
      expect(shuffled(names).sort(compareVietnamese)).toEqual(expected)
      expect([...names].reverse().sort(compareVietnamese)).toEqual(expected)
    }
  })

  it('puts the Vietnamese letters in alphabet order', () => {
    const sorted = shuffled(FIRST_NAMES).sort(compareVietnamese)
    const order = (...names: string[]) =>
      names.forEach((n, i) => i && expect(sorted.indexOf(n)).toBeGreaterThan(sorted.indexOf(names[i - 1]!)))
    order('An', 'Ăn', 'Ân', 'Bình')
    order('Dũng', 'Đạt', 'Giang')
    order('Ôn', 'Ơn', 'Uyên', 'Ưng')
  })

  it('sorts Đ after D and before E', () => {
    expect(['Em', 'Đạt', 'Dũng', 'Du', 'Đa', 'Dz'].sort(compareVietnamese)).toEqual([
      'Du',
      'Dũng',
      'Dz',
      'Đa',
      'Đạt',
      'Em',
    ])
    expect(compareVietnamese('Đ', 'D')).toBeGreaterThan(0)
    expect(compareVietnamese('Đ', 'Dz')).toBeGreaterThan(0)
    expect(compareVietnamese('Đ', 'E')).toBeLessThan(0)
  })

  it('lets tones break ties after the letters, in the order none, huyền, hỏi, ngã, sắc, nặng', () => {
    expect(shuffled(['Ạ', 'Á', 'Ã', 'Ả', 'À', 'A']).sort(compareVietnamese)).toEqual([
      'A',
      'À',
      'Ả',
      'Ã',
      'Á',
      'Ạ',
    ])
    expect(['Ánh', 'Anh', 'An'].sort(compareVietnamese)).toEqual(['An', 'Anh', 'Ánh'])
    expect(['Bà', 'Ba', 'Bác'].sort(compareVietnamese)).toEqual(['Ba', 'Bà', 'Bác'])
  })

  it('compares numbers by value', () => {
    expect(['Tổ 10', 'Tổ 2', 'Tổ 1'].sort(compareVietnamese)).toEqual(['Tổ 1', 'Tổ 2', 'Tổ 10'])
  })
})

describe('vietnameseSortKey', () => {
  it('ordered as plain strings, agrees with Intl.Collator("vi") on Vietnamese names', () => {
    for (const names of [FIRST_NAMES, FULL_NAMES]) {
      expect(byKey(shuffled(names))).toEqual(byIntl(names))
      expect(byKey([...names].reverse())).toEqual(byIntl(names))
    }
  })

  it('agrees with Intl.Collator("vi") on random Vietnamese text', () => {
    const letters = [...'aăâbcdđeêghiklmnoôơpqrstuưvxy']
    const tones = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323']
    const syllable = fc
      .array(fc.tuple(fc.constantFrom(...letters), fc.constantFrom(...tones)), { minLength: 1, maxLength: 4 })
      .map((chars) => chars.map(([l, t]) => l + t).join(''))
    const name = fc
      .array(syllable, { minLength: 1, maxLength: 3 })
      .map((words) => words.join(' ').normalize('NFC'))
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(Math.sign(binary(vietnameseSortKey(a), vietnameseSortKey(b)))).toBe(
          Math.sign(collator.compare(a, b)),
        )
      }),
      { numRuns: 2000 },
    )
  })

  it('sorts Đ after D and before E', () => {
    expect(byKey(['Em', 'Đạt', 'Dũng', 'Du', 'Đa', 'Dz'])).toEqual(['Du', 'Dũng', 'Dz', 'Đa', 'Đạt', 'Em'])
    expect(binary(vietnameseSortKey('Đ'), vietnameseSortKey('Dz'))).toBe(1)
    expect(binary(vietnameseSortKey('Đ'), vietnameseSortKey('E'))).toBe(-1)
  })

  it('lets tones break ties: An < Anh < Ánh, and none < huyền < hỏi < ngã < sắc < nặng', () => {
    expect(byKey(['Ánh', 'Anh', 'An'])).toEqual(['An', 'Anh', 'Ánh'])
    expect(byKey(shuffled(['Ạ', 'Á', 'Ã', 'Ả', 'À', 'A']))).toEqual(['A', 'À', 'Ả', 'Ã', 'Á', 'Ạ'])
    // The first difference in tone decides, as in the collator.
    expect(byKey(['Án Binh', 'An Bình'])).toEqual(['An Bình', 'Án Binh'])
  })

  it('ignores case and normalization, trims and collapses white space', () => {
    expect(vietnameseSortKey('NGUYỄN văn AN')).toBe(vietnameseSortKey('nguyễn Văn an'))
    expect(vietnameseSortKey('Nguyễn Văn Ánh'.normalize('NFD'))).toBe(vietnameseSortKey('Nguyễn Văn Ánh'))
    expect(vietnameseSortKey('  Lê \t Lan ')).toBe(vietnameseSortKey('Lê Lan'))
    expect(vietnameseSortKey(null)).toBe('')
    expect(vietnameseSortKey(undefined)).toBe('')
    expect(vietnameseSortKey('')).toBe('')
  })

  it('puts space before punctuation, punctuation before digits, digits before letters', () => {
    const names = ['Lêa', 'Lê-An', 'Lê 1', 'Lê An', 'Lê']
    expect(byKey(names)).toEqual(['Lê', 'Lê 1', 'Lê An', 'Lê-An', 'Lêa'])
    expect(byKey(names)).toEqual(byIntl(names))
  })

  it('compares digits one by one, like Intl.Collator("vi") without the numeric option', () => {
    // Unlike compareVietnamese (numeric: true): lists ordered by the stored key put "Tổ 10" before "Tổ 2".
    expect(byKey(['Tổ 2', 'Tổ 10', 'Tổ 1'])).toEqual(byIntl(['Tổ 2', 'Tổ 10', 'Tổ 1']))
    expect(byKey(['Tổ 2', 'Tổ 10', 'Tổ 1'])).toEqual(['Tổ 1', 'Tổ 10', 'Tổ 2'])
  })

  // Known differences from Intl.Collator('vi'), kept as expected failures: every punctuation
  // mark gets one weight, and a letter whose mark is neither a tone nor a Vietnamese vowel mark
  // (ç, ü) is weighed as another script, after z. Drop `.fails` once the key handles them.
  it.fails('orders Latin letters with non-Vietnamese marks (ç, ü) next to their base letter', () => {
    const names = ['Zorro', 'Müller', 'Mz', 'Ça', 'Cz', 'D']
    expect(byKey(names)).toEqual(byIntl(names))
  })

  it.fails('tells punctuation marks apart as the collator does', () => {
    const names = ['Nguyễn, An', 'Nguyễn-An']
    expect(byKey(names)).toEqual(byIntl(names))
  })
})
