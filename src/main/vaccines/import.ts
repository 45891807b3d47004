import type { EntityManager } from 'typeorm'
import type { FileDownload } from '@shared/audit/schemas'
import type { z } from 'zod'
import type { ImportHeaderReport, ImportMapping, ImportPreview, ImportResult } from '@shared/imports/schemas'
import { importMsg } from '@shared/imports/schemas'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { readImportSheet, requireComplete, templateFile } from '../imports/xlsx'
import { findActiveUnit } from '../units/service'
import { VaccineRoundEntity } from './entities'
import { MAX_VACCINATION_IMPORT_ROWS, VACCINATION_COLUMNS, lookups } from './import-columns'
import { checkRows } from './import-rows'
import type { CheckedRow } from './import-rows'
import { getRegistration } from './registration-list'
import { insertRegistration } from './registrations'
import { markSubmitted } from './submissions'

const preview = (checked: CheckedRow[], header: ImportHeaderReport): ImportPreview => ({
  columns: VACCINATION_COLUMNS.filter((c) => c.key !== 'no').map((c) => ({ key: c.key, label: c.label })),
  header,
  rows: checked.map((c) => c.dto),
  total: checked.length,
  errorRows: checked.filter((c) => c.dto.errors.length).length,
})

async function requireUnitAndRound(m: EntityManager, roundId: number, unitId: number): Promise<void> {
  const errors: Record<string, string> = {}
  const round = await m.getRepository(VaccineRoundEntity).findOneBy({ id: roundId })
  if (!round) errors.roundId = 'Không tìm thấy đợt đăng ký'
  else if (round.closed) errors.roundId = 'Đợt đăng ký đã khoá'
  if (!(await findActiveUnit(m, unitId))) errors.unitId = 'Chọn đơn vị đang hoạt động'
  if (Object.keys(errors).length) throw AppError.validation(errors)
}

export async function previewVaccinationImport(
  m: EntityManager,
  input: { roundId: number; unitId: number; base64: string; mapping?: z.output<typeof ImportMapping> },
): Promise<ImportPreview> {
  await requireUnitAndRound(m, input.roundId, input.unitId)
  const sheet = await readImportSheet(
    input.base64,
    VACCINATION_COLUMNS,
    MAX_VACCINATION_IMPORT_ROWS,
    input.mapping,
  )
  return preview(await checkRows(m, input.roundId, input.unitId, sheet.rows), sheet.header)
}

/** Checks the file again and, only if every row is good, registers them all; the unit's list counts as received. */
export async function confirmVaccinationImport(
  ctx: ServiceContext,
  input: {
    roundId: number
    unitId: number
    base64: string
    fileName: string | null
    mapping?: z.output<typeof ImportMapping>
  },
): Promise<ImportResult> {
  await requireUnitAndRound(ctx.m, input.roundId, input.unitId)
  const rows = requireComplete(
    await readImportSheet(input.base64, VACCINATION_COLUMNS, MAX_VACCINATION_IMPORT_ROWS, input.mapping),
  )
  const checked = await checkRows(ctx.m, input.roundId, input.unitId, rows)
  const bad = checked.filter((c) => c.dto.errors.length).length
  if (bad) throw AppError.validation({ base64: importMsg.hasErrors(bad) }, importMsg.hasErrors(bad))
  for (const c of checked) {
    const id = await insertRegistration(ctx, c.input!, c.checked!)
    const r = await getRegistration(ctx.m, id)
    ctx.audit.change('vaccination', id, null, {
      roundId: r.roundId,
      staffId: r.staffId,
      dose: r.dose,
      status: r.status,
    })
  }
  await markSubmitted(ctx, input.roundId, input.unitId, input.fileName)
  ctx.audit.note(
    'vaccineRound',
    input.roundId,
    `Nhập ${checked.length} phiếu đăng ký của đơn vị ${input.unitId} từ tệp ${input.fileName ?? 'Excel'}`,
  )
  return { imported: checked.length }
}

export async function vaccinationTemplate(m: EntityManager): Promise<FileDownload> {
  const l = await lookups(m)
  return templateFile(
    'mau-dang-ky-tiem-vac-xin.xlsx',
    'Đăng ký tiêm',
    'DANH SÁCH ĐĂNG KÝ TIÊM VẮC XIN PHÒNG COVID-19',
    VACCINATION_COLUMNS,
    [
      {
        sheet: 'Vắc xin',
        headers: ['Vắc xin'],
        rows: l.vaccines.filter((v) => v.active).map((v) => [v.name]),
      },
      {
        sheet: 'Nhóm ưu tiên',
        headers: ['Số', 'Nhóm ưu tiên'],
        rows: l.groups.map((g) => [String(g.no), g.name]),
      },
    ],
  )
}
