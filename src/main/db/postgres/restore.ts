import { spawn } from 'node:child_process'
import type { ChildProcessByStdio } from 'node:child_process'
import { once } from 'node:events'
import { rmSync, writeFileSync } from 'node:fs'
import type { Readable } from 'node:stream'
import pg from 'pg'
import { clientConfig } from './connection'
import type { PostgresTarget } from './connection'
import { dumpContents, toolPath } from './dump'
import type { PgTools } from './dump'
import { runScript, scriptLines } from './restore-script'

/**
 * Everything of the app in the `public` schema, so that the restored database holds the dump's
 * objects and nothing else; the extensions' objects (pg_trgm) stay, as the server has them.
 */
const APP_OBJECTS = `
  SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE'
                        WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind, c.oid::regclass::text AS name
    FROM pg_class c
   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
     -- A column's own sequence (identity, serial) goes with its table.
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                        AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype IN ('a', 'i'))))
  UNION ALL
  -- Enums, ranges (their multiranges go with them), domains, composite types of their own.
  SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.oid::regtype::text FROM pg_type t
   WHERE t.typnamespace = 'public'::regnamespace
     AND (t.typtype IN ('d', 'e', 'r')
          OR (t.typtype = 'c' AND (SELECT r.relkind FROM pg_class r WHERE r.oid = t.typrelid) = 'c'))
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
  UNION ALL
  SELECT 'ROUTINE', p.oid::regprocedure::text FROM pg_proc p
   WHERE p.pronamespace = 'public'::regnamespace AND p.prokind IN ('f', 'p')
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`

/** Dropped in this order; CASCADE takes indexes, triggers and constraints along. */
const DROP_ORDER = [
  'VIEW',
  'MATERIALIZED VIEW',
  'FOREIGN TABLE',
  'TABLE',
  'SEQUENCE',
  'ROUTINE',
  'TYPE',
  'DOMAIN',
]

async function dropAppObjects(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ kind: string; name: string }>(APP_OBJECTS)
  for (const kind of DROP_ORDER) {
    const names = rows.filter((r) => r.kind === kind).map((r) => r.name)
    if (names.length) await client.query(`DROP ${kind} IF EXISTS ${names.join(', ')} CASCADE`)
  }
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
      // Awaited below; should the script fail first, its failure is the answer, not a crash.
      exited.catch(() => undefined)
      // Read from now on: output nobody reads when the tool exits is thrown away.
      await runScript(client, scriptLines(restore.stdout))
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
