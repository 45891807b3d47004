import type { EntityManager, SelectQueryBuilder } from 'typeorm'
import type { z } from 'zod'
import type { Page } from '@shared/contract'
import type {
  StaffDetail,
  StaffDto,
  StaffExportQuery,
  StaffListQuery,
  StaffMoveDto,
} from '@shared/staff/schemas'
import { staffMsg } from '@shared/staff/schemas'
import { AppError } from '../core/errors'
import { whereSearch } from '../db/search'
import { UnitEntity } from '../units/entities'
import { unitNames } from '../units/service'
import { ANONYMISED_NAME } from '../visitors/mapping'
import { StaffMemberEntity, StaffUnitMoveEntity } from './entities'
import type { StaffMemberRow } from './entities'

/** The rows as the screens show them, with their unit's name. */
async function toDtos(m: EntityManager, rows: StaffMemberRow[]): Promise<StaffDto[]> {
  const units = await unitNames(
    m,
    rows.map((r) => r.unitId),
  )
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unitId,
    unitName: units.get(r.unitId) ?? '',
    fullName: r.fullName ?? ANONYMISED_NAME,
    dateOfBirth: r.dateOfBirth,
    gender: r.gender,
    idNumber: r.idNumber ?? '',
    phone: r.phone,
    position: r.position,
    category: r.category,
    active: r.active,
    note: r.note,
    anonymised: r.anonymisedAt !== null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }))
}

const ORDER_BY: Record<z.output<typeof StaffListQuery>['sort'], string[]> = {
  name: ['s.sortKey'],
  unit: ['u.sortKey', 's.sortKey'],
  updatedAt: ['s.updatedAt'],
}

/** Staff with their unit joined (for its order), narrowed by the list's filters. */
function filtered(
  m: EntityManager,
  q: z.output<typeof StaffExportQuery>,
): SelectQueryBuilder<StaffMemberRow> {
  const qb = m
    .createQueryBuilder(StaffMemberEntity, 's')
    .innerJoin(UnitEntity.options.name, 'u', 'u.id = s.unitId')
  whereSearch(qb, 'staff', 's', q.q)
  if (q.unitId) qb.andWhere('s.unitId = :unitId', { unitId: q.unitId })
  if (q.category) qb.andWhere('s.category = :category', { category: q.category })
  if (q.active !== 'all') qb.andWhere('s.active = :active', { active: q.active === 'active' })
  return qb
}

export async function listStaff(
  m: EntityManager,
  q: z.output<typeof StaffListQuery>,
): Promise<Page<StaffDto>> {
  const qb = filtered(m, q)
  const total = await qb.getCount()
  const direction = q.order === 'desc' ? 'DESC' : 'ASC'
  for (const column of ORDER_BY[q.sort]) qb.addOrderBy(column, direction)
  const rows = await qb
    .addOrderBy('s.id', 'ASC')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .getMany()
  return { items: await toDtos(m, rows), total, page: q.page, pageSize: q.pageSize }
}

/** Every staff member the filters select, by unit then name (exports). */
export async function allStaff(m: EntityManager, q: z.output<typeof StaffExportQuery>): Promise<StaffDto[]> {
  const rows = await filtered(m, q)
    .orderBy('u.sortKey', 'ASC')
    .addOrderBy('u.id', 'ASC')
    .addOrderBy('s.sortKey', 'ASC')
    .addOrderBy('s.id', 'ASC')
    .getMany()
  return toDtos(m, rows)
}

export async function getStaff(m: EntityManager, id: number): Promise<StaffDto> {
  const row = await m.getRepository(StaffMemberEntity).findOneBy({ id })
  if (!row) throw AppError.notFound(staffMsg.notFound)
  const [staff] = await toDtos(m, [row])
  return staff!
}

export async function staffHistory(m: EntityManager, id: number): Promise<StaffMoveDto[]> {
  const moves = await m
    .getRepository(StaffUnitMoveEntity)
    .find({ where: { staffId: id }, order: { movedOn: 'ASC', id: 'ASC' } })
  const units = await unitNames(
    m,
    moves.flatMap((h) => [h.fromUnitId, h.toUnitId]),
  )
  return moves.map((h) => ({
    id: h.id,
    fromUnitId: h.fromUnitId,
    fromUnitName: h.fromUnitId === null ? null : (units.get(h.fromUnitId) ?? null),
    toUnitId: h.toUnitId,
    toUnitName: units.get(h.toUnitId) ?? '',
    movedOn: h.movedOn,
    reason: h.reason,
  }))
}

export async function getStaffDetail(m: EntityManager, id: number): Promise<StaffDetail> {
  return { ...(await getStaff(m, id)), history: await staffHistory(m, id) }
}

export interface IdHolder {
  id: number
  fullName: string
  unitName: string
}

async function holders(m: EntityManager, rows: StaffMemberRow[]): Promise<Array<[string, IdHolder]>> {
  const units = await unitNames(
    m,
    rows.map((r) => r.unitId),
  )
  return rows.map((r) => [
    r.idNumber ?? '',
    { id: r.id, fullName: r.fullName ?? ANONYMISED_NAME, unitName: units.get(r.unitId) ?? '' },
  ])
}

/** Every active staff member by ID number (one per number is the rule): what an import checks against. */
export async function activeHolders(m: EntityManager): Promise<Map<string, IdHolder>> {
  const rows = await m.getRepository(StaffMemberEntity).find({
    select: { id: true, idNumber: true, fullName: true, unitId: true },
    where: { active: true },
  })
  return new Map(await holders(m, rows))
}

/** The active staff member holding `idNumber`, other than `selfId`. */
export async function activeHolder(
  m: EntityManager,
  idNumber: string,
  selfId: number | null,
): Promise<IdHolder | null> {
  const qb = m
    .createQueryBuilder(StaffMemberEntity, 's')
    .where('s.idNumber = :idNumber', { idNumber })
    .andWhere('s.active = :active', { active: true })
  if (selfId !== null) qb.andWhere('s.id <> :selfId', { selfId })
  const row = await qb.orderBy('s.id', 'ASC').limit(1).getOne()
  return row ? (await holders(m, [row]))[0]![1] : null
}
