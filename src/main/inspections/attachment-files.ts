import { basename, dirname, join, resolve, sep } from 'node:path'

/**
 * Attachment files on a SQLite store: `attachments/<inspection>/<random>.<ext>` under a root
 * folder, the data folder for the live files and the backup folder for its mirror. Named once,
 * never rewritten. The same path names an attachment's row on a server (./attachment-store).
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
