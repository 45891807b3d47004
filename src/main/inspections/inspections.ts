import type { EntityManager } from 'typeorm'
import { In } from 'typeorm'
import type { z } from 'zod'
import { inspectionMsg } from '@shared/inspections/schemas'
import type { InspectionCreateInput, InspectionDto, InspectionUpdateInput } from '@shared/inspections/schemas'
import type { ServiceContext } from '../core/context'
import { dropStoredContents } from './attachment-store'
import { AppError } from '../core/errors'
import { UnitEntity } from '../units/entities'
import { writeRepresentatives, writeTeam } from './attendees'
import {
  InspectionDocumentEntity,
  InspectionEntity,
  InspectionItemEntity,
  InspectionPhotoEntity,
  RecommendationEntity,
  ViolationEntity,
} from './entities'
import { getInspection } from './inspection-queries'
import { requirePlan, requireUnit } from './lookups'
import { copyChecklist, templateFor } from './templates'

export async function createInspection(
  ctx: ServiceContext,
  input: z.output<typeof InspectionCreateInput>,
): Promise<InspectionDto> {
  const { m, now } = ctx
  await requirePlan(m, input.planId)
  await requireUnit(m, input.unitId, 'unitId')
  const templateId = await templateFor(m, input.templateId)
  // A visit is usually at the unit's address: the draft starts with it, and the form may change it.
  const unit = await m
    .getRepository(UnitEntity)
    .findOne({ select: { address: true }, where: { id: input.unitId } })
  const inserted = await m.getRepository(InspectionEntity).insert({
    planId: input.planId,
    unitId: input.unitId,
    kind: input.kind,
    unannounced: input.unannounced,
    date: input.date,
    startTime: input.startTime,
    endTime: input.endTime,
    location: input.location ?? unit?.address ?? null,
    minutesCopies: input.copies,
    templateId,
    status: 'draft',
    createdBy: ctx.userId,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  })
  const id = inserted.identifiers[0]!.id as number
  await copyChecklist(m, templateId, id)
  await writeTeam(m, { inspectionId: id }, input.team)
  await writeRepresentatives(m, id, input.representatives)
  const after = await getInspection(m, id)
  ctx.audit.change('inspection', id, null, inspectionAudit(after))
  return after
}

/** What the trail keeps of an inspection: every field a person typed, lists as short lines. */
export function inspectionAudit(i: InspectionDto) {
  return {
    planId: i.planId,
    unitId: i.unitId,
    kind: i.kind,
    unannounced: i.unannounced,
    date: i.date,
    startTime: i.startTime,
    endTime: i.endTime,
    location: i.location,
    team: i.team.map((t) => `${t.role}: ${t.fullName}`),
    representatives: i.representatives.map((r) => r.fullName),
    copies: i.copies,
    items: i.items.map((x) =>
      `${x.id}: ${x.result ?? '-'}${x.severity ? `/${x.severity}` : ''} ${x.note ?? ''}`.trim(),
    ),
    strengths: i.strengths,
    shortcomings: i.shortcomings,
    violations: i.violations.map((v) => `${v.offender}: ${v.description} → ${v.handling ?? ''}`),
    recommendations: i.recommendations.map((r) => `${r.content} (${r.ownerName ?? ''}, ${r.dueDate ?? ''})`),
    conclusion: i.conclusion,
    status: i.status,
    minutes: i.minutesNumber ? `${i.minutesNumber}/${i.minutesYear}` : null,
  }
}

/** The inspection's status, or not found. */
export async function statusOf(m: EntityManager, id: number): Promise<'draft' | 'final'> {
  const row = await m.getRepository(InspectionEntity).findOne({ select: { status: true }, where: { id } })
  if (!row) throw AppError.notFound(inspectionMsg.inspectionNotFound)
  return row.status
}

/**
 * A child list kept by id: ids the form sends must be the inspection's own; the stored ones it
 * no longer sends are returned, to be deleted.
 */
async function goneChildren(
  m: EntityManager,
  entity: typeof ViolationEntity | typeof RecommendationEntity,
  inspectionId: number,
  list: Array<{ id: number | null }>,
  field: string,
): Promise<number[]> {
  const existing = new Set(
    (
      await m
        .createQueryBuilder(entity, 'c')
        .select('c.id')
        .where('c.inspectionId = :inspectionId', { inspectionId })
        .getMany()
    ).map((r) => r.id),
  )
  for (const [i, item] of list.entries())
    if (item.id !== null && !existing.has(item.id))
      throw AppError.validation({ [`${field}.${i}.id`]: inspectionMsg.itemsMismatch })
  const kept = new Set(list.map((x) => x.id))
  return [...existing].filter((x) => !kept.has(x))
}

async function syncViolations(
  m: EntityManager,
  inspectionId: number,
  list: z.output<typeof InspectionUpdateInput>['violations'],
  correcting: boolean,
): Promise<void> {
  const repo = m.getRepository(ViolationEntity)
  const gone = await goneChildren(m, ViolationEntity, inspectionId, list, 'violations')
  if (gone.length) {
    // A finalised version may print these photos: a correction keeps them.
    if (correcting && (await m.getRepository(InspectionPhotoEntity).existsBy({ violationId: In(gone) })))
      throw AppError.validation({
        violations: 'Vi phạm có ảnh đính kèm không xóa được trong bản đính chính',
      })
    const photos = await m
      .getRepository(InspectionPhotoEntity)
      .find({ select: { file: true }, where: { violationId: In(gone) } })
    await repo.delete({ id: In(gone) })
    // Their photo rows went with them (ON DELETE CASCADE); the bytes kept in a server store go too.
    await dropStoredContents(
      m,
      photos.map((p) => p.file),
    )
  }
  for (const [i, v] of list.entries()) {
    const values = {
      position: i + 1,
      offenderKind: v.offenderKind,
      offender: v.offender,
      description: v.description,
      handling: v.handling,
      handlingState: v.handlingState,
    }
    if (v.id === null) await repo.insert({ ...values, inspectionId })
    else await repo.update({ id: v.id }, values)
  }
}

async function syncRecommendations(
  ctx: ServiceContext,
  inspectionId: number,
  list: z.output<typeof InspectionUpdateInput>['recommendations'],
): Promise<void> {
  const { m, now } = ctx
  const repo = m.getRepository(RecommendationEntity)
  for (const [i, r] of list.entries())
    if (r.ownerUnitId) await requireUnit(m, r.ownerUnitId, `recommendations.${i}.ownerUnitId`)
  const gone = await goneChildren(m, RecommendationEntity, inspectionId, list, 'recommendations')
  if (gone.length) {
    // Its evidence files were filed by the follow-up: a correction does not throw them away.
    if (await m.getRepository(InspectionDocumentEntity).existsBy({ recommendationId: In(gone) }))
      throw AppError.validation({ recommendations: inspectionMsg.evidenceKept })
    await repo.delete({ id: In(gone) })
  }
  for (const [i, r] of list.entries()) {
    const values = {
      position: i + 1,
      content: r.content,
      ownerUnitId: r.ownerUnitId,
      ownerName: r.ownerName,
      dueDate: r.dueDate,
      updatedAt: now.toISOString(),
    }
    if (r.id === null) await repo.insert({ ...values, inspectionId })
    else await repo.update({ id: r.id }, values)
  }
}

/** The form applied to an inspection, a draft or (correcting) finalised minutes. */
export async function applyUpdate(
  ctx: ServiceContext,
  input: z.output<typeof InspectionUpdateInput>,
  correcting: boolean,
): Promise<void> {
  const { m, now } = ctx
  const id = input.id
  await requirePlan(m, input.planId)
  await requireUnit(m, input.unitId, 'unitId')
  const items = m.getRepository(InspectionItemEntity)
  const itemIds = new Set(
    (await items.find({ select: { id: true }, where: { inspectionId: id } })).map((r) => r.id),
  )
  const given = input.items.map((i) => i.id)
  if (
    given.length !== itemIds.size ||
    given.some((g) => !itemIds.has(g)) ||
    new Set(given).size !== given.length
  )
    throw AppError.validation({ items: inspectionMsg.itemsMismatch })
  await m.getRepository(InspectionEntity).update(
    { id },
    {
      planId: input.planId,
      unitId: input.unitId,
      kind: input.kind,
      unannounced: input.unannounced,
      date: input.date,
      startTime: input.startTime,
      endTime: input.endTime,
      location: input.location,
      minutesCopies: input.copies,
      strengths: input.strengths,
      shortcomings: input.shortcomings,
      conclusion: input.conclusion,
      updatedAt: now.toISOString(),
    },
  )
  for (const item of input.items)
    await items.update({ id: item.id }, { result: item.result, note: item.note, severity: item.severity })
  await writeTeam(m, { inspectionId: id }, input.team)
  await writeRepresentatives(m, id, input.representatives)
  await syncViolations(m, id, input.violations, correcting)
  await syncRecommendations(ctx, id, input.recommendations)
}

export async function updateInspection(
  ctx: ServiceContext,
  input: z.output<typeof InspectionUpdateInput>,
): Promise<InspectionDto> {
  if ((await statusOf(ctx.m, input.id)) !== 'draft') throw AppError.conflict(inspectionMsg.finalised)
  const before = await getInspection(ctx.m, input.id)
  await applyUpdate(ctx, input, false)
  const after = await getInspection(ctx.m, input.id)
  ctx.audit.change('inspection', input.id, inspectionAudit(before), inspectionAudit(after))
  return after
}
