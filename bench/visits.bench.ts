import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { searchKey, searchKeyOf } from '@shared/text/search-key'
import { vietnameseSortKey } from '@shared/text/sort-key'
import { vietnamDay, vietnamDayEnd, vietnamDayStart } from '@shared/text/dates'
import { DEFAULT_AGENCY_SETTINGS } from '@shared/settings/schemas'
import type { CheckInInput, TraceResult, VisitDto } from '@shared/visitors/schemas'
import type { Page } from '@shared/contract/route'
import { createAppCore } from '@main/app-core'
import type { AppCore } from '@main/app-core'
import { rawDatabase } from '@main/db/sqlite/connection'
import { DATABASE_FILE_NAME } from '@main/db/data-source'
import { silentLogger } from '@main/core/logger'
import { systemSession } from '@main/core/session'
import { optimizeSearchIndexSql } from '@main/db/sqlite/search-index'
import { dayListXlsx } from '@main/visitors/exports'
import { querySet } from './data/people'
import { PURPOSES, UNIT_NAMES, visitorSource } from './data/visits'
import type { VisitorSeed } from './data/visits'
import { percentile, report, seededRandom } from './report'

export const name = 'visits'

const UNITS = 50
const VISITORS = 200_000
const VISITS = 1_000_000
const DAYS = 730
/** Visits still open at the end of the history (nobody checked them out yet). */
const OPEN_AT_END = 12
const REFUSED_SHARE = 0.01
/** Visitors who come often (couriers, contractors, lawyers): a third of all repeat visits. */
const REGULARS = 4_000
const REGULAR_SHARE = 0.35
const VISITS_PER_TRANSACTION = 100_000

const CHECKINS = 300
const QUERIES = 100
const PAGE = 50
const TRACES = 50
const TRACE_DAYS = 14
const DAYLIST_TARGET_ROWS = 2_000
const DAYLIST_RUNS = 3

const TARGET = { checkinP95: 5, searchP95: 30, speedup: 10, traceP95: 100, daylistMs: 1_000 }

const HOUR = 3_600_000
const DAY = 24 * HOUR
const OPEN_MS = 7.5 * HOUR
const CLOSE_MS = 17 * HOUR
const LUNCH = [11.5 * HOUR, 13 * HOUR] as const
/** Monday is busiest; Saturday mornings a few; Sunday closed (index = getUTCDay of the Vietnam day). */
const WEEKDAY_WEIGHT = [0, 1.15, 1, 1, 1, 0.95, 0.2]

const now = () => performance.now()
async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const start = now()
  const value = await fn()
  return [now() - start, value]
}

interface Loaded {
  unitIds: number[]
  /** Vietnam day (yyyy-mm-dd) → visits generated on it. */
  perDay: Map<string, number>
  /** Seconds spent writing the visitors and the visits (the rest is generating them). */
  visitorsSeconds: number
  visitsSeconds: number
}

/**
 * Two years of a busy reception desk, written straight into the real schema (its indexes and
 * search triggers run as they would for the app). Visitor ids follow their first visit, as
 * check-in creates them; visit ids follow time.
 */
export function load(db: Database.Database, nowMs: number): Loaded {
  const random = seededRandom(2021)
  // Loading only: a large page cache keeps the visits indexes in memory while a million rows go in;
  // the app's own setting is restored before anything is measured.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number
  db.pragma('cache_size = -524288')
  const stamp = new Date(nowMs - DAYS * DAY).toISOString()

  // Units: departments of the office.
  const insertUnit = db.prepare(
    `INSERT INTO units (code, name, kind_code, search_key, sort_key, created_at, updated_at)
     VALUES (?, ?, 'department', ?, ?, ?, ?) RETURNING id`,
  )
  const unitIds = db.transaction(() =>
    UNIT_NAMES.slice(0, UNITS).map((unitName, i) => {
      const code = `DV${String(i + 1).padStart(2, '0')}`
      return (
        insertUnit.get(
          code,
          unitName,
          searchKeyOf(code, unitName),
          vietnameseSortKey(unitName),
          stamp,
          stamp,
        ) as {
          id: number
        }
      ).id
    }),
  )()
  // A few units receive most visitors (the notary offices, the one-stop desk).
  const unitWeights = unitIds.map((_, i) => 1 / (i + 1) ** 0.8)
  const unitTotal = unitWeights.reduce((a, b) => a + b, 0)
  const unitCumulative: number[] = []
  for (let i = 0, sum = 0; i < unitWeights.length; i++)
    unitCumulative.push((sum += unitWeights[i]! / unitTotal))
  const pickUnit = () => {
    const r = random()
    const i = unitCumulative.findIndex((c) => r < c)
    return i < 0 ? unitIds.length - 1 : i
  }
  const source = visitorSource(1975)
  const staff = unitIds.map(() => Array.from({ length: 8 }, () => source.fullName()))

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
  const counts = days.map((d) => Math.floor((VISITS * d.weight) / totalWeight))
  const working = days.flatMap((d, i) => (d.weight > 0 ? [i] : []))
  for (let short = VISITS - counts.reduce((a, b) => a + b, 0), j = 0; short > 0; short--, j++)
    counts[working[(j * 7919) % working.length]!]!++

  const checkedIn = new Float64Array(VISITS)
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
  const person = new Int32Array(VISITS)
  for (let i = 0; i < VISITS; i++) {
    if (i < VISITORS) person[i] = i
    else if (random() < REGULAR_SHARE) person[i] = Math.floor(REGULARS * random() ** 2)
    else person[i] = Math.floor(VISITORS * random())
  }
  for (let i = VISITS - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const t = person[i]!
    person[i] = person[j]!
    person[j] = t
  }
  const idOfPerson = new Int32Array(VISITORS)
  const firstSeen: number[] = []
  const visitorOf = new Int32Array(VISITS)
  for (let i = 0; i < VISITS; i++) {
    const p = person[i]!
    if (!idOfPerson[p]) {
      firstSeen.push(checkedIn[i]!)
      idOfPerson[p] = firstSeen.length
    }
    visitorOf[i] = idOfPerson[p]!
  }

  const insertVisitor = db.prepare(
    `INSERT INTO visitors (id, full_name, id_type, id_number, date_of_birth, gender, phone, address, organisation,
       search_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  // Loading only: no incremental merging of the search index while 200,000 rows go in; the
  // optimize after loading merges it in one pass. SQLite's default (4) is set back afterwards.
  const automerge = (n: number) =>
    db.exec(`INSERT INTO visitors_search(visitors_search, rank) VALUES ('automerge', ${n})`)
  automerge(0)
  const visitorsStart = now()
  db.transaction(() => {
    for (let id = 1; id <= VISITORS; id++) {
      const v = source.next()
      const created = new Date(firstSeen[id - 1]!).toISOString()
      insertVisitor.run(
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
      )
    }
  })()
  const visitorsSeconds = (now() - visitorsStart) / 1000
  automerge(4)

  const insertVisit = db.prepare(
    `INSERT INTO visits (id, visitor_id, host_unit_id, host_person, purpose, badge_number, checked_in_at,
       checked_out_at, check_out_kind, outcome, refusal_reasons, temperature, symptoms, contact_with_case,
       from_case_area, declared_on_app, mask_worn, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const writeVisits = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
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
      } else if (i < VISITS - OPEN_AT_END) {
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
      insertVisit.run(
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
      )
    }
  })
  const visitsStart = now()
  for (let from = 0; from < VISITS; from += VISITS_PER_TRANSACTION)
    writeVisits(from, Math.min(VISITS, from + VISITS_PER_TRANSACTION))
  const visitsSeconds = (now() - visitsStart) / 1000
  db.pragma(`cache_size = ${cacheSize}`)
  return { unitIds, perDay, visitorsSeconds, visitsSeconds }
}

/** The same question as visits:search, answered by reading every candidate row with LIKE. */
function likeScan(db: Database.Database) {
  return (q: string): number[] => {
    const patterns = [...new Set(searchKey(q).split(' '))].map((w) => (w.length >= 3 ? `%${w}%` : `% ${w}%`))
    const where = patterns.map(() => `(' ' || p.search_key) LIKE ?`).join(' AND ')
    return db
      .prepare(
        `SELECT v.id FROM visits v JOIN visitors p ON p.id = v.visitor_id WHERE ${where}
         ORDER BY v.checked_in_at DESC, v.id DESC LIMIT ${PAGE}`,
      )
      .pluck()
      .all(patterns) as number[]
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'spd-bench-visits-'))
  const file = join(dir, DATABASE_FILE_NAME)
  let core: AppCore | undefined
  const verdicts: string[] = []
  let allMet = true
  const judge = (label: string, met: boolean, text: string) => {
    allMet &&= met
    verdicts.push(`${label} ${met ? 'MET' : 'MISSED'} (${text})`)
  }
  try {
    core = await createAppCore({ file, logger: silentLogger })
    const db = rawDatabase(core.dataSource)
    const nowMs = Date.now()

    // 1. The data.
    const [loadMs, loaded] = await timed(() => load(db, nowMs))
    const [maintenanceMs] = await timed(() => {
      db.exec(optimizeSearchIndexSql('visitors'))
      db.exec(optimizeSearchIndexSql('units'))
      db.exec('ANALYZE')
      db.pragma('wal_checkpoint(TRUNCATE)')
    })
    const counts = db
      .prepare(
        `SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM visitors) AS visitors,
                (SELECT count(*) FROM visits) AS visits,
                (SELECT count(*) FROM visits WHERE outcome = 'refused') AS refused,
                (SELECT count(*) FROM visits WHERE checked_out_at IS NULL AND outcome = 'admitted') AS inside,
                (SELECT count(*) FROM visitors WHERE id_type = 'cccd') AS cccd,
                (SELECT max(n) FROM (SELECT count(*) AS n FROM visits GROUP BY visitor_id)) AS most`,
      )
      .get() as Record<string, number>
    report('visits.units', counts.units!, 'units')
    report('visits.visitors', counts.visitors!, 'visitors')
    report('visits.visitors_cccd', counts.cccd!, 'visitors')
    report('visits.rows', counts.visits!, 'visits')
    report('visits.refused', counts.refused!, 'visits')
    report('visits.inside_at_start', counts.inside!, 'visits')
    report('visits.most_visits_by_one_visitor', counts.most!, 'visits')
    report('visits.load', loadMs / 1000, 's')
    report('visits.load.visitors', loaded.visitorsSeconds, 's')
    report('visits.load.visits', loaded.visitsSeconds, 's')
    report('visits.optimize_analyze', maintenanceMs / 1000, 's')
    if (counts.visits !== VISITS || counts.visitors !== VISITORS)
      throw new Error(`loaded ${counts.visitors} visitors and ${counts.visits} visits`)

    // 2. Check-in: half returning visitors (by CCCD), half new ones.
    // Returning visitors as the form fills them after the CCCD scan (the stored details).
    const pickRandom = seededRandom(300)
    const cccdIds = db.prepare(`SELECT id FROM visitors WHERE id_type = 'cccd'`).pluck().all() as number[]
    const returning = new Set<number>()
    while (returning.size < CHECKINS / 2) returning.add(cccdIds[Math.floor(pickRandom() * cccdIds.length)]!)
    const returningIds = [...returning]
    const stored = db.prepare(
      `SELECT full_name AS fullName, id_type AS idType, id_number AS idNumber, date_of_birth AS dateOfBirth,
              gender, phone, address, organisation FROM visitors WHERE id = ?`,
    )
    const known = returningIds.map((id) => stored.get(id) as VisitorSeed)
    // New visitors: CCCD numbers the store has not seen.
    const source = visitorSource(2022)
    const seen = db.prepare('SELECT 1 FROM visitors WHERE id_number = ?').pluck()
    const fresh: VisitorSeed[] = []
    while (fresh.length < CHECKINS / 2) {
      const v = source.next()
      if (v.idType === 'cccd' && !seen.get(v.idNumber)) fresh.push(v)
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
      const [ms, result] = await timed(() => core!.router.dispatch('visits:checkIn', input, checkinSession))
      if (!result.ok) throw new Error(`check-in ${i}: ${JSON.stringify(result.error)}`)
      const visit = result.data as VisitDto
      if (back && visit.visitorId !== visitorId)
        throw new Error(`check-in ${i}: returning visitor ${visitorId} got visitor ${visit.visitorId}`)
      if (back) returnedSame++
      checkin.push(ms)
      ;(back ? checkinReturning : checkinNew).push(ms)
    }
    const visitorsAfter = db.prepare('SELECT count(*) FROM visitors').pluck().get() as number
    if (visitorsAfter !== VISITORS + CHECKINS / 2)
      throw new Error(`after check-in: ${visitorsAfter} visitors, expected ${VISITORS + CHECKINS / 2}`)
    const checkinP95 = percentile(checkin, 95)
    report('visits.checkin.count', checkin.length, 'check-ins')
    report('visits.checkin.returning', returnedSame, 'check-ins')
    report('visits.checkin.p50', percentile(checkin, 50), 'ms')
    report('visits.checkin.p95', checkinP95, 'ms')
    report('visits.checkin.max', Math.max(...checkin), 'ms')
    report('visits.checkin.returning.p95', percentile(checkinReturning, 95), 'ms')
    report('visits.checkin.new.p95', percentile(checkinNew, 95), 'ms')
    judge(
      `check-in p95 ≤ ${TARGET.checkinP95} ms`,
      checkinP95 <= TARGET.checkinP95,
      `${checkinP95.toFixed(2)} ms`,
    )

    // 3. Search: the route against a plain LIKE scan of the same question.
    const searchSession = systemSession()
    const scan = likeScan(db)
    const queries = querySet(QUERIES)
    const viaRoute: number[] = []
    const viaScan: number[] = []
    const slowest: Array<{ q: string; ms: number; total: number }> = []
    let empty = 0
    for (const q of queries) {
      const [routeMs, result] = await timed(() =>
        core!.router.dispatch('visits:search', { q, pageSize: PAGE }, searchSession),
      )
      if (!result.ok) throw new Error(`search "${q}": ${JSON.stringify(result.error)}`)
      const page = result.data as Page<VisitDto>
      const [scanMs, scanned] = await timed(() => scan(q))
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
    report('visits.search.queries', queries.length, 'queries')
    report('visits.search.queries_without_match', empty, 'queries')
    report('visits.search.p50', percentile(viaRoute, 50), 'ms')
    report('visits.search.p95', searchP95, 'ms')
    report('visits.search.max', Math.max(...viaRoute), 'ms')
    report('visits.search.like_scan.p50', percentile(viaScan, 50), 'ms')
    report('visits.search.like_scan.p95', scanP95, 'ms')
    report('visits.search.speedup', speedup, 'x')
    slowest.sort((a, b) => b.ms - a.ms)
    console.log(
      `visits.search slowest: ${slowest
        .slice(0, 5)
        .map((s) => `"${s.q}" ${s.ms.toFixed(1)} ms (${s.total} visits)`)
        .join('; ')}`,
    )
    judge(`search p95 ≤ ${TARGET.searchP95} ms`, searchP95 <= TARGET.searchP95, `${searchP95.toFixed(1)} ms`)
    judge(`search ≥ ${TARGET.speedup}× the LIKE scan`, speedup >= TARGET.speedup, `${speedup.toFixed(1)}×`)

    // 4. Contact tracing: a visitor who later tested positive, over the 14 days before.
    const traceRandom = seededRandom(414)
    const visitsInHistory = VISITS - OPEN_AT_END
    const caseVisit = db.prepare('SELECT visitor_id, checked_in_at FROM visits WHERE id = ?')
    const traceSession = systemSession()
    const traces: number[] = []
    let contactsFound = 0
    for (let i = 0; i < TRACES; i++) {
      const visit = caseVisit.get(1 + Math.floor(traceRandom() * visitsInHistory)) as {
        visitor_id: number
        checked_in_at: string
      }
      const day = vietnamDay(visit.checked_in_at)
      const input = {
        visitorId: visit.visitor_id,
        from: new Date(vietnamDayStart(day).getTime() - (TRACE_DAYS - 1) * DAY).toISOString(),
        to: vietnamDayEnd(day).toISOString(),
      }
      const [ms, result] = await timed(() => core!.router.dispatch('visits:trace', input, traceSession))
      if (!result.ok) throw new Error(`trace ${i}: ${JSON.stringify(result.error)}`)
      contactsFound += (result.data as TraceResult).contacts.length
      traces.push(ms)
    }
    const traceP95 = percentile(traces, 95)
    report('visits.trace.count', traces.length, 'traces')
    report('visits.trace.contacts_mean', contactsFound / traces.length, 'contacts')
    report('visits.trace.p50', percentile(traces, 50), 'ms')
    report('visits.trace.p95', traceP95, 'ms')
    judge(`trace p95 ≤ ${TARGET.traceP95} ms`, traceP95 <= TARGET.traceP95, `${traceP95.toFixed(1)} ms`)

    // 5. The day list for the health authority: the day closest to 2,000 visits.
    const today = vietnamDay(nowMs)
    let listDay = ''
    for (const [day, n] of loaded.perDay)
      if (
        day !== today &&
        (!listDay ||
          Math.abs(n - DAYLIST_TARGET_ROWS) < Math.abs(loaded.perDay.get(listDay)! - DAYLIST_TARGET_ROWS))
      )
        listDay = day
    const listRows = db
      .prepare('SELECT count(*) FROM visits WHERE checked_in_at >= ? AND checked_in_at < ?')
      .pluck()
      .get(vietnamDayStart(listDay).toISOString(), vietnamDayEnd(listDay).toISOString()) as number
    const daylist: number[] = []
    let xlsxBytes = 0
    for (let i = 0; i < DAYLIST_RUNS; i++) {
      const [ms, out] = await timed(() =>
        dayListXlsx(core!.dataSource.manager, { from: listDay, to: listDay }, DEFAULT_AGENCY_SETTINGS),
      )
      xlsxBytes = Buffer.from(out.base64, 'base64').length
      daylist.push(ms)
    }
    const daylistMs = percentile(daylist, 50)
    console.log(
      `visits.daylist: ${listDay}, ${listRows} visits, runs ${daylist.map((ms) => ms.toFixed(0)).join(' / ')} ms`,
    )
    report('visits.daylist_xlsx_2000.rows', listRows, 'visits')
    report('visits.daylist_xlsx_2000.bytes', xlsxBytes, 'bytes')
    report('visits.daylist_xlsx_2000', daylistMs, 'ms')
    judge(`day list ≤ ${TARGET.daylistMs} ms`, daylistMs <= TARGET.daylistMs, `${daylistMs.toFixed(0)} ms`)

    // 6. Size on disk.
    db.pragma('wal_checkpoint(TRUNCATE)')
    const visitsNow = db.prepare('SELECT count(*) FROM visits').pluck().get() as number
    const bytes = statSync(file).size
    report('visits.db_bytes', bytes, 'bytes')
    report('visits.db_mb_per_million', bytes / 1024 / 1024 / (visitsNow / 1e6), 'MB')

    console.log(`visits: targets ${allMet ? 'MET' : 'MISSED'}: ${verdicts.join('; ')}`)
  } finally {
    await core?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
