import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore } from '@main/app-core'
import { silentLogger } from '@main/core/logger'
import { systemSession } from '@main/core/session'
import { runAs } from '../helpers/postgres-server'
import { postgresForFile } from '../helpers/postgres-file'
import type { FileServer } from '../helpers/postgres-file'

let server: FileServer

beforeAll(async () => {
  server = await postgresForFile()
}, 120_000)

afterAll(async () => {
  await server?.release()
})

const on = (url: string, database: string, user?: { name: string; password: string }): string => {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  if (user) {
    parsed.username = user.name
    parsed.password = user.password
  }
  return parsed.toString()
}

describe('an office server set up as the README says', () => {
  it('serves seats that sign in as the database owner, not as a superuser', async () => {
    const { adminUrl } = server.target
    const suffix = randomBytes(4).toString('hex')
    const user = { name: `sophongdich_${suffix}`, password: randomBytes(12).toString('hex') }
    const database = `sophongdich_${suffix}`
    // README, "Several PCs", step 2, word for word but for the names.
    await runAs(adminUrl, `CREATE ROLE ${user.name} LOGIN PASSWORD '${user.password}'`)
    await runAs(adminUrl, `CREATE DATABASE ${database} OWNER ${user.name} ENCODING 'UTF8' TEMPLATE template0`)
    await runAs(on(adminUrl, database), 'CREATE EXTENSION IF NOT EXISTS pg_trgm')
    const dir = mkdtempSync(join(tmpdir(), 'spd-seat-'))
    try {
      const seat = await createAppCore({
        file: join(dir, 'store.sqlite'),
        url: on(adminUrl, database, user),
        logger: silentLogger,
      })
      try {
        const session = systemSession()
        const unit = { code: 'VPCC-1', name: 'Văn phòng công chứng Bích Liên', kindCode: 'notary_office' }
        const other = { code: 'TTR', name: 'Thanh tra Sở', kindCode: 'department' }
        for (const input of [unit, other])
          expect(await seat.router.dispatch('units:create', input, session)).toMatchObject({ ok: true })
        // The trigram search index, on the extension the superuser created.
        const found = await seat.router.dispatch('units:list', { q: 'bich lien' }, session)
        expect(found).toMatchObject({ ok: true, data: { total: 1 } })
        expect(await seat.router.dispatch('audit:verify', {}, session)).toMatchObject({
          ok: true,
          data: { ok: true },
        })
      } finally {
        await seat.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
      await runAs(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
      await runAs(adminUrl, `DROP ROLE IF EXISTS ${user.name}`)
    }
  })
})
