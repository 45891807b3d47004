import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { promisify } from 'node:util'
import type { DataSource } from 'typeorm'
import type { PostgresTarget } from './connection'

const run = promisify(execFile)

/**
 * PostgreSQL's client tools on this PC (`pg_dump`, `pg_restore`), which a seat uses to back a
 * server store up into its backups folder and to restore it. The password never appears on a
 * command line: it goes to the tools in their environment (PGPASSWORD), with the rest of the target.
 */
export interface PgTools {
  folder: string
  /** Major version of the tools: a dump of a newer server than the tools is refused by pg_dump. */
  major: number
}

export interface ToolSearch {
  /** A folder named by the office (SPD_PG_TOOLS), looked at first. */
  configured?: string | null
  /** The PATH to search. */
  path?: string
  platform?: NodeJS.Platform
  /** Where installers put each version's `<n>/bin`; by default Windows' or Debian's. */
  roots?: string[]
}

const exe = (platform: NodeJS.Platform, name: string) => (platform === 'win32' ? `${name}.exe` : name)

/** `<root>/<n>/bin` for each version n installed there, newest first (Windows' installer, Debian's packages). */
function versionFolders(root: string): string[] {
  try {
    return readdirSync(root)
      .filter((n) => /^\d+(\.\d+)?$/.test(n))
      .sort((a, b) => Number(b) - Number(a))
      .map((n) => join(root, n, 'bin'))
  } catch {
    return []
  }
}

/** Folders that hold both tools, in the order they are preferred. */
export function toolFolders(search: ToolSearch = {}): string[] {
  const platform = search.platform ?? process.platform
  const path = search.path ?? process.env.PATH ?? ''
  const configured = search.configured === undefined ? process.env.SPD_PG_TOOLS : search.configured
  const candidates = [
    ...(configured ? [configured] : []),
    ...path.split(platform === 'win32' ? ';' : delimiter).filter(Boolean),
    ...(
      search.roots ?? [platform === 'win32' ? 'C:\\Program Files\\PostgreSQL' : '/usr/lib/postgresql']
    ).flatMap(versionFolders),
  ]
  return [...new Set(candidates)].filter((folder) =>
    ['pg_dump', 'pg_restore'].every((tool) => existsSync(join(folder, exe(platform, tool)))),
  )
}

async function majorOf(folder: string): Promise<number | null> {
  try {
    const { stdout } = await run(join(folder, exe(process.platform, 'pg_dump')), ['--version'])
    const major = /(\d+)(?:\.\d+)?/.exec(stdout)?.[1]
    return major ? Number(major) : null
  } catch {
    return null
  }
}

/**
 * The tools that can dump a server of major version `serverMajor`: `found`, or the newest ones
 * present when all are older (`too_old`), or `missing`.
 */
export async function findPgTools(
  serverMajor: number,
  search: ToolSearch = {},
): Promise<{ state: 'found'; tools: PgTools } | { state: 'too_old'; major: number } | { state: 'missing' }> {
  let newest: number | null = null
  for (const folder of toolFolders(search)) {
    const major = await majorOf(folder)
    if (major === null) continue
    if (major >= serverMajor) return { state: 'found', tools: { folder, major } }
    newest = Math.max(newest ?? 0, major)
  }
  return newest === null ? { state: 'missing' } : { state: 'too_old', major: newest }
}

/** The major version of the server `dataSource` is open on, to pick tools at least as new. */
export async function serverMajor(dataSource: DataSource): Promise<number> {
  const [row] = (await dataSource.query(`SHOW server_version_num`)) as Array<{ server_version_num: string }>
  return Math.floor(Number(row!.server_version_num) / 10000)
}

/**
 * The server of `target` as the tools' environment: host, port, user, password, database, TLS
 * mode. A seat connected through the Dữ liệu screen has fields, not a URL; with TLS on, the
 * tools require it (they get no CA file: the app itself checks the certificate).
 */
export function connectionEnv(target: PostgresTarget): NodeJS.ProcessEnv {
  if (typeof target !== 'string') return toolsEnv(target, target.tls ? 'require' : null)
  const u = new URL(target)
  return toolsEnv(
    {
      host: decodeURIComponent(u.hostname) || 'localhost',
      port: u.port || '5432',
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database: decodeURIComponent(u.pathname.replace(/^\//, '')),
    },
    u.searchParams.get('sslmode') ?? (u.searchParams.get('ssl') === 'true' ? 'require' : null),
  )
}

type ToolsServer = { host: string; port: number | string; user: string; password: string; database: string }

function toolsEnv(server: ToolsServer, sslmode: string | null): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PGHOST: server.host,
    PGPORT: String(server.port),
    PGUSER: server.user,
    PGPASSWORD: server.password,
    PGDATABASE: server.database,
  }
  if (sslmode) env.PGSSLMODE = sslmode
  return env
}

/** The full path of one of the tools. */
export const toolPath = (tools: PgTools, name: string): string =>
  join(tools.folder, exe(process.platform, name))

function tool(tools: PgTools, name: string, args: string[], target?: PostgresTarget) {
  return run(toolPath(tools, name), args, {
    env: { ...process.env, ...(target ? connectionEnv(target) : {}), PGCONNECT_TIMEOUT: '10' },
    maxBuffer: 64 * 1024 * 1024,
  })
}

/** The whole database of `target` into `file`, in pg_dump's custom format (compressed, restorable by table). */
export async function dumpDatabase(target: PostgresTarget, tools: PgTools, file: string): Promise<void> {
  await tool(tools, 'pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`], target)
}

/** The dump's table of contents, as `pg_restore --list` prints it (throws on a file it cannot read). */
export async function dumpContents(tools: PgTools, file: string): Promise<string> {
  return (await tool(tools, 'pg_restore', ['--list', file])).stdout
}

/**
 * The names in the `migrations` table of the dump `file`, read without a server; null when
 * `pg_restore --list` cannot read the file (damaged, not a dump) or it has no such table.
 */
export async function dumpMigrations(tools: PgTools, file: string): Promise<string[] | null> {
  try {
    const list = await dumpContents(tools, file)
    if (!/ TABLE DATA public migrations /.test(list)) return null
    const { stdout } = await tool(tools, 'pg_restore', [
      '--data-only',
      '--schema=public',
      '--table=migrations',
      '--file=-',
      file,
    ])
    const copy = /^COPY public\.migrations \(([^)]*)\) FROM stdin;\n([\s\S]*?)^\\\.$/m.exec(stdout)
    if (!copy) return null
    const nameAt = copy[1]!
      .split(',')
      .map((c) => c.trim().replace(/"/g, ''))
      .indexOf('name')
    return copy[2]!
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t')[nameAt]!)
  } catch {
    return null
  }
}
