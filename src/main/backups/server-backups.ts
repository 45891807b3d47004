import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { DataSource } from 'typeorm'
import { backupMsg } from '@shared/backups/schemas'
import type { ServerBackupState } from '@shared/backups/schemas'
import { AppError } from '../core/errors'
import type { Logger } from '../core/logger'
import { POSTGRES_MIGRATION_NAMES } from '../db/postgres/migrations'
import { dumpDatabase, dumpMigrations, findPgTools, serverMajor } from '../db/postgres/dump'
import { restoreDatabase } from '../db/postgres/restore'
import { DumpEncodingError } from '../db/postgres/restore-script'
import { isServerUnreachable, targetOf } from '../db/postgres/connection'
import type { PgTools } from '../db/postgres/dump'
import { BACKUP_PREFIX, backupStamp } from './backup-file'
import type { BackupInfo } from './backup-file'

/**
 * Backups of a server store, from a seat that has PostgreSQL's client tools: `pg_dump` files in
 * the backups folder, kept like the SQLite backups (the newest `keep`), and a restore that reads
 * the file whole and checks its migrations before it touches the server.
 */

export const DUMP_NAME_PATTERN = /^so-phong-dich-(\d{8})-(\d{6})(?:-(\d+))?\.dump$/
const ASIDE_PREFIX = 'so-phong-dich.before-restore-'

function infoOf(folder: string, name: string): BackupInfo | null {
  const m = DUMP_NAME_PATTERN.exec(name)
  if (!m) return null
  const [, d, t] = m as unknown as [string, string, string]
  const createdAt = new Date(
    `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}+07:00`,
  )
  if (Number.isNaN(createdAt.getTime())) return null
  try {
    const file = join(folder, name)
    return { file, name, size: statSync(file).size, createdAt: createdAt.toISOString() }
  } catch {
    return null
  }
}

const sequence = (name: string) => Number(DUMP_NAME_PATTERN.exec(name)?.[3] ?? 1)

/** The dumps in `folder`, newest first (then by their `-2`, `-3` suffix). */
export function listDumps(folder: string): BackupInfo[] {
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch {
    return []
  }
  return names
    .map((name) => infoOf(folder, name))
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || sequence(b.name) - sequence(a.name))
}

function freeName(folder: string, base: string): string {
  const taken = new Set(readdirSync(folder))
  for (let seq = 1; ; seq++) {
    const name = seq === 1 ? `${base}.dump` : `${base}-${seq}.dump`
    if (!taken.has(name)) return join(folder, name)
  }
}

export class ServerBackups {
  constructor(
    private readonly dataSource: () => DataSource,
    private readonly logger: Logger,
  ) {}

  async state(): Promise<ServerBackupState> {
    const serverVersion = await serverMajor(this.dataSource())
    const found = await findPgTools(serverVersion)
    if (found.state === 'found') return { tools: 'found', toolsVersion: found.tools.major, serverVersion }
    return { tools: found.state, toolsVersion: found.state === 'too_old' ? found.major : null, serverVersion }
  }

  private async tools(): Promise<PgTools> {
    const found = await findPgTools(await serverMajor(this.dataSource()))
    if (found.state !== 'found') throw AppError.conflict(backupMsg.serverNoTools)
    return found.tools
  }

  /** A dump of the whole server database under a temporary name, read back whole, then named. */
  private async dumpInto(folder: string, base: string, tools: PgTools): Promise<string> {
    mkdirSync(folder, { recursive: true, mode: 0o700 })
    // Its own temporary name: the daily backup and "Sao lưu ngay" may run in the same second.
    const temp = join(folder, `.${base}.${randomBytes(4).toString('hex')}.tmp`)
    try {
      await dumpDatabase(targetOf(this.dataSource().options), tools, temp)
      if (!(await dumpMigrations(tools, temp))) throw new Error(`the dump ${temp} does not read back`)
      const file = freeName(folder, base)
      renameSync(temp, file)
      return file
    } finally {
      rmSync(temp, { force: true })
    }
  }

  /** A new dump in `folder`; then the oldest beyond the newest `keep` are removed. */
  async create(folder: string, keep: number, now: Date): Promise<BackupInfo> {
    const tools = await this.tools()
    let file: string
    try {
      file = await this.dumpInto(folder, `${BACKUP_PREFIX}${backupStamp(now)}`, tools)
    } catch (error) {
      this.logger.error(`pg_dump into ${folder} failed`, error)
      throw new AppError('internal', `Không sao lưu được dữ liệu máy chủ vào "${folder}".`)
    }
    for (const old of listDumps(folder).slice(keep)) rmSync(old.file, { force: true })
    const info = listDumps(folder).find((b) => b.file === file)!
    this.logger.info(`server backup ${file} (${info.size} bytes)`)
    return info
  }

  /**
   * Checks the dump (readable whole, migrations this app knows) before anything else; then,
   * once the administrator has confirmed, dumps the server as it is now into `asideFolder` and
   * replaces its data with the dump's in one transaction, reopening the store (`replace`).
   */
  async restore(
    file: string,
    now: Date,
    opts: {
      confirmed: boolean
      asideFolder: string
      replace: (swap: () => Promise<void>) => Promise<void>
    },
  ): Promise<{ asideFile: string }> {
    const tools = await this.tools()
    const migrations = await dumpMigrations(tools, file)
    if (!migrations)
      throw AppError.validation({ file: backupMsg.serverDumpDamaged }, backupMsg.serverDumpDamaged)
    if (migrations.some((name) => !POSTGRES_MIGRATION_NAMES.includes(name)))
      throw AppError.validation({ file: backupMsg.serverDumpNewer }, backupMsg.serverDumpNewer)
    if (!opts.confirmed)
      throw AppError.validation({ confirmServer: backupMsg.serverConfirm }, backupMsg.serverConfirm)
    const asideFile = await this.dumpInto(opts.asideFolder, `${ASIDE_PREFIX}${backupStamp(now)}`, tools)
    const target = targetOf(this.dataSource().options)
    await opts.replace(async () => {
      try {
        await restoreDatabase(target, tools, file)
      } catch (error) {
        // The server gone: what it kept is not known here; the route says the server was lost.
        if (isServerUnreachable(error)) throw error
        // One transaction: nothing of the dump stayed.
        this.logger.error(`restoring the server from ${file} failed`, error)
        const message =
          error instanceof DumpEncodingError ? backupMsg.serverDumpEncoding : backupMsg.serverRestoreFailed
        throw AppError.validation({ file: message }, message)
      }
    })
    this.logger.info(`restored the server from ${file}; its data before kept at ${asideFile}`)
    return { asideFile }
  }
}
