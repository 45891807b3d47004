import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { dirname } from 'node:path'
import type { EntityManager } from 'typeorm'
import { In } from 'typeorm'
import { attachmentsInStore } from '../db/engine'
import { ATTACHMENTS, attachmentPath, pendingPathOf } from './attachment-files'
import { AttachmentContentEntity } from './entities'

/**
 * Where an attachment's bytes live, the one place that asks: on a server, rows of
 * `attachment_contents` written and removed in the route's own transaction, so every seat sees
 * them; on SQLite, files in the data folder (./attachment-files), which backups carry.
 */

const contents = (m: EntityManager) => m.getRepository(AttachmentContentEntity)

/** Rows per statement when reading or deleting many, far below either engine's bound-value limit. */
const CHUNK = 200

/**
 * A new attachment of an inspection; `insert` adds its owner row (given the stored path,
 * answering the row's id). On a server the bytes are a row of the same transaction. On SQLite
 * the file is written under its pending name first and renamed once the transaction has
 * committed: a failed insert leaves no file; should the rename fail, the start-up sweep finishes it.
 */
export async function storeAttachment(
  m: EntityManager,
  dataFolder: string,
  inspectionId: number,
  extension: string,
  bytes: Buffer,
  afterCommit: (fn: () => void) => void,
  insert: (file: string) => Promise<number>,
): Promise<number> {
  const file = `${ATTACHMENTS}/${inspectionId}/${randomUUID()}.${extension}`
  if (attachmentsInStore(m)) {
    const id = await insert(file)
    await contents(m).insert({ file, content: bytes })
    return id
  }
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

/** The bytes of stored attachments by path; one missing (a file removed by hand) is left out. */
export async function readAttachments(
  m: EntityManager,
  dataFolder: string,
  files: string[],
): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>()
  if (attachmentsInStore(m)) {
    for (let i = 0; i < files.length; i += CHUNK) {
      const rows = await contents(m).find({ where: { file: In(files.slice(i, i + CHUNK)) } })
      for (const row of rows) out.set(row.file, row.content)
    }
    return out
  }
  for (const file of files) {
    try {
      out.set(file, readFileSync(attachmentPath(dataFolder, file)))
    } catch {
      // not there: the caller says so
    }
  }
  return out
}

/** One stored attachment's bytes; throws when they are not there. */
export async function readAttachment(m: EntityManager, dataFolder: string, file: string): Promise<Buffer> {
  const bytes = (await readAttachments(m, dataFolder, [file])).get(file)
  if (!bytes) throw new Error(`attachment not found: ${file}`)
  return bytes
}

/**
 * The bytes of an attachment as this transaction sees them, a SQLite file still under its
 * pending name (added earlier in an open transaction, or before a crash) included; null if none.
 */
export async function attachmentBytesSoFar(
  m: EntityManager,
  dataFolder: string,
  file: string,
): Promise<Buffer | null> {
  if (attachmentsInStore(m)) return (await readAttachments(m, dataFolder, [file])).get(file) ?? null
  const full = attachmentPath(dataFolder, file)
  const stored = [full, pendingPathOf(full)].find((path) => existsSync(path))
  return stored ? readFileSync(stored) : null
}

/**
 * The bytes of attachments whose owner rows this transaction deletes: on a server deleted with
 * them, on SQLite removed once the transaction has committed (a rollback keeps the files).
 */
export async function removeAttachments(
  m: EntityManager,
  dataFolder: string,
  files: string[],
  afterCommit: (fn: () => void) => void,
): Promise<void> {
  if (!files.length) return
  if (attachmentsInStore(m)) return dropStoredContents(m, files)
  afterCommit(() => {
    for (const file of files) rmSync(attachmentPath(dataFolder, file), { force: true })
  })
}

/**
 * The bytes kept in a server store of attachments whose owner rows a cascade took (the photos of
 * a violation removed from a draft). A SQLite store keeps such files, as it always has.
 */
export async function dropStoredContents(m: EntityManager, files: string[]): Promise<void> {
  if (!attachmentsInStore(m)) return
  for (let i = 0; i < files.length; i += CHUNK)
    await contents(m).delete({ file: In(files.slice(i, i + CHUNK)) })
}

/**
 * For the move of a SQLite store to a server: the attachment files `files` (stored paths, as in
 * their owner rows) of the SQLite data folder `dataFolder`, inserted as rows through `target`
 * (the server's manager, inside the move's transaction). A file still under its pending name
 * (a crash before the rename) is taken from there. Answers how many were copied and the paths
 * found nowhere; a path outside the attachments folder throws.
 */
export async function copyAttachmentFilesInto(
  target: EntityManager,
  dataFolder: string,
  files: string[],
  onCopied?: (file: string, content: Buffer) => void,
): Promise<{ copied: number; missing: string[] }> {
  const done = { copied: 0, missing: [] as string[] }
  for (const file of files) {
    const full = attachmentPath(dataFolder, file)
    const found = [full, pendingPathOf(full)].find((path) => existsSync(path))
    if (!found) {
      done.missing.push(file)
      continue
    }
    const content = readFileSync(found)
    await contents(target).insert({ file, content })
    onCopied?.(file, content)
    done.copied++
  }
  return done
}
