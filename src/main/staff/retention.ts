import type { EntityManager } from 'typeorm'

/**
 * Erases the personal fields of staff who left more than `retentionDays` ago: name, ID number,
 * birth date, phone and the free-text note, and the free text of their vaccination records. The row stays (inactive, marked anonymised), so
 * unit histories, vaccination counts and rapid-test draws still add up; the search index
 * forgets them with the key. Set-based; the caller's transaction holds it.
 */
export async function purgeLeftStaff(
  m: EntityManager,
  now: Date,
  retentionDays: number,
): Promise<{ staff: number }> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString()
  const expired = `SELECT id FROM staff
    WHERE active = 0 AND anonymised_at IS NULL AND left_at IS NOT NULL AND left_at <= ?`
  // Their vaccination records keep dose, dates and outcome for the counts (and the reasons the
  // schema requires with them); notes and the insurance number may identify them, so they go.
  await m.query(
    `UPDATE vaccine_registrations SET insurance_number = NULL, conditions_note = NULL, reaction_note = NULL,
       note = NULL
     WHERE staff_id IN (${expired})`,
    [cutoff],
  )
  const erased = (await m.query(
    `UPDATE staff SET full_name = NULL, id_number = NULL, date_of_birth = NULL, phone = NULL, note = NULL,
       search_key = '', sort_key = '', anonymised_at = ?, updated_at = ?
     WHERE id IN (${expired}) RETURNING id`,
    [now.toISOString(), now.toISOString(), cutoff],
  )) as unknown[]
  return { staff: erased.length }
}
