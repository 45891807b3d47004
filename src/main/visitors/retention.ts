import type { EntityManager } from 'typeorm'

/**
 * Erases the personal fields of visitors whose last visit ended more than `retentionDays` ago
 * (refused visits end at check-in) and who are not inside now. Their visits, units and times
 * stay, so counts and reports still add up; the search index forgets them with the key.
 * Set-based: two statements whatever the number of visitors. The caller's transaction holds it.
 */
export async function purgeExpiredVisitors(
  m: EntityManager,
  now: Date,
  retentionDays: number,
): Promise<{ visitors: number }> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString()
  const expired = `
    SELECT p.id FROM visitors p
    WHERE p.anonymised_at IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM visits v WHERE v.visitor_id = p.id
          AND (coalesce(v.checked_out_at, CASE WHEN v.outcome = 'refused' THEN v.checked_in_at END) IS NULL
               OR coalesce(v.checked_out_at, v.checked_in_at) > ?))`
  // Free text on those visits may name the person too.
  await m.query(
    `UPDATE visits SET note = NULL, host_person = NULL WHERE visitor_id IN (${expired}) AND (note IS NOT NULL OR host_person IS NOT NULL)`,
    [cutoff],
  )
  const erased = (await m.query(
    `UPDATE visitors SET full_name = NULL, id_number = NULL, date_of_birth = NULL, phone = NULL, address = NULL,
       old_id_number = NULL, id_issue_date = NULL, search_key = '', anonymised_at = ?, updated_at = ?
     WHERE id IN (${expired}) RETURNING id`,
    [now.toISOString(), now.toISOString(), cutoff],
  )) as unknown[]
  return { visitors: erased.length }
}
