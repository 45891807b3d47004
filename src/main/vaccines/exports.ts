import type { EntityManager } from 'typeorm'
import type { FileDownload } from '@shared/audit/schemas'
import type { AgencySettings } from '@shared/settings/schemas'
import { DOSES, VACCINATION_STATUSES, answerLabels, doseLabels, statusLabels } from '@shared/vaccines/schemas'
import type { Consolidation, Dose, RegistrationDto } from '@shared/vaccines/schemas'
import { staffGenderLabels } from '@shared/staff/schemas'
import { vietnamDay } from '@shared/text/dates'
import { loadExcel } from '../core/excel'
import { XLSX_MIME, dayText } from '../imports/xlsx'
import { renderPdf } from '../printing/pdf'
import { listSignatures, listTable, officialDocument } from '../printing/official-document'
import type { OfficialDocumentOptions } from '../printing/official-document'
import { UnitEntity } from '../units/entities'
import { listCatalog } from './catalogue'
import { allRegistrations } from './registration-list'

const yesNo = (v: boolean | null) => (v === null ? '' : v ? 'Có' : 'Không')
const asDate = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`) : null)

/** The title in its phrases: a printed title breaks between them, not inside one. */
export function roundTitle(): string[] {
  return ['DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC, NGƯỜI LAO ĐỘNG', 'ĐĂNG KÝ TIÊM VẮC XIN PHÒNG COVID-19']
}

/** Doses that occur in the round, at least 1–3, for the count columns. */
function dosesOf(c: Consolidation): Dose[] {
  return DOSES.filter((d) => d <= 3 || c.cells.some((cell) => cell.dose === d))
}

export async function vaccinationsXlsx(
  m: EntityManager,
  c: Consolidation,
  unitId: number | null,
  agency: AgencySettings,
): Promise<FileDownload> {
  const rows = await allRegistrations(m, c.round.id, unitId)
  const book = new (await loadExcel()).Workbook()
  book.creator = 'Sổ Phòng Dịch'

  const sum = book.addWorksheet('Tổng hợp', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true },
  })
  sum.addRow([agency.agencyName.toUpperCase()]).font = { bold: true }
  sum.addRow([`TỔNG HỢP ĐĂNG KÝ TIÊM VẮC XIN PHÒNG COVID-19 — ${c.round.name}`]).font = {
    bold: true,
    size: 13,
  }
  sum.addRow([`Hạn gửi: ${dayText(c.round.deadline)}`])
  const doses = dosesOf(c)
  const top = sum.addRow([
    'Đơn vị',
    'Ngày gửi danh sách',
    'Tổng số',
    ...doses.flatMap((d) => VACCINATION_STATUSES.map(() => doseLabels[d])),
  ])
  const sub = sum.addRow([
    '',
    '',
    '',
    ...doses.flatMap(() => VACCINATION_STATUSES.map((s) => statusLabels[s])),
  ])
  for (const r of [top, sub]) {
    r.font = { bold: true }
    r.alignment = { wrapText: true, horizontal: 'center', vertical: 'middle' }
  }
  doses.forEach((_, i) =>
    sum.mergeCells(
      top.number,
      4 + i * VACCINATION_STATUSES.length,
      top.number,
      3 + (i + 1) * VACCINATION_STATUSES.length,
    ),
  )
  for (const col of [1, 2, 3]) sum.mergeCells(top.number, col, sub.number, col)
  const count = (unit: number | null, d: Dose, s: string) =>
    c.cells
      .filter((x) => (unit === null || x.unitId === unit) && x.dose === d && x.status === s)
      .reduce((n, x) => n + x.count, 0)
  for (const u of c.units.filter((u) => unitId === null || u.unitId === unitId))
    sum.addRow([
      u.unitName,
      u.submittedAt ? `${dayText(vietnamDay(u.submittedAt))}${u.late ? ' (muộn)' : ''}` : 'Chưa gửi',
      u.registrations,
      ...doses.flatMap((d) => VACCINATION_STATUSES.map((s) => count(u.unitId, d, s))),
    ])
  if (unitId === null)
    sum.addRow([
      'Tổng cộng',
      '',
      c.totals.registrations,
      ...doses.flatMap((d) => VACCINATION_STATUSES.map((s) => count(null, d, s))),
    ]).font = {
      bold: true,
    }
  sum.getColumn(1).width = 32
  sum.getColumn(2).width = 16
  sum.views = [{ state: 'frozen', ySplit: sub.number, xSplit: 1 }]

  const list = book.addWorksheet('Danh sách', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true },
  })
  const headers: Array<[string, number]> = [
    ['STT', 6],
    ['Họ và tên', 24],
    ['Ngày sinh', 12],
    ['Giới tính', 8],
    ['Số CCCD', 15],
    ['Điện thoại', 12],
    ['Đơn vị', 24],
    ['Nghề nghiệp', 16],
    ['Nhóm ưu tiên', 8],
    ['Mũi', 10],
    ['Vắc xin', 16],
    ['Số thẻ BHYT', 17],
    ['Ngày mong muốn', 12],
    ['COVID-19 trong 90 ngày', 10],
    ['Phản vệ mũi trước', 10],
    ['Mang thai, cho con bú', 10],
    ['Bệnh nền', 10],
    ['Trạng thái', 14],
    ['Lý do', 20],
    ['Ngày tiêm', 12],
    ['Nơi tiêm', 18],
    ['Số lô', 10],
    ['Hạn dùng', 12],
    ['Phản ứng sau tiêm', 16],
    ['Ghi chú', 20],
  ]
  list.addRow([roundTitle().join(' ')]).font = { bold: true }
  const header = list.addRow(headers.map(([h]) => h))
  header.font = { bold: true }
  header.alignment = { wrapText: true, horizontal: 'center', vertical: 'middle' }
  headers.forEach(([, w], i) => (list.getColumn(i + 1).width = w))
  for (const col of [3, 13, 20, 23]) list.getColumn(col).numFmt = 'dd/mm/yyyy'
  list.getColumn(5).numFmt = '@'
  const groupNo = new Map((await listCatalog(m, 'priorityGroup')).map((g, i) => [g.id, i + 1]))
  rows.forEach((r, i) =>
    list.addRow([
      i + 1,
      r.staffName,
      asDate(r.dateOfBirth),
      r.gender ? staffGenderLabels[r.gender] : '',
      r.idNumber,
      r.phone ?? '',
      r.unitName,
      r.occupation ?? r.position ?? '',
      r.priorityGroupId ? (groupNo.get(r.priorityGroupId) ?? '') : '',
      doseLabels[r.dose],
      r.vaccineName ?? '',
      r.insuranceNumber ?? '',
      asDate(r.desiredOn),
      answerLabels[r.covid90Days],
      answerLabels[r.anaphylaxis],
      answerLabels[r.pregnantOrNursing],
      answerLabels[r.underlyingConditions],
      statusLabels[r.status],
      r.statusReason ?? '',
      asDate(r.vaccinatedOn),
      r.site ?? '',
      r.lotNumber ?? '',
      asDate(r.lotExpiry),
      r.reaction === null ? '' : `${yesNo(r.reaction)}${r.reactionNote ? `: ${r.reactionNote}` : ''}`,
      r.note ?? '',
    ]),
  )
  list.views = [{ state: 'frozen', ySplit: header.number }]
  list.autoFilter = {
    from: { row: header.number, column: 1 },
    to: { row: header.number, column: headers.length },
  }

  if (unitId === null) {
    const missing = book.addWorksheet('Chưa gửi đúng hạn')
    missing.addRow(['Đơn vị', 'Tình trạng']).font = { bold: true }
    for (const u of c.missing)
      missing.addRow([
        u.unitName,
        u.submittedAt ? `Gửi muộn ngày ${dayText(vietnamDay(u.submittedAt))}` : 'Chưa gửi',
      ])
    missing.getColumn(1).width = 36
    missing.getColumn(2).width = 24
  }
  const buffer = Buffer.from(await book.xlsx.writeBuffer())
  return {
    fileName: `dang-ky-tiem-dot-${c.round.id}.xlsx`,
    mimeType: XLSX_MIME,
    base64: buffer.toString('base64'),
  }
}

async function unitHead(m: EntityManager, unitId: number): Promise<string | null> {
  return (await m.getRepository(UnitEntity).findOneBy({ id: unitId }))?.headName ?? null
}

/** The consolidated list as an official landscape document with the two signature blocks. */
export async function vaccinationsPdf(
  m: EntityManager,
  c: Consolidation,
  unitId: number | null,
  agency: AgencySettings,
  now: Date,
): Promise<FileDownload> {
  const bytes = await renderPdf(officialDocument(await vaccinationsLayout(m, c, unitId, agency, now)))
  return {
    fileName: `${vaccinationsFileStem(c, unitId)}.pdf`,
    mimeType: 'application/pdf',
    base64: bytes.toString('base64'),
  }
}

export const vaccinationsFileStem = (c: Consolidation, unitId: number | null) =>
  `dang-ky-tiem-dot-${c.round.id}${unitId ? `-don-vi-${unitId}` : ''}`

/** The list's rows, totals and signatures, for the PDF and the Word file alike. */
export async function vaccinationsLayout(
  m: EntityManager,
  c: Consolidation,
  unitId: number | null,
  agency: AgencySettings,
  now: Date,
): Promise<OfficialDocumentOptions> {
  const rows: RegistrationDto[] = await allRegistrations(m, c.round.id, unitId)
  const groupNo = new Map((await listCatalog(m, 'priorityGroup')).map((g, i) => [g.id, i + 1]))
  const unitName = unitId ? c.units.find((u) => u.unitId === unitId)?.unitName : null
  const byStatus = VACCINATION_STATUSES.map((s) => ({
    s,
    n: rows.filter((r) => r.status === s).length,
  })).filter((x) => x.n > 0)
  return {
    agency,
    date: now,
    title: roundTitle(),
    subject: `${c.round.name}${unitName ? ` — ${unitName}` : ''}`,
    landscape: true,
    content: [
      listTable(
        [
          'STT',
          'Họ và tên',
          'Năm sinh',
          'Giới tính',
          'Số CCCD',
          'Đơn vị',
          'Nhóm ưu tiên',
          'Mũi',
          'Vắc xin',
          'Trạng thái',
          'Ghi chú',
        ],
        rows.map((r, i) => [
          String(i + 1),
          r.staffName,
          r.dateOfBirth ? r.dateOfBirth.slice(0, 4) : '',
          r.gender ? staffGenderLabels[r.gender] : '',
          r.idNumber,
          r.unitName,
          r.priorityGroupId ? String(groupNo.get(r.priorityGroupId) ?? '') : '',
          doseLabels[r.dose],
          r.vaccineName ?? '',
          r.status === 'vaccinated' && r.vaccinatedOn
            ? `${statusLabels[r.status]} ${dayText(r.vaccinatedOn)}`
            : statusLabels[r.status],
          [r.statusReason, r.note].filter(Boolean).join('; '),
        ]),
        [24, 110, 34, 34, 72, 90, 40, 48, 84, 64, '*'],
      ),
      {
        text: `Tổng số: ${rows.length} người${byStatus.length ? ` (${byStatus.map((x) => `${statusLabels[x.s].toLowerCase()}: ${x.n}`).join('; ')})` : ''}.`,
        margin: [0, 8, 0, 4],
      },
      // One unit's list is signed in that unit: its head by name, if recorded.
      listSignatures(
        unitId ? { ...agency, compilerName: null, headName: await unitHead(m, unitId) } : agency,
      ),
    ],
  }
}
