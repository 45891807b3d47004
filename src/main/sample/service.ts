import type { EntityManager } from 'typeorm'
import type { SampleDataStatus } from '@shared/settings/schemas'
import { UnitInput } from '@shared/units/schemas'
import { AppError } from '../core/errors'
import { UnitEntity } from '../units/entities'
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
  const realUnderSample = (await m.query(
    `SELECT COUNT(*) AS n FROM units c JOIN units p ON p.id = c.parent_id WHERE p.is_sample = 1 AND c.is_sample = 0`,
  )) as [{ n: number }]
  if (realUnderSample[0].n > 0) {
    throw AppError.conflict(
      'Có đơn vị thật đang trực thuộc đơn vị mẫu: hãy chuyển chúng sang đơn vị khác trước khi xoá dữ liệu mẫu',
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
