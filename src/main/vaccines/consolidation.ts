import type { EntityManager } from 'typeorm'
import type {
  Consolidation,
  ConsolidationCell,
  Dose,
  UnitResponse,
  VaccinationStatus,
} from '@shared/vaccines/schemas'
import { DOSES, VACCINATION_STATUSES } from '@shared/vaccines/schemas'
import { vietnamDayEnd } from '@shared/text/dates'
import { UnitEntity } from '../units/entities'
import { VaccineRegistrationEntity, VaccineRoundUnitEntity } from './entities'
import { getRound } from './rounds'

/** Counts by unit × status × dose, read from the covering index (round_id, unit_id, status, dose). */
async function countCells(m: EntityManager, roundId: number): Promise<ConsolidationCell[]> {
  const rows = await m
    .createQueryBuilder(VaccineRegistrationEntity, 'g')
    .select('g.unitId', 'unitId')
    .addSelect('g.status', 'status')
    .addSelect('g.dose', 'dose')
    .addSelect('count(*)', 'count')
    .where('g.roundId = :roundId', { roundId })
    .groupBy('g.unitId')
    .addGroupBy('g.status')
    .addGroupBy('g.dose')
    .getRawMany<{ unitId: number; status: VaccinationStatus; dose: number; count: number | string }>()
  return rows.map((r) => ({
    unitId: Number(r.unitId),
    status: r.status,
    dose: Number(r.dose) as Dose,
    count: Number(r.count),
  }))
}

/** Active units, and any other unit that answered the round or has someone in it. */
async function unitsOfRound(m: EntityManager, roundId: number) {
  const qb = m
    .createQueryBuilder(UnitEntity, 'u')
    .leftJoin(VaccineRoundUnitEntity.options.name, 's', 's.unitId = u.id AND s.roundId = :roundId', {
      roundId,
    })
    .select('u.id', 'id')
    .addSelect('u.name', 'name')
    .addSelect('s.submittedAt', 'submittedAt')
  const registered = qb
    .subQuery()
    .select('g.unitId')
    .from(VaccineRegistrationEntity, 'g')
    .where('g.roundId = :roundId')
    .getQuery()
  const rows = await qb
    .where(`u.active = :active OR s.unitId IS NOT NULL OR u.id IN ${registered}`, { active: true })
    .orderBy('u.sortKey')
    .addOrderBy('u.id')
    .getRawMany<{ id: number; name: string; submittedAt: string | null }>()
  return rows.map((r) => ({ id: Number(r.id), name: r.name, submittedAt: r.submittedAt }))
}

/**
 * Counts by unit × status × dose, each active unit's answer to the round and who had not
 * answered by the end of the deadline day.
 */
export async function consolidate(m: EntityManager, roundId: number, now: Date): Promise<Consolidation> {
  const round = await getRound(m, roundId)
  const cells = await countCells(m, roundId)
  const rows = await unitsOfRound(m, roundId)
  const perUnit = new Map<number, number>()
  const byStatus = Object.fromEntries(VACCINATION_STATUSES.map((s) => [s, 0])) as Record<
    VaccinationStatus,
    number
  >
  const byDose: Record<string, number> = Object.fromEntries(DOSES.map((d) => [String(d), 0]))
  for (const c of cells) {
    perUnit.set(c.unitId, (perUnit.get(c.unitId) ?? 0) + c.count)
    byStatus[c.status] += c.count
    byDose[String(c.dose)] = (byDose[String(c.dose)] ?? 0) + c.count
  }
  const deadlineEnd = vietnamDayEnd(round.deadline).toISOString()
  const units: UnitResponse[] = rows.map((r) => ({
    unitId: r.id,
    unitName: r.name,
    submittedAt: r.submittedAt,
    late: r.submittedAt !== null && r.submittedAt >= deadlineEnd,
    registrations: perUnit.get(r.id) ?? 0,
  }))
  const missing = units.filter((u) => u.submittedAt === null || u.late)
  return {
    round,
    deadlinePassed: now.toISOString() >= deadlineEnd,
    cells,
    units,
    missing,
    totals: { registrations: cells.reduce((n, c) => n + c.count, 0), byStatus, byDose },
  }
}
