import { z } from 'zod'
import { id, msg } from '../validation/fields'

/**
 * A month of the inspections calendar (none: the current month by main's clock), optionally one
 * team member's (the name matched without diacritics).
 */
export const CalendarQuery = z.object({
  month: z
    .string({ error: 'Chọn tháng' })
    .trim()
    .refine((v) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v), { error: 'Chọn tháng' })
    .nullish()
    .transform((v) => v ?? null),
  member: z
    .string({ error: msg.invalid })
    .trim()
    .max(120, { error: msg.tooLong(120) })
    .nullish()
    .transform((v) => v || null),
})
export type CalendarQuery = z.input<typeof CalendarQuery>

export const UnitHistoryQuery = z.object({ unitId: id })

/**
 * planned: a unit of a plan's scope not yet inspected while the period runs (spanning the
 * period within the month), or a draft on its date; done: finalised minutes on their date;
 * overdue: a unit of the scope without finalised minutes once the period has ended (on its last day).
 */
export const CALENDAR_KINDS = ['planned', 'done', 'overdue'] as const
export type CalendarKind = (typeof CALENDAR_KINDS)[number]

export interface CalendarEntryDto {
  kind: CalendarKind
  /** First and last day shown in the month (the same day for an inspection). */
  from: string
  to: string
  unitId: number
  unitName: string
  planId: number | null
  planReference: string | null
  /** The inspection the entry opens; null for a unit not visited yet. */
  inspectionId: number | null
  minutesNumber: number | null
  minutesYear: number | null
}

export interface CalendarDto {
  month: string
  first: string
  last: string
  /** The Vietnamese day in main: what the calendar highlights and overdue is reckoned against. */
  today: string
  /** Everyone in a plan's or an inspection's team, one spelling each, in Vietnamese order. */
  members: string[]
  entries: CalendarEntryDto[]
}

/** Last day (yyyy-mm-dd) of the month yyyy-mm. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return `${month}-${String(days).padStart(2, '0')}`
}
