import { In } from 'typeorm'
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
import { whereSearch } from '../db/search'
import { UnitEntity, UnitKindEntity } from './entities'
import type { UnitRow } from './entities'

type UnitFields = z.output<typeof UnitInput>

/** The names of the units with these ids (a missing id is left out). */
export async function unitNames(
  m: EntityManager,
  ids: Iterable<number | null>,
): Promise<Map<number, string>> {
  const wanted = [...new Set([...ids].filter((id): id is number => id !== null))]
  if (!wanted.length) return new Map()
  const rows = await m
    .getRepository(UnitEntity)
    .find({ select: { id: true, name: true }, where: { id: In(wanted) } })
  return new Map(rows.map((u) => [u.id, u.name]))
}

/** The rows as the screens show them, with their kind's and parent's names. */
async function toDtos(m: EntityManager, rows: UnitRow[]): Promise<UnitDto[]> {
  const kinds = new Map((await m.getRepository(UnitKindEntity).find()).map((k) => [k.code, k.name]))
  const parents = await unitNames(
    m,
    rows.map((r) => r.parentId),
  )
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kindCode: r.kindCode,
    kindName: kinds.get(r.kindCode) ?? r.kindCode,
    parentId: r.parentId,
    parentName: r.parentId === null ? null : (parents.get(r.parentId) ?? null),
    address: r.address,
    headName: r.headName,
    headTitle: r.headTitle,
    phone: r.phone,
    email: r.email,
    note: r.note,
    active: r.active,
    isSample: r.isSample,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }))
}

const ORDER_BY: Record<z.output<typeof UnitListQuery>['sort'], string[]> = {
  name: ['u.sortKey'],
  code: ['u.code'],
  kind: ['k.sortOrder', 'u.sortKey'],
  updatedAt: ['u.updatedAt'],
}

export async function listUnits(m: EntityManager, q: z.output<typeof UnitListQuery>): Promise<Page<UnitDto>> {
  const qb = m
    .createQueryBuilder(UnitEntity, 'u')
    .innerJoin(UnitKindEntity.options.name, 'k', 'k.code = u.kindCode')
  whereSearch(qb, 'units', 'u', q.q)
  if (q.kindCode) qb.andWhere('u.kindCode = :kindCode', { kindCode: q.kindCode })
  if (q.active !== 'all') qb.andWhere('u.active = :active', { active: q.active === 'active' })
  const total = await qb.getCount()
  const direction = q.order === 'desc' ? 'DESC' : 'ASC'
  for (const column of ORDER_BY[q.sort]) qb.addOrderBy(column, direction)
  const rows = await qb
    .addOrderBy('u.id', 'ASC')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .getMany()
  return { items: await toDtos(m, rows), total, page: q.page, pageSize: q.pageSize }
}

/** An active unit by id, or null when there is none (or it was deactivated): the check every feature makes. */
export async function findActiveUnit(
  m: EntityManager,
  id: number,
): Promise<{ id: number; name: string } | null> {
  return m
    .getRepository(UnitEntity)
    .findOne({ select: { id: true, name: true }, where: { id, active: true } })
}

export async function getUnit(m: EntityManager, id: number): Promise<UnitDto> {
  const row = await m.getRepository(UnitEntity).findOneBy({ id })
  if (!row) throw AppError.notFound(unitMsg.notFound)
  const [unit] = await toDtos(m, [row])
  return unit!
}

export async function unitOptions(
  m: EntityManager,
  q: z.output<typeof UnitOptionsQuery>,
): Promise<UnitOption[]> {
  return m.getRepository(UnitEntity).find({
    select: { id: true, code: true, name: true, kindCode: true, parentId: true, active: true },
    where: q.includeInactive ? {} : { active: true },
    order: { sortKey: 'ASC', id: 'ASC' },
  })
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

/** True when `candidate` is `unitId` itself or lies below it in the tree: walks up from the candidate. */
async function isSelfOrDescendant(m: EntityManager, candidate: number, unitId: number): Promise<boolean> {
  const units = m.getRepository(UnitEntity)
  const seen = new Set<number>()
  for (let id: number | null = candidate; id !== null && !seen.has(id);) {
    if (id === unitId) return true
    seen.add(id)
    const unit: Pick<UnitRow, 'parentId'> | null = await units.findOne({
      select: { parentId: true },
      where: { id },
    })
    id = unit?.parentId ?? null
  }
  return false
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
