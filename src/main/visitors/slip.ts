import { parseSlipCode, slipMatches } from '@shared/visitors/slip-code'
import { visitMsg } from '@shared/visitors/schemas'
import type { VisitDto } from '@shared/visitors/schemas'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { checkOut } from './check-out'
import { getVisit } from './mapping'

/** A scanned visitor slip checks its visit out now, as the desk's Cho ra would. */
export async function checkOutBySlip(ctx: ServiceContext, code: string): Promise<VisitDto> {
  const scan = parseSlipCode(code)
  const visit =
    scan &&
    (await getVisit(ctx.m, scan.visitId).catch((error: unknown) => {
      if (error instanceof AppError) return null
      throw error
    }))
  if (!scan || !visit || !slipMatches(scan, visit)) throw AppError.notFound(visitMsg.slipUnknown)
  return checkOut(ctx, { id: visit.id, checkedOutAt: null, reason: null })
}
