import type { EntityManager, SelectQueryBuilder } from 'typeorm'
import type { z } from 'zod'
import type { Page } from '@shared/contract'
import type {
  RegistrationDetail,
  RegistrationDto,
  RegistrationListQuery,
  VaccinationStatus,
} from '@shared/vaccines/schemas'
import { vaccineMsg } from '@shared/vaccines/schemas'
import { AppError } from '../core/errors'
import { whereSearch } from '../db/search'
import { StaffMemberEntity } from '../staff/entities'
import type { StaffMemberRow } from '../staff/entities'
import { UnitEntity } from '../units/entities'
import type { UnitRow } from '../units/entities'
import { ANONYMISED_NAME } from '../visitors/mapping'
import { staffDoses } from './doses'
import { VaccinePriorityGroupEntity, VaccineEntity, VaccineRegistrationEntity } from './entities'
import type { VaccinePriorityGroupRow, VaccineRegistrationRow, VaccineRow } from './entities'

/** A registration with the rows selectRegistrations() maps onto it. */
interface JoinedRegistration extends VaccineRegistrationRow {
  staff: StaffMemberRow
  unit: UnitRow
  vaccine?: VaccineRow
  group?: VaccinePriorityGroupRow
}

/**
 * Registrations `g` with their person `s`, unit `u`, vaccine `v` and priority group `p`, each
 * hydrated onto the registration by the joins below (the entities declare no relations).
 */
function selectRegistrations(m: EntityManager): SelectQueryBuilder<JoinedRegistration> {
  return m
    .createQueryBuilder<JoinedRegistration>(VaccineRegistrationEntity, 'g')
    .innerJoinAndMapOne('g.staff', StaffMemberEntity.options.name, 's', 's.id = g.staffId')
    .innerJoinAndMapOne('g.unit', UnitEntity.options.name, 'u', 'u.id = g.unitId')
    .leftJoinAndMapOne('g.vaccine', VaccineEntity.options.name, 'v', 'v.id = g.vaccineId')
    .leftJoinAndMapOne('g.group', VaccinePriorityGroupEntity.options.name, 'p', 'p.id = g.priorityGroupId')
}

/** By unit, then by name, as every list of a round reads. */
const inListOrder = (qb: SelectQueryBuilder<JoinedRegistration>) =>
  qb.orderBy('u.sortKey').addOrderBy('u.id').addOrderBy('s.sortKey').addOrderBy('g.id')

function registrationDto(r: JoinedRegistration): RegistrationDto {
  return {
    id: r.id,
    roundId: r.roundId,
    staffId: r.staffId,
    staffName: r.staff.fullName ?? ANONYMISED_NAME,
    idNumber: r.staff.idNumber ?? '',
    dateOfBirth: r.staff.dateOfBirth,
    gender: r.staff.gender as RegistrationDto['gender'],
    phone: r.staff.phone,
    position: r.staff.position,
    unitId: r.unitId,
    unitName: r.unit.name,
    dose: r.dose,
    vaccineId: r.vaccineId,
    vaccineName: r.vaccine?.name ?? null,
    priorityGroupId: r.priorityGroupId,
    priorityGroupName: r.group?.name ?? null,
    occupation: r.occupation,
    insuranceNumber: r.insuranceNumber,
    desiredOn: r.desiredOn,
    covid90Days: r.covid90Days,
    anaphylaxis: r.anaphylaxis,
    pregnantOrNursing: r.pregnantOrNursing,
    underlyingConditions: r.underlyingConditions,
    conditionsNote: r.conditionsNote,
    status: r.status,
    statusReason: r.statusReason,
    vaccinatedOn: r.vaccinatedOn,
    site: r.site,
    lotNumber: r.lotNumber,
    lotExpiry: r.lotExpiry,
    reaction: r.reaction,
    reactionNote: r.reactionNote,
    contraindicationClearedAt: r.contraindicationClearedAt,
    contraindicationClearedReason: r.contraindicationClearedReason,
    note: r.note,
    updatedAt: r.updatedAt,
  }
}

interface RegistrationFilter {
  roundId: number
  unitId?: number | null
  status?: VaccinationStatus | null
  dose?: number | null
  q?: string
}

/** Narrows a query over registrations `g` joined to their person `s`. */
function whereRegistrations<T extends SelectQueryBuilder<VaccineRegistrationRow>>(
  qb: T,
  f: RegistrationFilter,
): T {
  qb.where('g.roundId = :roundId', { roundId: f.roundId })
  if (f.unitId) qb.andWhere('g.unitId = :unitId', { unitId: f.unitId })
  if (f.status) qb.andWhere('g.status = :status', { status: f.status })
  if (f.dose) qb.andWhere('g.dose = :dose', { dose: f.dose })
  if (f.q) whereSearch(qb, 'staff', 's', f.q)
  return qb
}

export async function listRegistrations(
  m: EntityManager,
  q: z.output<typeof RegistrationListQuery>,
): Promise<Page<RegistrationDto>> {
  const counted = m
    .createQueryBuilder(VaccineRegistrationEntity, 'g')
    .innerJoin(StaffMemberEntity.options.name, 's', 's.id = g.staffId')
  const total = await whereRegistrations(counted, q).getCount()
  // limit/offset, not take/skip: every join is one row, so no DISTINCT pass is needed.
  const page = inListOrder(whereRegistrations(selectRegistrations(m), q))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
  return { items: (await page.getMany()).map(registrationDto), total, page: q.page, pageSize: q.pageSize }
}

/** The consolidated list: every registration of the round (or of one unit), by unit then name. */
export async function allRegistrations(
  m: EntityManager,
  roundId: number,
  unitId: number | null,
): Promise<RegistrationDto[]> {
  const qb = inListOrder(whereRegistrations(selectRegistrations(m), { roundId, unitId }))
  return (await qb.getMany()).map(registrationDto)
}

export async function getRegistration(m: EntityManager, id: number): Promise<RegistrationDetail> {
  const row = await selectRegistrations(m).where('g.id = :id', { id }).getOne()
  if (!row) throw AppError.notFound(vaccineMsg.registrationNotFound)
  return { ...registrationDto(row), doses: await staffDoses(m, row.staffId) }
}
