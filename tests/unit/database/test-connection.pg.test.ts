import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { databaseMsg } from '@shared/database/messages'
import { openDatabase } from '@main/db/data-source'
import { freshDatabase } from '../helpers/postgres-databases'
import { runAs } from '../helpers/postgres-server'
import type { TestDatabase } from '../helpers/postgres-databases'
import { postgresForFile } from '../helpers/postgres-file'
import type { FileServer } from '../helpers/postgres-file'
import { tempApp } from '../helpers/temp-app'
import { closedPort, fieldsOf, roleName } from './server-fields'

let server: FileServer
const databases: TestDatabase[] = []
const roles: string[] = []

beforeAll(async () => {
  server = await postgresForFile()
}, 120_000)

afterEach(async () => {
  for (const db of databases.splice(0)) await db.drop()
  for (const role of roles.splice(0)) await runAs(server.target.adminUrl, `DROP ROLE IF EXISTS ${role}`)
})

afterAll(async () => {
  await server?.release()
})

async function database(empty = false): Promise<TestDatabase> {
  const db = await freshDatabase(server.target, empty)
  databases.push(db)
  return db
}

/** A login role with a password and no other right (not a superuser, cannot create in the database). */
async function role(password: string): Promise<string> {
  const name = roleName()
  roles.push(name)
  await runAs(server.target.adminUrl, `CREATE ROLE ${name} LOGIN PASSWORD '${password}'`)
  return name
}

describe('Kiểm tra kết nối', () => {
  it('says the server cannot be reached, next to the address, when nothing listens on the port', async () => {
    const app = await tempApp()
    const port = await closedPort()
    const result = await app.call('database:test', fieldsOf((await database()).url, { port }))
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'validation',
        message: databaseMsg.unreachable,
        fieldErrors: { host: databaseMsg.unreachable },
      }),
    })
  })

  it('says the password is wrong, next to the password', async () => {
    const app = await tempApp()
    const db = await database(true)
    const user = await role('mat-khau-dung')
    await runAs(
      server.target.adminUrl,
      `ALTER DATABASE ${new URL(db.url).pathname.slice(1)} OWNER TO ${user}`,
    )
    const result = await app.call('database:test', fieldsOf(db.url, { user, password: 'mat-khau-sai' }))
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'validation',
        fieldErrors: { password: databaseMsg.wrongPassword },
      }),
    })
    // The same role with its right password gets through.
    const right = await app.call('database:test', fieldsOf(db.url, { user, password: 'mat-khau-dung' }))
    expect(right).toEqual({
      ok: true,
      data: { version: expect.stringMatching(/^PostgreSQL \d+/), empty: true },
    })
  })

  it('says the database does not exist, next to its name', async () => {
    const app = await tempApp()
    const result = await app.call(
      'database:test',
      fieldsOf((await database()).url, { database: 'khong_co_csdl_nay' }),
    )
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'validation',
        fieldErrors: { database: databaseMsg.databaseMissing },
      }),
    })
  })

  it('says a database not in UTF8 cannot hold Vietnamese, next to its name; a seat will not open it', async () => {
    const app = await tempApp()
    const name = `spd_win1258_${process.pid}_${roles.length}`
    await runAs(server.target.adminUrl, `CREATE DATABASE ${name} ENCODING 'WIN1258' TEMPLATE template0`)
    const url = new URL(server.target.adminUrl)
    url.pathname = `/${name}`
    databases.push({
      url: url.toString(),
      drop: () => runAs(server.target.adminUrl, `DROP DATABASE ${name}`),
    })
    expect(await app.call('database:test', fieldsOf(url.toString()))).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'validation',
        fieldErrors: { database: databaseMsg.notUtf8 },
      }),
    })
    // Named by SPD_DATABASE_URL, nothing is migrated into it.
    await expect(openDatabase({ file: '', url: url.toString() })).rejects.toThrow(databaseMsg.notUtf8)
    const check = new pg.Client({ connectionString: url.toString() })
    await check.connect()
    try {
      expect((await check.query(`SELECT to_regclass('migrations') AS t`)).rows).toEqual([{ t: null }])
    } finally {
      await check.end()
    }
  })

  it('says pg_trgm is not enabled and this account may not enable it, on a database never set up', async () => {
    const app = await tempApp()
    const db = await database(true)
    const user = await role('mat-khau-dung')
    const result = await app.call('database:test', fieldsOf(db.url, { user, password: 'mat-khau-dung' }))
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'conflict',
        message: databaseMsg.trigramNotAllowed,
        fieldErrors: {},
      }),
    })
    // Once the administrator enabled it, the same account passes this check.
    await runAs(db.url, `CREATE EXTENSION pg_trgm`)
    const after = await app.call('database:test', fieldsOf(db.url, { user, password: 'mat-khau-dung' }))
    expect(after.ok).toBe(true)
  })

  it('says an account that may sign in but not read the tables lacks the rights', async () => {
    const app = await tempApp()
    const user = await role('mat-khau-dung')
    const result = await app.call(
      'database:test',
      fieldsOf((await database()).url, { user, password: 'mat-khau-dung' }),
    )
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'conflict', message: databaseMsg.noPrivilege }),
    })
  })

  it('refuses a server whose schema a newer app has migrated', async () => {
    const app = await tempApp()
    const db = await database()
    await runAs(
      db.url,
      `INSERT INTO migrations (timestamp, name) VALUES (1899999999999, 'FromTheFuture1899999999999')`,
    )
    const result = await app.call('database:test', fieldsOf(db.url))
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'conflict', message: databaseMsg.schemaNewer }),
    })
  })

  it('tells an empty database from one an office already uses', async () => {
    const app = await tempApp()
    const db = await database()
    expect(await app.ok('database:test', fieldsOf(db.url))).toMatchObject({ empty: true })
    const office = await openDatabase({ file: '', url: db.url })
    await office.query(
      `INSERT INTO users (username, display_name, password_hash, roles, created_at, updated_at)
       VALUES ('quantri', 'Quản trị', 'x', 'admin', 'x', 'x')`,
    )
    await office.destroy()
    expect(await app.ok('database:test', fieldsOf(db.url))).toMatchObject({ empty: false })
  })

  it('says an unreadable CA file is the problem, next to it', async () => {
    const app = await tempApp()
    const result = await app.call(
      'database:test',
      fieldsOf((await database()).url, { tls: true, caFile: '/khong/co/tep-ca.pem' }),
    )
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ fieldErrors: { caFile: databaseMsg.caFileUnreadable } }),
    })
  })

  it('says TLS failed when the server does not offer it', async () => {
    const app = await tempApp()
    const result = await app.call('database:test', fieldsOf((await database()).url, { tls: true }))
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ fieldErrors: { tls: databaseMsg.tlsFailed } }),
    })
  })
})
