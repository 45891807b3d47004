import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import { rapidMsg } from '@shared/rapid-tests/schemas'
import type { CabinetDto, CabinetInput } from '@shared/rapid-tests/schemas'
import { vietnamDay } from '@shared/text/dates'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { UnitEntity } from '../units/entities'
import type { UnitRow } from '../units/entities'
import { MedicineCabinetEntity } from './entities'
import type { MedicineCabinetRow } from './entities'

const toDto = (u: Pick<UnitRow, 'id' | 'code' | 'name'>, c: MedicineCabinetRow | undefined): CabinetDto => ({
  unitId: u.id,
  unitCode: u.code,
  unitName: u.name,
  hasCabinet: c ? c.hasCabinet : null,
  checkedOn: c?.checkedOn ?? null,
  note: c?.note ?? null,
  updatedAt: c?.updatedAt ?? null,
})

/** Every active unit with its medicine cabinet as last recorded (null: never recorded). */
export async function listCabinets(m: EntityManager): Promise<CabinetDto[]> {
  const units = await m.getRepository(UnitEntity).find({
    select: { id: true, code: true, name: true },
    where: { active: true },
    order: { sortKey: 'ASC', id: 'ASC' },
  })
  const cabinets = new Map((await m.getRepository(MedicineCabinetEntity).find()).map((c) => [c.unitId, c]))
  return units.map((u) => toDto(u, cabinets.get(u.id)))
}

/** An active unit's cabinet, or a field error on `unitId`. */
async function cabinetOf(m: EntityManager, unitId: number): Promise<CabinetDto> {
  const unit = await m
    .getRepository(UnitEntity)
    .findOne({ select: { id: true, code: true, name: true }, where: { id: unitId, active: true } })
  if (!unit) throw AppError.validation({ unitId: rapidMsg.unitUnknown })
  const cabinet = await m.getRepository(MedicineCabinetEntity).findOneBy({ unitId })
  return toDto(unit, cabinet ?? undefined)
}

export async function saveCabinet(
  ctx: ServiceContext,
  input: z.output<typeof CabinetInput>,
): Promise<CabinetDto> {
  const { m, now } = ctx
  if (input.checkedOn && input.checkedOn > vietnamDay(now))
    throw AppError.validation({ checkedOn: rapidMsg.checkedFuture })
  const before = await cabinetOf(m, input.unitId)
  await m.getRepository(MedicineCabinetEntity).upsert(
    {
      unitId: input.unitId,
      hasCabinet: input.hasCabinet,
      checkedOn: input.checkedOn,
      note: input.note,
      updatedAt: now.toISOString(),
      updatedBy: ctx.userId,
    },
    ['unitId'],
  )
  const after = await cabinetOf(m, input.unitId)
  ctx.audit.change(
    'medicineCabinet',
    input.unitId,
    before.updatedAt
      ? { hasCabinet: before.hasCabinet, checkedOn: before.checkedOn, note: before.note }
      : null,
    { hasCabinet: after.hasCabinet, checkedOn: after.checkedOn, note: after.note },
  )
  return after
}
