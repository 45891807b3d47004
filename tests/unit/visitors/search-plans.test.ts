import { describe, expect, it } from 'vitest'
import { searchKeyOf } from '@shared/text/search-key'
import { tempApp } from '../helpers/temp-app'
import { sqlInsertMany, sqlRows } from '../helpers/sql'

/**
 * The visit search picks a plan by how many visitors and visits match (few: by visitor; a
 * page that fills fast: walking the time index; a common name: the index drives the count).
 * Every plan must give the same answer as reading all rows, page after page.
 */
async function crowd(visitors: number, visitsEach: number) {
  const app = await tempApp()
  const vp = (await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })).id
  const tt = (await app.ok('units:create', { code: 'TT', name: 'Thanh tra Sở', kindCode: 'department' })).id
  const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm']
  const start = Date.parse('2026-01-05T01:00:00Z')
  const visitorRows = Array.from({ length: visitors }, (_, i) => {
    const name = `${family[i % family.length]} Văn Khách ${i}`
    return [name, 'none', searchKeyOf(name), '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z']
  })
  // Visits interleave visitors in time, with ties on the minute (the id breaks them).
  const visitRows = Array.from({ length: visitors * visitsEach }, (_, k) => {
    const at = new Date(start + Math.floor(k / 3) * 60_000).toISOString()
    const refused = k % 17 === 0
    return [
      1 + ((k * 7919) % visitors),
      k % 5 === 0 ? tt : vp,
      at,
      refused ? null : at,
      refused ? 'refused' : 'admitted',
      at,
      at,
    ]
  })
  await app.dataSource.transaction(async (m) => {
    await sqlInsertMany(
      m,
      'visitors',
      ['full_name', 'id_type', 'search_key', 'created_at', 'updated_at'],
      visitorRows,
    )
    await sqlInsertMany(
      m,
      'visits',
      [
        'visitor_id',
        'host_unit_id',
        'checked_in_at',
        'checked_out_at',
        'outcome',
        'created_at',
        'updated_at',
      ],
      visitRows,
    )
  })
  const rows = await sqlRows<{ id: number; at: string; unit: number; outcome: string; name: string }>(
    app,
    `SELECT v.id, v.checked_in_at AS at, v.host_unit_id AS unit, v.outcome, p.full_name AS name
     FROM visits v JOIN visitors p ON p.id = v.visitor_id`,
  )
  /** What every plan must return: all rows read, filtered and sorted in JavaScript. */
  const expected = (match: (name: string) => boolean, unit?: number, outcome?: string) =>
    rows
      .filter((r) => match(r.name) && (!unit || r.unit === unit) && (!outcome || r.outcome === outcome))
      .sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id)
      .map((r) => r.id)
  return { app, vp, tt, expected }
}

describe('visit search plans', () => {
  it('few matching visitors: by visitor, or walking time when their visits are dense', async () => {
    const { app, tt, expected } = await crowd(400, 3)
    for (const [q, match] of [
      ['khach 12', (n: string) => / 12\d*$/.test(n)],
      ['nguyen', (n: string) => n.startsWith('Nguyễn')],
      ['tran khach', (n: string) => n.startsWith('Trần')],
    ] as const) {
      const all = expected(match)
      for (const page of [1, 2, 3]) {
        const got = await app.ok('visits:search', { q, page, pageSize: 50 })
        expect(got.total).toBe(all.length)
        expect(got.items.map((v) => v.id)).toEqual(all.slice((page - 1) * 50, page * 50))
      }
      const inUnit = await app.ok('visits:search', { q, hostUnitId: tt, outcome: 'admitted', pageSize: 50 })
      const allInUnit = expected(match, tt, 'admitted')
      expect(inUnit.total).toBe(allInUnit.length)
      expect(inUnit.items.map((v) => v.id)).toEqual(allInUnit.slice(0, 50))
    }
  })

  it('a common name matching thousands of visitors: same pages and totals as reading every row', async () => {
    const { app, vp, expected } = await crowd(8_400, 2)
    const all = expected((n) => n.startsWith('Nguyễn'))
    expect(all.length).toBeGreaterThan(4_000)
    for (const page of [1, 7]) {
      const got = await app.ok('visits:search', { q: 'nguyen van', page, pageSize: 50 })
      expect(got.total).toBe(all.length)
      expect(got.items.map((v) => v.id)).toEqual(all.slice((page - 1) * 50, page * 50))
    }
    const refused = expected((n) => n.startsWith('Nguyễn'), vp, 'refused')
    const got = await app.ok('visits:search', {
      q: 'nguyen',
      hostUnitId: vp,
      outcome: 'refused',
      pageSize: 50,
    })
    expect(got.total).toBe(refused.length)
    expect(got.items.map((v) => v.id)).toEqual(refused.slice(0, 50))
    // One letter is shorter than a trigram: the index narrows by the other words, LIKE decides.
    const withLetter = await app.ok('visits:search', { q: 'nguyen k', pageSize: 50 })
    expect(withLetter.total).toBe(all.length)
    expect(withLetter.items.map((v) => v.id)).toEqual(all.slice(0, 50))
    expect((await app.ok('visits:search', { q: 'nguyen a', pageSize: 50 })).total).toBe(0)
  })
})
