import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { APPLICATION_ID } from '@main/db/migrations/0001-initial'
import { MIGRATION_NAMES } from '@main/db/migrations'
import { StoreFileError, backupStoreTo, inspectStoreFile, readStoreTable } from '@main/db/store-files'
import { tempApp } from '../helpers/temp-app'
import { damageTable } from '../helpers/damage'

/** The engine's file functions the backups call; the backups suites test the product around them. */
describe('store files', () => {
  it('copies the open store into one self-contained, checked file that inspects as ours', async () => {
    const app = await tempApp()
    await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'agency' })
    const copy = join(app.dir, 'copy.sqlite')
    await backupStoreTo(app.dataSource, copy)
    expect(existsSync(`${copy}-wal`)).toBe(false)
    const db = new Database(copy, { readonly: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete')
    db.close()
    expect(inspectStoreFile(copy, APPLICATION_ID)).toEqual({ ok: true, migrations: MIGRATION_NAMES })
    expect(readStoreTable(copy, 'units', ['code', 'name'])).toEqual([{ code: 'VP', name: 'Văn phòng Sở' }])
    // Nothing left beside the file by reading it.
    expect(['-wal', '-shm'].filter((s) => existsSync(copy + s))).toEqual([])
    await expect(backupStoreTo(app.dataSource, join(app.dir, 'missing', 'x.sqlite'))).rejects.toThrow(
      StoreFileError,
    )
  })

  it('tells a missing file, a file of another kind, another database and a damaged one apart', async () => {
    const app = await tempApp()
    expect(inspectStoreFile(join(app.dir, 'none.sqlite'), APPLICATION_ID)).toEqual({
      ok: false,
      reason: 'unreadable',
    })
    const text = join(app.dir, 'notes.sqlite')
    writeFileSync(text, 'Biên bản kiểm tra '.repeat(20))
    expect(inspectStoreFile(text, APPLICATION_ID)).toEqual({ ok: false, reason: 'not_store' })
    expect(readStoreTable(text, 'units', ['code'])).toBeNull()
    const other = join(app.dir, 'other.sqlite')
    new Database(other).exec('CREATE TABLE migrations (id INTEGER, name TEXT, timestamp INTEGER)').close()
    expect(inspectStoreFile(other, APPLICATION_ID)).toEqual({ ok: false, reason: 'foreign' })
    expect(readStoreTable(other, 'inspection_photos', ['file'])).toEqual([])

    await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'agency' })
    const copy = join(app.dir, 'copy.sqlite')
    await backupStoreTo(app.dataSource, copy)
    damageTable(copy, 'units')
    expect(inspectStoreFile(copy, APPLICATION_ID)).toEqual({ ok: false, reason: 'corrupt' })
  })
})
