import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { Page } from '@shared/contract'
import type {
  StaffDetail,
  StaffDto,
  StaffExportQuery,
  StaffInput,
  StaffListQuery,
  StaffMoveDto,
  StaffMoveInput,
  StaffUpdateInput,
} from '@shared/staff/schemas'
import { staffMsg } from '@shared/staff/schemas'
import { searchKeyOf } from '@shared/text/search-key'
import { vietnameseSortKey } from '@shared/text/sort-key'
import { vietnamDay } from '@shared/text/dates'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { findActiveUnit } from '../units/service'
import { ANONYMISED_NAME } from '../visitors/service'
import { searchCondition } from '../db/sqlite/search-index'
import { bind } from '../db/sql'
import { rawDatabase } from '../db/sqlite/connection'

type StaffFields = z.output<typeof StaffInput>

interface StaffRow {
  id: number
  unit_id: number
  unit_name: string
  full_name: string | null
  date_of_birth: string | null
  gender: StaffDto['gender']
  id_number: string | null
  phone: string | null
  position: string | null
  category: StaffDto['category']
  active: number
  note: string | null
  anonymised_at: string | null
  created_at: string
  updated_at: string
}

const SELECT_STAFF = `
  SELECT s.id, s.unit_id, u.name AS unit_name, s.full_name, s.date_of_birth, s.gender, s.id_number, s.phone,
         s.position, s.category, s.active, s.note, s.anonymised_at, s.created_at, s.updated_at
  FROM staff s JOIN units u ON u.id = s.unit_id`

function toDto(r: StaffRow): StaffDto {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    fullName: r.full_name ?? ANONYMISED_NAME,
    dateOfBirth: r.date_of_birth,
    gender: r.gender,
    idNumber: r.id_number ?? '',
    phone: r.phone,
    position: r.position,
    category: r.category,
    active: r.active === 1,
    note: r.note,
    anonymised: r.anonymised_at !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

/**
 * Vietnamese lists of people are ordered by the given name (the last word) with its tone, then
 * the family and middle names: "Nguyễn Văn An", "Lê Văn Anh", "Đỗ Ánh", "Trần Thị Bình".
 */
export function personSortKey(fullName: string): string {
  const words = fullName.trim().split(/\s+/)
  const given = words[words.length - 1] ?? ''
  return `${vietnameseSortKey(given)}\u0002${vietnameseSortKey(words.slice(0, -1).join(' '))}`
}

export const staffSearchKey = (fullName: string, idNumber: string, phone: string | null): string =>
  searchKeyOf(fullName, idNumber, phone)

/** What the audit trail records of a staff member (personal fields are masked by the trail). */
export function staffAudit(s: StaffDto): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, unitName: _n, ...rest } = s
  return rest
}

const ORDER_BY: Record<z.output<typeof StaffListQuery>['sort'], string[]> = {
  name: ['s.sort_key'],
  unit: ['u.sort_key', 's.sort_key'],
  updatedAt: ['s.updated_at'],
}

function filters(q: z.output<typeof StaffExportQuery>): { sql: string; params: Record<string, unknown> } {
  const where: string[] = []
  const params: Record<string, unknown> = {}
  const search = searchCondition('staff', 's', q.q)
  if (search) {
    where.push(search.sql)
    Object.assign(params, search.params)
  }
  if (q.unitId) {
    where.push('s.unit_id = :unitId')
    params.unitId = q.unitId
  }
  if (q.category) {
    where.push('s.category = :category')
    params.category = q.category
  }
  if (q.active !== 'all') where.push(`s.active = ${q.active === 'active' ? 1 : 0}`)
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params }
}

export async function listStaff(
  m: EntityManager,
  q: z.output<typeof StaffListQuery>,
): Promise<Page<StaffDto>> {
  const { sql: whereSql, params } = filters(q)
  const direction = q.order === 'desc' ? 'DESC' : 'ASC'
  const orderSql = ORDER_BY[q.sort].map((c) => `${c} ${direction}`).join(', ')
  const [countSql, countArgs] = bind(
    `SELECT COUNT(*) AS n FROM staff s JOIN units u ON u.id = s.unit_id ${whereSql}`,
    params,
  )
  const [{ n }] = (await m.query(countSql, countArgs)) as [{ n: number }]
  const [listSql, listArgs] = bind(
    `${SELECT_STAFF} ${whereSql} ORDER BY ${orderSql}, s.id LIMIT :limit OFFSET :offset`,
    { ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  )
  const rows = (await m.query(listSql, listArgs)) as StaffRow[]
  return { items: rows.map(toDto), total: n, page: q.page, pageSize: q.pageSize }
}

/** Every staff member the filters select, by unit then name (exports). */
export async function allStaff(m: EntityManager, q: z.output<typeof StaffExportQuery>): Promise<StaffDto[]> {
  const { sql: whereSql, params } = filters(q)
  const [sql, args] = bind(`${SELECT_STAFF} ${whereSql} ORDER BY u.sort_key, u.id, s.sort_key, s.id`, params)
  return ((await m.query(sql, args)) as StaffRow[]).map(toDto)
}

export async function getStaff(m: EntityManager, id: number): Promise<StaffDto> {
  const rows = (await m.query(`${SELECT_STAFF} WHERE s.id = ?`, [id])) as StaffRow[]
  if (!rows[0]) throw AppError.notFound(staffMsg.notFound)
  return toDto(rows[0])
}

export async function staffHistory(m: EntityManager, id: number): Promise<StaffMoveDto[]> {
  const rows = (await m.query(
    `SELECT h.id, h.from_unit_id, f.name AS from_name, h.to_unit_id, t.name AS to_name, h.moved_on, h.reason
     FROM staff_unit_history h
     LEFT JOIN units f ON f.id = h.from_unit_id
     JOIN units t ON t.id = h.to_unit_id
     WHERE h.staff_id = ? ORDER BY h.moved_on, h.id`,
    [id],
  )) as Array<{
    id: number
    from_unit_id: number | null
    from_name: string | null
    to_unit_id: number
    to_name: string
    moved_on: string
    reason: string | null
  }>
  return rows.map((r) => ({
    id: r.id,
    fromUnitId: r.from_unit_id,
    fromUnitName: r.from_name,
    toUnitId: r.to_unit_id,
    toUnitName: r.to_name,
    movedOn: r.moved_on,
    reason: r.reason,
  }))
}

export async function getStaffDetail(m: EntityManager, id: number): Promise<StaffDetail> {
  return { ...(await getStaff(m, id)), history: await staffHistory(m, id) }
}

export async function requireActiveUnit(m: EntityManager, unitId: number, field = 'unitId'): Promise<void> {
  if (!(await findActiveUnit(m, unitId))) throw AppError.validation({ [field]: staffMsg.unitUnknown })
}

/** The active staff member holding `idNumber`, other than `selfId`. */
export async function activeHolder(
  m: EntityManager,
  idNumber: string,
  selfId: number | null,
): Promise<{ id: number; fullName: string; unitName: string } | null> {
  const [row] = (await m.query(
    `SELECT s.id, s.full_name, u.name AS unit_name FROM staff s JOIN units u ON u.id = s.unit_id
     WHERE s.id_number = ? AND s.active = 1 AND s.id IS NOT ? LIMIT 1`,
    [idNumber, selfId],
  )) as Array<{ id: number; full_name: string; unit_name: string }>
  return row ? { id: row.id, fullName: row.full_name, unitName: row.unit_name } : null
}

/** Inserts one staff member and the first line of their unit history; checks are the caller's. */
export async function insertStaff(
  m: EntityManager,
  input: StaffFields,
  stamp: string,
  userId: number | null,
): Promise<number> {
  const [{ id }] = (await m.query(
    `INSERT INTO staff (unit_id, full_name, search_key, sort_key, date_of_birth, gender, id_number, phone, position,
       category, active, note, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id`,
    [
      input.unitId,
      input.fullName,
      staffSearchKey(input.fullName, input.idNumber, input.phone),
      personSortKey(input.fullName),
      input.dateOfBirth,
      input.gender,
      input.idNumber,
      input.phone,
      input.position,
      input.category,
      input.note,
      stamp,
      stamp,
    ],
  )) as [{ id: number }]
  await m.query(
    `INSERT INTO staff_unit_history (staff_id, from_unit_id, to_unit_id, moved_on, reason, created_by, created_at)
     VALUES (?, NULL, ?, ?, NULL, ?, ?)`,
    [id, input.unitId, vietnamDay(stamp), userId, stamp],
  )
  return id
}

/**
 * Inserts many checked staff members with prepared statements on the store's one connection
 * (inside the caller's transaction): an import of thousands of rows stays within seconds.
 */
export function insertStaffMany(
  m: EntityManager,
  inputs: StaffFields[],
  stamp: string,
  userId: number | null,
): number[] {
  const db = rawDatabase(m.connection)
  const staff = db.prepare(
    `INSERT INTO staff (unit_id, full_name, search_key, sort_key, date_of_birth, gender, id_number, phone, position,
       category, active, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
  )
  const history = db.prepare(
    `INSERT INTO staff_unit_history (staff_id, from_unit_id, to_unit_id, moved_on, reason, created_by, created_at)
     VALUES (?, NULL, ?, ?, NULL, ?, ?)`,
  )
  const day = vietnamDay(stamp)
  return inputs.map((input) => {
    const id = Number(
      staff.run(
        input.unitId,
        input.fullName,
        staffSearchKey(input.fullName, input.idNumber, input.phone),
        personSortKey(input.fullName),
        input.dateOfBirth,
        input.gender,
        input.idNumber,
        input.phone,
        input.position,
        input.category,
        input.note,
        stamp,
        stamp,
      ).lastInsertRowid,
    )
    history.run(id, input.unitId, day, userId, stamp)
    return id
  })
}

export async function createStaff(ctx: ServiceContext, input: StaffFields): Promise<StaffDto> {
  const { m } = ctx
  const errors: Record<string, string> = {}
  if (!(await findActiveUnit(m, input.unitId))) errors.unitId = staffMsg.unitUnknown
  const holder = await activeHolder(m, input.idNumber, null)
  if (holder) errors.idNumber = staffMsg.idTaken(holder.fullName, holder.unitName)
  if (Object.keys(errors).length) throw AppError.validation(errors)
  const id = await insertStaff(m, input, ctx.now.toISOString(), ctx.userId)
  const staff = await getStaff(m, id)
  ctx.audit.change('staff', id, null, staffAudit(staff))
  return staff
}

export async function updateStaff(
  ctx: ServiceContext,
  input: z.output<typeof StaffUpdateInput>,
): Promise<StaffDto> {
  const { m } = ctx
  const before = await getStaff(m, input.id)
  if (before.anonymised) throw AppError.validation({ fullName: staffMsg.anonymised })
  // Reactivating someone whose ID number went to a new active row meanwhile is refused too.
  if (input.active) {
    const holder = await activeHolder(m, input.idNumber, input.id)
    if (holder) throw AppError.validation({ idNumber: staffMsg.idTaken(holder.fullName, holder.unitName) })
    if (!before.active) await requireActiveUnit(m, before.unitId, 'active')
  }
  await m.query(
    `UPDATE staff SET full_name = ?, search_key = ?, sort_key = ?, date_of_birth = ?, gender = ?, id_number = ?,
       phone = ?, position = ?, category = ?, active = ?, note = ?, updated_at = ?,
       left_at = CASE WHEN ? = 1 THEN NULL WHEN active = 1 THEN ? ELSE left_at END
     WHERE id = ?`,
    [
      input.fullName,
      staffSearchKey(input.fullName, input.idNumber, input.phone),
      personSortKey(input.fullName),
      input.dateOfBirth,
      input.gender,
      input.idNumber,
      input.phone,
      input.position,
      input.category,
      input.active ? 1 : 0,
      input.note,
      ctx.now.toISOString(),
      input.active ? 1 : 0,
      ctx.now.toISOString(),
      input.id,
    ],
  )
  const after = await getStaff(m, input.id)
  ctx.audit.change('staff', input.id, staffAudit(before), staffAudit(after))
  return after
}

/** Moves an active staff member to another unit on a date, keeping where they were before. */
export async function moveStaff(
  ctx: ServiceContext,
  input: z.output<typeof StaffMoveInput>,
): Promise<StaffDetail> {
  const { m } = ctx
  const before = await getStaff(m, input.id)
  if (!before.active) throw AppError.validation({ unitId: staffMsg.moveInactive })
  if (before.unitId === input.unitId) throw AppError.validation({ unitId: staffMsg.moveSameUnit })
  await requireActiveUnit(m, input.unitId)
  const [last] = (await m.query(`SELECT MAX(moved_on) AS d FROM staff_unit_history WHERE staff_id = ?`, [
    input.id,
  ])) as Array<{ d: string | null }>
  if (last?.d && input.movedOn < last.d) throw AppError.validation({ movedOn: staffMsg.moveBeforeLast })
  const stamp = ctx.now.toISOString()
  await m.query(
    `INSERT INTO staff_unit_history (staff_id, from_unit_id, to_unit_id, moved_on, reason, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [input.id, before.unitId, input.unitId, input.movedOn, input.reason, ctx.userId, stamp],
  )
  await m.query(`UPDATE staff SET unit_id = ?, updated_at = ? WHERE id = ?`, [input.unitId, stamp, input.id])
  const after = await getStaffDetail(m, input.id)
  ctx.audit.change('staff', input.id, { unitId: before.unitId }, { unitId: after.unitId })
  return after
}
