import type { DataSource } from 'typeorm'
import { checkShape, foreignKeyShape, indexShape, sortShape } from './schema-shape'
import type { SchemaShape, TableShape } from './schema-shape'

const PG_TYPES: Record<string, string> = { bigint: 'integer' }
const ACTIONS: Record<string, string> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
}

type Rows<T> = Promise<T[]>

/** The shape of a migrated PostgreSQL database (its public schema), read from the catalogs. */
export async function postgresShape(ds: DataSource): Promise<SchemaShape> {
  const q = <T>(sql: string, params: unknown[] = []) => ds.query(sql, params) as Rows<T>
  const tables = await q<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
  )
  const shapes: Record<string, TableShape> = {}
  for (const { name } of tables) {
    const columns = await q<{ name: string; type: string; nullable: string }>(
      `SELECT column_name AS name, data_type AS type, is_nullable AS nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
      [name],
    )
    const indexes = await q<{
      name: string
      columns: string[]
      unique: boolean
      primary: boolean
      partial: boolean
      constraint: boolean
      method: string
    }>(
      `SELECT c.relname AS name, i.indisunique AS unique, i.indisprimary AS primary,
              i.indpred IS NOT NULL AS partial, am.amname AS method,
              EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) AS constraint,
              ARRAY(SELECT coalesce(a.attname::text, '<expression>') FROM unnest((i.indkey::int2[])[0:i.indnkeyatts - 1]) WITH ORDINALITY AS k(attnum, n)
                    LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                    ORDER BY k.n) AS columns
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
       WHERE i.indrelid = $1::regclass`,
      [name],
    )
    const constraints = await q<{
      type: string
      columns: string[]
      target: string | null
      to: string[] | null
      upd: string
      del: string
    }>(
      `SELECT k.contype AS type, k.confrelid::regclass::text AS target, k.confupdtype AS upd, k.confdeltype AS del,
              ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS c(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = c.attnum ORDER BY c.n) AS columns,
              ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY AS c(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = c.attnum ORDER BY c.n) AS to
       FROM pg_constraint k WHERE k.conrelid = $1::regclass AND k.contype IN ('c', 'f')`,
      [name],
    )
    const search = indexes.filter((i) => i.method === 'gin')
    const primary = indexes.find((i) => i.primary)
    shapes[name] = sortShape({
      columns: columns.map((c) => ({
        name: c.name,
        type: PG_TYPES[c.type] ?? c.type,
        nullable: c.nullable === 'YES',
      })),
      primaryKey: primary?.columns ?? [],
      indexes: indexes
        .filter((i) => !i.primary && i.method !== 'gin')
        .map((i) => indexShape(i.constraint ? null : i.name, i.columns, i.unique, i.partial)),
      checks: constraints.filter((k) => k.type === 'c').map((k) => checkShape(k.columns)),
      foreignKeys: constraints
        .filter((k) => k.type === 'f')
        .map((k) => foreignKeyShape(k.columns, k.target!, k.to!, ACTIONS[k.upd]!, ACTIONS[k.del]!)),
      searchIndexed: search.length > 0,
    })
  }
  const triggers = await q<{ name: string }>(
    `SELECT c.relname || '.' || t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE NOT t.tgisinternal ORDER BY 1`,
  )
  return { tables: shapes, triggers: triggers.map((t) => t.name) }
}
