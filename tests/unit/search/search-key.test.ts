import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { searchKey, searchKeyOf } from '@shared/text/search-key'

describe('searchKey', () => {
  it.each([
    ['Nguyễn', 'nguyen'],
    ['Đấu giá', 'dau gia'],
    ['HỒ CHÍ MINH', 'ho chi minh'],
    ['đường Điện Biên Phủ', 'duong dien bien phu'],
    ['Phòng Hành chính tư pháp', 'phong hanh chinh tu phap'],
    ['Ủy ban nhân dân Phường Ữ Ỵ', 'uy ban nhan dan phuong u y'],
    ['Ăn Ân Ơn Ưng Ê Ô', 'an an on ung e o'],
    ['ảãạàá ẳẵặằắ ẩẫậầấ', 'aaaaa aaaaa aaaaa'],
    ['VPCC-01', 'vpcc-01'],
  ])('%s → %s', (text, key) => {
    expect(searchKey(text)).toBe(key)
  })

  it('gives the same key for composed and decomposed input', () => {
    for (const text of [
      'Nguyễn Văn Ánh',
      'Đấu giá',
      'HỒ CHÍ MINH',
      'Trần Thị Thuỷ',
      'Ủy ban',
      'Phạm Ngọc Thạch',
    ]) {
      const composed = text.normalize('NFC')
      const decomposed = text.normalize('NFD')
      expect(decomposed).not.toBe(composed)
      expect(searchKey(decomposed)).toBe(searchKey(composed))
    }
  })

  it('collapses and trims white space of any kind', () => {
    expect(searchKey('  Trần   Thị\tThuỷ \n')).toBe('tran thi thuy')
    expect(searchKey('Lê\u00a0\u00a0Lan')).toBe('le lan') // no-break spaces from pasted text
    expect(searchKey('a\r\n\r\nb')).toBe('a b')
    expect(searchKey(' \t\n ')).toBe('')
  })

  it('treats missing text as empty', () => {
    expect(searchKey(null)).toBe('')
    expect(searchKey(undefined)).toBe('')
    expect(searchKey('')).toBe('')
  })
})

describe('searchKeyOf', () => {
  it('joins the keys of the non-empty parts', () => {
    expect(searchKeyOf('VPCC-NTBL', null, 'Văn phòng công chứng')).toBe('vpcc-ntbl | van phong cong chung')
    expect(searchKeyOf('DG', 'Trung tâm Dịch vụ đấu giá tài sản')).toBe(
      'dg | trung tam dich vu dau gia tai san',
    )
    expect(searchKeyOf(undefined, '  ', 'Lê Lan', '')).toBe('le lan')
    expect(searchKeyOf(null, undefined)).toBe('')
    expect(searchKeyOf()).toBe('')
  })
})

describe('searchKey properties', () => {
  const combining = /[\u0300-\u036f]/

  it('never keeps a combining diacritical mark or a đ, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const key = searchKey(text)
        expect(key.normalize('NFD')).not.toMatch(combining)
        expect(key).not.toMatch(/[đĐ]/)
        expect(searchKey(key)).toBe(key)
      }),
    )
  })

  it('does the same on Vietnamese-looking text, whatever its normalization and spacing', () => {
    const letters = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ']
    const tones = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323']
    const syllable = fc
      .tuple(fc.constantFrom(...letters), fc.constantFrom(...tones), fc.constantFrom(...letters))
      .map(([a, tone, b]) => a + tone + b)
    const space = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0')
    const text = fc.array(fc.tuple(syllable, space)).map((parts) => parts.map(([s, w]) => s + w).join(''))
    fc.assert(
      fc.property(text, (t) => {
        const key = searchKey(t)
        expect(key).toMatch(/^[a-z]*( [a-z]+)*$/)
        expect(searchKey(t.normalize('NFC'))).toBe(key)
        expect(searchKey(t.normalize('NFD'))).toBe(key)
        expect(searchKey(key)).toBe(key)
      }),
    )
  })
})
