import type { EntityManager } from 'typeorm'

/**
 * Erases the personal fields of staff who left more than `retentionDays` ago: name, ID number,
 * birth date, phone and the free-text note. The row stays (inactive, marked anonymised), so
 * unit histories, vaccination counts and rapid-test draws still add up; the search index
 * forgets them with the key. Set-based; the caller's transaction holds it.
 */
export async function purgeLeftStaff(
  m: EntityManager,
  now: Date,
  retentionDays: number,
): Promise<{ staff: number }> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString()
  const erased = (await m.query(
    `UPDATE staff SET full_name = NULL, id_number = NULL, date_of_birth = NULL, phone = NULL, note = NULL,
       search_key = '', sort_key = '', anonymised_at = ?, updated_at = ?
     WHERE active = 0 AND anonymised_at IS NULL AND left_at IS NOT NULL AND left_at <= ? RETURNING id`,
    [now.toISOString(), now.toISOString(), cutoff],
  )) as unknown[]
  return { staff: erased.length }
}
