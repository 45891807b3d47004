import { Brackets } from 'typeorm'
import type { EntityManager, EntitySchema, EntityTarget, ObjectLiteral } from 'typeorm'
import type { SampleDataStatus } from '@shared/settings/schemas'
import { UnitInput } from '@shared/units/schemas'
import { AppError } from '../core/errors'
import { lockUntilCommit } from '../db/engine'
import { UnitEntity } from '../units/entities'
import { VisitEntity } from '../visitors/entities'
import {
  InspectionEntity,
  PlanTargetEntity,
  PlanUnitEntity,
  RecommendationEntity,
  TeamMemberEntity,
} from '../inspections/entities'
import { StaffMemberEntity, StaffUnitMoveEntity } from '../staff/entities'
import { VaccineRegistrationEntity, VaccineRoundUnitEntity } from '../vaccines/entities'
import { createUnit } from '../units/service'
import { SAMPLE_UNITS } from './department'
import { forgetSampleUnitReports } from '../daily-reports/service'

export async function sampleStatus(m: EntityManager): Promise<SampleDataStatus> {
  const repo = m.getRepository(UnitEntity)
  const unitCount = await repo.count()
  const sampleUnitCount = await repo.count({ where: { isSample: true } })
  return { unitCount, sampleUnitCount, canLoad: unitCount === 0 }
}

/** Sample data is never mixed into real data: it loads only into an empty store. */
export async function loadSampleData(m: EntityManager): Promise<SampleDataStatus> {
  // Two seats pressing the button at once: the second finds the first one's units.
  await lockUntilCommit(m, 'sample-data')
  if ((await sampleStatus(m)).unitCount > 0) {
    throw AppError.conflict('Chỉ nạp dữ liệu mẫu khi chưa có đơn vị nào, để không lẫn với dữ liệu thật')
  }
  const idByCode = new Map<string, number>()
  for (const sample of SAMPLE_UNITS) {
    const { parent, ...fields } = sample
    const input = UnitInput.parse({ ...fields, parentId: parent ? idByCode.get(parent) : null })
    const unit = await createUnit(m, input, { isSample: true })
    idByCode.set(unit.code, unit.id)
  }
  return sampleStatus(m)
}

/** Removes sample units, children first; real units are untouched (and block removal of a sample parent). */
export async function clearSampleData(m: EntityManager): Promise<SampleDataStatus> {
  const repo = m.getRepository(UnitEntity)
  const realUnderSample = await repo
    .createQueryBuilder('c')
    .innerJoin(UnitEntity.options.name, 'p', 'p.id = c.parentId')
    .where('p.isSample = :sample', { sample: true })
    .andWhere('c.isSample = :real', { real: false })
    .getCount()
  if (realUnderSample > 0) {
    throw AppError.conflict(
      'Có đơn vị thật đang trực thuộc đơn vị mẫu: hãy chuyển chúng sang đơn vị khác trước khi xoá dữ liệu mẫu',
    )
  }
  const recorded = await recordsOnSampleUnits(m)
  if (recorded.length) {
    throw AppError.conflict(
      `Các đơn vị mẫu đã có dữ liệu ghi nhận (${recorded.join(', ')}), nên không xoá tự động để không mất dữ liệu. ` +
        'Có thể tiếp tục dùng các đơn vị này, hoặc ngừng hoạt động những đơn vị không cần.',
    )
  }
  await forgetSampleUnitReports(m)
  let remaining = await repo.find({ where: { isSample: true } })
  while (remaining.length) {
    const parents = new Set(remaining.map((u) => u.parentId))
    const leaves = remaining.filter((u) => !parents.has(u.id))
    await repo.delete(leaves.map((u) => u.id))
    remaining = remaining.filter((u) => !leaves.includes(u))
  }
  return sampleStatus(m)
}

/** Columns of one table that point at a unit. */
export interface UnitReference {
  entity: EntityTarget<ObjectLiteral>
  columns: string[]
  label: string
}

const reference = <T extends ObjectLiteral>(
  entity: EntitySchema<T>,
  columns: Array<keyof T & string>,
  label: string,
): UnitReference => ({ entity, columns, label })

/**
 * What a person may have recorded against a unit: every reference to units but the tree's own
 * and the practice reports that clearing forgets (tests/unit/sample/sample.test.ts checks the
 * list against the schema's foreign keys, so a table added later cannot be missed).
 */
export const UNIT_REFERENCES: UnitReference[] = [
  reference(VisitEntity, ['hostUnitId'], 'lượt khách'),
  reference(PlanUnitEntity, ['unitId'], 'kế hoạch kiểm tra'),
  reference(PlanTargetEntity, ['parentUnitId'], 'chỉ tiêu kế hoạch'),
  reference(InspectionEntity, ['unitId'], 'cuộc kiểm tra'),
  reference(TeamMemberEntity, ['unitId'], 'thành viên đoàn'),
  reference(RecommendationEntity, ['ownerUnitId'], 'kiến nghị'),
  reference(StaffMemberEntity, ['unitId'], 'cán bộ'),
  reference(StaffUnitMoveEntity, ['fromUnitId', 'toUnitId'], 'lần chuyển công tác'),
  reference(VaccineRoundUnitEntity, ['unitId'], 'danh sách tiêm của đơn vị'),
  reference(VaccineRegistrationEntity, ['unitId'], 'phiếu đăng ký tiêm'),
]

/** Rows that point at a sample unit, as "lượt khách: 3"-style counts. */
async function recordsOnSampleUnits(m: EntityManager): Promise<string[]> {
  const found: string[] = []
  for (const { entity, columns, label } of UNIT_REFERENCES) {
    const qb = m.createQueryBuilder(entity, 'r')
    const sample = qb.subQuery().select('u.id').from(UnitEntity, 'u').where('u.isSample = :sample').getQuery()
    const row = await qb
      .select('COUNT(*)', 'n')
      .where(
        new Brackets((w) => {
          for (const column of columns) w.orWhere(`r.${column} IN ${sample}`)
        }),
      )
      .setParameter('sample', true)
      .getRawOne<{ n: number | string }>()
    const n = Number(row?.n ?? 0)
    if (n) found.push(`${label}: ${n}`)
  }
  return found
}
