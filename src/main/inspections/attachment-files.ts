import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { basename, dirname, join, resolve, sep } from 'node:path'

/**
 * Photo files: `attachments/<inspection>/<random>.jpg|png` under a root folder, the data folder
 * for the live files and the backup folder for its mirror. Named once, never rewritten.
 */
export const ATTACHMENTS = 'attachments'

/** A file being written: `.<final name>.tmp` in the same folder, renamed once it is wanted. */
export const PENDING_PATTERN = /^\.(.+)\.tmp$/
/** A pending file older than this was left by a crash or a failed transaction. */
export const STALE_PENDING_MS = 60 * 60_000

/** An absolute path inside `root`'s attachments folder, or an error: a stored path never leads outside it. */
export function attachmentPath(root: string, file: string): string {
  const folder = resolve(root, ATTACHMENTS) + sep
  const full = resolve(root, file)
  if (!full.startsWith(folder)) throw new Error(`attachment outside the folder: ${file}`)
  return full
}

export function pendingPathOf(full: string): string {
  return join(dirname(full), `.${basename(full)}.tmp`)
}

/**
 * A new attachment of an inspection: written under its pending name before `insert` adds its
 * row (given the stored path, answering the row's id), renamed once the transaction has
 * committed. A failed insert leaves no file; should the rename fail, the row is committed and
 * the start-up sweep finishes it.
 */
export async function storeAttachment(
  dataFolder: string,
  inspectionId: number,
  extension: string,
  bytes: Buffer,
  afterCommit: (fn: () => void) => void,
  insert: (file: string) => Promise<number>,
): Promise<number> {
  const file = `${ATTACHMENTS}/${inspectionId}/${randomUUID()}.${extension}`
  const full = attachmentPath(dataFolder, file)
  const pending = pendingPathOf(full)
  mkdirSync(dirname(full), { recursive: true })
  writeFileSync(pending, bytes)
  let id: number
  try {
    id = await insert(file)
  } catch (error) {
    rmSync(pending, { force: true })
    throw error
  }
  afterCommit(() => renameSync(pending, full))
  return id
}
