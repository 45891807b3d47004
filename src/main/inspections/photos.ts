import type { ServiceContext } from '../core/context'
import { dataFolderOf } from '../db/data-source'
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import type { z } from 'zod'
import type { DataSource } from 'typeorm'
import { In, IsNull } from 'typeorm'
import { MAX_PHOTO_BYTES, inspectionMsg } from '@shared/inspections/schemas'
import type { PhotoDto, PhotoInput } from '@shared/inspections/schemas'
import type { FileDownload } from '@shared/audit/schemas'
import { AppError } from '../core/errors'
import {
  InspectionDocumentEntity,
  InspectionEntity,
  InspectionItemEntity,
  InspectionPhotoEntity,
  ViolationEntity,
} from './entities'
import { getInspection } from './inspection-queries'
import { statusOf } from './inspections'
import { ATTACHMENTS, PENDING_PATTERN, STALE_PENDING_MS } from './attachment-files'
import {
  attachmentBytesSoFar,
  readAttachment,
  readAttachments,
  removeAttachments,
  storeAttachment,
} from './attachment-store'

/** The image type from the file's first bytes; the name and the renderer's word are not trusted. */
export function imageTypeOf(bytes: Buffer): 'image/jpeg' | 'image/png' | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length > 8 && png.every((b, i) => bytes[i] === b)) return 'image/png'
  return null
}

async function draftOrRefuse(ctx: ServiceContext, inspectionId: number): Promise<void> {
  if ((await statusOf(ctx.m, inspectionId)) !== 'draft') throw AppError.conflict(inspectionMsg.finalised)
}

/** Stored by storeAttachment: a failed transaction leaves no photo (at most a pending file the start-up sweep removes). */
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
  const target = input.itemId
    ? ctx.m
        .getRepository(InspectionItemEntity)
        .existsBy({ id: input.itemId, inspectionId: input.inspectionId })
    : ctx.m
        .getRepository(ViolationEntity)
        .existsBy({ id: input.violationId!, inspectionId: input.inspectionId })
  if (!(await target)) throw AppError.validation({ itemId: inspectionMsg.photoTarget })
  const same = await samePhoto(ctx, input, bytes, dataFolder)
  if (same) return same
  const extension = mimeType === 'image/png' ? 'png' : 'jpg'
  const id = await storeAttachment(
    ctx.m,
    dataFolder,
    input.inspectionId,
    extension,
    bytes,
    afterCommit,
    async (file) => {
      const inserted = await ctx.m.getRepository(InspectionPhotoEntity).insert({
        inspectionId: input.inspectionId,
        itemId: input.itemId,
        violationId: input.violationId,
        file,
        mimeType,
        byteSize: bytes.length,
        caption: input.caption,
        createdAt: ctx.now.toISOString(),
      })
      return inserted.identifiers[0]!.id as number
    },
  )
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
 * photo already stored: found by size, then by the hash of the stored bytes.
 */
async function samePhoto(
  ctx: ServiceContext,
  input: z.output<typeof PhotoInput>,
  bytes: Buffer,
  dataFolder: string,
): Promise<PhotoDto | null> {
  const rows = await ctx.m.getRepository(InspectionPhotoEntity).find({
    where: {
      inspectionId: input.inspectionId,
      itemId: input.itemId ?? IsNull(),
      violationId: input.violationId ?? IsNull(),
      byteSize: bytes.length,
    },
  })
  const hash = sha256(bytes)
  for (const row of rows) {
    const stored = await attachmentBytesSoFar(ctx.m, dataFolder, row.file)
    if (stored && sha256(stored) === hash) return { id: row.id, caption: row.caption, mimeType: row.mimeType }
  }
  return null
}

export async function removePhoto(
  ctx: ServiceContext,
  id: number,
  dataFolder: string,
  afterCommit: (fn: () => void) => void,
): Promise<true> {
  const photos = ctx.m.getRepository(InspectionPhotoEntity)
  const row = await photos.findOneBy({ id })
  if (!row) throw AppError.notFound(inspectionMsg.photoNotFound)
  await draftOrRefuse(ctx, row.inspectionId)
  await photos.delete({ id })
  ctx.audit.change('photo', id, { inspectionId: row.inspectionId, caption: row.caption }, null)
  await removeAttachments(ctx.m, dataFolder, [row.file], afterCommit)
  return true
}

/** A draft made by mistake: gone with everything in it, its photos too (files once the delete is committed). */
export async function deleteDraft(
  ctx: ServiceContext,
  id: number,
  dataFolder: string,
  afterCommit: (fn: () => void) => void,
): Promise<true> {
  await draftOrRefuse(ctx, id)
  const before = await getInspection(ctx.m, id)
  const files = await ctx.m
    .getRepository(InspectionPhotoEntity)
    .find({ select: { file: true }, where: { inspectionId: id } })
  // The inspection's rows go with it (ON DELETE CASCADE).
  await ctx.m.getRepository(InspectionEntity).delete({ id })
  ctx.audit.change(
    'inspection',
    id,
    { unitId: before.unitId, unitName: before.unitName, date: before.date, status: before.status },
    null,
  )
  await removeAttachments(
    ctx.m,
    dataFolder,
    files.map((f) => f.file),
    afterCommit,
  )
  return true
}

/** One photo's bytes, for the screen to show. */
export async function photoFile(
  ctx: Pick<ServiceContext, 'm'>,
  id: number,
  dataFolder: string,
): Promise<FileDownload> {
  const row = await ctx.m
    .getRepository(InspectionPhotoEntity)
    .findOne({ select: { file: true, mimeType: true }, where: { id } })
  if (!row) throw AppError.notFound(inspectionMsg.photoNotFound)
  return {
    fileName: row.file.split('/').pop()!,
    mimeType: row.mimeType,
    base64: (await readAttachment(ctx.m, dataFolder, row.file)).toString('base64'),
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
  const list = await ctx.m.getRepository(InspectionPhotoEntity).find({
    select: { id: true, file: true, mimeType: true },
    where: { id: In(ids) },
  })
  const bytes = await readAttachments(
    ctx.m,
    dataFolder,
    list.map((p) => p.file),
  )
  for (const p of list) {
    const found = bytes.get(p.file)
    // A file removed by hand: the appendix says so instead of failing the whole document.
    if (found) out.set(p.id, `data:${p.mimeType};base64,${found.toString('base64')}`)
  }
  return out
}

/**
 * Start-up sweep of pending photo (and signed scan, evidence) files. One whose row was committed (a crash between the commit
 * and the rename) gets its final name; any other older than an hour is what a failed transaction
 * left, and is removed. Returns how many of each.
 */
export async function settlePendingPhotos(
  dataSource: DataSource,
  now: number,
): Promise<{ finished: number; removed: number }> {
  const root = join(dataFolderOf(dataSource), ATTACHMENTS)
  const done = { finished: 0, removed: 0 }
  // Signed scans and evidence files share the folders and the pending names.
  const owners = [
    dataSource.getRepository(InspectionPhotoEntity),
    dataSource.getRepository(InspectionDocumentEntity),
  ]
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
      let row: { byteSize: number } | null = null
      if (/^\d+$/.test(folder))
        for (const repo of owners)
          row ??= await repo.findOne({
            select: { byteSize: true },
            where: { inspectionId: Number(folder), file },
          })
      try {
        const stat = statSync(pending)
        const full = join(root, folder, final)
        if (row && stat.size === row.byteSize && !existsSync(full)) {
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
