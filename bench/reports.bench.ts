import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAppCore } from '@main/app-core'
import type { AppCore } from '@main/app-core'
import { rawDatabase } from '@main/db/sqlite/connection'
import { DATABASE_FILE_NAME } from '@main/db/data-source'
import { silentLogger } from '@main/core/logger'
import { systemSession } from '@main/core/session'
import { addDays } from '@main/daily-reports/service'
import type { Result } from '@shared/contract'
import { searchKeyOf } from '@shared/text/search-key'
import { vietnameseSortKey } from '@shared/text/sort-key'
import { percentile, report, seededRandom } from './report'

export const name = 'reports'

const UNITS = 50
const DAYS = 730
const STAFF = 5_000
const CALLS = 200
const DRAWS = 20
/** The board and the chart are opened all day long; a draw happens once a week. */
const TARGET = { boardP95: 50, trendP95: 50, drawP95: 500 }

/**
 * Two years of daily reports from 50 units (36,500 reports, about one in ten late, one in a
 * hundred edited) and 5,000 active staff: the board and the 30-day chart of the last day, the
 * day summary as .xlsx, and the weekly draw over all staff.
 */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'spd-bench-reports-'))
  let core: AppCore | undefined
  const verdicts: string[] = []
  let allMet = true
  const judge = (label: string, met: boolean, text: string) => {
    allMet &&= met
    verdicts.push(`${label} ${met ? 'MET' : 'MISSED'} (${text})`)
  }
  try {
    const lastDay = '2026-11-20'
    const firstDay = addDays(lastDay, -(DAYS - 1))
    // 16:00 on the last day: the board is past its deadline.
    const clock = () => Date.parse(`${lastDay}T16:00:00+07:00`)
    core = await createAppCore({ file: join(dir, DATABASE_FILE_NAME), logger: silentLogger, clock })
    const session = systemSession()
    core.sessions.idleMinutes = 1_000_000
    const call = async <T>(route: string, input: unknown): Promise<T> => {
      const result = (await core!.router.dispatch(route, input, session)) as Result<T>
      if (!result.ok) throw new Error(`${route}: ${JSON.stringify(result.error)}`)
      return result.data
    }
    const db = rawDatabase(core.dataSource)
    const random = seededRandom(2021)
    const stamp = '2026-01-01T00:00:00.000Z'
    db.transaction(() => {
      const unit = db.prepare(
        `INSERT INTO units (id, code, name, kind_code, search_key, sort_key, created_at, updated_at)
         VALUES (?, ?, ?, 'department', ?, ?, ?, ?)`,
      )
      for (let u = 1; u <= UNITS; u++) {
        const name = `Đơn vị số ${u}`
        unit.run(u, `DV${u}`, name, searchKeyOf(name), vietnameseSortKey(name), stamp, stamp)
      }
      const staff = db.prepare(
        `INSERT INTO staff (unit_id, full_name, search_key, sort_key, id_number, category, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'cong_chuc', ?, ?)`,
      )
      for (let i = 1; i <= STAFF; i++) {
        const name = `Cán bộ ${i}`
        staff.run(
          1 + (i % UNITS),
          name,
          searchKeyOf(name),
          vietnameseSortKey(name),
          `0010${String(i).padStart(8, '0')}`,
          stamp,
          stamp,
        )
      }
      const reportRow = db.prepare(
        `INSERT INTO daily_reports (unit_id, report_date, staff_total, at_office, working_from_home, on_leave,
           f0, f1, f2, dose1, dose2, booster, reporter_name, submitted_at, late, version, updated_at)
         VALUES (?, ?, 100, 80, 15, 5, ?, ?, 0, 100, 95, 40, 'Người báo cáo', ?, ?, ?, ?)`,
      )
      for (let d = 0; d < DAYS; d++) {
        const day = addDays(firstDay, d)
        for (let u = 1; u <= UNITS; u++) {
          if (random() < 0.03) continue // missing
          const late = random() < 0.1
          const at = new Date(`${day}T${late ? '16:30' : '10:00'}:00+07:00`).toISOString()
          reportRow.run(
            u,
            day,
            random() < 0.01 ? 1 : 0,
            Math.floor(random() * 3),
            at,
            late ? 1 : 0,
            random() < 0.01 ? 2 : 1,
            at,
          )
        }
      }
    })()
    const [{ n }] = (await core.dataSource.query(`SELECT count(*) AS n FROM daily_reports`)) as [
      { n: number },
    ]
    report('reports.daily_reports', n, 'reports')

    const time = async (route: string, input: unknown, calls: number) => {
      const times: number[] = []
      for (let i = 0; i < calls; i++) {
        const started = performance.now()
        await call(route, input)
        times.push(performance.now() - started)
      }
      return times
    }
    const board = await time('dailyReports:board', {}, CALLS)
    report('reports.board.p95', percentile(board, 95), 'ms')
    judge('board', percentile(board, 95) <= TARGET.boardP95, `p95 ≤ ${TARGET.boardP95} ms`)
    const trend = await time('dailyReports:trend', {}, CALLS)
    report('reports.trend.p95', percentile(trend, 95), 'ms')
    judge('trend', percentile(trend, 95) <= TARGET.trendP95, `p95 ≤ ${TARGET.trendP95} ms`)
    const [xlsx] = await time('dailyReports:summaryXlsx', { date: lastDay }, 1)
    report('reports.summary_xlsx', xlsx!, 'ms')

    const draws: number[] = []
    for (let i = 0; i < DRAWS; i++) {
      const started = performance.now()
      const round = await call<{ id: number; samples: unknown[] }>('rapidTests:draw', { seed: i })
      draws.push(performance.now() - started)
      if (i === 0) report('rapid_tests.draw_5000.sample', round.samples.length, 'people')
      await call('rapidTests:discard', { id: round.id })
    }
    report('rapid_tests.draw_5000.p95', percentile(draws, 95), 'ms')
    judge('draw', percentile(draws, 95) <= TARGET.drawP95, `p95 ≤ ${TARGET.drawP95} ms`)
    console.log(`reports: targets ${allMet ? 'MET' : 'MISSED'}: ${verdicts.join('; ')}`)
  } finally {
    await core?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
