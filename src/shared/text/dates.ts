/** Every date the office sees is in Vietnam time, dd/mm/yyyy and 24-hour, whatever the PC's settings. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh'

let parts: Intl.DateTimeFormat | undefined
/** Made on first use: a time-zone formatter takes long to create, and the first screen shows no date. */
const vietnamParts = (): Intl.DateTimeFormat =>
  (parts ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }))

/** Year, month, day, hour, minute, second of `date` on a clock in Vietnam, two digits each (year four). */
export function vietnamClock(
  date: Date,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  return pick(date) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>
}

function pick(date: Date): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of vietnamParts().formatToParts(date)) out[p.type] = p.value
  return out
}

function toDate(value: Date | string | number): Date | null {
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

/** 07/02/2021 */
export function formatDate(value: Date | string | number | null | undefined): string {
  const date = value === null || value === undefined ? null : toDate(value)
  if (!date) return ''
  const p = pick(date)
  return `${p.day}/${p.month}/${p.year}`
}

/** 07/02/2021 14:05 */
export function formatDateTime(value: Date | string | number | null | undefined): string {
  const date = value === null || value === undefined ? null : toDate(value)
  if (!date) return ''
  const p = pick(date)
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`
}

// Vietnam has kept UTC+7 without daylight saving since 1975, so a calendar day is a fixed span.
const VIETNAM_OFFSET = '+07:00'

/** UTC instant where the Vietnamese calendar day `yyyy-mm-dd` begins. */
export function vietnamDayStart(day: string): Date {
  return new Date(`${day}T00:00:00${VIETNAM_OFFSET}`)
}

/** UTC instant where the Vietnamese calendar day `yyyy-mm-dd` ends (the next day's start). */
export function vietnamDayEnd(day: string): Date {
  return new Date(vietnamDayStart(day).getTime() + 86_400_000)
}

/** `yyyy-mm-dd` of the Vietnamese calendar day `value` falls in. */
export function vietnamDay(value: Date | string | number): string {
  const p = pick(toDate(value) ?? new Date(NaN))
  return `${p.year}-${p.month}-${p.day}`
}
