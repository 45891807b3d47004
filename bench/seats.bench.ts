import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { AuditChainReport } from '@shared/audit/schemas'
import { createAppCore } from '@main/app-core'
import type { AppCore } from '@main/app-core'
import { DATABASE_FILE_NAME } from '@main/db/data-source'
import type { Logger } from '@main/core/logger'
import { startPostgres } from '../tests/unit/helpers/postgres-server'
import type { PostgresServer } from '../tests/unit/helpers/postgres-server'
import { visitorSource } from './data/visits'
import { percentile, report } from './report'
import { describeServer } from './postgres'
import { Tally, call, desk, office, setUp } from './seats/work'

export const name = 'seats'

const DESKS = 8
const OFFICES = 2
const TARGET = { checkinsPerSecond: 200, p95: 50 }

/** How long the seats work: 60 s, or SPD_BENCH_SEATS_SECONDS (a quick run while developing). */
function seconds(): number {
  const given = process.env.SPD_BENCH_SEATS_SECONDS
  if (!given) return 60
  const n = Number(given)
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`SPD_BENCH_SEATS_SECONDS=${given}: give a number of seconds`)
  return n
}

/** Keeps the first few failures a seat logged, so an internal error says what it was. */
function collectingLogger(seen: string[]): Logger {
  return {
    info: () => {},
    error: (message, error) => {
      if (seen.length < 5) seen.push(`${message}: ${error instanceof Error ? error.message : String(error)}`)
    },
  }
}

/** What the store holds against what the seats were told: told-succeeded writes not found there. */
async function lostWrites(client: pg.Client, tally: Tally): Promise<number> {
  const { rows: visits } = await client.query<{ id: number; visitor_id: number; out: boolean }>(
    `SELECT id, visitor_id, checked_out_at IS NOT NULL AS out FROM visits WHERE id = ANY($1::int[])`,
    [tally.checkins.map((c) => c.visitId)],
  )
  const stored = new Map(visits.map((v) => [v.id, v]))
  let lost = tally.checkins.filter((c) => stored.get(c.visitId)?.visitor_id !== c.visitorId).length
  lost += tally.checkouts.filter((id) => !stored.get(id)?.out).length
  const { rows: minutes } = await client.query<{ id: number; year: number; number: number }>(
    `SELECT id, minutes_year AS year, minutes_number AS number FROM inspections WHERE status = 'final'`,
  )
  const final = new Map(minutes.map((m) => [m.id, m]))
  lost += tally.finalised.filter((f) => {
    const m = final.get(f.id)
    return !m || m.year !== f.year || m.number !== f.number
  }).length
  return lost
}

/**
 * 8 reception desks checking visitors in and out and 2 office PCs finalising minutes, each
 * seat its own app core and connection pool, on one PostgreSQL server (default durability).
 */
export async function run(): Promise<void> {
  const duration = seconds()
  const dirs: string[] = []
  const cores: AppCore[] = []
  let server: PostgresServer | undefined
  let client: pg.Client | undefined
  const failures: string[] = []
  try {
    server = await startPostgres({ durable: true })
    await server.admin('CREATE DATABASE spd_seats')
    const url = server.urlOf('spd_seats')
    for (let s = 0; s < DESKS + OFFICES; s++) {
      const dir = mkdtempSync(join(tmpdir(), `spd-bench-seat${s}-`))
      dirs.push(dir)
      // One after the other: the first migrates the empty database, the others find it current.
      cores.push(
        await createAppCore({ file: join(dir, DATABASE_FILE_NAME), url, logger: collectingLogger(failures) }),
      )
    }
    const tally = new Tally()
    const { unitIds, planId } = await setUp(cores[0]!, tally)
    const source = visitorSource(2023)
    const end = performance.now() + duration * 1000
    const started = performance.now()
    const cpuStarted = process.cpuUsage()
    await Promise.all(
      cores.map((core, s) =>
        s < DESKS
          ? desk(core, s, unitIds, source.next, end, tally)
          : office(core, s, planId, unitIds, end, tally),
      ),
    )
    const elapsed = (performance.now() - started) / 1000
    const cpu = process.cpuUsage(cpuStarted)

    client = new pg.Client({ connectionString: url })
    await client.connect()
    console.log(`seats: ${await describeServer(client)}`)
    const lost = await lostWrites(client, tally)
    const { rows: dup } = await client.query<{ n: number }>(
      `SELECT coalesce(sum(n - 1), 0)::int AS n FROM (SELECT count(*) AS n FROM inspections
         WHERE minutes_number IS NOT NULL GROUP BY minutes_year, minutes_number HAVING count(*) > 1) AS d`,
    )
    const { rows: gaps } = await client.query<{ n: number }>(
      `SELECT coalesce(sum(top - numbers), 0)::int AS n FROM (SELECT max(minutes_number) AS top,
         count(DISTINCT minutes_number) AS numbers FROM inspections WHERE minutes_number IS NOT NULL
         GROUP BY minutes_year) AS y`,
    )
    const chain = await call<AuditChainReport>(cores[0]!, 'audit:verify', {}, tally)

    const calls = [...tally.checkinMs, ...tally.checkoutMs]
    const perSecond = tally.checkins.length / elapsed
    const p95 = percentile(calls, 95)
    report('seats.seconds', elapsed, 's')
    report('seats.checkins', tally.checkins.length, 'check-ins')
    report('seats.checkouts', tally.checkouts.length, 'check-outs')
    report('seats.minutes_finalised', tally.finalised.length, 'minutes')
    report('seats.checkins_per_s', perSecond, 'check-ins/s')
    report('seats.checkin.p95', percentile(tally.checkinMs, 95), 'ms')
    report('seats.checkout.p95', percentile(tally.checkoutMs, 95), 'ms')
    if (tally.finaliseMs.length) report('seats.finalise.p95', percentile(tally.finaliseMs, 95), 'ms')
    report('seats.p95', p95, 'ms')
    // All seats share this one Node process: near 1 core, the seats' own side is the limit.
    report('seats.bench_process_cpu', (cpu.user + cpu.system) / 1e6 / elapsed, 'cores')
    report('seats.lost', lost, 'writes')
    report('seats.duplicate_numbers', dup[0]!.n, 'numbers')
    report('seats.minutes_gaps', gaps[0]!.n, 'numbers')
    report('seats.conflicts', tally.conflicts, 'answers')
    const internal = [...tally.internal.values()].reduce((a, b) => a + b, 0)
    report('seats.internal_errors', internal, 'answers')
    console.log(
      `seats: audit chain ${chain?.ok ? 'intact' : `broken (${JSON.stringify(chain?.firstBreak ?? null)})`}`,
    )
    for (const [route, n] of tally.internal) console.log(`seats: ${n} × ${route} internal`)
    for (const [what, n] of tally.otherErrors) console.log(`seats: ${n} × ${what}`)
    for (const failure of failures) console.log(`seats: logged ${failure}`)
    const verdicts = [
      [
        `≥ ${TARGET.checkinsPerSecond} check-ins/s`,
        perSecond >= TARGET.checkinsPerSecond,
        perSecond.toFixed(0),
      ],
      [`p95 ≤ ${TARGET.p95} ms`, p95 <= TARGET.p95, `${p95.toFixed(1)} ms`],
      ['0 lost', lost === 0, String(lost)],
      ['0 duplicate numbers', dup[0]!.n === 0, String(dup[0]!.n)],
      ['0 internal errors', internal === 0, String(internal)],
    ] as const
    const met = verdicts.every(([, ok]) => ok)
    console.log(
      `seats: targets ${met ? 'MET' : 'MISSED'}: ${verdicts.map(([l, ok, v]) => `${l} ${ok ? 'MET' : 'MISSED'} (${v})`).join('; ')}`,
    )
  } finally {
    await client?.end()
    for (const core of cores) await core.close()
    await server?.stop()
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  }
}
