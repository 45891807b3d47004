import { In, IsNull, LessThan } from 'typeorm'
import type { EntityManager } from 'typeorm'
import { vietnamDay, vietnamDayEnd } from '@shared/text/dates'
import { optimizeSearchIndex } from '../db/search'
import { VisitEntity, VisitorEntity } from './entities'

/** A visit still open this long after check-in was never checked out: the purge closes it. */
export const UNRECORDED_AFTER_MS = 86_400_000

/** Visits closed per UPDATE: a bound list stays far below every engine's parameter limit. */
const CLOSE_BATCH = 500

/**
 * Closes the visits nobody checked out, a day or more after check-in: out at the end of that
 * Vietnamese day (never before the check-in), marked automatic and `check_out_unrecorded`, so
 * lists print "không ghi giờ ra" and the visitor's retention runs from that day.
 */
export async function closeUnrecordedVisits(m: EntityManager, now: Date): Promise<number> {
  const open = await m.getRepository(VisitEntity).find({
    select: { id: true, checkedInAt: true },
    where: {
      checkedOutAt: IsNull(),
      outcome: 'admitted',
      checkedInAt: LessThan(new Date(now.getTime() - UNRECORDED_AFTER_MS).toISOString()),
    },
    order: { id: 'ASC' },
  })
  // The last second of each check-in's Vietnamese day, with the visits that end there.
  const byEnd = new Map<string, number[]>()
  for (const v of open) {
    const end = new Date(vietnamDayEnd(vietnamDay(v.checkedInAt)).getTime() - 1000).toISOString()
    byEnd.set(end, [...(byEnd.get(end) ?? []), v.id])
  }
  let closed = 0
  for (const [end, ids] of byEnd)
    for (let i = 0; i < ids.length; i += CLOSE_BATCH) {
      const { affected } = await m
        .createQueryBuilder()
        .update(VisitEntity)
        .set({
          checkedOutAt: () => 'CASE WHEN checked_in_at > :end THEN checked_in_at ELSE :end END',
          checkOutKind: 'automatic',
          checkOutUnrecorded: true,
          updatedAt: now.toISOString(),
        })
        .where({ id: In(ids.slice(i, i + CLOSE_BATCH)), checkedOutAt: IsNull() })
        .setParameters({ end })
        .execute()
      closed += affected ?? 0
    }
  return closed
}

/**
 * Erases the personal data of visitors whose last visit ended more than `retentionDays` ago
 * (refused visits end at check-in; visits left open are closed first) and who are not inside
 * now: their identity fields, their organisation, and the free text of their visits. Visits,
 * units and times stay, so counts and reports still add up; the search index forgets them
 * with the key and is merged, so its old segments keep no trace. Set-based whatever the number
 * of visitors; the caller's transaction holds it. The space is reclaimed after the commit
 * (reclaimErasedSpace).
 */
export async function purgeExpiredVisitors(
  m: EntityManager,
  now: Date,
  retentionDays: number,
): Promise<{ visitors: number; closed: number }> {
  const closed = await closeUnrecordedVisits(m, now)
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString()
  // Visitors not yet erased with no visit open or ended after the cutoff.
  const expired = () => {
    const qb = m.createQueryBuilder().select('p.id').from(VisitorEntity, 'p')
    const recent = qb
      .subQuery()
      .select('1')
      .from(VisitEntity, 'v')
      .where('v.visitorId = p.id')
      .andWhere(
        `(coalesce(v.checkedOutAt, CASE WHEN v.outcome = 'refused' THEN v.checkedInAt END) IS NULL
          OR coalesce(v.checkedOutAt, v.checkedInAt) > :cutoff)`,
      )
    return qb.where('p.anonymisedAt IS NULL').andWhere(`NOT EXISTS ${recent.getQuery()}`).getQuery()
  }
  // Free text on those visits may name the person, or say who they are.
  await m
    .createQueryBuilder()
    .update(VisitEntity)
    .set({
      note: null,
      hostPerson: null,
      purpose: null,
      lateReason: null,
      checkOutReason: null,
      watchReason: null,
    })
    .where(`visitor_id IN (${expired()})`)
    .andWhere('coalesce(note, host_person, purpose, late_reason, check_out_reason, watch_reason) IS NOT NULL')
    .setParameters({ cutoff })
    .execute()
  const stamp = now.toISOString()
  const { affected } = await m
    .createQueryBuilder()
    .update(VisitorEntity)
    .set({
      fullName: null,
      idNumber: null,
      dateOfBirth: null,
      phone: null,
      address: null,
      organisation: null,
      oldIdNumber: null,
      idIssueDate: null,
      searchKey: '',
      anonymisedAt: stamp,
      updatedAt: stamp,
    })
    .where(`id IN (${expired()})`)
    .setParameters({ cutoff })
    .execute()
  const visitors = affected ?? 0
  if (visitors) await optimizeSearchIndex(m, 'visitors')
  return { visitors, closed }
}
