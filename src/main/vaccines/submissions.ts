import type { z } from 'zod'
import type { Consolidation, UnitSubmissionInput } from '@shared/vaccines/schemas'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { UnitEntity } from '../units/entities'
import { consolidate } from './consolidation'
import { VaccineRoundUnitEntity } from './entities'
import { openRound } from './rounds'

/** Records that a unit's list for the round was received (kept from the first time). */
export async function markSubmitted(
  ctx: ServiceContext,
  roundId: number,
  unitId: number,
  note: string | null,
): Promise<void> {
  await ctx.m
    .createQueryBuilder()
    .insert()
    .into(VaccineRoundUnitEntity)
    .values({ roundId, unitId, submittedAt: ctx.now.toISOString(), note })
    .orIgnore()
    .execute()
}

/** A unit's answer to the round set by hand (a unit with nobody to register), or taken back. */
export async function setUnitSubmission(
  ctx: ServiceContext,
  input: z.output<typeof UnitSubmissionInput>,
): Promise<Consolidation> {
  await openRound(ctx.m, input.roundId)
  if (!(await ctx.m.getRepository(UnitEntity).existsBy({ id: input.unitId })))
    throw AppError.validation({ unitId: 'Đơn vị không tồn tại' })
  if (input.submitted) await markSubmitted(ctx, input.roundId, input.unitId, input.note)
  else
    await ctx.m.getRepository(VaccineRoundUnitEntity).delete({ roundId: input.roundId, unitId: input.unitId })
  ctx.audit.note(
    'vaccineRound',
    input.roundId,
    input.submitted
      ? `Ghi nhận đơn vị ${input.unitId} đã gửi danh sách${input.note ? `: ${input.note}` : ''}`
      : `Bỏ ghi nhận đơn vị ${input.unitId} đã gửi danh sách`,
  )
  return consolidate(ctx.m, input.roundId, ctx.now)
}
