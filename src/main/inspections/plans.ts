import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { Page } from '@shared/contract'
import { inspectionMsg } from '@shared/inspections/schemas'
import type {
  InspectionDto,
  PlanDto,
  PlanInput,
  PlanListQuery,
  PlanSummaryDto,
  PlanTargetDto,
  PlanUpdateInput,
} from '@shared/inspections/schemas'
import { searchKeyOf } from '@shared/text/search-key'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { whereSearch } from '../db/search'
import { UnitEntity, UnitKindEntity } from '../units/entities'
import { readTeam, writeTeam } from './attendees'
import { InspectionEntity, InspectionPlanEntity, PlanTargetEntity, PlanUnitEntity } from './entities'
import type { InspectionPlanRow, PlanTargetRow } from './entities'
import { readInspections } from './inspection-queries'
import { reference, requireUnit } from './lookups'

type Counts = Pick<PlanSummaryDto, 'unitCount' | 'inspectedCount'>

/** Units in scope, and units with finalised minutes under the plan, for each plan of `ids`. */
async function countsOf(m: EntityManager, ids: number[]): Promise<Map<number, Counts>> {
  const counts = new Map<number, Counts>(ids.map((id) => [id, { unitCount: 0, inspectedCount: 0 }]))
  if (!ids.length) return counts
  const scope = await m
    .createQueryBuilder(PlanUnitEntity, 'pu')
    .select('pu.planId', 'plan_id')
    .addSelect('COUNT(*)', 'n')
    .where('pu.planId IN (:...ids)', { ids })
    .groupBy('pu.planId')
    .getRawMany<{ plan_id: number; n: number | string }>()
  for (const r of scope) counts.get(Number(r.plan_id))!.unitCount = Number(r.n)
  const inspected = await m
    .createQueryBuilder(InspectionEntity, 'i')
    .select('i.planId', 'plan_id')
    .addSelect('COUNT(DISTINCT i.unitId)', 'n')
    .where('i.planId IN (:...ids)', { ids })
    .andWhere('i.status = :final', { final: 'final' })
    .groupBy('i.planId')
    .getRawMany<{ plan_id: number; n: number | string }>()
  for (const r of inspected) counts.get(Number(r.plan_id))!.inspectedCount = Number(r.n)
  return counts
}

function planSummary(p: InspectionPlanRow, counts: Counts): PlanSummaryDto {
  return {
    id: p.id,
    number: p.number,
    symbol: p.symbol,
    reference: reference(p.number, p.symbol),
    issuedOn: p.issuedOn,
    title: p.title,
    kind: p.kind,
    periodFrom: p.periodFrom,
    periodTo: p.periodTo,
    ...counts,
  }
}

export async function listPlans(
  m: EntityManager,
  q: z.output<typeof PlanListQuery>,
): Promise<Page<PlanSummaryDto>> {
  const qb = m.createQueryBuilder(InspectionPlanEntity, 'p')
  whereSearch(qb, 'inspection_plans', 'p', q.q)
  const total = await qb.getCount()
  const plans = await qb
    .orderBy('p.issuedOn', 'DESC')
    .addOrderBy('p.id', 'DESC')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .getMany()
  const counts = await countsOf(
    m,
    plans.map((p) => p.id),
  )
  return {
    items: plans.map((p) => planSummary(p, counts.get(p.id)!)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  }
}

/** A coverage target's units (active, of the kind, under the parent if any) and those inspected under the plan. */
async function targetProgress(
  m: EntityManager,
  planId: number,
  t: Pick<PlanTargetRow, 'kindCode' | 'parentUnitId'>,
) {
  const unitCount = await m.getRepository(UnitEntity).countBy({
    kindCode: t.kindCode,
    active: true,
    ...(t.parentUnitId === null ? {} : { parentId: t.parentUnitId }),
  })
  const inspected = m
    .createQueryBuilder(InspectionEntity, 'i')
    .innerJoin(UnitEntity.options.name, 'u', 'u.id = i.unitId')
    .select('COUNT(DISTINCT i.unitId)', 'n')
    .where('i.planId = :planId', { planId })
    .andWhere('i.status = :final', { final: 'final' })
    .andWhere('u.kindCode = :kindCode', { kindCode: t.kindCode })
  if (t.parentUnitId !== null) inspected.andWhere('u.parentId = :parentId', { parentId: t.parentUnitId })
  const row = await inspected.getRawOne<{ n: number | string }>()
  return { unitCount, inspected: Number(row?.n ?? 0) }
}

export async function getPlan(m: EntityManager, id: number): Promise<PlanDto> {
  const plan = await m.getRepository(InspectionPlanEntity).findOneBy({ id })
  if (!plan) throw AppError.notFound(inspectionMsg.planNotFound)
  const counts = (await countsOf(m, [id])).get(id)!
  const scope = await m
    .getRepository(PlanUnitEntity)
    .find({ where: { planId: id }, order: { unitId: 'ASC' } })
  const due = await m
    .createQueryBuilder(UnitEntity, 'u')
    .select(['u.id', 'u.name'])
    .innerJoin(PlanUnitEntity.options.name, 'pu', 'pu.unitId = u.id')
    .where('pu.planId = :id', { id })
    .andWhere((qb) => {
      const done = qb
        .subQuery()
        .select('1')
        .from(InspectionEntity, 'i')
        .where('i.planId = pu.planId')
        .andWhere('i.unitId = u.id')
        .andWhere('i.status = :final')
        .getQuery()
      return `NOT EXISTS ${done}`
    })
    .setParameter('final', 'final')
    .orderBy('u.sortKey')
    .getMany()
  const targets: PlanTargetDto[] = []
  for (const t of await m
    .getRepository(PlanTargetEntity)
    .find({ where: { planId: id }, order: { position: 'ASC' } })) {
    const { unitCount, inspected } = await targetProgress(m, id, t)
    targets.push({
      label: t.label,
      kindCode: t.kindCode,
      parentUnitId: t.parentUnitId,
      percent: t.percent,
      unitCount,
      targeted: Math.ceil((t.percent * unitCount) / 100),
      inspected,
    })
  }
  return {
    ...planSummary(plan, counts),
    purpose: plan.purpose,
    unitIds: scope.map((u) => u.unitId),
    targets,
    team: await readTeam(m, { planId: id }),
    dueUnits: due.map((u) => ({ id: u.id, name: u.name })),
  }
}

/** Plan numbers are unique per symbol and year (an index backs it): the refusal goes on the number. */
async function refuseTakenNumber(m: EntityManager, input: z.output<typeof PlanInput>, id: number | null) {
  const year = input.issuedOn.slice(0, 4)
  const clash = m
    .createQueryBuilder(InspectionPlanEntity, 'p')
    .where('p.symbol = :symbol', { symbol: input.symbol })
    .andWhere('p.number = :number', { number: input.number })
    .andWhere('p.issuedOn BETWEEN :first AND :last', { first: `${year}-01-01`, last: `${year}-12-31` })
  if (id !== null) clash.andWhere('p.id <> :id', { id })
  if (await clash.getExists()) throw AppError.validation({ number: inspectionMsg.planNumberTaken })
}

async function writePlan(
  ctx: ServiceContext,
  input: z.output<typeof PlanInput>,
  id: number | null,
): Promise<PlanDto> {
  const { m, now } = ctx
  await refuseTakenNumber(m, input, id)
  for (const [i, unitId] of input.unitIds.entries()) await requireUnit(m, unitId, `unitIds.${i}`)
  for (const [i, t] of input.targets.entries()) {
    if (!(await m.getRepository(UnitKindEntity).existsBy({ code: t.kindCode })))
      throw AppError.validation({ [`targets.${i}.kindCode`]: 'Chọn loại đơn vị trong danh sách' })
    if (t.parentUnitId) await requireUnit(m, t.parentUnitId, `targets.${i}.parentUnitId`)
  }
  const before = id ? await getPlan(m, id) : null
  const values = {
    number: input.number,
    symbol: input.symbol,
    issuedOn: input.issuedOn,
    title: input.title,
    purpose: input.purpose,
    kind: input.kind,
    periodFrom: input.periodFrom,
    periodTo: input.periodTo,
    searchKey: searchKeyOf(reference(input.number, input.symbol), input.title),
    updatedAt: now.toISOString(),
  }
  const plans = m.getRepository(InspectionPlanEntity)
  if (id === null)
    id = (await plans.insert({ ...values, createdAt: now.toISOString() })).identifiers[0]!.id as number
  else await plans.update({ id }, values)
  const planId = id
  await m.getRepository(PlanUnitEntity).delete({ planId })
  const unitIds = [...new Set(input.unitIds)]
  if (unitIds.length)
    await m.getRepository(PlanUnitEntity).insert(unitIds.map((unitId) => ({ planId, unitId })))
  await m.getRepository(PlanTargetEntity).delete({ planId })
  if (input.targets.length)
    await m.getRepository(PlanTargetEntity).insert(
      input.targets.map((t, i) => ({
        planId,
        position: i + 1,
        label: t.label,
        kindCode: t.kindCode,
        parentUnitId: t.parentUnitId,
        percent: t.percent,
      })),
    )
  await writeTeam(m, { planId }, input.team)
  const after = await getPlan(m, planId)
  ctx.audit.change('plan', planId, before && planAudit(before), planAudit(after))
  return after
}

const planAudit = (p: PlanDto) => ({
  reference: p.reference,
  issuedOn: p.issuedOn,
  title: p.title,
  purpose: p.purpose,
  kind: p.kind,
  periodFrom: p.periodFrom,
  periodTo: p.periodTo,
  unitIds: p.unitIds,
  targets: p.targets.map((t) => `${t.label}: ${t.percent}%`),
  team: p.team.map((t) => `${t.role}: ${t.fullName}`),
})

export const createPlan = (ctx: ServiceContext, input: z.output<typeof PlanInput>) =>
  writePlan(ctx, input, null)

export async function updatePlan(ctx: ServiceContext, input: z.output<typeof PlanUpdateInput>) {
  if (!(await ctx.m.getRepository(InspectionPlanEntity).existsBy({ id: input.id })))
    throw AppError.notFound(inspectionMsg.planNotFound)
  return writePlan(ctx, input, input.id)
}

/** A plan with its finalised inspections in date order: what the results report prints. */
export async function planResults(
  m: EntityManager,
  id: number,
): Promise<{ plan: PlanDto; inspections: InspectionDto[] }> {
  const plan = await getPlan(m, id)
  const finalised = await m.getRepository(InspectionEntity).find({
    select: { id: true },
    where: { planId: id, status: 'final' },
    order: { date: 'ASC', id: 'ASC' },
  })
  return {
    plan,
    inspections: await readInspections(
      m,
      finalised.map((i) => i.id),
    ),
  }
}
