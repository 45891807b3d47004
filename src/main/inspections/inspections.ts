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
 * A child list kept by id: ids the form sends must be the inspection's own (`stored`); the
 * stored ones it no longer sends are returned, to be deleted.
 */
function goneChildren(
  stored: Array<{ id: number }>,
  list: Array<{ id: number | null }>,
  field: string,
): number[] {
  const existing = new Set(stored.map((r) => r.id))
  for (const [i, item] of list.entries())
    if (item.id !== null && !existing.has(item.id))
      throw AppError.validation({ [`${field}.${i}.id`]: inspectionMsg.itemsMismatch })
  const kept = new Set(list.map((x) => x.id))
  return [...existing].filter((x) => !kept.has(x))
}

async function syncViolations(
  m: EntityManager,
  before: InspectionDto,
  list: z.output<typeof InspectionUpdateInput>['violations'],
  correcting: boolean,
): Promise<void> {
  const inspectionId = before.id
  const repo = m.getRepository(ViolationEntity)
  const gone = goneChildren(before.violations, list, 'violations')
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
  before: InspectionDto,
  list: z.output<typeof InspectionUpdateInput>['recommendations'],
): Promise<void> {
  const inspectionId = before.id
  const { m, now } = ctx
  const repo = m.getRepository(RecommendationEntity)
  for (const [i, r] of list.entries())
    if (r.ownerUnitId) await requireUnit(m, r.ownerUnitId, `recommendations.${i}.ownerUnitId`)
  const gone = goneChildren(before.recommendations, list, 'recommendations')
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

type ItemAnswer = Pick<InspectionDto['items'][number], 'result' | 'note' | 'severity'>

/**
 * The checklist answers the form changed, in one UPDATE per distinct answer (most forms answer
 * many items alike): a save of the minutes rewrites only what the secretary touched.
 */
async function writeAnswers(
  m: EntityManager,
  stored: InspectionDto['items'],
  given: Array<ItemAnswer & { id: number }>,
): Promise<void> {
  const answerKey = (a: ItemAnswer) => JSON.stringify([a.result, a.note, a.severity])
  const was = new Map(stored.map((i) => [i.id, answerKey(i)]))
  const byAnswer = new Map<string, { answer: ItemAnswer; ids: number[] }>()
  for (const item of given) {
    const key = answerKey(item)
    if (was.get(item.id) === key) continue
    const group = byAnswer.get(key) ?? { answer: item, ids: [] }
    group.ids.push(item.id)
    byAnswer.set(key, group)
  }
  for (const { answer, ids } of byAnswer.values())
    await m
      .createQueryBuilder()
      .update(InspectionItemEntity)
      .set({ result: answer.result, note: answer.note, severity: answer.severity })
      .where('id IN (:...ids)', { ids })
      .execute()
}

const sameList = <T extends object>(a: T[], b: T[], fields: Array<keyof T>): boolean =>
  a.length === b.length && a.every((x, i) => fields.every((f) => x[f] === b[i]![f]))

/** The form applied to an inspection as it stood (`before`), a draft or (correcting) finalised minutes. */
export async function applyUpdate(
  ctx: ServiceContext,
  input: z.output<typeof InspectionUpdateInput>,
  before: InspectionDto,
  correcting: boolean,
): Promise<void> {
  const { m, now } = ctx
  const id = input.id
  // The plan and unit it names already are checked (and kept by their foreign keys).
  if (input.planId !== before.planId) await requirePlan(m, input.planId)
  if (input.unitId !== before.unitId) await requireUnit(m, input.unitId, 'unitId')
  const itemIds = new Set(before.items.map((i) => i.id))
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
  await writeAnswers(m, before.items, input.items)
  if (!sameList(input.team, before.team, ['role', 'fullName', 'title', 'unitId', 'unitName']))
    await writeTeam(m, { inspectionId: id }, input.team)
  if (!sameList(input.representatives, before.representatives, ['fullName', 'title']))
    await writeRepresentatives(m, id, input.representatives)
  await syncViolations(m, before, input.violations, correcting)
  await syncRecommendations(ctx, before, input.recommendations)
}

export async function updateInspection(
  ctx: ServiceContext,
  input: z.output<typeof InspectionUpdateInput>,
): Promise<InspectionDto> {
  const before = await getInspection(ctx.m, input.id)
  if (before.status !== 'draft') throw AppError.conflict(inspectionMsg.finalised)
  await applyUpdate(ctx, input, before, false)
  const after = await getInspection(ctx.m, input.id)
  ctx.audit.change('inspection', input.id, inspectionAudit(before), inspectionAudit(after))
  return after
}
