import { IsNull, LessThan } from 'typeorm'
import type { z } from 'zod'
import { CLOCK_SKEW_MS, LATE_ENTRY_MINUTES, visitMsg } from '@shared/visitors/schemas'
import type { CheckOutAllInput, CheckOutInput, VisitDto, VisitEditInput } from '@shared/visitors/schemas'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { requireActiveUnit } from './check-in'
import { VisitEntity } from './entities'
import { getVisit } from './mapping'

function checkOutTime(visit: VisitDto, requested: string | null, reason: string | null, now: Date): Date {
  const at = requested ? new Date(requested) : now
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw AppError.validation({ checkedOutAt: visitMsg.outFuture })
  if (at.toISOString() < visit.checkedInAt) throw AppError.validation({ checkedOutAt: visitMsg.outBeforeIn })
  if (requested && Math.abs(now.getTime() - at.getTime()) > LATE_ENTRY_MINUTES * 60_000 && !reason)
    throw AppError.validation({ reason: visitMsg.reasonRequired })
  return at
}

export async function checkOut(
  ctx: ServiceContext,
  input: z.output<typeof CheckOutInput>,
): Promise<VisitDto> {
  const visit = await getVisit(ctx.m, input.id)
  if (visit.outcome === 'refused') throw AppError.conflict(visitMsg.refusedNoCheckout)
  if (visit.checkedOutAt) throw AppError.conflict(visitMsg.alreadyOut)
  const at = checkOutTime(visit, input.checkedOutAt, input.reason, ctx.now).toISOString()
  const out = {
    checkedOutAt: at,
    checkOutKind: 'manual' as const,
    checkOutReason: input.checkedOutAt ? input.reason : null,
  }
  // Only while still inside: of two seats checking one visitor out, the second is told so.
  const { affected } = await ctx.m
    .getRepository(VisitEntity)
    .update({ id: visit.id, checkedOutAt: IsNull() }, { ...out, updatedAt: ctx.now.toISOString() })
  if (affected !== 1) throw AppError.conflict(visitMsg.alreadyOut)
  ctx.audit.change(
    'visit',
    visit.id,
    { checkedOutAt: null },
    { checkedOutAt: at, checkOutReason: input.reason },
  )
  // The visit as read, with what this update wrote: no second read on the desk's busiest path.
  return { ...visit, ...out }
}

/**
 * Closing time: checks out exactly the visits the user saw listed. One already gone is skipped;
 * one that arrived after the list was shown is not in `ids` and stays inside.
 */
export async function checkOutAll(
  ctx: ServiceContext,
  input: z.output<typeof CheckOutAllInput>,
  kind: 'closing' | 'automatic' = 'closing',
  at: Date = ctx.now,
): Promise<{ count: number }> {
  let count = 0
  const out = at.toISOString()
  for (const id of new Set(input.ids)) {
    const { affected } = await ctx.m
      .createQueryBuilder()
      .update(VisitEntity)
      // Never before the check-in (a visit that began after `at` leaves when it began).
      .set({
        checkedOutAt: () => 'CASE WHEN checked_in_at > :out THEN checked_in_at ELSE :out END',
        checkOutKind: kind,
        updatedAt: ctx.now.toISOString(),
      })
      .where({ id, checkedOutAt: IsNull(), outcome: 'admitted' })
      .setParameters({ out })
      .execute()
    if (affected) {
      count++
      ctx.audit.change('visit', id, { checkedOutAt: null }, { checkedOutAt: out, checkOutKind: kind })
    }
  }
  return { count }
}

/** Everyone still inside who came before `cutoff` leaves at `cutoff`, marked automatic. */
export async function autoCheckOut(ctx: ServiceContext, cutoff: Date): Promise<{ count: number }> {
  const open = await ctx.m.getRepository(VisitEntity).find({
    select: { id: true },
    where: { checkedOutAt: IsNull(), outcome: 'admitted', checkedInAt: LessThan(cutoff.toISOString()) },
  })
  if (!open.length) return { count: 0 }
  return checkOutAll(ctx, { ids: open.map((r) => r.id) }, 'automatic', cutoff)
}

/** Corrections: a visit that has ended (out, or refused) changes only with a reason. */
export async function editVisit(
  ctx: ServiceContext,
  input: z.output<typeof VisitEditInput>,
): Promise<VisitDto> {
  const before = await getVisit(ctx.m, input.id)
  const closed = before.checkedOutAt !== null || before.outcome === 'refused'
  if (closed && !input.reason) throw AppError.validation({ reason: visitMsg.closedNeedsReason })
  await requireActiveUnit(ctx.m, input.hostUnitId, 'hostUnitId')
  const inAt = new Date(input.checkedInAt)
  if (inAt.getTime() > ctx.now.getTime() + CLOCK_SKEW_MS)
    throw AppError.validation({ checkedInAt: visitMsg.future })
  if (before.outcome === 'refused' && input.checkedOutAt)
    throw AppError.validation({ checkedOutAt: visitMsg.refusedNoCheckout })
  if (input.checkedOutAt) {
    if (new Date(input.checkedOutAt).getTime() > ctx.now.getTime() + CLOCK_SKEW_MS)
      throw AppError.validation({ checkedOutAt: visitMsg.outFuture })
    if (new Date(input.checkedOutAt) < inAt) throw AppError.validation({ checkedOutAt: visitMsg.outBeforeIn })
  }
  const outIso = input.checkedOutAt ? new Date(input.checkedOutAt).toISOString() : null
  await ctx.m.getRepository(VisitEntity).update(input.id, {
    hostUnitId: input.hostUnitId,
    hostPerson: input.hostPerson,
    purpose: input.purpose,
    badgeNumber: input.badgeNumber,
    checkedInAt: inAt.toISOString(),
    checkedOutAt: outIso,
    checkOutKind: outIso === null ? null : (before.checkOutKind ?? 'manual'),
    // "No time recorded" holds only while the recorded time stays.
    checkOutUnrecorded: outIso === before.checkedOutAt ? before.checkOutUnrecorded : false,
    note: input.note,
    updatedAt: ctx.now.toISOString(),
  })
  const after = await getVisit(ctx.m, input.id)
  const fields = (v: VisitDto) => ({
    hostUnitId: v.hostUnitId,
    hostPerson: v.hostPerson,
    purpose: v.purpose,
    badgeNumber: v.badgeNumber,
    checkedInAt: v.checkedInAt,
    checkedOutAt: v.checkedOutAt,
    note: v.note,
  })
  ctx.audit.change('visit', input.id, fields(before), fields(after))
  if (input.reason) ctx.audit.note('visit', input.id, `Lý do sửa: ${input.reason}`)
  return after
}
