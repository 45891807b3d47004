import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { DataSource } from 'typeorm'
import { BackupSettings, DEFAULT_BACKUP_SETTINGS, backupMsg, isAbsolutePath } from '@shared/backups/schemas'
import type {
  AutomaticBackupResult,
  BackupDto,
  BackupEncryption,
  BackupOverview,
  RecoveryPreview,
  RestoreResult,
  SalvageTable,
  StoreHealth,
} from '@shared/backups/schemas'
import { AppError } from '../core/errors'
import type { Logger } from '../core/logger'
import { APPLICATION_ID } from '../db/migrations/0001-initial'
import { MIGRATION_NAMES } from '../db/migrations'
import { readSettings } from '../settings/service'
import { salvageInto, salvagePreview, storeIsSound } from '../db/store-files'
import type { SettingsGroup } from '../settings/service'
import {
  BACKUP_PREFIX,
  backupStamp,
  inspectBackup,
  listBackups,
  newestFirst,
  pruneBackups,
  removeStaleWork,
  removeWithSidecars,
  replaceDatabaseFile,
  writeBackup,
  writeSealedBackup,
} from './backup-file'
import type { BackupInfo, BackupVerdict } from './backup-file'
import { SET_ASIDE_FOLDER, pruneSetAside } from './set-aside'
import type { DataKey } from './encryption'
import { newDataKey, sealFile } from './encryption'
import { BackupKeys } from './key-keeper'
import type { SecretKeeper } from './key-keeper'
import { openBackup } from './opened-backup'
import { ServerBackups, listDumps } from './server-backups'
import { isServerStore } from '../db/engine'
import type { DailyClaim } from '../jobs/claim'
import {
  missingPhotosMessage,
  mirrorAttachments,
  photoFilesOf,
  pruneMirror,
  restoreAttachments,
} from './attachments'

export const backupsGroup: SettingsGroup<typeof BackupSettings> = {
  key: 'backups',
  schema: BackupSettings,
  defaults: DEFAULT_BACKUP_SETTINGS,
}

export const DAMAGED_MESSAGE =
  'Kiểm tra dữ liệu khi khởi động phát hiện tệp dữ liệu bị lỗi. Hãy khôi phục từ bản sao lưu tốt gần nhất; tệp hiện tại sẽ được cất sang một bên, không bị xoá.'

/** The store as the backups need it; `replaceDatabase` closes, swaps and reopens it (app-core). */
export interface BackupStore {
  file: string
  nativeBinding?: string
  dataSource(): DataSource
  replaceDatabase(swap: (closedFile: string) => Promise<void>): Promise<void>
}

const photosNotCopied = (file: string) =>
  `Đã sao lưu cơ sở dữ liệu vào "${file}" nhưng không chép được ảnh kiểm tra vào thư mục sao lưu (ổ đĩa đầy, không có quyền ghi hoặc thiết bị đã bị rút ra). Hãy kiểm tra rồi sao lưu lại: lần sau chỉ chép những ảnh còn thiếu.`

export const UNOPENABLE_MESSAGE =
  'Không mở được tệp dữ liệu: tệp đã bị hỏng. Có thể khôi phục từ bản sao lưu tốt gần nhất; tệp hỏng sẽ được cất sang một bên, không bị xoá.'

export { isDamagedStoreError } from '../db/store-files'

/**
 * The store could not even be opened. Carries what the start-up screen (an Electron dialog, the
 * preview's console) offers: the newest good backup, and the restore that keeps the file aside.
 */
export class DamagedStoreError extends Error {
  constructor(
    readonly latestGood: BackupDto | null,
    readonly recover: () => Promise<RestoreResult>,
    options: { cause: unknown },
  ) {
    super(UNOPENABLE_MESSAGE, options)
    this.name = 'DamagedStoreError'
  }
}

const toDto = ({ name, file, size, createdAt }: BackupInfo): BackupDto => ({ name, file, size, createdAt })

/**
 * Backups, restore and the start-up check of one store. Holds what must outlive a restore (the
 * health found at start, the last automatic backup) and knows nothing of IPC or HTTP.
 */
export class Backups {
  health: StoreHealth
  lastAutomatic: AutomaticBackupResult | null = null
  private automaticRunning: Promise<void> | null = null

  readonly keys: BackupKeys
  private readonly server: ServerBackups

  constructor(
    private readonly store: BackupStore,
    private readonly logger: Logger,
    keeper: SecretKeeper,
  ) {
    this.keys = new BackupKeys(keeper)
    this.server = new ServerBackups(() => store.dataSource(), logger)
    this.health = { ok: true, checkedAt: new Date(0).toISOString(), message: null, latestGood: null }
  }

  get defaultFolder(): string {
    return join(dirname(this.store.file), 'backups')
  }

  /** Where the live photos are (`attachments/` beside the database). */
  private get dataFolder(): string {
    return dirname(this.store.file)
  }

  /** Plain copies on their way into or out of an encrypted backup: on the local disk, 0700. */
  private get workFolder(): string {
    return join(this.dataFolder, 'backup-work')
  }

  /**
   * The folder setting is also written beside the database, so that a store too damaged to read
   * its settings still finds its backups on the USB drive or share.
   */
  private get locationFile(): string {
    return join(dirname(this.store.file), 'backup-location.json')
  }

  async settings(): Promise<BackupSettings> {
    try {
      return await readSettings(this.store.dataSource().manager, backupsGroup)
    } catch (error) {
      this.logger.error('backup settings unreadable, using defaults', error)
      return { ...DEFAULT_BACKUP_SETTINGS, folder: this.rememberedFolder() }
    }
  }

  folderOf(settings: BackupSettings): string {
    return settings.folder ?? this.defaultFolder
  }

  rememberFolder(folder: string | null): void {
    try {
      writeFileSync(this.locationFile, JSON.stringify({ folder }))
    } catch (error) {
      this.logger.error('could not remember the backup folder', error)
    }
  }

  private rememberedFolder(): string | null {
    try {
      const { folder } = JSON.parse(readFileSync(this.locationFile, 'utf8')) as { folder?: unknown }
      return typeof folder === 'string' && isAbsolutePath(folder) ? folder : null
    } catch {
      return null
    }
  }

  /** A server store (several seats): its backups are pg_dump files (./server-backups). */
  private get onServer(): boolean {
    try {
      return isServerStore(this.store.dataSource())
    } catch {
      return false
    }
  }

  async overview(): Promise<BackupOverview> {
    const settings = await this.settings()
    const folder = this.folderOf(settings)
    return {
      settings,
      folder,
      defaultFolder: this.defaultFolder,
      backups: (this.onServer ? listDumps(folder) : listBackups(folder)).map(toDto),
      lastAutomatic: this.lastAutomatic,
      health: this.health,
      encryption: this.encryption(),
      server: this.onServer ? await this.server.state() : null,
    }
  }

  private encryption(): BackupEncryption | null {
    const ring = this.keys.ring()
    return ring.current && ring.since ? { keyId: ring.current, since: ring.since } : null
  }

  /**
   * A new data key for the backups from now on, wrapped under `passphrase` (which is never
   * stored); this PC keeps the key, older keys too, so earlier backups still restore here.
   */
  setPassphrase(passphrase: string, now: Date): BackupEncryption {
    try {
      this.keys.add(newDataKey(passphrase), now, true)
    } catch (error) {
      this.logger.error('backup key not kept', error)
      throw new AppError('internal', backupMsg.keyNotKept)
    }
    return this.encryption()!
  }

  /**
   * An online backup into the folder from Settings, then the photos it references into the
   * folder's `attachments/` mirror; then the oldest backups beyond `keep` are removed, and the
   * mirrored photos no remaining backup references.
   */
  async create(now: Date): Promise<BackupDto> {
    // A damaged store is not copied over good backups (pruning would drop the oldest good one).
    if (!this.health.ok) throw new AppError('read_only', backupMsg.readOnly)
    const settings = await this.settings()
    const folder = this.folderOf(settings)
    if (this.onServer) return toDto(await this.server.create(folder, settings.keep, now))
    const seal = this.keys.current()
    const info = seal ? await this.writeSealed(folder, now, seal) : await this.writePlain(folder, now)
    let photos
    try {
      photos = await mirrorAttachments({
        dataFolder: this.dataFolder,
        backupFolder: folder,
        backupFile: info.file,
        seal,
        storeFile: this.options,
      })
    } catch (error) {
      this.logger.error(`photos of ${info.file} not mirrored`, error)
      throw new AppError('internal', photosNotCopied(info.file))
    }
    const pruned = pruneBackups(folder, settings.keep)
    const setAside = pruneSetAside(join(dirname(this.store.file), SET_ASIDE_FOLDER), settings.keep, now)
    if (setAside.length) this.logger.info(`pruned ${setAside.length} files set aside by restores`)
    const mirror = pruneMirror({
      dataFolder: this.dataFolder,
      backupFolder: folder,
      now: Date.now(),
      storeFile: this.options,
    })
    if (mirror.unreadable) this.logger.error(`mirror not pruned: ${mirror.unreadable} cannot be read`)
    this.logger.info(
      `backup ${info.file} (${info.size} bytes); photos ${photos.copied} copied, ${photos.missing} missing from the data folder; pruned ${pruned.length} backups, ${mirror.removed} photos`,
    )
    return toDto(info)
  }

  private writePlain(folder: string, now: Date): Promise<BackupInfo> {
    return writeBackup(this.store.dataSource(), folder, now)
  }

  /** A checked plain copy in the work folder, encrypted into the backup folder, then removed. */
  private async writeSealed(folder: string, now: Date, seal: DataKey): Promise<BackupInfo> {
    removeStaleWork(this.workFolder, Date.now())
    const plain = await writeBackup(this.store.dataSource(), this.workFolder, now)
    try {
      const photos = photoFilesOf(plain.file, this.options) ?? []
      return writeSealedBackup(folder, now, (temp) => sealFile(plain.file, temp, seal, photos))
    } finally {
      removeWithSidecars(plain.file)
    }
  }

  /** Resolves once no automatic backup is running (closing the store must wait for it). */
  async idle(): Promise<void> {
    await this.automaticRunning
  }

  /**
   * The daily backup: skipped when the folder already holds one from today (Vietnam time), or
   * when another seat of the office has claimed today's (`claim`, from the app core).
   */
  automatic(now: Date, claim?: DailyClaim): Promise<void> {
    this.automaticRunning ??= this.runAutomatic(now, claim).finally(() => (this.automaticRunning = null))
    return this.automaticRunning
  }

  private async runAutomatic(now: Date, claim?: DailyClaim): Promise<void> {
    // A damaged store is not copied over good backups (pruning would drop the oldest good one).
    if (!this.health.ok) return
    const settings = await this.settings()
    if (!settings.daily) return
    // A seat without the client tools leaves a server's backups to the server.
    if (this.onServer && (await this.server.state()).tools !== 'found') return
    const today = `${BACKUP_PREFIX}${backupStamp(now).slice(0, 8)}-`
    const list = this.onServer ? listDumps : listBackups
    if (list(this.folderOf(settings)).some((b) => b.name.startsWith(today))) return
    const taken = await (claim?.take() ?? Promise.resolve(true)).catch((error: unknown) => {
      this.logger.error('automatic backup not claimed', error)
      return false
    })
    if (!taken) return
    try {
      const backup = await this.create(now)
      this.lastAutomatic = { at: now.toISOString(), ok: true, name: backup.name, message: null }
    } catch (error) {
      this.logger.error('automatic backup failed', error)
      await claim?.release().catch((e: unknown) => this.logger.error('backup claim not released', e))
      const message = error instanceof AppError ? error.message : 'Sao lưu tự động không thành công.'
      this.lastAutomatic = { at: now.toISOString(), ok: false, name: null, message }
    }
  }

  /** The quick check of the open store; when it fails, the newest good backup is looked up. */
  async checkStore(now: Date): Promise<StoreHealth> {
    const ok = storeIsSound(this.store.dataSource())
    this.health = {
      ok,
      checkedAt: now.toISOString(),
      message: ok ? null : DAMAGED_MESSAGE,
      latestGood: ok ? null : this.latestGood(await this.settings()),
    }
    if (!ok) this.logger.error(`start-up quick_check failed on ${this.store.file}`)
    return this.health
  }

  /** The newest good backup in the folders known without reading the store. */
  latestGoodOffline(): BackupDto | null {
    return this.latestGood({ ...DEFAULT_BACKUP_SETTINGS, folder: this.rememberedFolder() })
  }

  private latestGood(settings: BackupSettings): BackupDto | null {
    const folders = [...new Set([this.folderOf(settings), this.rememberedFolder() ?? this.defaultFolder])]
    const candidates = folders.flatMap((f) => listBackups(f)).sort(newestFirst)
    const good = candidates.find((b) => this.verdictOf(b.file).ok)
    return good ? toDto(good) : null
  }

  /** The verdict on a backup, decrypted with this PC's keys when encrypted. */
  private verdictOf(file: string): BackupVerdict {
    try {
      const opened = openBackup(file, { keys: this.keys, workFolder: this.workFolder })
      try {
        return this.inspect(opened.plain)
      } finally {
        opened.close()
      }
    } catch (error) {
      const message = error instanceof AppError ? error.message : String(error)
      return { ok: false, reason: 'unreadable', message }
    }
  }

  inspect(file: string): BackupVerdict {
    return inspectBackup(file, {
      applicationId: APPLICATION_ID,
      knownMigrations: MIGRATION_NAMES,
      ...this.options,
    })
  }

  /** A name from the backup folder, or a full path. */
  async resolve(file: string): Promise<string> {
    return isAbsolutePath(file) ? file : join(this.folderOf(await this.settings()), file)
  }

  /**
   * Checks the backup, keeps the current file aside, swaps it in and reopens (running the
   * migrations a backup from an older version needs). Refusals leave the store untouched.
   */
  async restore(
    file: string,
    now: Date,
    {
      checkAfter = true,
      passphrase,
      confirmServer = false,
    }: { checkAfter?: boolean; passphrase?: string; confirmServer?: boolean } = {},
  ): Promise<RestoreResult> {
    if (this.onServer) return this.restoreServer(file, now, confirmServer)
    const opened = openBackup(file, { keys: this.keys, workFolder: this.workFolder, passphrase })
    let asideFile = ''
    let photos
    try {
      const verdict = this.inspect(opened.plain)
      if (!verdict.ok) throw AppError.validation({ file: verdict.message }, verdict.message)
      const asideFolder = join(dirname(this.store.file), 'before-restore')
      await this.store.replaceDatabase(async (closedFile) => {
        ;({ asideFile } = replaceDatabaseFile({
          current: closedFile,
          backup: opened.plain,
          asideFolder,
          now,
          ...this.options,
        }))
      })
      photos = await restoreAttachments({
        dataFolder: this.dataFolder,
        backupFile: file,
        keyFor: opened.keyFor,
        storeFile: this.options,
      })
    } finally {
      opened.close()
    }
    // Restored on a PC that did not have the key (a new PC): it keeps it for the next backups.
    const unwrapped = opened.unwrapped()
    try {
      if (unwrapped) this.keys.add(unwrapped, now, false)
    } catch (error) {
      this.logger.error('restored backup key not kept', error)
    }
    this.logger.info(
      `restored ${file}; previous store kept at ${asideFile}; photos ${photos.copied} copied, ${photos.missing} missing`,
    )
    if (photos.error) this.logger.error('photos not restored', photos.error)
    // Before start-up there is no open store to check; createAppCore checks it next.
    if (checkAfter) await this.checkStore(now)
    return {
      restoredFrom: file,
      asideFile,
      photosCopied: photos.copied,
      photosMissing: photos.missing,
      photosMessage: photos.missing ? missingPhotosMessage(photos.missing, dirname(file)) : null,
    }
  }

  /** A server store from a pg_dump file: checked first, the server's data before kept aside. */
  private async restoreServer(file: string, now: Date, confirmed: boolean): Promise<RestoreResult> {
    const { asideFile } = await this.server.restore(file, now, {
      confirmed,
      asideFolder: join(this.dataFolder, 'before-restore'),
      replace: (swap) => this.store.replaceDatabase(() => swap()),
    })
    await this.checkStore(now)
    // The attachments are rows of the server: restored with the rest.
    return { restoredFrom: file, asideFile, photosCopied: 0, photosMissing: 0, photosMessage: null }
  }

  /** The backup a recovery would restore; only while the start-up check has failed. */
  private async recoverable(): Promise<BackupDto> {
    if (this.health.ok) throw AppError.conflict(backupMsg.notDamaged)
    const latest = this.health.latestGood ?? this.latestGood(await this.settings())
    if (!latest) throw AppError.notFound(backupMsg.noGoodBackup)
    return latest
  }

  /** What the newest good backup lacks that the damaged store can still read, table by table. */
  async recoveryPreview(): Promise<RecoveryPreview> {
    const backup = await this.recoverable()
    const opened = openBackup(backup.file, { keys: this.keys, workFolder: this.workFolder })
    try {
      const tables = salvagePreview(this.store.dataSource(), opened.plain)
      return { backup, tables }
    } finally {
      opened.close()
    }
  }

  /**
   * Restore of the newest good backup, allowed only while the start-up check has failed; then
   * the newer rows still readable in the damaged file (now set aside) are put back.
   */
  async recover(now: Date): Promise<RestoreResult> {
    const latest = await this.recoverable()
    const result = await this.restore(latest.file, now, { checkAfter: false })
    let salvaged: SalvageTable[] = []
    try {
      salvaged = salvageInto(this.store.dataSource(), result.asideFile)
    } catch (error) {
      this.logger.error(`nothing salvaged from ${result.asideFile}`, error)
    }
    await this.checkStore(now)
    return { ...result, salvaged }
  }

  private get options() {
    return this.store.nativeBinding ? { nativeBinding: this.store.nativeBinding } : {}
  }
}
