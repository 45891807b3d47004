import type { EntityManager } from 'typeorm'
import { optimizeSearchIndex } from '../db/search'
import { VaccineRegistrationEntity } from '../vaccines/entities'
import { StaffMemberEntity, StaffUnitMoveEntity } from './entities'

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
  const expired = m
    .createQueryBuilder()
    .subQuery()
    .select('s.id')
    .from(StaffMemberEntity, 's')
    .where('s.active = :inactive')
    .andWhere('s.anonymisedAt IS NULL')
    .andWhere('s.leftAt IS NOT NULL')
    .andWhere('s.leftAt <= :cutoff')
    .getQuery()
  const params = { inactive: false, cutoff, erased: ERASED_REASON }
  // Their vaccination records keep dose, dates and outcome for the counts; every free text and
  // the insurance number may identify them or their health, so they go (a reason the schema
  // requires becomes a placeholder).
  await m
    .createQueryBuilder()
    .update(VaccineRegistrationEntity)
    .set({
      insuranceNumber: null,
      occupation: null,
      conditionsNote: null,
      reactionNote: null,
      note: null,
      statusReason: () => 'CASE WHEN status_reason IS NULL THEN NULL ELSE :erased END',
      contraindicationClearedReason: () =>
        'CASE WHEN contraindication_cleared_reason IS NULL THEN NULL ELSE :erased END',
    })
    .where(`staffId IN ${expired}`)
    .setParameters(params)
    .execute()
  await m
    .createQueryBuilder()
    .update(StaffUnitMoveEntity)
    .set({ reason: null })
    .where('reason IS NOT NULL')
    .andWhere(`staffId IN ${expired}`)
    .setParameters(params)
    .execute()
  const stamp = now.toISOString()
  const { affected } = await m
    .createQueryBuilder()
    .update(StaffMemberEntity)
    .set({
      fullName: null,
      idNumber: null,
      dateOfBirth: null,
      phone: null,
      position: null,
      note: null,
      searchKey: '',
      sortKey: '',
      anonymisedAt: stamp,
      updatedAt: stamp,
    })
    .where(`id IN ${expired}`)
    .setParameters(params)
    .execute()
  const staff = affected ?? 0
  if (staff) await optimizeSearchIndex(m, 'staff')
  return { staff }
}
