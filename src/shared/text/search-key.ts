/**
 * Diacritics-insensitive search key: lower case, tone and vowel marks removed, đ → d,
 * white space collapsed. Stored beside searchable text and applied to every query, so
 * "nguyen" finds "Nguyễn" and "dau gia" finds "đấu giá".
 */
export function searchKey(text: string | null | undefined): string {
  if (!text) return ''
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** Joins several fields into one search key (e.g. code and name of a unit). */
export function searchKeyOf(...parts: Array<string | null | undefined>): string {
  return parts
    .map((p) => searchKey(p))
    .filter((p) => p.length > 0)
    .join(' | ')
}

/**
 * Whether every word of a query occurs in the search key of the parts: what pickers filter
 * their options with, so "van phong so" finds "Văn phòng Sở" and "d" finds "đ".
 */
export function matchesSearch(
  query: string | null | undefined,
  ...parts: Array<string | null | undefined>
): boolean {
  const words = searchKey(query).split(' ').filter(Boolean)
  if (!words.length) return true
  const key = searchKeyOf(...parts)
  return words.every((w) => key.includes(w))
}
