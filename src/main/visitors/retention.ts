import type { EntityManager } from 'typeorm'
import { optimizeSearchIndexSql } from '../db/sqlite/search-index'

/** A visit still open this long after check-in was never checked out: the purge closes it. */
export const UNRECORDED_AFTER_MS = 86_400_000

/**
 * Closes the visits nobody checked out, a day or more after check-in: out at the end of that
 * Vietnamese day (never before the check-in), marked automatic and `check_out_unrecorded`, so
 * lists print "không ghi giờ ra" and the visitor's retention runs from that day.
 */
export async function closeUnrecordedVisits(m: EntityManager, now: Date): Promise<number> {
  const closed = (await m.query(
    `UPDATE visits SET
       checked_out_at = max(checked_in_at,
         strftime('%Y-%m-%dT%H:%M:%fZ', checked_in_at, '+7 hours', 'start of day', '+1 day', '-7 hours', '-1 seconds')),
       check_out_kind = 'automatic', check_out_unrecorded = 1, updated_at = ?
     WHERE checked_out_at IS NULL AND outcome = 'admitted' AND checked_in_at < ? RETURNING id`,
    [now.toISOString(), new Date(now.getTime() - UNRECORDED_AFTER_MS).toISOString()],
  )) as unknown[]
  return closed.length
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
  const expired = `
    SELECT p.id FROM visitors p
    WHERE p.anonymised_at IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM visits v WHERE v.visitor_id = p.id
          AND (coalesce(v.checked_out_at, CASE WHEN v.outcome = 'refused' THEN v.checked_in_at END) IS NULL
               OR coalesce(v.checked_out_at, v.checked_in_at) > ?))`
  // Free text on those visits may name the person, or say who they are.
  await m.query(
    `UPDATE visits SET note = NULL, host_person = NULL, purpose = NULL, late_reason = NULL,
       check_out_reason = NULL, watch_reason = NULL
     WHERE visitor_id IN (${expired})
       AND coalesce(note, host_person, purpose, late_reason, check_out_reason, watch_reason) IS NOT NULL`,
    [cutoff],
  )
  const erased = (await m.query(
    `UPDATE visitors SET full_name = NULL, id_number = NULL, date_of_birth = NULL, phone = NULL, address = NULL,
       organisation = NULL, old_id_number = NULL, id_issue_date = NULL, search_key = '', anonymised_at = ?,
       updated_at = ?
     WHERE id IN (${expired}) RETURNING id`,
    [now.toISOString(), now.toISOString(), cutoff],
  )) as unknown[]
  if (erased.length) await m.query(optimizeSearchIndexSql('visitors'))
  return { visitors: erased.length, closed }
}
