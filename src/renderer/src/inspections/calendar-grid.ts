import type { CalendarDto, CalendarEntryDto } from '@shared/inspections/calendar'

/** A plan's units still to visit, as one bar over the days of a week the period covers. */
export interface PlanBar {
  planId: number
  planReference: string
  from: string
  to: string
  /** Columns 0 (Monday) to 6 (Sunday) within the week. */
  startCol: number
  endCol: number
  units: string[]
}

export interface CalendarDay {
  date: string
  inMonth: boolean
  /** Inspections on the day and units overdue from it. */
  entries: CalendarEntryDto[]
}

export interface CalendarWeek {
  days: CalendarDay[]
  bars: PlanBar[]
}

const iso = (d: Date) => d.toISOString().slice(0, 10)
const utc = (day: string) => new Date(`${day}T00:00:00Z`)
const addDays = (day: string, n: number) => iso(new Date(utc(day).getTime() + n * 86_400_000))

/** yyyy-mm `n` months after `month`. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return iso(new Date(Date.UTC(y, m - 1 + n, 1))).slice(0, 7)
}

/** A plan's units not visited yet span days; everything else sits on its day. */
const isSpan = (e: CalendarEntryDto) => e.kind === 'planned' && e.inspectionId === null

/** The month's weeks, Monday first (the Vietnamese week), with entries placed on their days. */
export function calendarWeeks(c: CalendarDto): CalendarWeek[] {
  const weekday = (utc(c.first).getUTCDay() + 6) % 7
  let start = addDays(c.first, -weekday)
  const weeks: CalendarWeek[] = []
  while (start <= c.last) {
    const dates = Array.from({ length: 7 }, (_, i) => addDays(start, i))
    const end = dates[6]!
    const days = dates.map((date) => ({
      date,
      inMonth: date >= c.first && date <= c.last,
      entries: c.entries.filter((e) => !isSpan(e) && e.from === date),
    }))
    const bars = new Map<number, PlanBar>()
    for (const e of c.entries.filter((x) => isSpan(x) && x.from <= end && x.to >= start)) {
      const from = e.from > start ? e.from : start
      const to = e.to < end ? e.to : end
      const bar = bars.get(e.planId!) ?? {
        planId: e.planId!,
        planReference: e.planReference!,
        from: e.from,
        to: e.to,
        startCol: dates.indexOf(from),
        endCol: dates.indexOf(to),
        units: [],
      }
      bar.units.push(e.unitName)
      bars.set(e.planId!, bar)
    }
    weeks.push({ days, bars: [...bars.values()] })
    start = addDays(start, 7)
  }
  return weeks
}
