import { dirname, join } from 'node:path'
import type { DataSource } from 'typeorm'
import { openDatabase } from './db/data-source'
import type { OpenDatabaseOptions } from './db/data-source'
import { createRouter } from './core/router'
import type { Host, Router } from './core/router'
import type { Logger } from './core/logger'
import { SessionRegistry } from './core/session'
import { Backups, DamagedStoreError, isDamagedStoreError } from './backups/service'
import { fileKeeper } from './backups/key-keeper'
import type { SecretKeeper } from './backups/key-keeper'
import { handlers } from './routes'
import { receptionJobs } from './visitors/schedule'
import { staffJobs } from './staff/schedule'
import { readSettings, securityGroup } from './settings/service'
import { settlePendingPhotos } from './inspections/photos'
import { checkAuditChainAtStart } from './audit/startup'
import { dailyClaim } from './jobs/claim'
import { vietnamDay } from '@shared/text/dates'
import type { AuditChainReport } from '@shared/audit/schemas'
import { SEAT_CONFIG_FILE, SeatConfig } from './database/seat-config'
import type { ServerConnection } from './db/postgres/connection'

export interface AppCore {
  /** The open store; a restore replaces it, so read it each time rather than keeping it. */
  readonly dataSource: DataSource
  router: Router
  sessions: SessionRegistry
  backups: Backups
  /** This PC's choice of store and the switch between its file and the server. */
  seat: Host['seat']
  close(): Promise<void>
}

export interface AppCoreOptions extends OpenDatabaseOptions {
  logger: Logger
  /**
   * Background work at start and while running: the daily backup and the reception jobs
   * (automatic check-out). Off in tests, which run them explicitly.
   */
  background?: boolean
  clock?: () => number
  /**
   * Where this PC keeps the backup data keys: `safeStorage` in Electron; by default (the preview,
   * tests) `backup-keys.local`, a 0600 file beside the data.
   */
  keyKeeper?: SecretKeeper
  /**
   * Where this PC keeps the password of the office's database server: `safeStorage` in
   * Electron; by default `database-password.local`, a 0600 file beside the data.
   */
  passwordKeeper?: SecretKeeper
}

const keeperOf = (options: AppCoreOptions): SecretKeeper =>
  options.keyKeeper ?? fileKeeper(join(dirname(options.file), 'backup-keys.local'))

/** This PC's choice of store (the Dữ liệu screen), kept beside the SQLite file. */
export function seatConfigOf(options: AppCoreOptions): SeatConfig {
  const folder = dirname(options.file)
  return new SeatConfig(
    join(folder, SEAT_CONFIG_FILE),
    options.passwordKeeper ?? fileKeeper(join(folder, 'database-password.local')),
  )
}

/** How often a long-running app looks for due background work (the daily backup, the check-out time). */
const BACKGROUND_EVERY_MS = 5 * 60_000

/** Opens the store; one SQLite cannot read at all becomes a DamagedStoreError offering a backup. */
async function openStore(options: AppCoreOptions, clock: () => number): Promise<DataSource> {
  try {
    return await openDatabase(options)
  } catch (error) {
    if (!isDamagedStoreError(error)) throw error
    options.logger.error(`store ${options.file} cannot be opened`, error)
    const offline = new Backups(
      {
        file: options.file,
        nativeBinding: options.nativeBinding,
        dataSource: () => {
          throw error
        },
        replaceDatabase: (swap) => swap(options.file),
      },
      options.logger,
      keeperOf(options),
    )
    const latestGood = offline.latestGoodOffline()
    throw new DamagedStoreError(
      latestGood,
      async () => {
        if (!latestGood) throw new Error('no good backup')
        return offline.restore(latestGood.file, new Date(clock()), { checkAfter: false })
      },
      { cause: error },
    )
  }
}

/** Everything but the transport: the store, the sessions and the route table. Electron, the preview and tests share it. */
export async function createAppCore(given: AppCoreOptions): Promise<AppCore> {
  const clock = given.clock ?? Date.now
  const seat = seatConfigOf(given)
  // What this seat opens, reopens after a restore, and changes when switching stores.
  let options: AppCoreOptions = { ...given, server: given.server ?? seat.connection() }
  let dataSource = await openStore(options, clock)
  const sessions = new SessionRegistry()
  const loadPolicy = async () => {
    sessions.idleMinutes = (await readSettings(dataSource.manager, securityGroup)).idleMinutes
  }

  const replaceDatabase: Host['replaceDatabase'] = async (swap) => {
    await dataSource.destroy()
    try {
      await swap(options.file)
    } finally {
      // Reopen whatever is there now: the restored file, or the untouched one if the swap failed.
      dataSource = await openDatabase(options)
      await loadPolicy()
    }
    sessions.signOutAll()
  }
  /** Opens the other store first: when it cannot be used, this seat stays where it was. */
  const switchStore = async (server: ServerConnection | null) => {
    const next = { ...options, url: undefined, server: server ?? undefined }
    const opened = await openDatabase(next)
    const before = dataSource
    dataSource = opened
    options = next
    await before.destroy()
    await backups.checkStore(new Date(clock()))
    await loadPolicy()
    sessions.signOutAll()
  }
  const backups = new Backups(
    {
      file: options.file,
      nativeBinding: options.nativeBinding,
      dataSource: () => dataSource,
      replaceDatabase,
    },
    options.logger,
    keeperOf(options),
  )
  await backups.checkStore(new Date(clock()))
  try {
    // File ages are on the real clock, whatever the test clock says.
    const pending = await settlePendingPhotos(dataSource, Date.now())
    if (pending.finished || pending.removed)
      options.logger.info(`pending photos: ${pending.finished} finished, ${pending.removed} removed`)
  } catch (error) {
    options.logger.error('pending photos not settled', error)
  }
  try {
    await loadPolicy()
  } catch (error) {
    // A damaged store must still start, so that it can be restored.
    options.logger.error('security settings unreadable, using defaults', error)
  }

  let auditChain: Promise<AuditChainReport | null> = Promise.resolve(null)
  const host: Host = {
    dataSource: () => dataSource,
    replaceDatabase,
    backups,
    auditChainAtStart: () => auditChain,
    seat: { config: seat, file: given.file, switchStore },
  }
  const router = createRouter({ host, handlers, logger: options.logger, sessions, clock })
  // Not awaited: the walk grows with the trail, and the app answers meanwhile.
  auditChain = checkAuditChainAtStart(dataSource, router, options.logger, new Date(clock()))

  let timer: NodeJS.Timeout | undefined
  let jobs: Promise<void> = Promise.resolve()
  if (options.background) {
    const runReception = receptionJobs(router, options.logger, clock)
    const runStaff = staffJobs(router, options.logger, clock)
    const due = () => {
      const now = new Date(clock())
      void backups.automatic(now, dailyClaim(router, 'backup', vietnamDay(now)))
      jobs = runReception().then(runStaff)
    }
    due()
    timer = setInterval(due, BACKGROUND_EVERY_MS)
    timer.unref()
  }
  return {
    get dataSource() {
      return dataSource
    },
    router,
    sessions,
    backups,
    seat: host.seat,
    close: async () => {
      clearInterval(timer)
      await Promise.all([backups.idle(), jobs, auditChain])
      if (dataSource.isInitialized) await dataSource.destroy()
    },
  }
}
