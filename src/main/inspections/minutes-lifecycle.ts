import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import { MINUTES_COPIES_DEFAULT, inspectionMsg } from '@shared/inspections/schemas'
import type { InspectionDto, InspectionUpdateInput } from '@shared/inspections/schemas'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { InspectionEntity, MinutesVersionEntity } from './entities'
import { getInspection } from './inspection-queries'
import { applyUpdate, inspectionAudit, statusOf } from './inspections'
import { lockUntilCommit } from '../db/engine'
import { nextNumber } from '../db/counters'

/** Finalisations and corrections of one inspection, one seat at a time: versions count on. */
const lockInspection = (m: EntityManager, id: number) => lockUntilCommit(m, `inspection:${id}`)

/**
 * Keeps what was finalised, as printed: the inspection as it stood, in one JSON text. Answers
 * the inspection as it now is, the new version listed.
 */
async function snapshot(ctx: ServiceContext, id: number, reason: string | null): Promise<InspectionDto> {
  const dto = await getInspection(ctx.m, id)
  // Read under the inspection's lock, which every new version takes: the list is complete.
  const version = (dto.versions.at(-1)?.version ?? 0) + 1
  const finalisedAt = ctx.now.toISOString()
  await ctx.m.getRepository(MinutesVersionEntity).insert({
    inspectionId: id,
    version,
    reason,
    content: JSON.stringify({ ...dto, versions: [] }),
    finalisedAt,
    finalisedBy: ctx.userId,
  })
  return { ...dto, versions: [...dto.versions, { version, reason, finalisedAt }] }
}

/**
 * Draft → final: status, year and the year's next number together, and only while the row is
 * still a draft. The number comes from the year's counter row, held until this transaction ends
 * (a finalisation refused or rolled back gives its number back); the unique index
 * (minutes_year, minutes_number) stays the last guard.
 */
async function numberMinutes(m: EntityManager, id: number, date: string, now: Date): Promise<void> {
  const year = Number(date.slice(0, 4))
  const highest = m
    .createQueryBuilder(InspectionEntity, 'x')
    .select('MAX(x.minutesNumber)')
    .where('x.minutesYear = :year', { year })
  const number = await nextNumber(m, 'minutes', String(year), {
    sql: highest.getQuery(),
    parameters: highest.getParameters(),
  })
  const { affected } = await m
    .createQueryBuilder()
    .update(InspectionEntity)
    .set({ status: 'final', minutesYear: year, minutesNumber: number, updatedAt: now.toISOString() })
    .where('id = :id', { id })
    .andWhere('status = :draft', { draft: 'draft' })
    .execute()
  if (affected !== 1) throw AppError.conflict(inspectionMsg.finalised)
}

/** Draft → final: the next minutes number of the minutes' year, then the text is fixed as version 1. */
export async function finaliseInspection(ctx: ServiceContext, id: number): Promise<InspectionDto> {
  const { m } = ctx
  await lockInspection(m, id)
  const before = await getInspection(m, id)
  if (before.status !== 'draft') throw AppError.conflict(inspectionMsg.finalised)
  const open = before.items.filter((i) => i.result === null).length
  if (open)
    throw AppError.validation({ items: inspectionMsg.unanswered(open) }, inspectionMsg.unanswered(open))
  await numberMinutes(m, id, before.date, ctx.now)
  const after = await snapshot(ctx, id, null)
  ctx.audit.change('inspection', id, inspectionAudit(before), inspectionAudit(after))
  return after
}

/** A correction of finalised minutes: the change is applied and kept as a new version with its reason. */
export async function correctInspection(
  ctx: ServiceContext,
  input: z.output<typeof InspectionUpdateInput> & { reason: string },
): Promise<InspectionDto> {
  await lockInspection(ctx.m, input.id)
  if ((await statusOf(ctx.m, input.id)) !== 'final') throw AppError.conflict(inspectionMsg.notFinalised)
  const open = input.items.filter((i) => i.result === null).length
  if (open) throw AppError.validation({ items: inspectionMsg.unanswered(open) })
  const before = await getInspection(ctx.m, input.id)
  await applyUpdate(ctx, input, before, true)
  const after = await snapshot(ctx, input.id, input.reason)
  ctx.audit.change('inspection', input.id, inspectionAudit(before), {
    ...inspectionAudit(after),
    correction: `Phiên bản ${after.versions.at(-1)!.version}: ${input.reason}`,
  })
  return after
}

/** The minutes to print: a finalised version as it was fixed (the latest by default), or the draft as it stands. */
export async function minutesOf(
  m: EntityManager,
  id: number,
  version?: number | null,
): Promise<{ inspection: InspectionDto; version: { number: number; reason: string | null } | null }> {
  const live = await getInspection(m, id)
  if (live.status === 'draft') return { inspection: live, version: null }
  const row = await m.getRepository(MinutesVersionEntity).findOne({
    where: version ? { inspectionId: id, version } : { inspectionId: id },
    order: { version: 'DESC' },
  })
  if (!row) throw AppError.notFound(inspectionMsg.versionNotFound)
  // Versions finalised before the number of copies was recorded were made in two.
  const stored = JSON.parse(row.content) as Omit<InspectionDto, 'copies'> & { copies?: number }
  return {
    inspection: { ...stored, copies: stored.copies ?? MINUTES_COPIES_DEFAULT, versions: live.versions },
    version: { number: row.version, reason: row.reason },
  }
}
