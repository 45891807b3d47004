import { In } from 'typeorm'
import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type {
  StaffDetail,
  StaffDto,
  StaffInput,
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
import { StaffMemberEntity, StaffUnitMoveEntity } from './entities'
import type { StaffMemberRow, StaffUnitMoveRow } from './entities'
import { activeHolder, getStaff, getStaffDetail } from './queries'
import { lockUntilCommit } from '../db/engine'

type StaffFields = z.output<typeof StaffInput>

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

export async function requireActiveUnit(m: EntityManager, unitId: number, field = 'unitId'): Promise<void> {
  if (!(await findActiveUnit(m, unitId))) throw AppError.validation({ [field]: staffMsg.unitUnknown })
}

/** Rows in one INSERT: well below every engine's limit on bound values (17 columns each). */
const INSERT_CHUNK = 500

function staffValues(input: StaffFields, stamp: string): Omit<StaffMemberRow, 'id'> {
  return {
    unitId: input.unitId,
    fullName: input.fullName,
    searchKey: staffSearchKey(input.fullName, input.idNumber, input.phone),
    sortKey: personSortKey(input.fullName),
    dateOfBirth: input.dateOfBirth,
    gender: input.gender,
    idNumber: input.idNumber,
    phone: input.phone,
    position: input.position,
    category: input.category,
    active: true,
    note: input.note,
    leftAt: null,
    anonymisedAt: null,
    createdAt: stamp,
    updatedAt: stamp,
  }
}

/**
 * Inserts checked staff members, each with the first line of their unit history, many rows
 * per statement (an import of thousands stays within seconds); checks are the caller's, so
 * each ID number is held by no other active member and finds its new row's id.
 */
export async function insertStaffMany(
  m: EntityManager,
  inputs: StaffFields[],
  stamp: string,
  userId: number | null,
): Promise<number[]> {
  const day = vietnamDay(stamp)
  const ids: number[] = []
  for (let start = 0; start < inputs.length; start += INSERT_CHUNK) {
    const chunk = inputs.slice(start, start + INSERT_CHUNK)
    // Without reading the inserted rows back, which would double the time of an import.
    await m
      .createQueryBuilder()
      .insert()
      .into(StaffMemberEntity)
      .values(chunk.map((input) => staffValues(input, stamp)))
      .updateEntity(false)
      .execute()
    const inserted = await m.getRepository(StaffMemberEntity).find({
      select: { id: true, idNumber: true },
      where: { active: true, idNumber: In(chunk.map((input) => input.idNumber)) },
    })
    const idOf = new Map(inserted.map((row) => [row.idNumber, row.id]))
    const chunkIds = chunk.map((input) => idOf.get(input.idNumber)!)
    await m
      .createQueryBuilder()
      .insert()
      .into(StaffUnitMoveEntity)
      .values(
        chunk.map((input, i): Omit<StaffUnitMoveRow, 'id'> => ({
          staffId: chunkIds[i]!,
          fromUnitId: null,
          toUnitId: input.unitId,
          movedOn: day,
          reason: null,
          createdBy: userId,
          createdAt: stamp,
        })),
      )
      .updateEntity(false)
      .execute()
    ids.push(...chunkIds)
  }
  return ids
}

export async function createStaff(ctx: ServiceContext, input: StaffFields): Promise<StaffDto> {
  const { m } = ctx
  const errors: Record<string, string> = {}
  if (!(await findActiveUnit(m, input.unitId))) errors.unitId = staffMsg.unitUnknown
  // Another seat adding the same person: this one looks for the holder once that one committed.
  await lockUntilCommit(m, `staff-id:${input.idNumber}`)
  const holder = await activeHolder(m, input.idNumber, null)
  if (holder) errors.idNumber = staffMsg.idTaken(holder.fullName, holder.unitName)
  if (Object.keys(errors).length) throw AppError.validation(errors)
  const [id] = await insertStaffMany(m, [input], ctx.now.toISOString(), ctx.userId)
  const staff = await getStaff(m, id!)
  ctx.audit.change('staff', id!, null, staffAudit(staff))
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
    await lockUntilCommit(m, `staff-id:${input.idNumber}`)
    const holder = await activeHolder(m, input.idNumber, input.id)
    if (holder) throw AppError.validation({ idNumber: staffMsg.idTaken(holder.fullName, holder.unitName) })
    if (!before.active) await requireActiveUnit(m, before.unitId, 'active')
  }
  const stamp = ctx.now.toISOString()
  await m.getRepository(StaffMemberEntity).update(
    { id: input.id },
    {
      fullName: input.fullName,
      searchKey: staffSearchKey(input.fullName, input.idNumber, input.phone),
      sortKey: personSortKey(input.fullName),
      dateOfBirth: input.dateOfBirth,
      gender: input.gender,
      idNumber: input.idNumber,
      phone: input.phone,
      position: input.position,
      category: input.category,
      active: input.active,
      note: input.note,
      updatedAt: stamp,
      // The retention clock starts when they leave and stops when they come back.
      ...(input.active ? { leftAt: null } : before.active ? { leftAt: stamp } : {}),
    },
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
  const moves = m.getRepository(StaffUnitMoveEntity)
  const last = await moves.findOne({
    select: { movedOn: true },
    where: { staffId: input.id },
    order: { movedOn: 'DESC' },
  })
  if (last && input.movedOn < last.movedOn) throw AppError.validation({ movedOn: staffMsg.moveBeforeLast })
  const stamp = ctx.now.toISOString()
  await moves.insert({
    staffId: input.id,
    fromUnitId: before.unitId,
    toUnitId: input.unitId,
    movedOn: input.movedOn,
    reason: input.reason,
    createdBy: ctx.userId,
    createdAt: stamp,
  })
  await m
    .getRepository(StaffMemberEntity)
    .update({ id: input.id }, { unitId: input.unitId, updatedAt: stamp })
  const after = await getStaffDetail(m, input.id)
  ctx.audit.change('staff', input.id, { unitId: before.unitId }, { unitId: after.unitId })
  return after
}
