import { z } from 'zod'

/**
 * Vietnamese for every message zod writes itself (a wrong type, an unknown key, a number out of
 * range), so whatever reaches the user or the renderer's form is Vietnamese even where a schema
 * gives no message of its own. Zod's own `vi` locale covers the rare codes we do not word here.
 */
const size = (origin: string, n: number | bigint, inclusive: boolean, small: boolean): string => {
  const bound = Number(n) + (inclusive ? 0 : small ? 1 : -1)
  if (origin === 'string')
    return small
      ? bound <= 1
        ? 'Không được để trống'
        : `Ít nhất ${bound} ký tự`
      : `Không quá ${bound} ký tự`
  if (origin === 'array' || origin === 'set')
    return small ? `Chọn ít nhất ${bound} mục` : `Không quá ${bound} mục`
  return small ? `Không được nhỏ hơn ${n}` : `Không được lớn hơn ${n}`
}

z.config(z.locales.vi())
z.config({
  customError: (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined || issue.input === null
          ? 'Không được để trống'
          : 'Giá trị không hợp lệ'
      case 'too_small':
        return size(issue.origin, issue.minimum, issue.inclusive !== false, true)
      case 'too_big':
        return size(issue.origin, issue.maximum, issue.inclusive !== false, false)
      case 'invalid_value':
        return 'Giá trị không nằm trong danh sách cho phép'
      case 'unrecognized_keys':
        return `Trường không được phép: ${issue.keys.join(', ')}`
      case 'invalid_format':
      case 'invalid_union':
      case 'invalid_key':
      case 'invalid_element':
      case 'not_multiple_of':
        return 'Giá trị không hợp lệ'
      default:
        return undefined
    }
  },
})
