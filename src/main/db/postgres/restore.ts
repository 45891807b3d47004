import { spawn } from 'node:child_process'
import type { ChildProcessByStdio } from 'node:child_process'
import { once } from 'node:events'
import { rmSync, writeFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { clientConfig } from './connection'
import type { PostgresTarget } from './connection'
import { dumpContents, toolPath } from './dump'
import type { PgTools } from './dump'

/** A line of pg_restore's script that starts a table's data, which follows line by line up to `\.`. */
const COPY_START = /^COPY .+ FROM stdin;$/
/** psql's own commands (`\restrict`, `\unrestrict` since 17.6, 16.10, 15.14): not SQL. */
const PSQL_COMMAND = /^\\(restrict|unrestrict)\b/
const END_OF_DATA = '\\.'

/**
 * Everything of the app in the `public` schema, so that the restored database holds the dump's
 * objects and nothing else; the extensions' objects (pg_trgm) stay, as the server has them.
 */
const APP_OBJECTS = `
  SELECT 'TABLE' AS kind, c.oid::regclass::text AS name FROM pg_class c
   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
     AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
  UNION ALL
  SELECT 'SEQUENCE', c.oid::regclass::text FROM pg_class c
   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S'
     AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
  UNION ALL
  SELECT 'ROUTINE', p.oid::regprocedure::text FROM pg_proc p
   WHERE p.pronamespace = 'public'::regnamespace AND p.prokind IN ('f', 'p')
     AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`

async function dropAppObjects(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ kind: string; name: string }>(APP_OBJECTS)
  for (const kind of ['TABLE', 'SEQUENCE', 'ROUTINE']) {
    const names = rows.filter((r) => r.kind === kind).map((r) => r.name)
    if (names.length) await client.query(`DROP ${kind} IF EXISTS ${names.join(', ')} CASCADE`)
  }
}

type Lines = AsyncGenerator<string>

/** The lines of a stream, read as they are consumed (a paused pipe holds pg_restore back). */
async function* linesOf(stream: Readable): AsyncGenerator<string> {
  let rest = ''
  for await (const chunk of stream.setEncoding('utf8')) {
    const lines = (rest + (chunk as string)).split('\n')
    rest = lines.pop()!
    yield* lines
  }
  if (rest) yield rest
}

/** Rows handed to COPY together: one message per row would cost a round of the stream each. */
const COPY_BATCH_CHARS = 64 * 1024

/** One table's data from the script, up to its `\.`, as COPY reads it. */
async function* copyData(lines: Lines): AsyncGenerator<string> {
  let batch = ''
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    if (next.value === END_OF_DATA) {
      if (batch) yield batch
      return
    }
    batch += `${next.value}\n`
    if (batch.length >= COPY_BATCH_CHARS) {
      yield batch
      batch = ''
    }
  }
  throw new Error('the dump ends inside a table’s data')
}

/** A setting newer tools write, which a server before PostgreSQL 17 does not know. */
const TRANSACTION_TIMEOUT = /^SET transaction_timeout = 0;$/

/** Runs pg_restore's script on `client`: its SQL as it comes, each table's data through COPY. */
async function runScript(client: pg.Client, lines: Lines): Promise<void> {
  const { rows } = await client.query<{ v: number }>(`SELECT current_setting('server_version_num')::int AS v`)
  const before17 = rows[0]!.v < 170000
  let sql = ''
  const flush = async () => {
    if (sql.trim()) await client.query(sql)
    sql = ''
  }
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const line = next.value
    if (COPY_START.test(line)) {
      await flush()
      await pipeline(Readable.from(copyData(lines)), client.query(copyFrom(line)))
    } else if (!PSQL_COMMAND.test(line) && !(before17 && TRANSACTION_TIMEOUT.test(line))) sql += `${line}\n`
  }
  await flush()
}

/**
 * Replaces the app's whole schema on the server of `target` with the dump's, in ONE transaction
 * on the app's own connection: any error rolls back to the data as it was. The schema is emptied
 * first: a backup older than a migration lacks that migration's objects, which a
 * `pg_restore --clean` would leave behind for the migration to trip over when the seat reopens.
 * pg_restore only writes the script (no connection of its own); extensions are left out of it.
 */
export async function restoreDatabase(target: PostgresTarget, tools: PgTools, file: string): Promise<void> {
  const listFile = `${file}.list-${process.pid}.tmp`
  writeFileSync(listFile, (await dumpContents(tools, file)).replace(/^.* EXTENSION .*$/gm, ''))
  const client = new pg.Client(clientConfig(target))
  client.on('error', () => undefined)
  let restore: ChildProcessByStdio<null, Readable, Readable> | undefined
  try {
    await client.connect()
    await client.query('BEGIN')
    try {
      await dropAppObjects(client)
      restore = spawn(
        toolPath(tools, 'pg_restore'),
        ['--no-owner', '--no-privileges', `--use-list=${listFile}`, '--file=-', file],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      )
      let stderr = ''
      restore.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
      const exited = once(restore, 'close') as Promise<[number | null]>
      // Read from now on: output nobody reads when the tool exits is thrown away.
      await runScript(client, linesOf(restore.stdout))
      const [code] = await exited
      if (code !== 0) throw new Error(`pg_restore exited with ${code}: ${stderr.trim()}`)
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    }
  } finally {
    restore?.kill()
    await client.end().catch(() => undefined)
    rmSync(listFile, { force: true })
  }
}
