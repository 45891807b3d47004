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

/** What a person may have recorded against a unit, by table; practice reports are forgotten instead. */
const RECORD_LABELS: Record<string, string> = {
  visits: 'lượt khách',
  staff: 'cán bộ',
  staff_unit_history: 'lần chuyển công tác',
  vaccine_registrations: 'phiếu đăng ký tiêm',
  vaccine_round_units: 'danh sách tiêm của đơn vị',
  inspections: 'cuộc kiểm tra',
  plan_units: 'kế hoạch kiểm tra',
  plan_targets: 'chỉ tiêu kế hoạch',
  team_members: 'thành viên đoàn',
  recommendations: 'kiến nghị',
}
const FORGOTTEN = new Set([
  'units',
  'daily_reports',
  'adhoc_reports',
  'medicine_cabinets',
  'rapid_test_samples',
])

/**
 * Rows of any table that point at a sample unit (found from the schema's foreign keys, so a
 * table added later is covered too), as "lượt khách: 3"-style counts.
 */
async function recordsOnSampleUnits(m: EntityManager): Promise<string[]> {
  const tables = (await m.query(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
  )) as Array<{ name: string }>
  const found: string[] = []
  for (const { name } of tables) {
    if (FORGOTTEN.has(name)) continue
    const columns = (
      (await m.query(`SELECT "from" AS col, "table" AS target FROM pragma_foreign_key_list(?)`, [
        name,
      ])) as Array<{ col: string; target: string }>
    ).filter((fk) => fk.target === 'units')
    if (!columns.length) continue
    const [{ n }] = (await m.query(
      `SELECT count(*) AS n FROM "${name}" WHERE ${columns
        .map((fk) => `"${fk.col}" IN (SELECT id FROM units WHERE is_sample = 1)`)
        .join(' OR ')}`,
    )) as [{ n: number }]
    if (n) found.push(`${RECORD_LABELS[name] ?? name}: ${n}`)
  }
  return found
}
