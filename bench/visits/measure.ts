import { DEFAULT_AGENCY_SETTINGS } from '@shared/settings/schemas'
import { vietnamDay, vietnamDayEnd, vietnamDayStart } from '@shared/text/dates'
import type { CheckInInput, TraceResult, VisitDto } from '@shared/visitors/schemas'
import type { Page } from '@shared/contract/route'
import type { AppCore } from '@main/app-core'
import { systemSession } from '@main/core/session'
import { dayListXlsx } from '@main/visitors/exports'
import { querySet } from '../data/people'
import { PURPOSES, visitorSource } from '../data/visits'
import type { VisitorSeed } from '../data/visits'
import { percentile, report, seededRandom } from '../report'
import { DAY, OPEN_AT_END, PAGE, history } from './history'
import type { History } from './history'

export interface Loaded {
  unitIds: number[]
  /** Seconds spent writing the visitors and the visits (the rest is generating them). */
  visitorsSeconds: number
  visitsSeconds: number
}

/** What the bench itself does on one engine's store, beside the app's routes. */
export interface VisitsStore {
  /** Writes the history straight into the real schema (its indexes run as they would for the app). */
  load(h: History): Promise<Loaded>
  /** After loading: the search index folded, statistics gathered. */
  maintain(): Promise<void>
  /** A bench-side read, `?` placeholders. */
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>
  /** The same question as visits:search, answered by reading every candidate row with LIKE. */
  likeScan(q: string): Promise<number[]>
  /** The store's size on disk. */
  bytes(): Promise<number>
}

export interface Targets {
  checkinP95: number
  searchP95: number
  speedup: number
  traceP95: number
  /** The day list export; none where the issue set none. */
  daylistMs?: number
}

const CHECKINS = 300
const QUERIES = 100
const TRACES = 50
const TRACE_DAYS = 14
const DAYLIST_TARGET_ROWS = 2_000
const DAYLIST_RUNS = 3

async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now()
  const value = await fn()
  return [performance.now() - start, value]
}

const one = async <T>(store: VisitsStore, sql: string, params: unknown[] = []): Promise<T> =>
  (await store.rows<T>(sql, params))[0]!
/** A count as a number: PostgreSQL's bigint comes back as a string from the raw driver. */
const count = async (store: VisitsStore, sql: string, params: unknown[] = []): Promise<number> =>
  Number((await one<{ n: number | string }>(store, sql, params)).n)

/**
 * The visits bench on one store: load `visits` visits, then check-in, search (against the LIKE
 * scan), contact tracing and the day list, each through the app's routes; figures as `<prefix>.*`.
 */
export async function measureVisits(
  core: AppCore,
  store: VisitsStore,
  prefix: string,
  target: Targets,
  visits: number,
): Promise<void> {
  const verdicts: string[] = []
  let allMet = true
  const judge = (label: string, met: boolean, text: string) => {
    allMet &&= met
    verdicts.push(`${label} ${met ? 'MET' : 'MISSED'} (${text})`)
  }
  const nowMs = Date.now()

  // 1. The data.
  const h = history(nowMs, visits)
  const [loadMs, loaded] = await timed(() => store.load(h))
  const [maintenanceMs] = await timed(() => store.maintain())
  const counts = await one<Record<string, number | string>>(
    store,
    `SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM visitors) AS visitors,
            (SELECT count(*) FROM visits) AS visits,
            (SELECT count(*) FROM visits WHERE outcome = 'refused') AS refused,
            (SELECT count(*) FROM visits WHERE checked_out_at IS NULL AND outcome = 'admitted') AS inside,
            (SELECT count(*) FROM visitors WHERE id_type = 'cccd') AS cccd,
            (SELECT max(n) FROM (SELECT count(*) AS n FROM visits GROUP BY visitor_id) AS per_visitor) AS most`,
  )
  const c = (key: string) => Number(counts[key])
  report(`${prefix}.units`, c('units'), 'units')
  report(`${prefix}.visitors`, c('visitors'), 'visitors')
  report(`${prefix}.visitors_cccd`, c('cccd'), 'visitors')
  report(`${prefix}.rows`, c('visits'), 'visits')
  report(`${prefix}.refused`, c('refused'), 'visits')
  report(`${prefix}.inside_at_start`, c('inside'), 'visits')
  report(`${prefix}.most_visits_by_one_visitor`, c('most'), 'visits')
  report(`${prefix}.load`, loadMs / 1000, 's')
  report(`${prefix}.load.visitors`, loaded.visitorsSeconds, 's')
  report(`${prefix}.load.visits`, loaded.visitsSeconds, 's')
  report(`${prefix}.optimize_analyze`, maintenanceMs / 1000, 's')
  if (c('visits') !== h.visits || c('visitors') !== h.visitors)
    throw new Error(`loaded ${c('visitors')} visitors and ${c('visits')} visits`)

  // 2. Check-in: half returning visitors (by CCCD), half new ones.
  // Returning visitors as the form fills them after the CCCD scan (the stored details).
  const pickRandom = seededRandom(300)
  const cccdIds = (await store.rows<{ id: number }>(`SELECT id FROM visitors WHERE id_type = 'cccd'`)).map(
    (r) => r.id,
  )
  const returning = new Set<number>()
  while (returning.size < CHECKINS / 2) returning.add(cccdIds[Math.floor(pickRandom() * cccdIds.length)]!)
  const returningIds = [...returning]
  const known: VisitorSeed[] = []
  for (const id of returningIds)
    known.push(
      await one<VisitorSeed>(
        store,
        `SELECT full_name AS "fullName", id_type AS "idType", id_number AS "idNumber",
                date_of_birth AS "dateOfBirth", gender, phone, address, organisation FROM visitors WHERE id = ?`,
        [id],
      ),
    )
  // New visitors: CCCD numbers the store has not seen.
  const source = visitorSource(2022)
  const fresh: VisitorSeed[] = []
  while (fresh.length < CHECKINS / 2) {
    const v = source.next()
    if (
      v.idType === 'cccd' &&
      !(await store.rows('SELECT 1 FROM visitors WHERE id_number = ?', [v.idNumber])).length
    )
      fresh.push(v)
  }
  const checkinSession = systemSession()
  const checkin: number[] = []
  const checkinReturning: number[] = []
  const checkinNew: number[] = []
  let returnedSame = 0
  for (let i = 0; i < CHECKINS; i++) {
    const back = i % 2 === 0
    const visitorId = back ? returningIds[i / 2]! : null
    const visitor = back ? known[i / 2]! : fresh[(i - 1) / 2]!
    const input: CheckInInput = {
      visitor,
      hostUnitId: loaded.unitIds[Math.floor(pickRandom() * loaded.unitIds.length)]!,
      purpose: PURPOSES[i % PURPOSES.length]!,
      badgeNumber: `K-${String(1 + (i % 60)).padStart(2, '0')}`,
      health: {
        temperature: 36.5,
        symptoms: [],
        contactWithCase: false,
        fromCaseArea: false,
        declaredOnApp: true,
      },
      confirmInside: true,
    }
    const [ms, result] = await timed(() => core.router.dispatch('visits:checkIn', input, checkinSession))
    if (!result.ok) throw new Error(`check-in ${i}: ${JSON.stringify(result.error)}`)
    const visit = result.data as VisitDto
    if (back && visit.visitorId !== visitorId)
      throw new Error(`check-in ${i}: returning visitor ${visitorId} got visitor ${visit.visitorId}`)
    if (back) returnedSame++
    checkin.push(ms)
    ;(back ? checkinReturning : checkinNew).push(ms)
  }
  const visitorsAfter = await count(store, 'SELECT count(*) AS n FROM visitors')
  if (visitorsAfter !== h.visitors + CHECKINS / 2)
    throw new Error(`after check-in: ${visitorsAfter} visitors, expected ${h.visitors + CHECKINS / 2}`)
  const checkinP95 = percentile(checkin, 95)
  report(`${prefix}.checkin.count`, checkin.length, 'check-ins')
  report(`${prefix}.checkin.returning`, returnedSame, 'check-ins')
  report(`${prefix}.checkin.p50`, percentile(checkin, 50), 'ms')
  report(`${prefix}.checkin.p95`, checkinP95, 'ms')
  report(`${prefix}.checkin.max`, Math.max(...checkin), 'ms')
  report(`${prefix}.checkin.returning.p95`, percentile(checkinReturning, 95), 'ms')
  report(`${prefix}.checkin.new.p95`, percentile(checkinNew, 95), 'ms')
  judge(
    `check-in p95 ≤ ${target.checkinP95} ms`,
    checkinP95 <= target.checkinP95,
    `${checkinP95.toFixed(2)} ms`,
  )

  // 3. Search: the route against a plain LIKE scan of the same question.
  const searchSession = systemSession()
  const queries = querySet(QUERIES)
  const viaRoute: number[] = []
  const viaScan: number[] = []
  const slowest: Array<{ q: string; ms: number; total: number }> = []
  let empty = 0
  for (const q of queries) {
    const [routeMs, result] = await timed(() =>
      core.router.dispatch('visits:search', { q, pageSize: PAGE }, searchSession),
    )
    if (!result.ok) throw new Error(`search "${q}": ${JSON.stringify(result.error)}`)
    const page = result.data as Page<VisitDto>
    const [scanMs, scanned] = await timed(() => store.likeScan(q))
    const found = page.items.map((v) => v.id)
    // A fast answer that differs from the scan would be a wrong answer.
    if (found.join() !== scanned.join())
      throw new Error(
        `"${q}": the route's first page differs from the scan's ` +
          `(route ${found.length} rows [${found.slice(0, 5).join(', ')}…], scan ${scanned.length} rows [${scanned.slice(0, 5).join(', ')}…])`,
      )
    if (!found.length) empty++
    viaRoute.push(routeMs)
    viaScan.push(scanMs)
    slowest.push({ q, ms: routeMs, total: page.total })
  }
  const searchP95 = percentile(viaRoute, 95)
  const scanP95 = percentile(viaScan, 95)
  const speedup = scanP95 / searchP95
  report(`${prefix}.search.queries`, queries.length, 'queries')
  report(`${prefix}.search.queries_without_match`, empty, 'queries')
  report(`${prefix}.search.p50`, percentile(viaRoute, 50), 'ms')
  report(`${prefix}.search.p95`, searchP95, 'ms')
  report(`${prefix}.search.max`, Math.max(...viaRoute), 'ms')
  report(`${prefix}.search.like_scan.p50`, percentile(viaScan, 50), 'ms')
  report(`${prefix}.search.like_scan.p95`, scanP95, 'ms')
  report(`${prefix}.search.speedup`, speedup, 'x')
  slowest.sort((a, b) => b.ms - a.ms)
  console.log(
    `${prefix}.search slowest: ${slowest
      .slice(0, 5)
      .map((s) => `"${s.q}" ${s.ms.toFixed(1)} ms (${s.total} visits)`)
      .join('; ')}`,
  )
  judge(`search p95 ≤ ${target.searchP95} ms`, searchP95 <= target.searchP95, `${searchP95.toFixed(1)} ms`)
  judge(`search ≥ ${target.speedup}× the LIKE scan`, speedup >= target.speedup, `${speedup.toFixed(1)}×`)

  // 4. Contact tracing: a visitor who later tested positive, over the 14 days before.
  const traceRandom = seededRandom(414)
  const visitsInHistory = h.visits - OPEN_AT_END
  const traceSession = systemSession()
  const traces: number[] = []
  let contactsFound = 0
  for (let i = 0; i < TRACES; i++) {
    const visit = await one<{ visitor_id: number; checked_in_at: string }>(
      store,
      'SELECT visitor_id, checked_in_at FROM visits WHERE id = ?',
      [1 + Math.floor(traceRandom() * visitsInHistory)],
    )
    const day = vietnamDay(visit.checked_in_at)
    const input = {
      visitorId: visit.visitor_id,
      from: new Date(vietnamDayStart(day).getTime() - (TRACE_DAYS - 1) * DAY).toISOString(),
      to: vietnamDayEnd(day).toISOString(),
    }
    const [ms, result] = await timed(() => core.router.dispatch('visits:trace', input, traceSession))
    if (!result.ok) throw new Error(`trace ${i}: ${JSON.stringify(result.error)}`)
    contactsFound += (result.data as TraceResult).contacts.length
    traces.push(ms)
  }
  const traceP95 = percentile(traces, 95)
  report(`${prefix}.trace.count`, traces.length, 'traces')
  report(`${prefix}.trace.contacts_mean`, contactsFound / traces.length, 'contacts')
  report(`${prefix}.trace.p50`, percentile(traces, 50), 'ms')
  report(`${prefix}.trace.p95`, traceP95, 'ms')
  judge(`trace p95 ≤ ${target.traceP95} ms`, traceP95 <= target.traceP95, `${traceP95.toFixed(1)} ms`)

  // 5. The day list for the health authority: the day closest to 2,000 visits.
  const today = vietnamDay(nowMs)
  let listDay = ''
  for (const [day, n] of h.perDay)
    if (
      day !== today &&
      (!listDay || Math.abs(n - DAYLIST_TARGET_ROWS) < Math.abs(h.perDay.get(listDay)! - DAYLIST_TARGET_ROWS))
    )
      listDay = day
  const listRows = await count(
    store,
    'SELECT count(*) AS n FROM visits WHERE checked_in_at >= ? AND checked_in_at < ?',
    [vietnamDayStart(listDay).toISOString(), vietnamDayEnd(listDay).toISOString()],
  )
  const daylist: number[] = []
  let xlsxBytes = 0
  for (let i = 0; i < DAYLIST_RUNS; i++) {
    const [ms, out] = await timed(() =>
      dayListXlsx(core.dataSource.manager, { from: listDay, to: listDay }, DEFAULT_AGENCY_SETTINGS),
    )
    xlsxBytes = Buffer.from(out.base64, 'base64').length
    daylist.push(ms)
  }
  const daylistMs = percentile(daylist, 50)
  console.log(
    `${prefix}.daylist: ${listDay}, ${listRows} visits, runs ${daylist.map((ms) => ms.toFixed(0)).join(' / ')} ms`,
  )
  report(`${prefix}.daylist_xlsx_2000.rows`, listRows, 'visits')
  report(`${prefix}.daylist_xlsx_2000.bytes`, xlsxBytes, 'bytes')
  report(`${prefix}.daylist_xlsx_2000`, daylistMs, 'ms')
  if (target.daylistMs !== undefined)
    judge(`day list ≤ ${target.daylistMs} ms`, daylistMs <= target.daylistMs, `${daylistMs.toFixed(0)} ms`)

  // 6. Size on disk.
  const visitsNow = await count(store, 'SELECT count(*) AS n FROM visits')
  const bytes = await store.bytes()
  report(`${prefix}.db_bytes`, bytes, 'bytes')
  report(`${prefix}.db_mb_per_million`, bytes / 1024 / 1024 / (visitsNow / 1e6), 'MB')

  console.log(`${prefix}: targets ${allMet ? 'MET' : 'MISSED'}: ${verdicts.join('; ')}`)
}
