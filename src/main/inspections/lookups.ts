import type { EntityManager } from 'typeorm'
import { inspectionMsg } from '@shared/inspections/schemas'
import { AppError } from '../core/errors'
import { UnitEntity } from '../units/entities'
import { InspectionPlanEntity } from './entities'

/** A plan's number and symbol as printed: `1023/KH-STP`. */
export const reference = (number: number, symbol: string) => `${number}/${symbol}`

/** A unit a form names must exist; the refusal goes on that form's field. */
export async function requireUnit(m: EntityManager, unitId: number, field: string): Promise<void> {
  if (!(await m.getRepository(UnitEntity).existsBy({ id: unitId })))
    throw AppError.validation({ [field]: inspectionMsg.unitUnknown })
}

export async function requirePlan(m: EntityManager, planId: number | null): Promise<void> {
  if (planId && !(await m.getRepository(InspectionPlanEntity).existsBy({ id: planId })))
    throw AppError.validation({ planId: inspectionMsg.planNotFound })
}
