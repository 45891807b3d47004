import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { Page } from '@shared/contract'
import type {
  UnitDto,
  UnitInput,
  UnitKindDto,
  UnitKindInput,
  UnitListQuery,
  UnitOption,
  UnitOptionsQuery,
  UnitSetActiveInput,
  UnitUpdateInput,
} from '@shared/units/schemas'
import { unitMsg } from '@shared/units/schemas'
import { searchKeyOf } from '@shared/text/search-key'
import { vietnameseSortKey } from '@shared/text/sort-key'
import { AppError } from '../core/errors'
import { nowIso } from '../core/clock'
import { searchCondition } from '../db/sqlite/search-index'
import { bind } from '../db/sql'
import { UnitEntity, UnitKindEntity } from './entities'
import type { UnitRow } from './entities'

type UnitFields = z.output<typeof UnitInput>

interface UnitQueryRow {
  id: number
  code: string
  name: string
  kind_code: string
  kind_name: string
  parent_id: number | null
  parent_name: string | null
  address: string | null
  head_name: string | null
  head_title: string | null
  phone: string | null
  email: string | null
  note: string | null
  active: number
  is_sample: number
  created_at: string
  updated_at: string
}

const SELECT_UNIT = `
  SELECT u.id, u.code, u.name, u.kind_code, k.name AS kind_name, u.parent_id, p.name AS parent_name,
         u.address, u.head_name, u.head_title, u.phone, u.email, u.note, u.active, u.is_sample,
         u.created_at, u.updated_at
  FROM units u
  JOIN unit_kinds k ON k.code = u.kind_code
  LEFT JOIN units p ON p.id = u.parent_id`

function toDto(r: UnitQueryRow): UnitDto {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kindCode: r.kind_code,
    kindName: r.kind_name,
    parentId: r.parent_id,
    parentName: r.parent_name,
    address: r.address,
    headName: r.head_name,
    headTitle: r.head_title,
    phone: r.phone,
    email: r.email,
    note: r.note,
    active: r.active === 1,
    isSample: r.is_sample === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

const ORDER_BY: Record<z.output<typeof UnitListQuery>['sort'], string> = {
  name: 'u.sort_key',
  code: 'u.code',
  kind: 'k.sort_order, u.sort_key',
  updatedAt: 'u.updated_at',
}

export async function listUnits(m: EntityManager, q: z.output<typeof UnitListQuery>): Promise<Page<UnitDto>> {
  const where: string[] = []
  const params: Record<string, unknown> = {}
  const search = searchCondition('units', 'u', q.q)
  if (search) {
    where.push(search.sql)
    Object.assign(params, search.params)
  }
  if (q.kindCode) {
    where.push('u.kind_code = :kindCode')
    params.kindCode = q.kindCode
  }
  if (q.active !== 'all') where.push(`u.active = ${q.active === 'active' ? 1 : 0}`)
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const direction = q.order === 'desc' ? 'DESC' : 'ASC'
  const orderSql = ORDER_BY[q.sort]
    .split(', ')
    .map((c) => `${c} ${direction}`)
    .join(', ')
  const [countSql, countArgs] = bind(`SELECT COUNT(*) AS n FROM units u ${whereSql}`, params)
  const [{ n }] = (await m.query(countSql, countArgs)) as [{ n: number }]
  const [listSql, listArgs] = bind(
    `${SELECT_UNIT} ${whereSql} ORDER BY ${orderSql}, u.id LIMIT :limit OFFSET :offset`,
    { ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  )
  const rows = (await m.query(listSql, listArgs)) as UnitQueryRow[]
  return { items: rows.map(toDto), total: n, page: q.page, pageSize: q.pageSize }
}

/** An active unit by id, or null when there is none (or it was deactivated): the check every feature makes. */
export async function findActiveUnit(
  m: EntityManager,
  id: number,
): Promise<{ id: number; name: string } | null> {
  const [unit] = (await m.query('SELECT id, name FROM units WHERE id = ? AND active = 1', [id])) as Array<{
    id: number
    name: string
  }>
  return unit ?? null
}

export async function getUnit(m: EntityManager, id: number): Promise<UnitDto> {
  const rows = (await m.query(`${SELECT_UNIT} WHERE u.id = ?`, [id])) as UnitQueryRow[]
  if (!rows[0]) throw AppError.notFound(unitMsg.notFound)
  return toDto(rows[0])
}

export async function unitOptions(
  m: EntityManager,
  q: z.output<typeof UnitOptionsQuery>,
): Promise<UnitOption[]> {
  const rows = (await m.query(
    `SELECT id, code, name, kind_code, parent_id, active FROM units ${q.includeInactive ? '' : 'WHERE active = 1'} ORDER BY sort_key, id`,
  )) as Array<{
    id: number
    code: string
    name: string
    kind_code: string
    parent_id: number | null
    active: number
  }>
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kindCode: r.kind_code,
    parentId: r.parent_id,
    active: r.active === 1,
  }))
}

/** Collects every rule a write must satisfy, so the form shows all problems at once. */
async function checkUnit(m: EntityManager, input: UnitFields, selfId: number | null): Promise<void> {
  const errors: Record<string, string> = {}
  const units = m.getRepository(UnitEntity)
  const sameCode = await units.findOne({ where: { code: input.code } })
  if (sameCode && sameCode.id !== selfId) errors.code = unitMsg.codeTaken
  const kind = await m.getRepository(UnitKindEntity).findOne({ where: { code: input.kindCode } })
  if (!kind) errors.kindCode = unitMsg.kindUnknown
  if (input.parentId !== null) {
    const parent = await units.findOne({ where: { id: input.parentId } })
    if (!parent) errors.parentId = unitMsg.parentUnknown
    else if (!parent.active) errors.parentId = unitMsg.parentInactive
    else if (selfId !== null && (await isSelfOrDescendant(m, input.parentId, selfId)))
      errors.parentId = unitMsg.parentCycle
  }
  if (Object.keys(errors).length) throw AppError.validation(errors)
}

/** True when `candidate` is `unitId` itself or lies below it in the tree. */
async function isSelfOrDescendant(m: EntityManager, candidate: number, unitId: number): Promise<boolean> {
  const rows = (await m.query(
    `WITH RECURSIVE below(id) AS (
       SELECT ? UNION SELECT u.id FROM units u JOIN below b ON u.parent_id = b.id
     ) SELECT 1 AS hit FROM below WHERE id = ? LIMIT 1`,
    [unitId, candidate],
  )) as unknown[]
  return rows.length > 0
}

function derived(input: UnitFields): Pick<UnitRow, 'searchKey' | 'sortKey'> {
  return { searchKey: searchKeyOf(input.code, input.name), sortKey: vietnameseSortKey(input.name) }
}

export async function createUnit(
  m: EntityManager,
  input: UnitFields,
  options: { isSample?: boolean } = {},
): Promise<UnitDto> {
  await checkUnit(m, input, null)
  const now = nowIso()
  const saved = await m.getRepository(UnitEntity).save({
    ...input,
    ...derived(input),
    active: true,
    isSample: options.isSample ?? false,
    createdAt: now,
    updatedAt: now,
  })
  return getUnit(m, saved.id)
}

export async function updateUnit(
  m: EntityManager,
  input: z.output<typeof UnitUpdateInput>,
): Promise<UnitDto> {
  const repo = m.getRepository(UnitEntity)
  const current = await repo.findOne({ where: { id: input.id } })
  if (!current) throw AppError.notFound(unitMsg.notFound)
  const { id, ...fields } = input
  await checkUnit(m, fields, id)
  await repo.update({ id }, { ...fields, ...derived(fields), updatedAt: nowIso() })
  return getUnit(m, id)
}

/** Units are deactivated, never deleted: visits, staff and inspections keep pointing at them. */
export async function setUnitActive(
  m: EntityManager,
  input: z.output<typeof UnitSetActiveInput>,
): Promise<UnitDto> {
  const repo = m.getRepository(UnitEntity)
  const current = await repo.findOne({ where: { id: input.id } })
  if (!current) throw AppError.notFound(unitMsg.notFound)
  if (!input.active) {
    const children = await repo.count({ where: { parentId: input.id, active: true } })
    if (children > 0)
      throw AppError.conflict(unitMsg.hasActiveChildren, { active: unitMsg.hasActiveChildren })
  } else if (current.parentId !== null) {
    const parent = await repo.findOne({ where: { id: current.parentId } })
    if (parent && !parent.active)
      throw AppError.conflict(unitMsg.parentInactive, { parentId: unitMsg.parentInactive })
  }
  await repo.update({ id: input.id }, { active: input.active, updatedAt: nowIso() })
  return getUnit(m, input.id)
}

export async function listUnitKinds(m: EntityManager): Promise<UnitKindDto[]> {
  const rows = await m.getRepository(UnitKindEntity).find({ order: { sortOrder: 'ASC', name: 'ASC' } })
  return rows.map((r) => ({ code: r.code, name: r.name, builtin: r.builtin }))
}

export async function createUnitKind(
  m: EntityManager,
  input: z.output<typeof UnitKindInput>,
): Promise<UnitKindDto> {
  const repo = m.getRepository(UnitKindEntity)
  if (await repo.findOne({ where: { code: input.code } }))
    throw AppError.validation({ code: unitMsg.kindCodeTaken })
  await repo.insert({ code: input.code, name: input.name, builtin: false, sortOrder: 80 })
  return { code: input.code, name: input.name, builtin: false }
}
