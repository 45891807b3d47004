import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { searchKey, searchKeyOf } from '@shared/text/search-key'
import { compareVietnamese, vietnameseSortKey } from '@shared/text/sort-key'

describe('searchKey', () => {
  it.each([
    ['Nguyễn', 'nguyen'],
    ['Đấu giá', 'dau gia'],
    ['HỒ CHÍ MINH', 'ho chi minh'],
    ['  Trần   Thị\tThuỷ ', 'tran thi thuy'],
    ['Phòng Hành chính tư pháp', 'phong hanh chinh tu phap'],
  ])('%s → %s', (text, key) => {
    expect(searchKey(text)).toBe(key)
    expect(searchKey(text.normalize('NFD'))).toBe(key)
  })

  it('treats missing text as empty and joins fields', () => {
    expect(searchKey(null)).toBe('')
    expect(searchKey(undefined)).toBe('')
    expect(searchKeyOf('VPCC-NTBL', null, 'Văn phòng công chứng')).toBe('vpcc-ntbl | van phong cong chung')
  })

  it('never keeps a mark or a đ, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const key = searchKey(text)
        expect(key.normalize('NFD')).not.toMatch(/[\u0300-\u036f]/)
        expect(key).not.toMatch(/[đĐ]/)
        expect(searchKey(key)).toBe(key)
      }),
    )
  })
})

describe('Vietnamese order', () => {
  const names = [
    'Ông',
    'An',
    'Ơn',
    'Đạt',
    'Ăn',
    'Dũng',
    'Ân',
    'Uyên',
    'Bình',
    'Ứng',
    'Chi',
    'Giang',
    'Ôn',
    'Ánh',
    'Anh',
  ]
  const collator = new Intl.Collator('vi')

  it('compareVietnamese agrees with Intl.Collator("vi")', () => {
    expect([...names].sort(compareVietnamese)).toEqual([...names].sort(collator.compare))
  })

  it('the stored sort key orders like Intl.Collator("vi") under plain binary comparison', () => {
    const byKey = [...names].sort((a, b) => {
      const ka = vietnameseSortKey(a)
      const kb = vietnameseSortKey(b)
      return ka < kb ? -1 : ka > kb ? 1 : 0
    })
    expect(byKey).toEqual([...names].sort(collator.compare))
    expect(byKey.indexOf('Đạt')).toBeGreaterThan(byKey.indexOf('Dũng'))
  })
})
