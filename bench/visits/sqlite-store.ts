import { statSync } from 'node:fs'
import type Database from 'better-sqlite3'
import { searchKey } from '@shared/text/search-key'
import { optimizeSearchIndexSql } from '@main/db/sqlite/search-index'
import type { History } from './history'
import { PAGE, VISIT_COLUMNS } from './history'
import type { Loaded, VisitsStore } from './measure'

const VISITS_PER_TRANSACTION = 100_000

/** The visits bench's side of the SQLite file: the loader, its reads, the LIKE scan. */
export function sqliteStore(db: Database.Database, file: string): VisitsStore {
  return {
    async load(h: History): Promise<Loaded> {
      // Loading only: a large page cache keeps the visits indexes in memory while a million rows go in;
      // the app's own setting is restored before anything is measured.
      const cacheSize = db.pragma('cache_size', { simple: true }) as number
      db.pragma('cache_size = -524288')
      const insertUnit = db.prepare(
        `INSERT INTO units (code, name, kind_code, search_key, sort_key, created_at, updated_at)
         VALUES (?, ?, 'department', ?, ?, ?, ?) RETURNING id`,
      )
      const unitIds = db.transaction(() =>
        h.units.map((u) => (insertUnit.get(...u, h.stamp, h.stamp) as { id: number }).id),
      )()
      const insertVisitor = db.prepare(
        `INSERT INTO visitors (id, full_name, id_type, id_number, date_of_birth, gender, phone, address, organisation,
           search_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      // Loading only: no incremental merging of the search index while 200,000 rows go in; the
      // optimize after loading merges it in one pass. SQLite's default (4) is set back afterwards.
      const automerge = (n: number) =>
        db.exec(`INSERT INTO visitors_search(visitors_search, rank) VALUES ('automerge', ${n})`)
      automerge(0)
      const visitorsStart = performance.now()
      db.transaction(() => {
        for (const row of h.visitorRows()) insertVisitor.run(row)
      })()
      const visitorsSeconds = (performance.now() - visitorsStart) / 1000
      automerge(4)

      const insertVisit = db.prepare(
        `INSERT INTO visits (${VISIT_COLUMNS.join(', ')}) VALUES (${VISIT_COLUMNS.map(() => '?').join(', ')})`,
      )
      const rows = h.visitRows(unitIds)
      const writeVisits = db.transaction((n: number) => {
        for (let i = 0; i < n; i++) insertVisit.run(rows.next().value!)
      })
      const visitsStart = performance.now()
      for (let from = 0; from < h.visits; from += VISITS_PER_TRANSACTION)
        writeVisits(Math.min(VISITS_PER_TRANSACTION, h.visits - from))
      const visitsSeconds = (performance.now() - visitsStart) / 1000
      db.pragma(`cache_size = ${cacheSize}`)
      return { unitIds, visitorsSeconds, visitsSeconds }
    },
    async maintain() {
      db.exec(optimizeSearchIndexSql('visitors'))
      db.exec(optimizeSearchIndexSql('units'))
      db.exec('ANALYZE')
      db.pragma('wal_checkpoint(TRUNCATE)')
    },
    async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      return db.prepare(sql).all(params) as T[]
    },
    async likeScan(q: string): Promise<number[]> {
      const patterns = [...new Set(searchKey(q).split(' '))].map((w) =>
        w.length >= 3 ? `%${w}%` : `% ${w}%`,
      )
      const where = patterns.map(() => `(' ' || p.search_key) LIKE ?`).join(' AND ')
      return db
        .prepare(
          `SELECT v.id FROM visits v JOIN visitors p ON p.id = v.visitor_id WHERE ${where}
           ORDER BY v.checked_in_at DESC, v.id DESC LIMIT ${PAGE}`,
        )
        .pluck()
        .all(patterns) as number[]
    },
    async bytes() {
      db.pragma('wal_checkpoint(TRUNCATE)')
      return statSync(file).size
    },
  }
}
