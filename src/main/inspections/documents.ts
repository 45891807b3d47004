import type { EntityManager, FindOptionsWhere } from 'typeorm'
import { In } from 'typeorm'
import { MAX_DOCUMENT_BYTES, inspectionMsg } from '@shared/inspections/schemas'
import type { DocumentDto, DocumentKind, DocumentType } from '@shared/inspections/schemas'
import type { FileDownload } from '@shared/audit/schemas'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { UserEntity } from '../accounts/entities'
import { InspectionDocumentEntity, RecommendationEntity } from './entities'
import type { InspectionDocumentRow } from './entities'
import { statusOf } from './inspections'
import { imageTypeOf } from './photos'
import { readAttachment, removeAttachments, storeAttachment } from './attachment-store'

/** The file type from its first bytes (`%PDF-`, or a JPEG/PNG signature); the name is not trusted. */
export function documentTypeOf(bytes: Buffer): DocumentType | null {
  if (bytes.length > 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf'
  return imageTypeOf(bytes)
}

const EXTENSIONS: Record<DocumentType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
}

/** Documents with the name of who attached them, oldest first. */
export async function documentsWhere(
  m: EntityManager,
  where: FindOptionsWhere<InspectionDocumentRow>,
): Promise<Array<InspectionDocumentRow & { dto: DocumentDto }>> {
  const qb = m
    .createQueryBuilder(InspectionDocumentEntity, 'd')
    .leftJoin(UserEntity.options.name, 'u', 'u.id = d.createdBy')
    .addSelect('u.displayName', 'created_by_name')
    .where(where)
    .orderBy('d.id', 'ASC')
  const { entities, raw } = await qb.getRawAndEntities<{ created_by_name: string | null }>()
  return entities.map((d, n) => ({
    ...d,
    dto: {
      id: d.id,
      fileName: d.fileName,
      mimeType: d.mimeType,
      byteSize: d.byteSize,
      createdAt: d.createdAt,
      createdByName: raw[n]!.created_by_name ?? null,
    },
  }))
}

/** Signed scans and evidence of these inspections, in chunks so that no statement binds too many values. */
export async function documentsOfInspections(m: EntityManager, ids: number[]) {
  const out: Awaited<ReturnType<typeof documentsWhere>> = []
  for (let i = 0; i < ids.length; i += 500)
    out.push(...(await documentsWhere(m, { inspectionId: In(ids.slice(i, i + 500)) })))
  return out
}

/** How many signed scans each of `ids` has, for the list's column. */
export async function signedScanCounts(m: EntityManager, ids: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>(ids.map((id) => [id, 0]))
  if (!ids.length) return out
  const rows = await m
    .createQueryBuilder(InspectionDocumentEntity, 'd')
    .select('d.inspectionId', 'inspection_id')
    .addSelect('COUNT(*)', 'n')
    .where('d.inspectionId IN (:...ids)', { ids })
    .andWhere('d.kind = :kind', { kind: 'signed_scan' })
    .groupBy('d.inspectionId')
    .getRawMany<{ inspection_id: number | string; n: number | string }>()
  for (const r of rows) out.set(Number(r.inspection_id), Number(r.n))
  return out
}

interface NewDocument {
  inspectionId: number
  recommendationId: number | null
  kind: DocumentKind
  fileName: string
  base64: string
}

/** Stored like a photo (storeAttachment): a failed transaction leaves no document. */
async function addDocument(
  ctx: ServiceContext,
  doc: NewDocument,
  dataFolder: string,
  afterCommit: (fn: () => void) => void,
): Promise<DocumentDto> {
  const bytes = Buffer.from(doc.base64, 'base64')
  if (bytes.length > MAX_DOCUMENT_BYTES) throw AppError.validation({ base64: inspectionMsg.documentSize })
  const mimeType = documentTypeOf(bytes)
  if (!mimeType) throw AppError.validation({ base64: inspectionMsg.documentType })
  const id = await storeAttachment(
    ctx.m,
    dataFolder,
    doc.inspectionId,
    EXTENSIONS[mimeType],
    bytes,
    afterCommit,
    async (file) => {
      const inserted = await ctx.m.getRepository(InspectionDocumentEntity).insert({
        inspectionId: doc.inspectionId,
        recommendationId: doc.recommendationId,
        kind: doc.kind,
        file,
        fileName: doc.fileName,
        mimeType,
        byteSize: bytes.length,
        createdAt: ctx.now.toISOString(),
        createdBy: ctx.userId,
      })
      return inserted.identifiers[0]!.id as number
    },
  )
  ctx.audit.change(auditEntity(doc.kind), id, null, {
    inspectionId: doc.inspectionId,
    recommendationId: doc.recommendationId,
    fileName: doc.fileName,
    byteSize: bytes.length,
  })
  return (await documentsWhere(ctx.m, { id }))[0]!.dto
}

const auditEntity = (kind: DocumentKind) => (kind === 'signed_scan' ? 'signedScan' : 'evidenceFile')

async function finalOrRefuse(ctx: ServiceContext, inspectionId: number, message: string): Promise<void> {
  if ((await statusOf(ctx.m, inspectionId)) !== 'final') throw AppError.conflict(message)
}

export async function addSignedScan(
  ctx: ServiceContext,
  input: { inspectionId: number; fileName: string; base64: string },
  dataFolder: string,
  afterCommit: (fn: () => void) => void,
): Promise<DocumentDto> {
  await finalOrRefuse(ctx, input.inspectionId, inspectionMsg.scanNotFinalised)
  return addDocument(ctx, { ...input, recommendationId: null, kind: 'signed_scan' }, dataFolder, afterCommit)
}

export async function addEvidence(
  ctx: ServiceContext,
  input: { recommendationId: number; fileName: string; base64: string },
  dataFolder: string,
  afterCommit: (fn: () => void) => void,
): Promise<DocumentDto> {
  const recommendation = await ctx.m
    .getRepository(RecommendationEntity)
    .findOne({ select: { inspectionId: true }, where: { id: input.recommendationId } })
  if (!recommendation) throw AppError.notFound(inspectionMsg.recommendationNotFound)
  await finalOrRefuse(ctx, recommendation.inspectionId, inspectionMsg.evidenceNotFinalised)
  return addDocument(
    ctx,
    { ...input, inspectionId: recommendation.inspectionId, kind: 'evidence' },
    dataFolder,
    afterCommit,
  )
}

/** Removes one document of `kind` (the route decides which, by its permission), its bytes with it. */
export async function removeDocument(
  ctx: ServiceContext,
  kind: DocumentKind,
  id: number,
  dataFolder: string,
  afterCommit: (fn: () => void) => void,
): Promise<true> {
  const repo = ctx.m.getRepository(InspectionDocumentEntity)
  const row = await repo.findOneBy({ id, kind })
  if (!row) throw AppError.notFound(inspectionMsg.documentNotFound)
  await repo.delete({ id })
  ctx.audit.change(
    auditEntity(kind),
    id,
    {
      inspectionId: row.inspectionId,
      recommendationId: row.recommendationId,
      fileName: row.fileName,
      byteSize: row.byteSize,
    },
    null,
  )
  await removeAttachments(ctx.m, dataFolder, [row.file], afterCommit)
  return true
}

/** One document's bytes, under the name it was attached with, to open or save. */
export async function documentFile(
  m: EntityManager,
  kind: DocumentKind,
  id: number,
  dataFolder: string,
): Promise<FileDownload> {
  const row = await m.getRepository(InspectionDocumentEntity).findOneBy({ id, kind })
  if (!row) throw AppError.notFound(inspectionMsg.documentNotFound)
  return {
    fileName: row.fileName,
    mimeType: row.mimeType,
    base64: (await readAttachment(m, dataFolder, row.file)).toString('base64'),
  }
}
