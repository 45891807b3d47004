import type { EntityManager } from 'typeorm'
import { optimizeSearchIndexSql } from '../db/sqlite/search-index'

/** Stands in for an erased reason where the schema requires one (a postponement, a cleared contraindication). */
export const ERASED_REASON = '(đã xoá)'

/**
 * Erases the personal data of staff who left more than `retentionDays` ago: name, ID number,
 * birth date, phone, position (with the unit it names one person) and the free-text note, the
 * reasons of their unit moves, and the free text of their vaccination records. The row stays
 * (inactive, marked anonymised), so unit histories, vaccination counts and rapid-test draws
 * still add up; the search index forgets them with the key and is merged. Set-based; the
 * caller's transaction holds it, and the space is reclaimed after the commit.
 */
export async function purgeLeftStaff(
  m: EntityManager,
  now: Date,
  retentionDays: number,
): Promise<{ staff: number }> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString()
  const expired = `SELECT id FROM staff
    WHERE active = 0 AND anonymised_at IS NULL AND left_at IS NOT NULL AND left_at <= ?`
  // Their vaccination records keep dose, dates and outcome for the counts; every free text and
  // the insurance number may identify them or their health, so they go (a reason the schema
  // requires becomes a placeholder).
  await m.query(
    `UPDATE vaccine_registrations SET insurance_number = NULL, occupation = NULL, conditions_note = NULL,
       reaction_note = NULL, note = NULL,
       status_reason = CASE WHEN status_reason IS NULL THEN NULL ELSE ? END,
       contraindication_cleared_reason = CASE WHEN contraindication_cleared_reason IS NULL THEN NULL ELSE ? END
     WHERE staff_id IN (${expired})`,
    [ERASED_REASON, ERASED_REASON, cutoff],
  )
  await m.query(
    `UPDATE staff_unit_history SET reason = NULL WHERE reason IS NOT NULL AND staff_id IN (${expired})`,
    [cutoff],
  )
  const erased = (await m.query(
    `UPDATE staff SET full_name = NULL, id_number = NULL, date_of_birth = NULL, phone = NULL, position = NULL,
       note = NULL, search_key = '', sort_key = '', anonymised_at = ?, updated_at = ?
     WHERE id IN (${expired}) RETURNING id`,
    [now.toISOString(), now.toISOString(), cutoff],
  )) as unknown[]
  if (erased.length) await m.query(optimizeSearchIndexSql('staff'))
  return { staff: erased.length }
}
