import type pg from 'pg'
import { searchKey } from '@shared/text/search-key'
import type { History, VisitRow, VisitorRow } from './history'
import { PAGE, VISIT_COLUMNS } from './history'
import type { Loaded, VisitsStore } from './measure'

/** Rows per INSERT: each column goes as one array parameter, unnested on the server. */
const ROWS_PER_INSERT = 10_000

const VISITOR_COLUMNS = [
  ['id', 'integer'],
  ['full_name', 'text'],
  ['id_type', 'text'],
  ['id_number', 'text'],
  ['date_of_birth', 'text'],
  ['gender', 'text'],
  ['phone', 'text'],
  ['address', 'text'],
  ['organisation', 'text'],
  ['search_key', 'text'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
] as const

const VISIT_TYPES: Record<(typeof VISIT_COLUMNS)[number], string> = {
  id: 'integer',
  visitor_id: 'integer',
  host_unit_id: 'integer',
  host_person: 'text',
  purpose: 'text',
  badge_number: 'text',
  checked_in_at: 'text',
  checked_out_at: 'text',
  check_out_kind: 'text',
  outcome: 'text',
  refusal_reasons: 'text',
  temperature: 'double precision',
  symptoms: 'text',
  contact_with_case: 'boolean',
  from_case_area: 'boolean',
  declared_on_app: 'boolean',
  mask_worn: 'boolean',
  created_by: 'integer',
  created_at: 'text',
  updated_at: 'text',
}
const FLAGS = new Set(['contact_with_case', 'from_case_area', 'declared_on_app', 'mask_worn'])

/** `INSERT … SELECT * FROM unnest($1::t[], …)`: many rows in one statement of few parameters. */
function unnestInsert(table: string, columns: ReadonlyArray<readonly [string, string]>): string {
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')
  return `INSERT INTO ${table} (${columns.map(([c]) => c).join(', ')}) SELECT * FROM unnest(${arrays})`
}

async function insertAll<R extends unknown[]>(
  client: pg.Client,
  sql: string,
  width: number,
  rows: Iterable<R>,
): Promise<void> {
  let batch: unknown[][] = Array.from({ length: width }, () => [])
  const flush = async () => {
    if (!batch[0]!.length) return
    await client.query(sql, batch)
    batch = Array.from({ length: width }, () => [])
  }
  for (const row of rows) {
    for (let i = 0; i < width; i++) batch[i]!.push(row[i])
    if (batch[0]!.length === ROWS_PER_INSERT) await flush()
  }
  await flush()
}

/**
 * The visits bench's side of a PostgreSQL database, on its own connection beside the app's
 * pool: the loader (many rows per statement), its reads, the LIKE scan.
 */
export function postgresStore(client: pg.Client): VisitsStore {
  const numbered = (sql: string) => {
    let i = 0
    return sql.replace(/\?/g, () => `$${++i}`)
  }
  return {
    async load(h: History): Promise<Loaded> {
      const unitIds: number[] = []
      for (const [code, name, key, sort] of h.units) {
        const { rows } = await client.query<{ id: number }>(
          `INSERT INTO units (code, name, kind_code, search_key, sort_key, created_at, updated_at)
           VALUES ($1, $2, 'department', $3, $4, $5, $5) RETURNING id`,
          [code, name, key, sort, h.stamp],
        )
        unitIds.push(rows[0]!.id)
      }
      const visitorsStart = performance.now()
      await insertAll<VisitorRow>(
        client,
        unnestInsert('visitors', VISITOR_COLUMNS),
        VISITOR_COLUMNS.length,
        h.visitorRows(),
      )
      const visitorsSeconds = (performance.now() - visitorsStart) / 1000
      const visitColumns = VISIT_COLUMNS.map((c) => [c, VISIT_TYPES[c]] as const)
      const flags = VISIT_COLUMNS.flatMap((c, i) => (FLAGS.has(c) ? [i] : []))
      function* visits(): Generator<VisitRow> {
        for (const row of h.visitRows(unitIds)) {
          const out: Array<string | number | boolean | null> = row
          for (const i of flags) out[i] = row[i] === null ? null : row[i] === 1
          yield row
        }
      }
      const visitsStart = performance.now()
      await insertAll<VisitRow>(client, unnestInsert('visits', visitColumns), visitColumns.length, visits())
      const visitsSeconds = (performance.now() - visitsStart) / 1000
      // The rows came with their ids: the identities hand out the next ones from there.
      for (const table of ['visitors', 'visits'])
        await client.query(
          `SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT max(id) FROM ${table}))`,
          [table],
        )
      return { unitIds, visitorsSeconds, visitsSeconds }
    },
    async maintain() {
      await client.query(`SELECT gin_clean_pending_list('ix_visitors_search'::regclass)`)
      await client.query(`SELECT gin_clean_pending_list('ix_units_search'::regclass)`)
      // Statistics, and the visibility map the index-only scans rely on (autovacuum would do it later).
      await client.query('VACUUM (ANALYZE) units, visitors, visits')
      await client.query('CHECKPOINT')
    },
    async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      return (await client.query(numbered(sql), params)).rows as T[]
    },
    async likeScan(q: string): Promise<number[]> {
      const patterns = [...new Set(searchKey(q).split(' '))].map((w) =>
        w.length >= 3 ? `%${w}%` : `% ${w}%`,
      )
      // concat(), not the indexed `' ' || search_key`: the same test, without the trigram index.
      const where = patterns.map((_, i) => `concat(' ', p.search_key) LIKE $${i + 1}`).join(' AND ')
      const { rows } = await client.query<{ id: number }>(
        `SELECT v.id FROM visits v JOIN visitors p ON p.id = v.visitor_id WHERE ${where}
         ORDER BY v.checked_in_at DESC, v.id DESC LIMIT ${PAGE}`,
        patterns,
      )
      return rows.map((r) => r.id)
    },
    async bytes() {
      const { rows } = await client.query<{ n: string }>(`SELECT pg_database_size(current_database()) AS n`)
      return Number(rows[0]!.n)
    },
  }
}
