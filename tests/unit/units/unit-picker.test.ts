import { describe, expect, it } from 'vitest'
import { pickableUnits } from '@shared/units/picker'
import { matchesSearch } from '@shared/text/search-key'

const UNITS = [
  { id: 1, code: 'VP', name: 'Văn phòng Sở', active: true },
  { id: 2, code: 'TTR', name: 'Thanh tra Sở', active: true },
  { id: 3, code: 'DG', name: 'Trung tâm Dịch vụ đấu giá tài sản', active: true },
  { id: 4, code: 'PBPL', name: 'Phòng Phổ biến, giáo dục pháp luật', active: false },
]
const names = (query: string, options?: Parameters<typeof pickableUnits>[2]) =>
  pickableUnits(UNITS, query, options).map((u) => u.id)

describe('the unit picker’s filter', () => {
  it('finds a unit typed without diacritics, in any case, word by word, or by its code', () => {
    expect(names('van phong so')).toEqual([1])
    expect(names('VAN PHONG')).toEqual([1])
    expect(names('dau gia')).toEqual([3])
    expect(names('dịch vụ')).toEqual([3])
    expect(names('so')).toEqual([1, 2])
    expect(names('ttr')).toEqual([2])
    expect(names('  ')).toEqual([1, 2, 3])
    expect(names('kho bac')).toEqual([])
  })

  it('lets “d” find “đ” and “đ” find “d”', () => {
    expect(matchesSearch('d', 'đấu')).toBe(true)
    expect(matchesSearch('đâu', 'Dau')).toBe(true)
  })

  it('offers an inactive unit only for past records or as the current value', () => {
    expect(names('pho bien')).toEqual([])
    expect(names('pho bien', { includeInactive: true })).toEqual([4])
    expect(names('', { selected: [4] })).toEqual([1, 2, 3, 4])
  })
})
