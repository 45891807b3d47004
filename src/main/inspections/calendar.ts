import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm'
import type { z } from 'zod'
import { lastDayOf } from '@shared/inspections/calendar'
import type { CalendarDto, CalendarEntryDto, CalendarQuery } from '@shared/inspections/calendar'
import { vietnamDay } from '@shared/text/dates'
import { searchKey } from '@shared/text/search-key'
import { compareVietnamese } from '@shared/text/sort-key'
import { UnitEntity } from '../units/entities'
import { InspectionEntity, InspectionPlanEntity, PlanUnitEntity, TeamMemberEntity } from './entities'
import { reference } from './lookups'

/** Every team member's name, one spelling per name folded without diacritics. */
async function teamNames(m: EntityManager): Promise<string[]> {
  const rows = await m
    .createQueryBuilder(TeamMemberEntity, 'tm')
    .select('tm.fullName', 'full_name')
    .distinct(true)
    .getRawMany<{ full_name: string }>()
  return rows.map((r) => r.full_name)
}

function oneSpellingEach(names: string[]): string[] {
  const byKey = new Map<string, string>()
  for (const n of [...names].sort(compareVietnamese)) if (!byKey.has(searchKey(n))) byKey.set(searchKey(n), n)
  return [...byKey.values()]
}

/** The inspection or plan of `alias` has one of the `:names` parameter in its team. */
function teamHas(column: 'inspectionId' | 'planId', alias: string) {
  return (qb: SelectQueryBuilder<ObjectLiteral>) =>
    `EXISTS ${qb
      .subQuery()
      .select('1')
      .from(TeamMemberEntity, 'tm')
      .where(`tm.${column} = ${alias}.id`)
      .andWhere('tm.fullName IN (:...names)')
      .getQuery()}`
}

export async function inspectionCalendar(
  m: EntityManager,
  q: z.output<typeof CalendarQuery>,
  now: Date,
): Promise<CalendarDto> {
  const today = vietnamDay(now)
  const month = q.month ?? today.slice(0, 7)
  const first = `${month}-01`
  const last = lastDayOf(month)
  const all = await teamNames(m)
  const names = q.member ? all.filter((n) => searchKey(n) === searchKey(q.member)) : null
  const result: CalendarDto = { month, first, last, today, members: oneSpellingEach(all), entries: [] }
  if (names && !names.length) return result

  const dated = m
    .createQueryBuilder(InspectionEntity, 'i')
    .innerJoin(UnitEntity.options.name, 'u', 'u.id = i.unitId')
    .leftJoin(InspectionPlanEntity.options.name, 'p', 'p.id = i.planId')
    .select('i.id', 'id')
    .addSelect('i.date', 'date')
    .addSelect('i.status', 'status')
    .addSelect('i.unitId', 'unit_id')
    .addSelect('i.planId', 'plan_id')
    .addSelect('i.minutesNumber', 'minutes_number')
    .addSelect('i.minutesYear', 'minutes_year')
    .addSelect('u.name', 'unit_name')
    .addSelect('p.number', 'plan_number')
    .addSelect('p.symbol', 'plan_symbol')
    .where('i.date BETWEEN :first AND :last', { first, last })
  if (names) dated.andWhere(teamHas('inspectionId', 'i')).setParameter('names', names)
  for (const r of await dated.getRawMany<DatedRow>())
    result.entries.push({
      kind: r.status === 'final' ? 'done' : 'planned',
      from: r.date,
      to: r.date,
      unitId: Number(r.unit_id),
      unitName: r.unit_name,
      planId: r.plan_id === null ? null : Number(r.plan_id),
      planReference: r.plan_number === null ? null : reference(Number(r.plan_number), r.plan_symbol!),
      inspectionId: Number(r.id),
      minutesNumber: r.minutes_number === null ? null : Number(r.minutes_number),
      minutesYear: r.minutes_year === null ? null : Number(r.minutes_year),
    })
  result.entries.push(...(await scopeEntries(m, first, last, today, names)))
  result.entries.sort(
    (a, b) =>
      a.from.localeCompare(b.from) ||
      a.kind.localeCompare(b.kind) ||
      compareVietnamese(a.unitName, b.unitName) ||
      (a.inspectionId ?? 0) - (b.inspectionId ?? 0),
  )
  return result
}

interface DatedRow {
  id: number | string
  date: string
  status: 'draft' | 'final'
  unit_id: number | string
  plan_id: number | string | null
  minutes_number: number | string | null
  minutes_year: number | string | null
  unit_name: string
  plan_number: number | string | null
  plan_symbol: string | null
}

/**
 * Units of the scope of plans whose period meets the month, not yet inspected under the plan:
 * planned over the period while it runs (unless a draft already dates the visit), overdue on
 * the period's last day once it has ended without finalised minutes.
 */
async function scopeEntries(
  m: EntityManager,
  first: string,
  last: string,
  today: string,
  names: string[] | null,
): Promise<CalendarEntryDto[]> {
  const plansQb = m
    .createQueryBuilder(InspectionPlanEntity, 'p')
    .where('p.periodFrom <= :last', { last })
    .andWhere('(p.periodTo IS NULL OR p.periodTo >= :first)', { first })
  if (names) plansQb.andWhere(teamHas('planId', 'p')).setParameter('names', names)
  const plans = await plansQb.getMany()
  if (!plans.length) return []
  const ids = plans.map((p) => p.id)
  const scope = await m
    .createQueryBuilder(PlanUnitEntity, 'pu')
    .innerJoin(UnitEntity.options.name, 'u', 'u.id = pu.unitId')
    .select('pu.planId', 'plan_id')
    .addSelect('pu.unitId', 'unit_id')
    .addSelect('u.name', 'unit_name')
    .where('pu.planId IN (:...ids)', { ids })
    .getRawMany<{ plan_id: number | string; unit_id: number | string; unit_name: string }>()
  const visits = await m.getRepository(InspectionEntity).find({
    select: { id: true, planId: true, unitId: true, status: true },
    where: ids.map((planId) => ({ planId })),
    order: { date: 'ASC', id: 'ASC' },
  })
  const out: CalendarEntryDto[] = []
  for (const s of scope) {
    const plan = plans.find((p) => p.id === Number(s.plan_id))!
    const unitId = Number(s.unit_id)
    const own = visits.filter((v) => v.planId === plan.id && v.unitId === unitId)
    if (own.some((v) => v.status === 'final')) continue
    const ended = plan.periodTo !== null && plan.periodTo < today
    if (!ended && own.length) continue
    if (ended && (plan.periodTo! < first || plan.periodTo! > last)) continue
    out.push({
      kind: ended ? 'overdue' : 'planned',
      from: ended ? plan.periodTo! : plan.periodFrom > first ? plan.periodFrom : first,
      to: ended || (plan.periodTo !== null && plan.periodTo < last) ? plan.periodTo! : last,
      unitId,
      unitName: s.unit_name,
      planId: plan.id,
      planReference: reference(plan.number, plan.symbol),
      inspectionId: own.at(-1)?.id ?? null,
      minutesNumber: null,
      minutesYear: null,
    })
  }
  return out
}
