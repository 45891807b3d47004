import pg from 'pg'
import type { DataSourceOptions } from 'typeorm'
import type { DatabaseTestResult } from '@shared/database/schemas'
import { POSTGRES_MIGRATION_NAMES } from './migrations'
import { DatabaseServerError } from './errors'
import type { DatabaseServerProblem } from './errors'

/** The office's server as the Dữ liệu screen describes it, password included (never written in plain text). */
export interface ServerConnection {
  host: string
  port: number
  database: string
  user: string
  password: string
  tls: boolean
  /** PEM text of the CA that signed the server's certificate; none: the system's CAs. */
  ca?: string
}

/** A `postgres://` URL (SPD_DATABASE_URL, tests) or the fields of the Dữ liệu screen. */
export type PostgresTarget = string | ServerConnection

const CONNECT_TIMEOUT_MS = 5_000

type PostgresOptions = Extract<DataSourceOptions, { type: 'postgres' }>

/** What an open server store was opened with: its URL, or the Dữ liệu screen's fields. */
export function targetOf(options: DataSourceOptions): PostgresTarget {
  const o = options as PostgresOptions
  if (o.url) return o.url
  return {
    host: o.host ?? 'localhost',
    port: o.port ?? 5432,
    database: String(o.database ?? ''),
    user: o.username ?? '',
    password: typeof o.password === 'string' ? o.password : '',
    tls: Boolean(o.ssl),
    ca: typeof o.ssl === 'object' && typeof o.ssl.ca === 'string' ? o.ssl.ca : undefined,
  }
}

export function typeormTarget(target: PostgresTarget): Partial<PostgresOptions> {
  if (typeof target === 'string') return { url: target }
  return {
    host: target.host,
    port: target.port,
    username: target.user,
    password: target.password,
    database: target.database,
    ssl: target.tls ? { ca: target.ca } : false,
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
  }
}

/** The driver's settings for `target`, for a connection of its own beside TypeORM's pool. */
export function clientConfig(target: PostgresTarget): pg.ClientConfig {
  const base = { connectionTimeoutMillis: CONNECT_TIMEOUT_MS }
  if (typeof target === 'string') return { ...base, connectionString: target }
  return {
    ...base,
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    ssl: target.tls ? { ca: target.ca } : false,
  }
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  // The server shutting down or restarting under a session.
  '57P01',
  '57P02',
  '57P03',
])

const codeOf = (error: unknown): string | undefined =>
  error && typeof error === 'object' && 'code' in error ? String(error.code) : undefined

/** The server cannot be reached (now): a refused or timed-out connection, a server going down. */
export function isServerUnreachable(error: unknown): boolean {
  for (let e: unknown = error; e; e = e instanceof Error ? e.cause : undefined) {
    if (UNREACHABLE_CODES.has(codeOf(e) ?? '')) return true
    if (e instanceof Error && /timeout|Connection terminated/i.test(e.message)) return true
    if (e instanceof AggregateError && e.errors.some(isServerUnreachable)) return true
  }
  return false
}

/** What the user is told when connecting failed. */
export function problemOfConnectError(error: unknown): DatabaseServerProblem {
  const code = codeOf(error)
  if (code === '28P01' || code === '28000') return 'wrongPassword'
  if (code === '3D000') return 'databaseMissing'
  if (isServerUnreachable(error)) return 'unreachable'
  const text = error instanceof Error ? error.message : String(error)
  if (/ssl|tls|certificate/i.test(text) || code?.startsWith('ERR_TLS') || code?.includes('CERT'))
    return 'tlsFailed'
  return 'unreachable'
}

/**
 * The database must keep its text in UTF8: most Vietnamese letters have no single character in
 * WIN1258 (a Vietnamese Windows server's default), and writing them would fail.
 */
export async function refuseNotUtf8(query: (sql: string) => Promise<unknown[]>): Promise<void> {
  const [row] = (await query(`SELECT current_setting('server_encoding') AS encoding`)) as Array<{
    encoding: string
  }>
  if (row!.encoding.toUpperCase() !== 'UTF8') throw new DatabaseServerError('notUtf8')
}

async function one<T>(client: pg.Client, sql: string): Promise<T | undefined> {
  return ((await client.query(sql)).rows as T[])[0]
}

/** Tables only an office's use fills: a database where all are empty holds no office's data yet. */
const OFFICE_TABLES = ['users', 'audit_log', 'units', 'visitors']

/**
 * Everything *Kiểm tra kết nối* checks, in the order a set-up goes wrong: reaching the server,
 * signing in, the database, its encoding, pg_trgm, a schema newer than this app. Throws DatabaseServerError.
 */
export async function checkServer(target: PostgresTarget): Promise<DatabaseTestResult> {
  const client = new pg.Client(clientConfig(target))
  // A dropped connection after connect() must not crash the process.
  client.on('error', () => undefined)
  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => undefined)
    throw new DatabaseServerError(problemOfConnectError(error), { cause: error })
  }
  try {
    const version = (await one<{ v: string }>(client, `SELECT current_setting('server_version') AS v`))!.v
    await refuseNotUtf8(async (sql) => (await client.query(sql)).rows)
    const trigram = await one<{ installed: boolean; available: boolean; allowed: boolean }>(
      client,
      `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') AS installed,
              EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') AS available,
              has_database_privilege(current_database(), 'CREATE') AS allowed`,
    )
    if (!trigram!.installed && !trigram!.available) throw new DatabaseServerError('trigramMissing')
    if (!trigram!.installed && !trigram!.allowed) throw new DatabaseServerError('trigramNotAllowed')
    const migrated = await one<{ t: string | null }>(client, `SELECT to_regclass('migrations') AS t`)
    if (!migrated!.t) return { version: `PostgreSQL ${version}`, empty: true }
    const applied = (await client.query(`SELECT name FROM migrations`)).rows as Array<{ name: string }>
    if (applied.some(({ name }) => !POSTGRES_MIGRATION_NAMES.includes(name)))
      throw new DatabaseServerError('schemaNewer')
    const empty = !(await holdsOfficeData(async (sql) => (await client.query(sql)).rows))
    return { version: `PostgreSQL ${version}`, empty }
  } catch (error) {
    if (codeOf(error) === '42501') throw new DatabaseServerError('noPrivilege', { cause: error })
    if (error instanceof DatabaseServerError || !isServerUnreachable(error)) throw error
    throw new DatabaseServerError('unreachable', { cause: error })
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** True once an office has used the (migrated) database: an account, a trail, a unit or a visitor. */
export async function holdsOfficeData(query: (sql: string) => Promise<unknown[]>): Promise<boolean> {
  const checks = OFFICE_TABLES.map((t) => `EXISTS (SELECT 1 FROM ${t})`).join(' OR ')
  const [row] = (await query(`SELECT ${checks} AS used`)) as Array<{ used: boolean }>
  return row!.used
}
