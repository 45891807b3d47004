import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { rawDatabase } from '@main/db/sqlite/connection'
import { GONE, purgeScene } from '../helpers/purged-visitor'

function bytesOf(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)))
}

describe('erasure in the file itself', () => {
  it('leaves no byte of a purged visitor in the store or its WAL once the purge has run', async () => {
    // Others come later and are not due yet; their rows share pages with the purged ones.
    const { app, visitorId, purge } = await purgeScene(40)
    const db = rawDatabase(app.dataSource)
    db.pragma('wal_checkpoint(TRUNCATE)')
    for (const value of Object.values(GONE))
      expect(bytesOf(app.file).includes(Buffer.from(value, 'utf8')), value).toBe(true)

    await purge()
    expect(
      db.prepare('SELECT anonymised_at IS NOT NULL FROM visitors WHERE id = ?').pluck().get(visitorId),
    ).toBe(1)
    db.pragma('wal_checkpoint(TRUNCATE)')
    const bytes = bytesOf(app.file)
    for (const value of Object.values(GONE))
      expect(bytes.includes(Buffer.from(value, 'utf8')), `${value} still in the file`).toBe(false)
    // The people not yet due are still there, and the file had pages to give back.
    expect(bytes.includes(Buffer.from('Khách Thứ 39', 'utf8'))).toBe(true)
    expect(db.pragma('freelist_count', { simple: true })).toBe(0)
  })
})
