import { describe, expect, it } from 'vitest'
import { databaseFingerprint } from '../helpers/fingerprint'
import { GONE, purgeScene } from '../helpers/purged-visitor'

/**
 * On either engine: once the purge has run, no row of any table (the trail and the search keys
 * included) holds a value of the purged visitor. The bytes of the SQLite file itself are
 * erasure-bytes.sqlite.test.ts; a server's files are its administrator's (autovacuum).
 */
describe('erasure in every table', () => {
  it('leaves no value of a purged visitor in any row once the purge has run', async () => {
    const { app, purge } = await purgeScene(1)
    const stored = async () => JSON.stringify(await databaseFingerprint(app.dataSource))
    const before = await stored()
    for (const value of Object.values(GONE)) expect(before, value).toContain(value)

    await purge()
    const after = await stored()
    for (const value of Object.values(GONE)) expect(after, `${value} still stored`).not.toContain(value)
    expect(after).toContain('Khách Thứ 0')
    expect((await app.ok('visits:search', { q: 'dinh quang' })).total).toBe(0)
  })
})
