import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { Dose, DoseDto, RegistrationUpdateInput } from '@shared/vaccines/schemas'
import { doseLabels, vaccineMsg } from '@shared/vaccines/schemas'
import type { ServiceContext } from '../core/context'
import { dayText } from '../imports/xlsx'
import { VaccineDoseEntity, VaccineEntity } from './entities'

/** What a registration form holds besides its round and person. */
export type RegistrationFields = Omit<z.output<typeof RegistrationUpdateInput>, 'id'>
export type PriorDoses = RegistrationFields['priorDoses']

/** A person's known doses, in order, with the vaccine's name. */
export async function staffDoses(m: EntityManager, staffId: number): Promise<DoseDto[]> {
  const rows = await m
    .createQueryBuilder(VaccineDoseEntity, 'd')
    .leftJoin(VaccineEntity.options.name, 'v', 'v.id = d.vaccineId')
    .select('d.dose', 'dose')
    .addSelect('d.vaccineId', 'vaccineId')
    .addSelect('v.name', 'vaccineName')
    .addSelect('d.givenOn', 'givenOn')
    .addSelect('d.registrationId', 'registrationId')
    .where('d.staffId = :staffId', { staffId })
    .orderBy('d.dose')
    .getRawMany<{
      dose: number
      vaccineId: number | null
      vaccineName: string | null
      givenOn: string
      registrationId: number | null
    }>()
  const id = (v: number | null) => (v === null ? null : Number(v))
  return rows.map((r) => ({
    dose: Number(r.dose) as Dose,
    vaccineId: id(r.vaccineId),
    vaccineName: r.vaccineName,
    givenOn: r.givenOn,
    registrationId: id(r.registrationId),
  }))
}

/**
 * The dose rules, with every problem at its field: the same dose is never given twice; the
 * doses before this one must be known; each dose comes after the one before it; dates of doses
 * given are not in the future (the schema), and the desired date is not before the last dose.
 * Returns the earlier doses the form declared that the store does not know yet.
 */
export async function checkDoses(
  m: EntityManager,
  staffId: number,
  input: RegistrationFields,
  selfId: number | null,
  errors: Record<string, string>,
): Promise<PriorDoses> {
  const known = (await staffDoses(m, staffId)).filter(
    (d) => d.registrationId === null || d.registrationId !== selfId,
  )
  const dates = new Map<number, string>(known.map((d) => [d.dose, d.givenOn]))
  const fresh: PriorDoses = []
  input.priorDoses.forEach((p, i) => {
    const stored = dates.get(p.dose)
    if (stored === undefined) {
      dates.set(p.dose, p.givenOn)
      fresh.push(p)
    } else if (stored !== p.givenOn)
      errors[`priorDoses.${i}.givenOn`] = vaccineMsg.priorConflict(doseLabels[p.dose], dayText(stored))
  })
  const given = dates.get(input.dose)
  if (given !== undefined) errors.dose = vaccineMsg.doseGiven(doseLabels[input.dose], dayText(given))
  for (let k = 1; k < input.dose; k++)
    if (!dates.has(k)) {
      errors.priorDoses ??= vaccineMsg.missingPrevious(doseLabels[k as Dose])
      break
    }
  // Each known or declared dose after the one before it.
  const ordered = [...dates.entries()].sort((a, b) => a[0] - b[0])
  for (let i = 1; i < ordered.length; i++) {
    const [prevDose, prevDay] = ordered[i - 1]!
    const [dose, day] = ordered[i]!
    if (day <= prevDay) {
      const at = input.priorDoses.findIndex((p) => p.dose === dose)
      const field = at >= 0 ? `priorDoses.${at}.givenOn` : 'priorDoses'
      errors[field] ??= vaccineMsg.beforePrevious(doseLabels[prevDose as Dose], dayText(prevDay))
    }
  }
  const before = ordered.filter(([d]) => d < input.dose).at(-1)
  const after = ordered.find(([d]) => d > input.dose)
  if (input.vaccinatedOn) {
    if (before && input.vaccinatedOn <= before[1])
      errors.vaccinatedOn = vaccineMsg.beforePrevious(doseLabels[before[0] as Dose], dayText(before[1]))
    else if (after && input.vaccinatedOn >= after[1])
      errors.vaccinatedOn = vaccineMsg.afterNext(doseLabels[after[0] as Dose], dayText(after[1]))
  }
  if (input.desiredOn && before && input.desiredOn <= before[1])
    errors.desiredOn = vaccineMsg.beforePrevious(doseLabels[before[0] as Dose], dayText(before[1]))
  return fresh
}

/** Earlier doses the form declared, and the dose this registration gave (or no longer gives). */
export async function writeDoses(
  ctx: ServiceContext,
  staffId: number,
  registrationId: number,
  input: RegistrationFields,
  fresh: PriorDoses,
): Promise<void> {
  const repo = ctx.m.getRepository(VaccineDoseEntity)
  const stamp = ctx.now.toISOString()
  const dose = (p: { dose: Dose; vaccineId: number | null; givenOn: string }, from: number | null) => ({
    staffId,
    dose: p.dose,
    vaccineId: p.vaccineId,
    givenOn: p.givenOn,
    registrationId: from,
    createdAt: stamp,
    updatedAt: stamp,
  })
  if (fresh.length) await repo.insert(fresh.map((p) => dose(p, null)))
  await repo.delete({ registrationId })
  if (input.status === 'vaccinated')
    await repo.insert(
      dose({ dose: input.dose, vaccineId: input.vaccineId, givenOn: input.vaccinatedOn! }, registrationId),
    )
}
