import type { ServiceContext } from '../core/context'
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createHash, randomUUID } from 'node:crypto'
import { dirname, join, resolve } from 'node:path'
import type { z } from 'zod'
import type { DataSource } from 'typeorm'
import { MAX_PHOTO_BYTES, inspectionMsg } from '@shared/inspections/schemas'
import type { PhotoDto, PhotoInput } from '@shared/inspections/schemas'
import type { FileDownload } from '@shared/audit/schemas'
import { AppError } from '../core/errors'
import { getInspection } from './service'
import {
  ATTACHMENTS,
  PENDING_PATTERN,
  STALE_PENDING_MS,
  attachmentPath,
  pendingPathOf,
} from './attachment-files'

/** Photos live beside the database, in the data folder: `attachments/<inspection>/<random>.jpg`. */
export function dataFolderOf(dataSource: DataSource): string {
  return dirname(resolve(String(dataSource.options.database)))
}

/** The image type from the file's first bytes; the name and the renderer's word are not trusted. */
export function imageTypeOf(bytes: Buffer): 'image/jpeg' | 'image/png' | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length > 8 && png.every((b, i) => bytes[i] === b)) return 'image/png'
  return null
}

export function readAttachment(dataFolder: string, file: string): Buffer {
  return readFileSync(attachmentPath(dataFolder, file))
}

async function draftOrRefuse(ctx: ServiceContext, inspectionId: number): Promise<void> {
  const [row] = (await ctx.m.query(`SELECT status FROM inspections WHERE id = ?`, [inspectionId])) as Array<{
    status: string
  }>
  if (!row) throw AppError.notFound(inspectionMsg.inspectionNotFound)
  if (row.status !== 'draft') throw AppError.conflict(inspectionMsg.finalised)
}

/**
 * The file is written under its pending name before the row and takes its final name only once
 * the transaction has committed: a failed transaction leaves no photo file, only a pending one
 * that the start-up sweep removes.
 */
export async function addPhoto(
  ctx: ServiceContext,
  input: z.output<typeof PhotoInput>,
  dataFolder: string,
  afterCommit: (fn: () => void) => void,
): Promise<PhotoDto> {
  const bytes = Buffer.from(input.base64, 'base64')
  if (bytes.length > MAX_PHOTO_BYTES) throw AppError.validation({ base64: inspectionMsg.photoSize })
  const mimeType = imageTypeOf(bytes)
  if (!mimeType) throw AppError.validation({ base64: inspectionMsg.photoType })
  await draftOrRefuse(ctx, input.inspectionId)
  const [target] = (await ctx.m.query(
    input.itemId
      ? `SELECT id FROM inspection_items WHERE id = ? AND inspection_id = ?`
      : `SELECT id FROM violations WHERE id = ? AND inspection_id = ?`,
    [input.itemId ?? input.violationId, input.inspectionId],
  )) as unknown[]
  if (!target) throw AppError.validation({ itemId: inspectionMsg.photoTarget })
  const same = await samePhoto(ctx, input, bytes, dataFolder)
  if (same) return same
  const file = `${ATTACHMENTS}/${input.inspectionId}/${randomUUID()}.${mimeType === 'image/png' ? 'png' : 'jpg'}`
  const full = attachmentPath(dataFolder, file)
  const pending = pendingPathOf(full)
  mkdirSync(dirname(full), { recursive: true })
  writeFileSync(pending, bytes)
  try {
    await ctx.m.query(
      `INSERT INTO inspection_photos (inspection_id, item_id, violation_id, file, mime_type, byte_size, caption, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        input.inspectionId,
        input.itemId,
        input.violationId,
        file,
        mimeType,
        bytes.length,
        input.caption,
        ctx.now.toISOString(),
      ],
    )
  } catch (error) {
    rmSync(pending, { force: true })
    throw error
  }
  // Should the rename fail, the row is committed: the start-up sweep finishes it.
  afterCommit(() => renameSync(pending, full))
  const [{ id }] = (await ctx.m.query(`SELECT last_insert_rowid() AS id`)) as [{ id: number }]
  ctx.audit.change('photo', id, null, {
    inspectionId: input.inspectionId,
    itemId: input.itemId,
    violationId: input.violationId,
    caption: input.caption,
    fileName: input.fileName,
  })
  return { id, caption: input.caption, mimeType }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/**
 * The same picture sent again for the same item or violation (a retry, a second click) is the
 * photo already stored: found by size, then by the hash of the stored file's bytes.
 */
async function samePhoto(
  ctx: ServiceContext,
  input: z.output<typeof PhotoInput>,
  bytes: Buffer,
  dataFolder: string,
): Promise<PhotoDto | null> {
  const rows = (await ctx.m.query(
    `SELECT id, file, caption, mime_type FROM inspection_photos
     WHERE inspection_id = ? AND item_id IS ? AND violation_id IS ? AND byte_size = ?`,
    [input.inspectionId, input.itemId, input.violationId, bytes.length],
  )) as Array<{ id: number; file: string; caption: string | null; mime_type: string }>
  const hash = sha256(bytes)
  for (const row of rows) {
    const full = attachmentPath(dataFolder, row.file)
    const stored = [full, pendingPathOf(full)].find((path) => existsSync(path))
    if (stored && sha256(readFileSync(stored)) === hash)
      return { id: row.id, caption: row.caption, mimeType: row.mime_type }
  }
  return null
}

export async function removePhoto(
  ctx: ServiceContext,
  id: number,
  dataFolder: string,
  afterCommit: (fn: () => void) => void,
): Promise<true> {
  const [row] = (await ctx.m.query(
    `SELECT inspection_id, file, caption FROM inspection_photos WHERE id = ?`,
    [id],
  )) as Array<{ inspection_id: number; file: string; caption: string | null }>
  if (!row) throw AppError.notFound(inspectionMsg.photoNotFound)
  await draftOrRefuse(ctx, row.inspection_id)
  await ctx.m.query(`DELETE FROM inspection_photos WHERE id = ?`, [id])
  ctx.audit.change('photo', id, { inspectionId: row.inspection_id, caption: row.caption }, null)
  afterCommit(() => rmSync(attachmentPath(dataFolder, row.file), { force: true }))
  return true
}

/** A draft made by mistake: gone with everything in it, its photo files once the delete is committed. */
export async function deleteDraft(
  ctx: ServiceContext,
  id: number,
  dataFolder: string,
  afterCommit: (fn: () => void) => void,
): Promise<true> {
  await draftOrRefuse(ctx, id)
  const before = await getInspection(ctx.m, id)
  const files = (await ctx.m.query(`SELECT file FROM inspection_photos WHERE inspection_id = ?`, [
    id,
  ])) as Array<{
    file: string
  }>
  await ctx.m.query(`DELETE FROM inspections WHERE id = ?`, [id])
  ctx.audit.change(
    'inspection',
    id,
    { unitId: before.unitId, unitName: before.unitName, date: before.date, status: before.status },
    null,
  )
  afterCommit(() => {
    for (const f of files) rmSync(attachmentPath(dataFolder, f.file), { force: true })
  })
  return true
}

/** One photo's bytes, for the screen to show. */
export async function photoFile(
  ctx: Pick<ServiceContext, 'm'>,
  id: number,
  dataFolder: string,
): Promise<FileDownload> {
  const [row] = (await ctx.m.query(`SELECT file, mime_type FROM inspection_photos WHERE id = ?`, [
    id,
  ])) as Array<{
    file: string
    mime_type: string
  }>
  if (!row) throw AppError.notFound(inspectionMsg.photoNotFound)
  return {
    fileName: row.file.split('/').pop()!,
    mimeType: row.mime_type,
    base64: readAttachment(dataFolder, row.file).toString('base64'),
  }
}

/** The photos of one inspection as data URLs for pdfmake, which then reads no file itself. */
export async function photoImages(
  ctx: Pick<ServiceContext, 'm'>,
  ids: number[],
  dataFolder: string,
): Promise<Map<number, string>> {
  const out = new Map<number, string>()
  if (!ids.length) return out
  const list = (await ctx.m.query(
    `SELECT id, file, mime_type FROM inspection_photos WHERE id IN (${ids.map(() => '?').join(',')})`,
    ids,
  )) as Array<{ id: number; file: string; mime_type: string }>
  for (const p of list) {
    try {
      out.set(p.id, `data:${p.mime_type};base64,${readAttachment(dataFolder, p.file).toString('base64')}`)
    } catch {
      // A file removed by hand: the appendix says so instead of failing the whole document.
    }
  }
  return out
}

/**
 * Start-up sweep of pending photo files. One whose row was committed (a crash between the commit
 * and the rename) gets its final name; any other older than an hour is what a failed transaction
 * left, and is removed. Returns how many of each.
 */
export async function settlePendingPhotos(
  dataSource: DataSource,
  now: number,
): Promise<{ finished: number; removed: number }> {
  const root = join(dataFolderOf(dataSource), ATTACHMENTS)
  const done = { finished: 0, removed: 0 }
  let folders: string[]
  try {
    folders = readdirSync(root)
  } catch {
    return done
  }
  for (const folder of folders) {
    let names: string[]
    try {
      names = readdirSync(join(root, folder))
    } catch {
      continue
    }
    for (const name of names) {
      const final = PENDING_PATTERN.exec(name)?.[1]
      if (!final) continue
      const pending = join(root, folder, name)
      const file = `${ATTACHMENTS}/${folder}/${final}`
      const [row] = (await dataSource.query(
        `SELECT byte_size FROM inspection_photos WHERE inspection_id = ? AND file = ?`,
        [Number(folder), file],
      )) as Array<{ byte_size: number }>
      try {
        const stat = statSync(pending)
        const full = join(root, folder, final)
        if (row && stat.size === row.byte_size && !existsSync(full)) {
          renameSync(pending, full)
          done.finished++
        } else if (now - stat.mtimeMs > STALE_PENDING_MS) {
          rmSync(pending, { force: true })
          done.removed++
        }
      } catch {
        // best effort: tried again at the next start
      }
    }
  }
  return done
}
