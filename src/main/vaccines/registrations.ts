import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type {
  ClearContraindicationInput,
  RegistrationDetail,
  RegistrationDto,
  RegistrationInput,
  RegistrationUpdateInput,
} from '@shared/vaccines/schemas'
import { SCHEDULED_STATUSES, vaccineMsg } from '@shared/vaccines/schemas'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { StaffMemberEntity } from '../staff/entities'
import { checkDoses, writeDoses } from './doses'
import type { PriorDoses, RegistrationFields } from './doses'
import {
  VaccineEntity,
  VaccinePriorityGroupEntity,
  VaccineRegistrationEntity,
  VaccineRoundEntity,
} from './entities'
import type { VaccineRegistrationRow } from './entities'
import { getRegistration } from './registration-list'
import { openRound } from './rounds'
import { markSubmitted } from './submissions'

/** A new registration checked against the store, ready to insert. */
export interface CheckedRegistration {
  unitId: number
  /** Earlier doses the form declared that the store does not know yet. */
  fresh: PriorDoses
}

/** Every form field but the earlier doses is a column of the registration. */
type StoredField = Exclude<keyof RegistrationFields, 'priorDoses'>

/** The form's fields as stored, each by its name (the entity maps names to columns). */
function storedFields(input: RegistrationFields): Pick<VaccineRegistrationRow, StoredField> {
  return {
    dose: input.dose,
    vaccineId: input.vaccineId,
    priorityGroupId: input.priorityGroupId,
    occupation: input.occupation,
    insuranceNumber: input.insuranceNumber,
    desiredOn: input.desiredOn,
    covid90Days: input.covid90Days,
    anaphylaxis: input.anaphylaxis,
    pregnantOrNursing: input.pregnantOrNursing,
    underlyingConditions: input.underlyingConditions,
    conditionsNote: input.conditionsNote,
    status: input.status,
    statusReason: input.statusReason,
    vaccinatedOn: input.vaccinatedOn,
    site: input.site,
    lotNumber: input.lotNumber,
    lotExpiry: input.lotExpiry,
    reaction: input.reaction,
    reactionNote: input.reactionNote,
    note: input.note,
  }
}

/** An unresolved contraindication of the person, in another registration than `selfId`. */
async function standingContraindication(
  m: EntityManager,
  staffId: number,
  selfId: number | null,
): Promise<string | null> {
  const qb = m
    .createQueryBuilder(VaccineRegistrationEntity, 'g')
    .innerJoin(VaccineRoundEntity.options.name, 'r', 'r.id = g.roundId')
    .select('r.name', 'name')
    .addSelect('g.statusReason', 'reason')
    .where('g.staffId = :staffId', { staffId })
    .andWhere('g.status = :status', { status: 'contraindicated' })
    .andWhere('g.contraindicationClearedAt IS NULL')
  if (selfId !== null) qb.andWhere('g.id <> :selfId', { selfId })
  const row = await qb.limit(1).getRawOne<{ name: string; reason: string | null }>()
  return row ? `${row.name}: ${row.reason ?? ''}` : null
}

async function checkCatalogIds(m: EntityManager, input: RegistrationFields, errors: Record<string, string>) {
  const vaccines = m.getRepository(VaccineEntity)
  if (input.vaccineId !== null && !(await vaccines.existsBy({ id: input.vaccineId })))
    errors.vaccineId = vaccineMsg.vaccineUnknown
  if (
    input.priorityGroupId !== null &&
    !(await m.getRepository(VaccinePriorityGroupEntity).existsBy({ id: input.priorityGroupId }))
  )
    errors.priorityGroupId = vaccineMsg.groupUnknown
  for (const [i, p] of input.priorDoses.entries())
    if (p.vaccineId !== null && !(await vaccines.existsBy({ id: p.vaccineId })))
      errors[`priorDoses.${i}.vaccineId`] = vaccineMsg.vaccineUnknown
}

/** What the trail keeps of a registration: no health answers, no card number, no names. */
function registrationAudit(r: RegistrationDto): Record<string, unknown> {
  return {
    roundId: r.roundId,
    staffId: r.staffId,
    unitId: r.unitId,
    dose: r.dose,
    vaccineId: r.vaccineId,
    priorityGroupId: r.priorityGroupId,
    status: r.status,
    statusReason: r.statusReason,
    vaccinatedOn: r.vaccinatedOn,
    lotNumber: r.lotNumber,
    contraindicationClearedAt: r.contraindicationClearedAt,
  }
}

/**
 * Checks a new registration against the store: the person, the round, the lists, the dose
 * rules and a standing contraindication. Throws with every problem at its field.
 */
export async function checkNewRegistration(
  m: EntityManager,
  input: z.output<typeof RegistrationInput>,
): Promise<CheckedRegistration> {
  const errors: Record<string, string> = {}
  const staff = await m.getRepository(StaffMemberEntity).findOneBy({ id: input.staffId })
  if (!staff?.active) throw AppError.validation({ staffId: vaccineMsg.staffUnknown })
  const taken = await m
    .createQueryBuilder(VaccineRoundEntity, 'r')
    .innerJoin(VaccineRegistrationEntity.options.name, 'g', 'g.roundId = r.id')
    .where('g.roundId = :roundId', { roundId: input.roundId })
    .andWhere('g.staffId = :staffId', { staffId: input.staffId })
    .getOne()
  if (taken) errors.staffId = vaccineMsg.alreadyInRound(taken.name)
  await checkCatalogIds(m, input, errors)
  const fresh = await checkDoses(m, input.staffId, input, null, errors)
  if (SCHEDULED_STATUSES.includes(input.status)) {
    const standing = await standingContraindication(m, input.staffId, null)
    if (standing) errors.status = vaccineMsg.contraindicated(standing)
  }
  if (Object.keys(errors).length) throw AppError.validation(errors)
  return { unitId: staff.unitId, fresh }
}

/** Inserts a registration already checked by checkNewRegistration. */
export async function insertRegistration(
  ctx: ServiceContext,
  input: z.output<typeof RegistrationInput>,
  checked: CheckedRegistration,
): Promise<number> {
  const stamp = ctx.now.toISOString()
  const inserted = await ctx.m.getRepository(VaccineRegistrationEntity).insert({
    roundId: input.roundId,
    staffId: input.staffId,
    unitId: checked.unitId,
    ...storedFields(input),
    createdBy: ctx.userId,
    createdAt: stamp,
    updatedAt: stamp,
  })
  const id = inserted.identifiers[0]!.id as number
  await writeDoses(ctx, input.staffId, id, input, checked.fresh)
  return id
}

export async function createRegistration(
  ctx: ServiceContext,
  input: z.output<typeof RegistrationInput>,
): Promise<RegistrationDetail> {
  await openRound(ctx.m, input.roundId)
  const checked = await checkNewRegistration(ctx.m, input)
  const id = await insertRegistration(ctx, input, checked)
  await markSubmitted(ctx, input.roundId, checked.unitId, null)
  const created = await getRegistration(ctx.m, id)
  ctx.audit.change('vaccination', id, null, registrationAudit(created))
  return created
}

export async function updateRegistration(
  ctx: ServiceContext,
  input: z.output<typeof RegistrationUpdateInput>,
): Promise<RegistrationDetail> {
  const { m } = ctx
  const before = await getRegistration(m, input.id)
  await openRound(m, before.roundId, 'id')
  const errors: Record<string, string> = {}
  await checkCatalogIds(m, input, errors)
  const fresh = await checkDoses(m, before.staffId, input, input.id, errors)
  if (SCHEDULED_STATUSES.includes(input.status)) {
    const standing =
      before.status === 'contraindicated' && !before.contraindicationClearedAt
        ? `phiếu này: ${before.statusReason ?? ''}`
        : await standingContraindication(m, before.staffId, input.id)
    if (standing) errors.status = vaccineMsg.contraindicated(standing)
  }
  if (Object.keys(errors).length) throw AppError.validation(errors)
  // A new contraindication starts uncleared.
  const reset = input.status === 'contraindicated' && before.status !== 'contraindicated'
  await m.getRepository(VaccineRegistrationEntity).update(input.id, {
    ...storedFields(input),
    ...(reset ? { contraindicationClearedAt: null, contraindicationClearedReason: null } : {}),
    updatedAt: ctx.now.toISOString(),
  })
  await writeDoses(ctx, before.staffId, input.id, input, fresh)
  const after = await getRegistration(m, input.id)
  ctx.audit.change('vaccination', input.id, registrationAudit(before), registrationAudit(after))
  return after
}

/** Lifts a contraindication, with the reason (a doctor's opinion, a new screening). */
export async function clearContraindication(
  ctx: ServiceContext,
  input: z.output<typeof ClearContraindicationInput>,
): Promise<RegistrationDetail> {
  const before = await getRegistration(ctx.m, input.id)
  await openRound(ctx.m, before.roundId, 'id')
  if (before.status !== 'contraindicated' || before.contraindicationClearedAt)
    throw AppError.conflict(vaccineMsg.notContraindicated, { id: vaccineMsg.notContraindicated })
  const stamp = ctx.now.toISOString()
  await ctx.m.getRepository(VaccineRegistrationEntity).update(input.id, {
    contraindicationClearedAt: stamp,
    contraindicationClearedReason: input.reason,
    updatedAt: stamp,
  })
  const after = await getRegistration(ctx.m, input.id)
  ctx.audit.change('vaccination', input.id, registrationAudit(before), registrationAudit(after))
  ctx.audit.note('vaccination', input.id, `Xoá chống chỉ định: ${input.reason}`)
  return after
}
