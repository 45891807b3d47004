import { describe, expect, it } from 'vitest'
import { lastIssuedId } from '@main/db/engine'
import { storeIsSound } from '@main/db/store-files'
import { tempApp } from '../helpers/temp-app'
import { sqlRun } from '../helpers/sql'

/** What the start-up check and the audit chain ask of the store, on either engine. */
describe('store checks', () => {
  it('checks the open store, and remembers the highest id handed out after the row is gone', async () => {
    const app = await tempApp()
    expect(storeIsSound(app.dataSource)).toBe(true)
    const m = app.dataSource.manager
    expect(await lastIssuedId(m, 'visits')).toBeNull()
    await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'agency' })
    const last = await app.ok('units:create', { code: 'TTR', name: 'Thanh tra Sở', kindCode: 'department' })
    await sqlRun(app, 'DELETE FROM units WHERE id = ?', last.id)
    expect(await lastIssuedId(m, 'units')).toBe(last.id)
  })
})
