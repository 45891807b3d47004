import type { ServiceContext } from '../core/context'
import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { Page } from '@shared/contract'
import type {
  CatalogInput,
  CatalogItem,
  ClearContraindicationInput,
  Consolidation,
  ConsolidationCell,
  Dose,
  DoseDto,
  RegistrationDetail,
  RegistrationDto,
  RegistrationInput,
  RegistrationListQuery,
  RegistrationUpdateInput,
  RoundDto,
  RoundInput,
  UnitResponse,
  UnitSubmissionInput,
  VaccinationStatus,
} from '@shared/vaccines/schemas'
import {
  DOSES,
  SCHEDULED_STATUSES,
  VACCINATION_STATUSES,
  doseLabels,
  vaccineMsg,
} from '@shared/vaccines/schemas'
import { searchKey } from '@shared/text/search-key'
import { vietnamDayEnd } from '@shared/text/dates'
import { AppError } from '../core/errors'
import { searchCondition } from '../db/sqlite/search-index'
import { bind } from '../db/sql'
import { dayText } from '../imports/xlsx'
import { ANONYMISED_NAME } from '../visitors/mapping'

// ------------------------------------------------------------------ editable lists

export type CatalogTable = 'vaccines' | 'vaccine_priority_groups'

export async function listCatalog(m: EntityManager, table: CatalogTable): Promise<CatalogItem[]> {
  const rows = (await m.query(
    `SELECT id, name, active, builtin FROM ${table} ORDER BY sort_order, name_key, id`,
  )) as Array<{
    id: number
    name: string
    active: number
    builtin: number
  }>
  return rows.map((r) => ({ id: r.id, name: r.name, active: r.active === 1, builtin: r.builtin === 1 }))
}

/** Adds a name or renames / retires one; names are unique ignoring case and marks. */
export async function saveCatalog(
  ctx: ServiceContext,
  table: CatalogTable,
  input: z.output<typeof CatalogInput>,
): Promise<CatalogItem> {
  const { m } = ctx
  const key = searchKey(input.name)
  const [same] = (await m.query(`SELECT id FROM ${table} WHERE name_key = ?`, [key])) as Array<{ id: number }>
  if (same && same.id !== input.id) throw AppError.validation({ name: vaccineMsg.nameTaken })
  const stamp = ctx.now.toISOString()
  const entity = table === 'vaccines' ? 'vaccine' : 'priorityGroup'
  let itemId: number
  if (input.id) {
    const before = (await listCatalog(m, table)).find((c) => c.id === input.id)
    if (!before) throw AppError.notFound('Không tìm thấy mục này')
    await m.query(`UPDATE ${table} SET name = ?, name_key = ?, active = ?, updated_at = ? WHERE id = ?`, [
      input.name,
      key,
      input.active ? 1 : 0,
      stamp,
      input.id,
    ])
    itemId = input.id
    ctx.audit.change(entity, itemId, before, { ...before, name: input.name, active: input.active })
  } else {
    const [{ id }] = (await m.query(
      `INSERT INTO ${table} (name, name_key, active, builtin, sort_order, created_at, updated_at)
       VALUES (?, ?, ?, 0, (SELECT coalesce(max(sort_order), 0) + 1 FROM ${table}), ?, ?) RETURNING id`,
      [input.name, key, input.active ? 1 : 0, stamp, stamp],
    )) as [{ id: number }]
    itemId = id
    ctx.audit.change(entity, itemId, null, { name: input.name, active: input.active })
  }
  return (await listCatalog(m, table)).find((c) => c.id === itemId)!
}

// ------------------------------------------------------------------ rounds

const SELECT_ROUND = `
  SELECT r.id, r.name, r.document_ref, r.opened_on, r.deadline, r.closed, r.note,
         (SELECT count(*) FROM vaccine_registrations g WHERE g.round_id = r.id) AS registrations,
         (SELECT count(*) FROM vaccine_round_units s WHERE s.round_id = r.id) AS units_responded
  FROM vaccine_rounds r`

interface RoundRow {
  id: number
  name: string
  document_ref: string | null
  opened_on: string
  deadline: string
  closed: number
  note: string | null
  registrations: number
  units_responded: number
}

const roundDto = (r: RoundRow): RoundDto => ({
  id: r.id,
  name: r.name,
  documentRef: r.document_ref,
  openedOn: r.opened_on,
  deadline: r.deadline,
  closed: r.closed === 1,
  note: r.note,
  registrations: r.registrations,
  unitsResponded: r.units_responded,
})

export async function listRounds(m: EntityManager): Promise<RoundDto[]> {
  return ((await m.query(`${SELECT_ROUND} ORDER BY r.opened_on DESC, r.id DESC`)) as RoundRow[]).map(roundDto)
}

export async function getRound(m: EntityManager, id: number): Promise<RoundDto> {
  const [row] = (await m.query(`${SELECT_ROUND} WHERE r.id = ?`, [id])) as RoundRow[]
  if (!row) throw AppError.notFound(vaccineMsg.roundNotFound)
  return roundDto(row)
}

export async function saveRound(ctx: ServiceContext, input: z.output<typeof RoundInput>): Promise<RoundDto> {
  const { m } = ctx
  const stamp = ctx.now.toISOString()
  const values = [
    input.name,
    input.documentRef,
    input.openedOn,
    input.deadline,
    input.closed ? 1 : 0,
    input.note,
  ]
  if (input.id) {
    const before = await getRound(m, input.id)
    await m.query(
      `UPDATE vaccine_rounds SET name = ?, document_ref = ?, opened_on = ?, deadline = ?, closed = ?, note = ?,
         updated_at = ? WHERE id = ?`,
      [...values, stamp, input.id],
    )
    const after = await getRound(m, input.id)
    ctx.audit.change('vaccineRound', input.id, before, after)
    return after
  }
  const [{ id }] = (await m.query(
    `INSERT INTO vaccine_rounds (name, document_ref, opened_on, deadline, closed, note, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [...values, stamp, stamp],
  )) as [{ id: number }]
  const round = await getRound(m, id)
  ctx.audit.change('vaccineRound', id, null, round)
  return round
}

async function openRound(m: EntityManager, roundId: number, field = 'roundId'): Promise<RoundDto> {
  const [row] = (await m.query(`${SELECT_ROUND} WHERE r.id = ?`, [roundId])) as RoundRow[]
  if (!row) throw AppError.validation({ [field]: vaccineMsg.roundNotFound })
  if (row.closed) throw AppError.conflict(vaccineMsg.roundClosed, { [field]: vaccineMsg.roundClosed })
  return roundDto(row)
}

/** Records that a unit's list for the round was received (kept from the first time). */
export async function markSubmitted(
  ctx: ServiceContext,
  roundId: number,
  unitId: number,
  note: string | null,
) {
  await ctx.m.query(
    `INSERT INTO vaccine_round_units (round_id, unit_id, submitted_at, note) VALUES (?, ?, ?, ?)
     ON CONFLICT (round_id, unit_id) DO NOTHING`,
    [roundId, unitId, ctx.now.toISOString(), note],
  )
}

export async function setUnitSubmission(
  ctx: ServiceContext,
  input: z.output<typeof UnitSubmissionInput>,
): Promise<Consolidation> {
  await openRound(ctx.m, input.roundId)
  const [unit] = (await ctx.m.query(`SELECT id FROM units WHERE id = ?`, [input.unitId])) as unknown[]
  if (!unit) throw AppError.validation({ unitId: 'Đơn vị không tồn tại' })
  if (input.submitted) await markSubmitted(ctx, input.roundId, input.unitId, input.note)
  else
    await ctx.m.query(`DELETE FROM vaccine_round_units WHERE round_id = ? AND unit_id = ?`, [
      input.roundId,
      input.unitId,
    ])
  ctx.audit.note(
    'vaccineRound',
    input.roundId,
    input.submitted
      ? `Ghi nhận đơn vị ${input.unitId} đã gửi danh sách${input.note ? `: ${input.note}` : ''}`
      : `Bỏ ghi nhận đơn vị ${input.unitId} đã gửi danh sách`,
  )
  return consolidate(ctx.m, input.roundId, ctx.now)
}

// ------------------------------------------------------------------ registrations

const SELECT_REGISTRATION = `
  SELECT g.*, s.full_name AS staff_name, s.id_number, s.date_of_birth, s.gender, s.phone, s.position,
         u.name AS unit_name, v.name AS vaccine_name, p.name AS group_name
  FROM vaccine_registrations g
  JOIN staff s ON s.id = g.staff_id
  JOIN units u ON u.id = g.unit_id
  LEFT JOIN vaccines v ON v.id = g.vaccine_id
  LEFT JOIN vaccine_priority_groups p ON p.id = g.priority_group_id`

type RegistrationRow = Record<string, unknown> & { id: number }

function registrationDto(r: RegistrationRow): RegistrationDto {
  const s = (k: string) => r[k] as string | null
  return {
    id: r.id,
    roundId: r.round_id as number,
    staffId: r.staff_id as number,
    staffName: s('staff_name') ?? ANONYMISED_NAME,
    idNumber: s('id_number') ?? '',
    dateOfBirth: s('date_of_birth'),
    gender: r.gender as RegistrationDto['gender'],
    phone: s('phone'),
    position: s('position'),
    unitId: r.unit_id as number,
    unitName: r.unit_name as string,
    dose: r.dose as Dose,
    vaccineId: r.vaccine_id as number | null,
    vaccineName: s('vaccine_name'),
    priorityGroupId: r.priority_group_id as number | null,
    priorityGroupName: s('group_name'),
    occupation: s('occupation'),
    insuranceNumber: s('insurance_number'),
    desiredOn: s('desired_on'),
    covid90Days: r.covid_90_days as RegistrationDto['covid90Days'],
    anaphylaxis: r.anaphylaxis as RegistrationDto['anaphylaxis'],
    pregnantOrNursing: r.pregnant_or_nursing as RegistrationDto['pregnantOrNursing'],
    underlyingConditions: r.underlying_conditions as RegistrationDto['underlyingConditions'],
    conditionsNote: s('conditions_note'),
    status: r.status as VaccinationStatus,
    statusReason: s('status_reason'),
    vaccinatedOn: s('vaccinated_on'),
    site: s('site'),
    lotNumber: s('lot_number'),
    lotExpiry: s('lot_expiry'),
    reaction: r.reaction === null ? null : r.reaction === 1,
    reactionNote: s('reaction_note'),
    contraindicationClearedAt: s('contraindication_cleared_at'),
    contraindicationClearedReason: s('contraindication_cleared_reason'),
    note: s('note'),
    updatedAt: r.updated_at as string,
  }
}

function registrationFilters(
  q: z.output<typeof RegistrationListQuery> | { roundId: number; unitId?: number | null },
) {
  const where = ['g.round_id = :roundId']
  const params: Record<string, unknown> = { roundId: q.roundId }
  if (q.unitId) {
    where.push('g.unit_id = :unitId')
    params.unitId = q.unitId
  }
  if ('status' in q && q.status) {
    where.push('g.status = :status')
    params.status = q.status
  }
  if ('dose' in q && q.dose) {
    where.push('g.dose = :dose')
    params.dose = q.dose
  }
  if ('q' in q) {
    const search = searchCondition('staff', 's', q.q)
    if (search) {
      where.push(search.sql)
      Object.assign(params, search.params)
    }
  }
  return { sql: `WHERE ${where.join(' AND ')}`, params }
}

export async function listRegistrations(
  m: EntityManager,
  q: z.output<typeof RegistrationListQuery>,
): Promise<Page<RegistrationDto>> {
  const { sql, params } = registrationFilters(q)
  const [countSql, countArgs] = bind(
    `SELECT count(*) AS n FROM vaccine_registrations g JOIN staff s ON s.id = g.staff_id ${sql}`,
    params,
  )
  const [{ n }] = (await m.query(countSql, countArgs)) as [{ n: number }]
  const [listSql, listArgs] = bind(
    `${SELECT_REGISTRATION} ${sql} ORDER BY u.sort_key, u.id, s.sort_key, g.id LIMIT :limit OFFSET :offset`,
    { ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  )
  const rows = (await m.query(listSql, listArgs)) as RegistrationRow[]
  return { items: rows.map(registrationDto), total: n, page: q.page, pageSize: q.pageSize }
}

/** The consolidated list: every registration of the round (or of one unit), by unit then name. */
export async function allRegistrations(
  m: EntityManager,
  roundId: number,
  unitId: number | null,
): Promise<RegistrationDto[]> {
  const { sql, params } = registrationFilters({ roundId, unitId })
  const [listSql, listArgs] = bind(
    `${SELECT_REGISTRATION} ${sql} ORDER BY u.sort_key, u.id, s.sort_key, g.id`,
    params,
  )
  return ((await m.query(listSql, listArgs)) as RegistrationRow[]).map(registrationDto)
}

export async function staffDoses(m: EntityManager, staffId: number): Promise<DoseDto[]> {
  const rows = (await m.query(
    `SELECT d.dose, d.vaccine_id, v.name AS vaccine_name, d.given_on, d.registration_id
     FROM vaccine_doses d LEFT JOIN vaccines v ON v.id = d.vaccine_id WHERE d.staff_id = ? ORDER BY d.dose`,
    [staffId],
  )) as Array<{
    dose: Dose
    vaccine_id: number | null
    vaccine_name: string | null
    given_on: string
    registration_id: number | null
  }>
  return rows.map((r) => ({
    dose: r.dose,
    vaccineId: r.vaccine_id,
    vaccineName: r.vaccine_name,
    givenOn: r.given_on,
    registrationId: r.registration_id,
  }))
}

export async function getRegistration(m: EntityManager, id: number): Promise<RegistrationDetail> {
  const [row] = (await m.query(`${SELECT_REGISTRATION} WHERE g.id = ?`, [id])) as RegistrationRow[]
  if (!row) throw AppError.notFound(vaccineMsg.registrationNotFound)
  const dto = registrationDto(row)
  return { ...dto, doses: await staffDoses(m, dto.staffId) }
}

type RegistrationFields = Omit<z.output<typeof RegistrationUpdateInput>, 'id'>

/** An unresolved contraindication of the person, in another registration than `selfId`. */
async function standingContraindication(
  m: EntityManager,
  staffId: number,
  selfId: number | null,
): Promise<string | null> {
  const [row] = (await m.query(
    `SELECT r.name, g.status_reason FROM vaccine_registrations g JOIN vaccine_rounds r ON r.id = g.round_id
     WHERE g.staff_id = ? AND g.status = 'contraindicated' AND g.contraindication_cleared_at IS NULL AND g.id IS NOT ?
     LIMIT 1`,
    [staffId, selfId],
  )) as Array<{ name: string; status_reason: string | null }>
  return row ? `${row.name}: ${row.status_reason ?? ''}` : null
}

/**
 * The dose rules, with every problem at its field: the same dose is never given twice; the
 * doses before this one must be known; each dose comes after the one before it; dates of doses
 * given are not in the future (the schema), and the desired date is not before the last dose.
 * Returns the earlier doses the form declared that the store does not know yet.
 */
async function checkDoses(
  m: EntityManager,
  staffId: number,
  input: RegistrationFields,
  selfId: number | null,
  errors: Record<string, string>,
): Promise<RegistrationFields['priorDoses']> {
  const known = (await staffDoses(m, staffId)).filter(
    (d) => d.registrationId === null || d.registrationId !== selfId,
  )
  const dates = new Map<number, string>(known.map((d) => [d.dose, d.givenOn]))
  const fresh: RegistrationFields['priorDoses'] = []
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

async function checkCatalogIds(m: EntityManager, input: RegistrationFields, errors: Record<string, string>) {
  if (input.vaccineId !== null) {
    const [v] = (await m.query(`SELECT active FROM vaccines WHERE id = ?`, [input.vaccineId])) as Array<{
      active: number
    }>
    if (!v) errors.vaccineId = vaccineMsg.vaccineUnknown
  }
  if (input.priorityGroupId !== null) {
    const [g] = (await m.query(`SELECT active FROM vaccine_priority_groups WHERE id = ?`, [
      input.priorityGroupId,
    ])) as unknown[]
    if (!g) errors.priorityGroupId = vaccineMsg.groupUnknown
  }
  for (const [i, p] of input.priorDoses.entries())
    if (p.vaccineId !== null) {
      const [v] = (await m.query(`SELECT id FROM vaccines WHERE id = ?`, [p.vaccineId])) as unknown[]
      if (!v) errors[`priorDoses.${i}.vaccineId`] = vaccineMsg.vaccineUnknown
    }
}

const FIELD_COLUMNS: Array<[keyof RegistrationFields, string]> = [
  ['dose', 'dose'],
  ['vaccineId', 'vaccine_id'],
  ['priorityGroupId', 'priority_group_id'],
  ['occupation', 'occupation'],
  ['insuranceNumber', 'insurance_number'],
  ['desiredOn', 'desired_on'],
  ['covid90Days', 'covid_90_days'],
  ['anaphylaxis', 'anaphylaxis'],
  ['pregnantOrNursing', 'pregnant_or_nursing'],
  ['underlyingConditions', 'underlying_conditions'],
  ['conditionsNote', 'conditions_note'],
  ['status', 'status'],
  ['statusReason', 'status_reason'],
  ['vaccinatedOn', 'vaccinated_on'],
  ['site', 'site'],
  ['lotNumber', 'lot_number'],
  ['lotExpiry', 'lot_expiry'],
  ['reaction', 'reaction'],
  ['reactionNote', 'reaction_note'],
  ['note', 'note'],
]

const columnValue = (input: RegistrationFields, key: keyof RegistrationFields): unknown => {
  const v = input[key]
  return typeof v === 'boolean' ? (v ? 1 : 0) : v
}

/** Earlier doses the form declared, and the dose this registration gave (or no longer gives). */
async function writeDoses(
  ctx: ServiceContext,
  staffId: number,
  registrationId: number,
  input: RegistrationFields,
  fresh: RegistrationFields['priorDoses'],
) {
  const stamp = ctx.now.toISOString()
  for (const p of fresh)
    await ctx.m.query(
      `INSERT INTO vaccine_doses (staff_id, dose, vaccine_id, given_on, registration_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, NULL, ?, ?)`,
      [staffId, p.dose, p.vaccineId, p.givenOn, stamp, stamp],
    )
  await ctx.m.query(`DELETE FROM vaccine_doses WHERE registration_id = ?`, [registrationId])
  if (input.status === 'vaccinated')
    await ctx.m.query(
      `INSERT INTO vaccine_doses (staff_id, dose, vaccine_id, given_on, registration_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [staffId, input.dose, input.vaccineId, input.vaccinatedOn, registrationId, stamp, stamp],
    )
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
): Promise<{ unitId: number; fresh: RegistrationFields['priorDoses'] }> {
  const errors: Record<string, string> = {}
  const [staff] = (await m.query(`SELECT unit_id, active FROM staff WHERE id = ?`, [
    input.staffId,
  ])) as Array<{
    unit_id: number
    active: number
  }>
  if (!staff || staff.active !== 1) throw AppError.validation({ staffId: vaccineMsg.staffUnknown })
  const [taken] = (await m.query(
    `SELECT r.name FROM vaccine_registrations g JOIN vaccine_rounds r ON r.id = g.round_id
     WHERE g.round_id = ? AND g.staff_id = ?`,
    [input.roundId, input.staffId],
  )) as Array<{ name: string }>
  if (taken) errors.staffId = vaccineMsg.alreadyInRound(taken.name)
  await checkCatalogIds(m, input, errors)
  const fresh = await checkDoses(m, input.staffId, input, null, errors)
  if (SCHEDULED_STATUSES.includes(input.status)) {
    const standing = await standingContraindication(m, input.staffId, null)
    if (standing) errors.status = vaccineMsg.contraindicated(standing)
  }
  if (Object.keys(errors).length) throw AppError.validation(errors)
  return { unitId: staff.unit_id, fresh }
}

/** Inserts a registration already checked by checkNewRegistration. */
export async function insertRegistration(
  ctx: ServiceContext,
  input: z.output<typeof RegistrationInput>,
  checked: { unitId: number; fresh: RegistrationFields['priorDoses'] },
): Promise<number> {
  const stamp = ctx.now.toISOString()
  const columns = FIELD_COLUMNS.map(([, c]) => c)
  const [{ id }] = (await ctx.m.query(
    `INSERT INTO vaccine_registrations (round_id, staff_id, unit_id, ${columns.join(', ')}, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ${columns.map(() => '?').join(', ')}, ?, ?, ?) RETURNING id`,
    [
      input.roundId,
      input.staffId,
      checked.unitId,
      ...FIELD_COLUMNS.map(([k]) => columnValue(input, k)),
      ctx.userId,
      stamp,
      stamp,
    ],
  )) as [{ id: number }]
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
  await m.query(
    `UPDATE vaccine_registrations SET ${FIELD_COLUMNS.map(([, c]) => `${c} = ?`).join(', ')},
       ${reset ? 'contraindication_cleared_at = NULL, contraindication_cleared_reason = NULL,' : ''}
       updated_at = ? WHERE id = ?`,
    [...FIELD_COLUMNS.map(([k]) => columnValue(input, k)), ctx.now.toISOString(), input.id],
  )
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
  await ctx.m.query(
    `UPDATE vaccine_registrations SET contraindication_cleared_at = ?, contraindication_cleared_reason = ?,
       updated_at = ? WHERE id = ?`,
    [ctx.now.toISOString(), input.reason, ctx.now.toISOString(), input.id],
  )
  const after = await getRegistration(ctx.m, input.id)
  ctx.audit.change('vaccination', input.id, registrationAudit(before), registrationAudit(after))
  ctx.audit.note('vaccination', input.id, `Xoá chống chỉ định: ${input.reason}`)
  return after
}

// ------------------------------------------------------------------ consolidation

/**
 * Counts by unit × status × dose (read from the covering index), each active unit's answer to
 * the round and who had not answered by the end of the deadline day.
 */
export async function consolidate(m: EntityManager, roundId: number, now: Date): Promise<Consolidation> {
  const round = await getRound(m, roundId)
  const cells = (await m.query(
    `SELECT unit_id AS unitId, status, dose, count(*) AS count FROM vaccine_registrations
     WHERE round_id = ? GROUP BY unit_id, status, dose`,
    [roundId],
  )) as ConsolidationCell[]
  const rows = (await m.query(
    `SELECT u.id, u.name, s.submitted_at FROM units u
     LEFT JOIN vaccine_round_units s ON s.unit_id = u.id AND s.round_id = ?
     WHERE u.active = 1 OR s.unit_id IS NOT NULL OR u.id IN (SELECT unit_id FROM vaccine_registrations WHERE round_id = ?)
     ORDER BY u.sort_key, u.id`,
    [roundId, roundId],
  )) as Array<{ id: number; name: string; submitted_at: string | null }>
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
    submittedAt: r.submitted_at,
    late: r.submitted_at !== null && r.submitted_at >= deadlineEnd,
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
