import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, rmSync, rmdirSync, statSync } from 'node:fs'
import { copyFile, mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { ATTACHMENTS, STALE_PENDING_MS, attachmentPath } from '../inspections/attachment-files'
import { listBackups } from './backup-file'
import { readStoreTable } from '../db/store-files'
import type { StoreFileOptions } from '../db/store-files'
import { isSealed, openSealedFile, readHeader, sealFile } from './encryption'
import type { DataKey, FileHeader } from './encryption'

/**
 * Inspection photos, signed scans and evidence files in backups. The backup folder holds ONE mirror, `attachments/`, laid out
 * like the data folder's, shared by every backup in it: photo files are never rewritten and
 * their names are unique, so each backup adds only the files it references that the mirror
 * lacks, and a file leaves the mirror only when no backup in the folder references it.
 */

export interface PhotoFile {
  /** As stored in `inspection_photos.file` or `inspection_documents.file`: `attachments/<inspection>/<name>`. */
  file: string
  size: number
}

export interface PhotoCopies {
  copied: number
  /** Referenced but found nowhere (or not whole). */
  missing: number
}

export const missingPhotosMessage = (missing: number, folder: string): string =>
  `Không tìm thấy ${missing} ảnh kiểm tra của dữ liệu vừa khôi phục: chúng không có trong thư mục dữ liệu, cũng không có trong thư mục "${join(folder, ATTACHMENTS)}" bên cạnh tệp sao lưu. Biên bản vẫn đủ nội dung nhưng các ảnh này không xem và không in được; nếu còn thư mục attachments của bản sao lưu ở nơi khác, hãy chép vào thư mục đó rồi khôi phục lại.`

/** Tables whose rows name a file under `attachments/`: photos, then signed scans and evidence. */
const ATTACHMENT_TABLES = ['inspection_photos', 'inspection_documents']

/**
 * The attachment files a store file references, read-only; null when it cannot be read. A
 * store older than a table has none of its files.
 */
export function photoFilesOf(file: string, options: StoreFileOptions = {}): PhotoFile[] | null {
  // An encrypted backup lists them in its authenticated header.
  if (isSealed(file)) return readHeader(file)?.photos ?? null
  const out: PhotoFile[] = []
  for (const table of ATTACHMENT_TABLES) {
    const rows = readStoreTable(file, table, ['file', 'byte_size'], options)
    if (!rows) return null
    out.push(...rows.map((r) => ({ file: String(r.file), size: Number(r.byte_size) })))
  }
  return out
}

async function sizeOf(file: string): Promise<number | null> {
  try {
    const s = await stat(file)
    return s.isFile() ? s.size : null
  } catch {
    return null
  }
}

/**
 * Writes `target` from `source` through a temporary name beside it, flushed (and, for a plain
 * copy, checked to be `size` bytes) before the rename. `write` copies, encrypts or decrypts.
 * False when `source` is not there whole; throws when the target side fails (disk full, no
 * permission, drive removed) or a decryption fails.
 */
async function writeWhole(
  source: string,
  target: string,
  size: number,
  write: (source: string, temp: string) => Promise<void> | void,
  { sourceSize = size, targetSize = size as number | null } = {},
): Promise<boolean> {
  if ((await sizeOf(source)) !== sourceSize) return false
  await mkdir(dirname(target), { recursive: true, mode: 0o700 })
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    await write(source, temp)
    const handle = await open(temp, 'r+')
    try {
      await handle.chmod(0o600)
      await handle.sync()
    } finally {
      await handle.close()
    }
    if (targetSize !== null && (await sizeOf(temp)) !== targetSize)
      throw new Error(`copy of ${source} is not ${targetSize} bytes`)
    await rename(temp, target)
  } finally {
    await rm(temp, { force: true })
  }
  return true
}

const plainCopy = (source: string, temp: string) => copyFile(source, temp)

/** A backup folder that IS the data folder already holds the live files: nothing to mirror or prune. */
function sameFolder(a: string, b: string): boolean {
  return resolve(a) === resolve(b)
}

/**
 * After `backupFile` was written into `backupFolder`: copies into the mirror every photo it
 * references that the mirror does not have whole. A photo missing from the data folder too is
 * counted, not fatal (the backup is as good as the store); a write failure throws.
 */
export async function mirrorAttachments(opts: {
  dataFolder: string
  backupFolder: string
  backupFile: string
  /** Photos are encrypted with it, like the backup; a plain copy in the mirror is replaced. */
  seal?: DataKey | null
  storeFile?: StoreFileOptions
}): Promise<PhotoCopies> {
  const seal = opts.seal
  const whole = async (target: string, size: number) =>
    seal ? readHeader(target)?.keyId === seal.keyId : (await sizeOf(target)) === size
  const done: PhotoCopies = { copied: 0, missing: 0 }
  if (sameFolder(opts.dataFolder, opts.backupFolder)) return done
  const files = photoFilesOf(opts.backupFile, opts.storeFile)
  if (!files) throw new Error(`cannot read the photos of ${opts.backupFile}`)
  for (const { file, size } of files) {
    let target: string
    let source: string
    try {
      target = attachmentPath(opts.backupFolder, file)
      source = attachmentPath(opts.dataFolder, file)
    } catch {
      done.missing++
      continue
    }
    if (await whole(target, size)) continue
    const write = seal ? (from: string, temp: string) => sealFile(from, temp, seal) : plainCopy
    if (await writeWhole(source, target, size, write, { targetSize: seal ? null : size })) done.copied++
    else done.missing++
  }
  return done
}

/**
 * Removes from the mirror the files no backup in the folder references (run after the old
 * backups were pruned), and temporary files left by a copy cut short. If any backup there
 * cannot be read, nothing is removed: what it needs is unknown. Synchronous, so it never
 * interleaves with a copy into the mirror.
 */
export function pruneMirror(opts: {
  dataFolder: string
  backupFolder: string
  now: number
  storeFile?: StoreFileOptions
}): { removed: number; unreadable: string | null } {
  const root = join(opts.backupFolder, ATTACHMENTS)
  if (sameFolder(opts.dataFolder, opts.backupFolder) || !existsSync(root))
    return { removed: 0, unreadable: null }
  const referenced = new Set<string>()
  for (const backup of listBackups(opts.backupFolder)) {
    const files = photoFilesOf(backup.file, opts.storeFile)
    if (!files) return { removed: 0, unreadable: backup.name }
    for (const { file } of files) {
      try {
        referenced.add(attachmentPath(opts.backupFolder, file))
      } catch {
        // a path outside the mirror references nothing in it
      }
    }
  }
  let removed = 0
  for (const folder of readdirSync(root)) {
    const dir = join(root, folder)
    let names: string[]
    try {
      names = readdirSync(dir)
    } catch {
      continue
    }
    for (const name of names) {
      const full = join(dir, name)
      try {
        const temp = name.startsWith('.') && name.endsWith('.tmp')
        if (temp ? opts.now - statSync(full).mtimeMs > STALE_PENDING_MS : !referenced.has(full)) {
          rmSync(full, { force: true })
          if (!temp) removed++
        }
      } catch {
        // open elsewhere: tried again at the next backup
      }
    }
    try {
      if (readdirSync(dir).length === 0) rmdirSync(dir)
    } catch {
      // best effort
    }
  }
  return { removed, unreadable: null }
}

/**
 * After a restore from `backupFile`: copies into the data folder every photo the restored
 * database references that is not there whole, from the `attachments/` beside `backupFile`.
 * Never deletes a live file (those of the database kept aside stay). Failures are counted.
 */
export async function restoreAttachments(opts: {
  dataFolder: string
  backupFile: string
  /** The data key of an encrypted photo in the mirror (this PC's, or unwrapped with the passphrase). */
  keyFor?: (header: FileHeader) => Buffer | null
  storeFile?: StoreFileOptions
}): Promise<PhotoCopies & { error: unknown }> {
  const keyFor = opts.keyFor ?? (() => null)
  const decrypt = (source: string, temp: string) => void openSealedFile(source, temp, keyFor)
  const done = { copied: 0, missing: 0, error: undefined as unknown }
  const mirror = dirname(opts.backupFile)
  // The restored file is a byte copy of the backup: its rows are the backup's.
  const files = photoFilesOf(opts.backupFile, opts.storeFile) ?? []
  for (const { file, size } of files) {
    try {
      const target = attachmentPath(opts.dataFolder, file)
      if ((await sizeOf(target)) === size) continue
      const source = attachmentPath(mirror, file)
      const sealed = isSealed(source)
      const copied =
        !sameFolder(mirror, opts.dataFolder) &&
        (await writeWhole(source, target, size, sealed ? decrypt : plainCopy, {
          sourceSize: sealed ? ((await sizeOf(source)) ?? -1) : size,
        }))
      if (copied) done.copied++
      else done.missing++
    } catch (error) {
      done.error ??= error
      done.missing++
    }
  }
  return done
}
