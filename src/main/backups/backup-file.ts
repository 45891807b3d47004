import { randomBytes } from 'node:crypto'
import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import type { DataSource } from 'typeorm'
import { AppError } from '@main/core/errors'
import { privateFile, privateFolder } from '@main/core/paths'
import { vietnamClock } from '@shared/text/dates'
import { StoreFileError, backupStoreTo, checkpointStoreFile, inspectStoreFile } from '@main/db/store-files'
import type { StoreFileOptions } from '@main/db/store-files'

/** Backup files are `so-phong-dich-YYYYMMDD-HHmmss.sqlite` in Vietnam time; `-2`, `-3`… when a second is taken. */
export const BACKUP_PREFIX = 'so-phong-dich-'
export const BACKUP_NAME_PATTERN = /^so-phong-dich-(\d{8})-(\d{6})(?:-(\d+))?\.sqlite$/
/** The copy of the live file kept by a restore; its name never matches BACKUP_NAME_PATTERN, so pruning spares it. */
export const ASIDE_PREFIX = 'so-phong-dich.before-restore-'

export interface BackupInfo {
  /** Absolute path. */
  file: string
  name: string
  size: number
  /** From the name (Vietnam time, UTC+7, no daylight saving), so copying a file keeps its place in the list. */
  createdAt: string
}

export type BackupVerdict =
  | { ok: true; migrations: string[] }
  | { ok: false; reason: 'unreadable' | 'corrupt' | 'foreign' | 'newer'; message: string }

const SIDECARS = ['-wal', '-shm', '-journal'] as const
const TEMP_PATTERN = /^\.so-phong-dich-.*\.tmp(?:-wal|-shm|-journal)?$/
const STALE_TEMP_MS = 60 * 60_000

const MESSAGES = {
  folder: (folder: string) =>
    `Không tạo được thư mục sao lưu "${folder}". Hãy chọn thư mục khác hoặc kiểm tra quyền ghi.`,
  write: (folder: string) =>
    `Không ghi được bản sao lưu vào "${folder}" (ổ đĩa đầy, không có quyền ghi hoặc thiết bị đã bị rút ra). Chưa có tệp sao lưu nào được tạo.`,
  busy: 'Cơ sở dữ liệu đang bận nên chưa sao lưu được. Hãy thử lại sau ít phút.',
  check:
    'Bản sao lưu vừa tạo không đạt kiểm tra toàn vẹn nên đã bị hủy. Dữ liệu đang dùng có thể đã bị lỗi; hãy báo cho người quản trị.',
  unreadable: 'Không đọc được tệp sao lưu. Hãy kiểm tra tệp còn tồn tại và có quyền đọc.',
  notSqlite: 'Tệp đã chọn không phải tệp sao lưu cơ sở dữ liệu (không đúng định dạng SQLite).',
  corrupt: 'Tệp sao lưu đã bị hỏng (không đạt kiểm tra toàn vẹn), không thể dùng để khôi phục.',
  foreign: 'Tệp đã chọn không phải bản sao lưu của Sổ Phòng Dịch.',
  newer: 'Bản sao lưu được tạo bởi phiên bản mới hơn của ứng dụng. Hãy cập nhật ứng dụng rồi khôi phục lại.',
  backupMissing: 'Không tìm thấy tệp sao lưu đã chọn.',
  currentMissing: 'Không tìm thấy tệp dữ liệu đang dùng nên không thể khôi phục đè lên.',
  sameFile: 'Tệp sao lưu đã chọn chính là tệp dữ liệu đang dùng.',
  aside: (folder: string) =>
    `Không cất được bản dữ liệu hiện tại vào "${folder}" trước khi khôi phục. Dữ liệu đang dùng chưa bị thay đổi.`,
  inUse: 'Tệp dữ liệu đang được một chương trình khác sử dụng. Hãy đóng chương trình đó rồi thử lại.',
  replace:
    'Không chép được tệp sao lưu vào chỗ của tệp dữ liệu (ổ đĩa đầy hoặc không có quyền ghi). Dữ liệu đang dùng chưa bị thay đổi.',
}

function appError(
  code: 'internal' | 'not_found' | 'validation' | 'conflict',
  message: string,
  cause?: unknown,
) {
  const error = new AppError(code, message)
  if (cause !== undefined) error.cause = cause
  return error
}

// ---------------------------------------------------------------- names

/** `20210207-140500` for 07/02/2021 14:05:00 in Vietnam. */
export function backupStamp(now: Date): string {
  if (Number.isNaN(now.getTime())) throw new TypeError('Invalid date for a backup name')
  const p = vietnamClock(now)
  return `${p.year}${p.month}${p.day}-${p.hour}${p.minute}${p.second}`
}

interface ParsedName {
  stamp: string
  seq: number
  createdAt: string
}

function parseName(name: string): ParsedName | null {
  const m = BACKUP_NAME_PATTERN.exec(name)
  if (!m) return null
  const [, d, t, seq] = m as unknown as [string, string, string, string | undefined]
  const iso = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}+07:00`
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return null
  return { stamp: `${d}-${t}`, seq: seq === undefined ? 1 : Number(seq), createdAt: date.toISOString() }
}

/** The first of `base.sqlite`, `base-2.sqlite`… for which none of `names` (with sidecars) exists. */
function freeName(folder: string, base: string): string {
  for (let seq = 1; ; seq++) {
    const name = seq === 1 ? `${base}.sqlite` : `${base}-${seq}.sqlite`
    const file = join(folder, name)
    if (!existsSync(file) && SIDECARS.every((s) => !existsSync(file + s))) return file
  }
}

// ---------------------------------------------------------------- file helpers

export function removeWithSidecars(file: string): void {
  for (const f of [file, ...SIDECARS.map((s) => file + s)]) rmSync(f, { force: true })
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Makes a rename durable where the platform allows it (Windows cannot open a folder). */
function fsyncFolder(folder: string): void {
  if (process.platform === 'win32') return
  let fd: number | undefined
  try {
    fd = openSync(folder, 'r')
    fsyncSync(fd)
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

function tempName(folder: string, label: string): string {
  return join(folder, `.${BACKUP_PREFIX}${label}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`)
}

/** Leftovers of a backup cut short by a crash; recent ones may belong to a backup still running. */
/** Plain copies the work folder holds while a backup is encrypted or a restore decrypted. */
const WORK_PATTERN = /^(?:so-phong-dich-.*|\.restore-[0-9a-f]+)\.sqlite(?:-wal|-shm|-journal)?$/

/** Plain copies left in the work folder by a crash during an encrypted backup or restore. */
export function removeStaleWork(folder: string, now: number): void {
  removeStaleTemps(folder, now, WORK_PATTERN)
}

function removeStaleTemps(folder: string, now: number, pattern = TEMP_PATTERN): void {
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch {
    return
  }
  for (const name of names) {
    if (!pattern.test(name)) continue
    try {
      const file = join(folder, name)
      if (now - statSync(file).mtimeMs > STALE_TEMP_MS) rmSync(file, { force: true })
    } catch {
      // best effort
    }
  }
}

// ---------------------------------------------------------------- backup

/**
 * Online backup of the open store into `folder`. The copy is written under a temporary name,
 * made self-contained and checked by the engine, and only then renamed to its final name, so
 * the folder never holds a half-written or damaged backup.
 */
export async function writeBackup(dataSource: DataSource, folder: string, now: Date): Promise<BackupInfo> {
  const stamp = backupStamp(now)
  prepareFolder(folder)
  const temp = tempName(folder, stamp)
  try {
    try {
      await backupStoreTo(dataSource, temp)
    } catch (error) {
      if (!(error instanceof StoreFileError)) throw error
      if (error.reason === 'busy') throw appError('internal', MESSAGES.busy, error)
      if (error.reason === 'check') throw appError('internal', MESSAGES.check, error)
      throw appError('internal', MESSAGES.write(folder), error)
    }
    return nameBackup(temp, folder, stamp)
  } catch (error) {
    removeWithSidecars(temp)
    throw error
  }
}

function prepareFolder(folder: string): void {
  try {
    privateFolder(folder)
  } catch (error) {
    throw appError('internal', MESSAGES.folder(folder), error)
  }
  removeStaleTemps(folder, Date.now())
}

/** Synchronous from the name's choice to the rename: two backups in the same second cannot pick the same name. */
function nameBackup(temp: string, folder: string, stamp: string): BackupInfo {
  const file = freeName(folder, `${BACKUP_PREFIX}${stamp}`)
  try {
    renameSync(temp, file)
  } catch (error) {
    throw appError('internal', MESSAGES.write(folder), error)
  }
  fsyncFolder(folder)
  return infoOf(file)!
}

/**
 * An encrypted backup into `folder`: `seal` writes the encrypted copy of a checked plain copy
 * (made elsewhere, on the local disk) to a temporary name, which gets a backup's name once
 * flushed. The plain text never reaches the backup folder.
 */
export function writeSealedBackup(folder: string, now: Date, seal: (temp: string) => void): BackupInfo {
  const stamp = backupStamp(now)
  prepareFolder(folder)
  const temp = tempName(folder, stamp)
  try {
    try {
      seal(temp)
      fsyncFile(temp)
    } catch (error) {
      throw appError('internal', MESSAGES.write(folder), error)
    }
    return nameBackup(temp, folder, stamp)
  } catch (error) {
    removeWithSidecars(temp)
    throw error
  }
}

function infoOf(file: string): BackupInfo | null {
  const name = basename(file)
  const parsed = parseName(name)
  if (!parsed) return null
  try {
    const stat = statSync(file)
    if (!stat.isFile()) return null
    return { file, name, size: stat.size, createdAt: parsed.createdAt }
  } catch {
    return null
  }
}

/**
 * Newest first by the time in the name, then by its `-2`, `-3` suffix: plain name order would put
 * `…-134321.sqlite` after `…-134321-2.sqlite` ('.' sorts after '-') and pick the older one.
 */
export function newestFirst(a: { name: string }, b: { name: string }): number {
  const pa = parseName(a.name)
  const pb = parseName(b.name)
  if (!pa || !pb) return pa ? -1 : pb ? 1 : 0
  return pa.stamp === pb.stamp ? pb.seq - pa.seq : pa.stamp < pb.stamp ? 1 : -1
}

/** Our backups in `folder`, newest first; a missing folder has none. */
export function listBackups(folder: string): BackupInfo[] {
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch {
    return []
  }
  const found: BackupInfo[] = []
  for (const name of names) {
    const info = infoOf(join(folder, name))
    if (info) found.push(info)
  }
  return found.sort(newestFirst)
}

/**
 * Deletes the oldest backups beyond the newest `keep` and returns their names. `keep` must be a
 * whole number ≥ 1: a bad setting must never wipe every backup. A file that cannot be deleted
 * (open elsewhere) is skipped and retried next time.
 */
export function pruneBackups(folder: string, keep: number): string[] {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`pruneBackups: keep must be ≥ 1, got ${keep}`)
  const deleted: string[] = []
  for (const old of listBackups(folder).slice(keep)) {
    try {
      rmSync(old.file)
      deleted.push(old.name)
    } catch {
      // skipped
    }
  }
  return deleted
}

// ---------------------------------------------------------------- inspect

/** Whether `file` can be restored by this version of the app; the file is left as it was. */
export function inspectBackup(
  file: string,
  expect: { applicationId: number; knownMigrations: string[] } & StoreFileOptions,
): BackupVerdict {
  const state = inspectStoreFile(file, expect.applicationId, { nativeBinding: expect.nativeBinding })
  if (!state.ok) {
    const reason = state.reason === 'not_store' ? 'unreadable' : state.reason
    const message = {
      unreadable: MESSAGES.unreadable,
      not_store: MESSAGES.notSqlite,
      corrupt: MESSAGES.corrupt,
      foreign: MESSAGES.foreign,
    }[state.reason]
    return { ok: false, reason, message }
  }
  const known = new Set(expect.knownMigrations)
  if (state.migrations.some((name) => !known.has(name)))
    return { ok: false, reason: 'newer', message: MESSAGES.newer }
  return { ok: true, migrations: state.migrations }
}

// ---------------------------------------------------------------- restore

/**
 * Puts `backup` in place of `current`; the caller has CLOSED the database. The current file (with
 * its -wal/-shm) is first copied to `asideFolder`, never overwriting; the backup is copied to a
 * temporary file beside `current` and renamed over it. Anything failing before that rename
 * leaves `current` as it was.
 */
export function replaceDatabaseFile(
  opts: { current: string; backup: string; asideFolder: string; now: Date } & StoreFileOptions,
): { asideFile: string } {
  const { current, backup, asideFolder } = opts
  const stamp = backupStamp(opts.now)
  if (resolve(current) === resolve(backup)) throw appError('validation', MESSAGES.sameFile)
  if (!isFile(backup)) throw appError('not_found', MESSAGES.backupMissing)
  if (!isFile(current)) throw appError('not_found', MESSAGES.currentMissing)

  const asideFile = copyAside(current, asideFolder, stamp)

  const folder = dirname(current)
  const temp = join(folder, `.${basename(current)}.restore-${randomBytes(4).toString('hex')}.tmp`)
  try {
    copyFileSync(backup, temp, constants.COPYFILE_EXCL)
    privateFile(temp)
    fsyncFile(temp)
  } catch (error) {
    removeWithSidecars(temp)
    throw appError('internal', MESSAGES.replace, error)
  }

  try {
    // A WAL left beside `current` would be replayed onto the restored file and corrupt it. Fold it
    // into `current` first (same content, so `current` stays as it was), then remove the sidecars.
    try {
      checkpointStoreFile(current, opts)
    } catch (error) {
      if (error instanceof StoreFileError) throw appError('conflict', MESSAGES.inUse, error)
      throw error
    }
    for (const s of SIDECARS) rmSync(current + s, { force: true })
    renameSync(temp, current)
  } catch (error) {
    removeWithSidecars(temp)
    throw error instanceof AppError ? error : appError('internal', MESSAGES.replace, error)
  }
  fsyncFolder(folder)
  return { asideFile }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile()
  } catch {
    return false
  }
}

function copyAside(current: string, asideFolder: string, stamp: string): string {
  let asideFile: string | undefined
  try {
    privateFolder(asideFolder)
    asideFile = freeName(asideFolder, `${ASIDE_PREFIX}${stamp}`)
    for (const suffix of ['', '-wal', '-shm']) {
      if (suffix && !existsSync(current + suffix)) continue
      copyFileSync(current + suffix, asideFile + suffix, constants.COPYFILE_EXCL)
      privateFile(asideFile + suffix)
      fsyncFile(asideFile + suffix)
    }
    fsyncFolder(asideFolder)
    return asideFile
  } catch (error) {
    if (asideFile) removeWithSidecars(asideFile)
    throw appError('internal', MESSAGES.aside(asideFolder), error)
  }
}
