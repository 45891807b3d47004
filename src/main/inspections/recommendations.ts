import type { EntityManager } from 'typeorm'
import { In } from 'typeorm'
import type { z } from 'zod'
import type { Page } from '@shared/contract'
import { inspectionMsg } from '@shared/inspections/schemas'
import type {
  DocumentDto,
  FollowUpInput,
  OverdueQuery,
  OverdueRecommendationDto,
  RecommendationDto,
} from '@shared/inspections/schemas'
import { vietnamDay } from '@shared/text/dates'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { UnitEntity } from '../units/entities'
import { InspectionEntity, RecommendationEntity } from './entities'
import type { RecommendationRow } from './entities'
import { documentsWhere } from './documents'

export function recommendationDto(r: RecommendationRow, evidenceFiles: DocumentDto[]): RecommendationDto {
  return {
    id: r.id,
    inspectionId: r.inspectionId,
    content: r.content,
    ownerUnitId: r.ownerUnitId,
    ownerName: r.ownerName,
    dueDate: r.dueDate,
    status: r.status,
    statusDate: r.statusDate,
    evidence: r.evidence,
    evidenceFiles,
  }
}

/** The evidence files of these recommendations, by recommendation. */
async function evidenceOf(m: EntityManager, ids: number[]): Promise<Map<number, DocumentDto[]>> {
  const out = new Map<number, DocumentDto[]>(ids.map((id) => [id, []]))
  if (ids.length)
    for (const d of await documentsWhere(m, { recommendationId: In(ids) }))
      out.get(d.recommendationId!)!.push(d.dto)
  return out
}

/** Follow-up goes on after the minutes are finalised: it is not part of their text. */
export async function followUp(
  ctx: ServiceContext,
  input: z.output<typeof FollowUpInput>,
): Promise<RecommendationDto> {
  const repo = ctx.m.getRepository(RecommendationEntity)
  const before = await repo.findOneBy({ id: input.id })
  if (!before) throw AppError.notFound(inspectionMsg.recommendationNotFound)
  await repo.update(
    { id: input.id },
    {
      status: input.status,
      statusDate: input.statusDate,
      evidence: input.evidence,
      updatedAt: ctx.now.toISOString(),
    },
  )
  const evidence = await evidenceOf(ctx.m, [input.id])
  const after = recommendationDto((await repo.findOneBy({ id: input.id }))!, evidence.get(input.id)!)
  ctx.audit.change(
    'recommendation',
    input.id,
    { status: before.status, statusDate: before.statusDate, evidence: before.evidence },
    { status: after.status, statusDate: after.statusDate, evidence: after.evidence },
  )
  return after
}

interface OverdueExtra {
  unit_name: string
  inspection_date: string
  minutes_number: number | string | null
  minutes_year: number | string | null
}

const orNull = (v: number | string | null) => (v === null ? null : Number(v))

/** Recommendations of finalised minutes past their due date and not yet done, oldest due first. */
export async function overdueRecommendations(
  m: EntityManager,
  q: z.output<typeof OverdueQuery>,
  now: Date,
): Promise<Page<OverdueRecommendationDto>> {
  const asOf = q.asOf ?? vietnamDay(now)
  const qb = m
    .createQueryBuilder(RecommendationEntity, 'r')
    .innerJoin(InspectionEntity.options.name, 'i', 'i.id = r.inspectionId')
    .innerJoin(UnitEntity.options.name, 'u', 'u.id = i.unitId')
    .where('r.status <> :done', { done: 'done' })
    .andWhere('r.dueDate IS NOT NULL')
    .andWhere('r.dueDate < :asOf', { asOf })
    .andWhere('i.status = :final', { final: 'final' })
  const total = await qb.getCount()
  const { entities, raw } = await qb
    .addSelect('u.name', 'unit_name')
    .addSelect('i.date', 'inspection_date')
    .addSelect('i.minutesNumber', 'minutes_number')
    .addSelect('i.minutesYear', 'minutes_year')
    .orderBy('r.dueDate', 'ASC')
    .addOrderBy('r.id', 'ASC')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .getRawAndEntities<OverdueExtra>()
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`)
  const evidence = await evidenceOf(
    m,
    entities.map((r) => r.id),
  )
  return {
    items: entities.map((r, i) => ({
      ...recommendationDto(r, evidence.get(r.id)!),
      unitName: raw[i]!.unit_name,
      inspectionDate: raw[i]!.inspection_date,
      minutesNumber: orNull(raw[i]!.minutes_number),
      minutesYear: orNull(raw[i]!.minutes_year),
      daysOverdue: Math.round((day(asOf) - day(r.dueDate!)) / 86_400_000),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  }
}
