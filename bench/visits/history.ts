import { searchKeyOf } from '@shared/text/search-key'
import { vietnameseSortKey } from '@shared/text/sort-key'
import { vietnamDay, vietnamDayStart } from '@shared/text/dates'
import { PURPOSES, UNIT_NAMES, visitorSource } from '../data/visits'
import { seededRandom } from '../report'

/** How many visits the visits groups load: 1,000,000, or SPD_BENCH_VISITS (a quick run while developing). */
export function visitCount(): number {
  const given = process.env.SPD_BENCH_VISITS
  if (!given) return 1_000_000
  const n = Number(given)
  // Visitors are a fifth of the visits and the regulars a 250th: whole numbers.
  if (!Number.isInteger(n) || n < 10_000 || n % 250)
    throw new Error(`SPD_BENCH_VISITS=${given}: give a multiple of 250, 10000 or more`)
  return n
}

export const UNITS = 50
/** The search page, and the LIKE scan's LIMIT. */
export const PAGE = 50
const DAYS = 730
/** Visits still open at the end of the history (nobody checked them out yet). */
export const OPEN_AT_END = 12
const REFUSED_SHARE = 0.01
/** Visitors who come often (couriers, contractors, lawyers): a third of all repeat visits. */
const REGULAR_SHARE = 0.35

const HOUR = 3_600_000
export const DAY = 24 * HOUR
const OPEN_MS = 7.5 * HOUR
const CLOSE_MS = 17 * HOUR
const LUNCH = [11.5 * HOUR, 13 * HOUR] as const
/** Monday is busiest; Saturday mornings a few; Sunday closed (index = getUTCDay of the Vietnam day). */
const WEEKDAY_WEIGHT = [0, 1.15, 1, 1, 1, 0.95, 0.2]

/** A unit row: code, name, search key, sort key. */
export type UnitRow = [string, string, string, string]

/**
 * The columns of a visitor row, in order: id, full_name, id_type, id_number, date_of_birth,
 * gender, phone, address, organisation, search_key, created_at, updated_at.
 */
export type VisitorRow = [
  number,
  string,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string,
  string,
  string,
]

/** The columns every loader writes for a visit, in the order of its values. */
export const VISIT_COLUMNS = [
  'id',
  'visitor_id',
  'host_unit_id',
  'host_person',
  'purpose',
  'badge_number',
  'checked_in_at',
  'checked_out_at',
  'check_out_kind',
  'outcome',
  'refusal_reasons',
  'temperature',
  'symptoms',
  'contact_with_case',
  'from_case_area',
  'declared_on_app',
  'mask_worn',
  'created_by',
  'created_at',
  'updated_at',
] as const

/** A visit row, VISIT_COLUMNS in order; the flags are 0/1 (null: not asked). */
export type VisitRow = Array<string | number | null>

/**
 * Two years of a busy reception desk, the same on every engine (one seeded generator). Visitor
 * ids follow their first visit, as check-in creates them; visit ids follow time. Read the units,
 * then every visitor, then the visits: the generator's draws follow that order.
 */
export function history(nowMs: number, visits: number) {
  const visitors = visits / 5
  const regulars = visits / 250
  const random = seededRandom(2021)
  const stamp = new Date(nowMs - DAYS * DAY).toISOString()
  const units: UnitRow[] = UNIT_NAMES.slice(0, UNITS).map((unitName, i) => {
    const code = `DV${String(i + 1).padStart(2, '0')}`
    return [code, unitName, searchKeyOf(code, unitName), vietnameseSortKey(unitName)]
  })
  // A few units receive most visitors (the notary offices, the one-stop desk).
  const unitWeights = units.map((_, i) => 1 / (i + 1) ** 0.8)
  const unitTotal = unitWeights.reduce((a, b) => a + b, 0)
  const unitCumulative: number[] = []
  for (let i = 0, sum = 0; i < unitWeights.length; i++)
    unitCumulative.push((sum += unitWeights[i]! / unitTotal))
  const pickUnit = () => {
    const r = random()
    const i = unitCumulative.findIndex((c) => r < c)
    return i < 0 ? units.length - 1 : i
  }
  const source = visitorSource(1975)
  const staff = units.map(() => Array.from({ length: 8 }, () => source.fullName()))

  // The calendar: visits per day from the weekday, a day-to-day swing and, today, the hours gone.
  const today = vietnamDay(nowMs)
  const todayStart = vietnamDayStart(today).getTime()
  const days: Array<{ day: string; start: number; close: number; weight: number }> = []
  for (let d = DAYS - 1; d >= 0; d--) {
    const start = todayStart - d * DAY
    const close = d === 0 ? Math.min(CLOSE_MS, nowMs - start - 60_000) : CLOSE_MS
    const open = Math.max(0, (close - OPEN_MS) / (CLOSE_MS - OPEN_MS))
    const weekday = new Date(start + 7 * HOUR).getUTCDay()
    days.push({
      day: vietnamDay(start),
      start,
      close,
      weight: WEEKDAY_WEIGHT[weekday]! * (0.8 + 0.4 * random()) * open,
    })
  }
  const totalWeight = days.reduce((a, d) => a + d.weight, 0)
  const counts = days.map((d) => Math.floor((visits * d.weight) / totalWeight))
  const working = days.flatMap((d, i) => (d.weight > 0 ? [i] : []))
  for (let short = visits - counts.reduce((a, b) => a + b, 0), j = 0; short > 0; short--, j++)
    counts[working[(j * 7919) % working.length]!]!++

  const checkedIn = new Float64Array(visits)
  /** Vietnam day (yyyy-mm-dd) → visits generated on it. */
  const perDay = new Map<string, number>()
  let k = 0
  days.forEach((d, di) => {
    const n = counts[di]!
    if (!n) return
    perDay.set(d.day, n)
    const from = k
    for (let j = 0; j < n; j++) {
      let t: number
      do t = OPEN_MS + random() * (d.close - OPEN_MS)
      while (t >= LUNCH[0] && t < LUNCH[1] && random() < 0.8)
      checkedIn[k++] = d.start + Math.round(t / 1000) * 1000
    }
    checkedIn.subarray(from, k).sort()
  })

  // Who came: every visitor at least once, the rest skewed towards the regulars; then shuffled.
  const person = new Int32Array(visits)
  for (let i = 0; i < visits; i++) {
    if (i < visitors) person[i] = i
    else if (random() < REGULAR_SHARE) person[i] = Math.floor(regulars * random() ** 2)
    else person[i] = Math.floor(visitors * random())
  }
  for (let i = visits - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const t = person[i]!
    person[i] = person[j]!
    person[j] = t
  }
  const idOfPerson = new Int32Array(visitors)
  const firstSeen: number[] = []
  const visitorOf = new Int32Array(visits)
  for (let i = 0; i < visits; i++) {
    const p = person[i]!
    if (!idOfPerson[p]) {
      firstSeen.push(checkedIn[i]!)
      idOfPerson[p] = firstSeen.length
    }
    visitorOf[i] = idOfPerson[p]!
  }

  function* visitorRows(): Generator<VisitorRow> {
    for (let id = 1; id <= visitors; id++) {
      const v = source.next()
      const created = new Date(firstSeen[id - 1]!).toISOString()
      yield [
        id,
        v.fullName,
        v.idType,
        v.idNumber,
        v.dateOfBirth,
        v.gender,
        v.phone,
        v.address,
        v.organisation,
        searchKeyOf(v.fullName, v.organisation, v.idNumber, v.phone),
        created,
        created,
      ]
    }
  }

  /** The visits, with the ids the store gave the units (in `units` order). */
  function* visitRows(unitIds: number[]): Generator<VisitRow> {
    for (let i = 0; i < visits; i++) {
      const inMs = checkedIn[i]!
      const inIso = new Date(inMs).toISOString()
      const u = pickUnit()
      const refused = random() < REFUSED_SHARE
      let outIso: string | null = null
      let outKind: string | null = null
      let temperature: number | null = random() < 0.1 ? null : Math.round(360 + random() * 13) / 10
      let symptoms = ''
      let reasons: string | null = null
      if (refused) {
        if (random() < 0.6) {
          temperature = Math.round(375 + random() * 20) / 10
          symptoms = 'fever'
          reasons = `sốt ${temperature} °C`
        } else {
          symptoms = 'cough,soreThroat'
          reasons = 'ho, đau họng'
        }
      } else if (i < visits - OPEN_AT_END) {
        // Vietnam keeps UTC+7 all year: the day starts at 17:00 UTC the evening before.
        const dayStart = Math.floor((inMs + 7 * HOUR) / DAY) * DAY - 7 * HOUR
        const stay = (5 + 175 * random() ** 2) * 60_000
        const closing = dayStart + 17.5 * HOUR
        if (inMs + stay > closing) {
          outIso = new Date(Math.max(inMs, closing)).toISOString()
          outKind = 'closing'
        } else {
          outIso = new Date(inMs + stay).toISOString()
          outKind = 'manual'
        }
      }
      yield [
        i + 1,
        visitorOf[i]!,
        unitIds[u]!,
        random() < 0.7 ? source.pick(staff[u]!) : null,
        source.pick(PURPOSES),
        random() < 0.6 ? `K-${String(1 + Math.floor(random() * 60)).padStart(2, '0')}` : null,
        inIso,
        outIso,
        outKind,
        refused ? 'refused' : 'admitted',
        reasons,
        temperature,
        symptoms,
        0,
        random() < 0.05 ? 1 : 0,
        random() < 0.3 ? null : random() < 0.8 ? 1 : 0,
        1,
        1,
        inIso,
        outIso ?? inIso,
      ]
    }
  }

  return { visits, visitors, stamp, units, perDay, visitorRows, visitRows }
}

export type History = ReturnType<typeof history>
