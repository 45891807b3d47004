import type { ServiceContext } from '../core/context'
import type { EntityManager } from 'typeorm'
import type { FileDownload } from '@shared/audit/schemas'
import type { z } from 'zod'
import type {
  ImportHeaderReport,
  ImportMapping,
  ImportPreview,
  ImportResult,
  ImportRowDto,
} from '@shared/imports/schemas'
import { importMsg } from '@shared/imports/schemas'
import type { AgencySettings } from '@shared/settings/schemas'
import {
  ANSWERS,
  DOSES,
  RegistrationInput,
  VACCINATION_STATUSES,
  answerLabels,
  doseLabels,
  statusLabels,
} from '@shared/vaccines/schemas'
import type { Answer, Consolidation, Dose, RegistrationDto } from '@shared/vaccines/schemas'
import { staffGenderLabels } from '@shared/staff/schemas'
import { searchKey } from '@shared/text/search-key'
import { vietnamDay } from '@shared/text/dates'
import { AppError } from '../core/errors'
import type { ImportColumn, SheetRow } from '../imports/xlsx'
import {
  XLSX_MIME,
  dayText,
  parseDayText,
  readImportSheet,
  requireComplete,
  templateFile,
} from '../imports/xlsx'
import { renderPdf } from '../printing/pdf'
import { listTable, officialDocument, listSignatures } from '../printing/official-document'
import type { OfficialDocumentOptions } from '../printing/official-document'
import {
  allRegistrations,
  checkNewRegistration,
  getRegistration,
  insertRegistration,
  listCatalog,
  markSubmitted,
} from './service'
import { findActiveUnit } from '../units/service'
import { loadExcel } from '../core/excel'
import { matchVaccine } from './aliases'

export const MAX_VACCINATION_IMPORT_ROWS = 10_000

const ANSWER_HINT = 'Có, Không hoặc Không rõ (để trống là Không rõ)'

export const VACCINATION_COLUMNS: ImportColumn[] = [
  { key: 'no', label: 'STT', width: 6 },
  {
    key: 'fullName',
    label: 'Họ và tên',
    required: true,
    aliases: ['Họ tên'],
    width: 24,
    hint: 'Như trong danh sách cán bộ',
  },
  {
    key: 'idNumber',
    label: 'Số CCCD',
    required: true,
    aliases: ['Số CCCD/CMND', 'CCCD', 'CCCD/CMND', 'Số định danh cá nhân'],
    kind: 'id',
    width: 16,
    hint: '12 chữ số; người này phải có trong danh sách cán bộ của đơn vị',
  },
  {
    key: 'dose',
    label: 'Mũi đăng ký',
    required: true,
    aliases: ['Mũi tiêm', 'Mũi'],
    width: 12,
    hint: '1, 2, 3 (hoặc "nhắc lại 1"), 4 (hoặc "nhắc lại 2"), 5',
  },
  {
    key: 'vaccine',
    label: 'Vắc xin',
    aliases: ['Loại vắc xin', 'Vắc xin đăng ký'],
    width: 18,
    hint: 'Xem trang "Vắc xin"',
  },
  {
    key: 'priorityGroup',
    label: 'Nhóm ưu tiên',
    aliases: ['Nhóm đối tượng', 'Đối tượng ưu tiên'],
    width: 10,
    hint: 'Số thứ tự nhóm (1–9 theo Nghị quyết 21/NQ-CP), xem trang "Nhóm ưu tiên"',
  },
  { key: 'occupation', label: 'Nghề nghiệp', width: 16 },
  {
    key: 'insuranceNumber',
    label: 'Số thẻ BHYT',
    aliases: ['BHYT', 'Số BHYT'],
    width: 18,
    hint: 'Không bắt buộc',
  },
  { key: 'desiredOn', label: 'Ngày mong muốn tiêm', kind: 'date', width: 12, hint: 'dd/mm/yyyy' },
  { key: 'dose1Vaccine', label: 'Mũi 1 - Vắc xin', width: 16, hint: 'Nếu đã tiêm mũi 1' },
  { key: 'dose1Date', label: 'Mũi 1 - Ngày tiêm', kind: 'date', width: 12, hint: 'dd/mm/yyyy' },
  { key: 'dose2Vaccine', label: 'Mũi 2 - Vắc xin', width: 16, hint: 'Nếu đã tiêm mũi 2' },
  { key: 'dose2Date', label: 'Mũi 2 - Ngày tiêm', kind: 'date', width: 12, hint: 'dd/mm/yyyy' },
  { key: 'dose3Vaccine', label: 'Mũi 3 - Vắc xin', width: 16, hint: 'Nếu đã tiêm mũi 3' },
  { key: 'dose3Date', label: 'Mũi 3 - Ngày tiêm', kind: 'date', width: 12, hint: 'dd/mm/yyyy' },
  { key: 'covid90Days', label: 'Mắc COVID-19 trong 90 ngày', width: 12, hint: ANSWER_HINT },
  { key: 'anaphylaxis', label: 'Phản vệ sau mũi trước', width: 12, hint: ANSWER_HINT },
  { key: 'pregnantOrNursing', label: 'Mang thai hoặc cho con bú', width: 12, hint: ANSWER_HINT },
  { key: 'underlyingConditions', label: 'Bệnh nền', width: 12, hint: ANSWER_HINT },
  { key: 'note', label: 'Ghi chú', width: 20 },
]

const LABEL = Object.fromEntries(VACCINATION_COLUMNS.map((c) => [c.key, c.label]))
const PRIOR = [1, 2, 3] as const

interface Lookups {
  vaccines: Array<{ id: number; name: string; active: boolean }>
  groups: Array<{ id: number; name: string; key: string; no: number }>
}

async function lookups(m: EntityManager): Promise<Lookups> {
  const vaccines = await listCatalog(m, 'vaccines')
  // A group keeps its number (its place in the list) when an earlier one is retired.
  const groups = (await listCatalog(m, 'vaccine_priority_groups'))
    .map((g, i) => ({ ...g, key: searchKey(g.name), no: i + 1 }))
    .filter((g) => g.active)
  return { vaccines, groups }
}

/** A vaccine by any of its usual names, ignoring case, marks and spaces. */
function findVaccine(l: Lookups, text: string): number | null {
  return matchVaccine(l.vaccines, text)?.id ?? null
}

function findGroup(l: Lookups, text: string): number | null {
  const n = /^\d+$/.test(text) ? Number(text) : null
  if (n !== null) return l.groups.find((g) => g.no === n)?.id ?? null
  return l.groups.find((g) => g.key === searchKey(text))?.id ?? null
}

function parseDose(text: string): Dose | null {
  const key = searchKey(text).replace(/^mui\s*/, '')
  const booster = /^nhac lai(?: lan)?\s*(\d)$/.exec(key)
  // "Nhắc lại lần 1" is the third dose, "lần 2" the fourth.
  const n = booster ? 2 + Number(booster[1]) : /^\d$/.test(key) ? Number(key) : NaN
  return (DOSES as readonly number[]).includes(n) ? (n as Dose) : null
}

const ANSWER_BY_KEY = new Map<string, Answer>(ANSWERS.map((a) => [searchKey(answerLabels[a]), a]))

interface CheckedRow {
  dto: ImportRowDto
  input: ReturnType<typeof RegistrationInput.parse> | null
  checked: Awaited<ReturnType<typeof checkNewRegistration>> | null
}

/** Every row's problems: the person (in this unit), values, duplicates, and the dose rules. */
async function checkRows(
  m: EntityManager,
  roundId: number,
  unitId: number,
  rows: SheetRow[],
): Promise<CheckedRow[]> {
  const l = await lookups(m)
  const [unit] = (await m.query(`SELECT name FROM units WHERE id = ?`, [unitId])) as Array<{ name: string }>
  const staffByIdNumber = new Map<
    string,
    { id: number; unitId: number; fullName: string; unitName: string }
  >()
  for (const s of (await m.query(
    `SELECT s.id, s.unit_id, s.full_name, s.id_number, u.name AS unit_name FROM staff s JOIN units u ON u.id = s.unit_id
     WHERE s.active = 1`,
  )) as Array<{ id: number; unit_id: number; full_name: string; id_number: string; unit_name: string }>)
    staffByIdNumber.set(s.id_number, {
      id: s.id,
      unitId: s.unit_id,
      fullName: s.full_name,
      unitName: s.unit_name,
    })

  const out: CheckedRow[] = []
  const rowsOfStaff = new Map<number, number[]>()
  for (const { row, cells } of rows) {
    const errors: string[] = []
    const add = (key: string, message: string) => errors.push(`${LABEL[key] ?? key}: ${message}`)
    const idNumber = (cells.idNumber ?? '').replace(/[\s.]/g, '')
    let staffId: number | null = null
    if (!idNumber) add('idNumber', 'Không được để trống')
    else if (!/^(?:\d{9}|\d{12})$/.test(idNumber))
      add('idNumber', `“${cells.idNumber}” không phải số CCCD (12 chữ số)`)
    else {
      const staff = staffByIdNumber.get(idNumber)
      if (!staff)
        add(
          'idNumber',
          'không có trong danh sách cán bộ đang công tác — nhập người này vào danh sách cán bộ trước',
        )
      else if (staff.unitId !== unitId)
        add('idNumber', `thuộc đơn vị ${staff.unitName}, không phải ${unit?.name ?? 'đơn vị đã chọn'}`)
      else {
        staffId = staff.id
        if (cells.fullName && searchKey(cells.fullName) !== searchKey(staff.fullName))
          add('fullName', `“${cells.fullName}” không khớp với cán bộ có số CCCD này (${staff.fullName})`)
        rowsOfStaff.set(staff.id, [...(rowsOfStaff.get(staff.id) ?? []), row])
      }
    }
    const dose = cells.dose ? parseDose(cells.dose) : null
    if (!cells.dose) add('dose', 'Không được để trống')
    else if (!dose) add('dose', `“${cells.dose}” không hợp lệ (1, 2, 3, 4, 5; nhắc lại 1, nhắc lại 2)`)
    const vaccineId = cells.vaccine ? findVaccine(l, cells.vaccine) : null
    if (cells.vaccine && !vaccineId) add('vaccine', `“${cells.vaccine}” không có trong danh sách vắc xin`)
    const groupId = cells.priorityGroup ? findGroup(l, cells.priorityGroup) : null
    if (cells.priorityGroup && !groupId)
      add('priorityGroup', `“${cells.priorityGroup}” không có trong danh sách nhóm ưu tiên`)
    const day = (key: string): string | null => {
      const text = cells[key] ?? ''
      if (!text) return null
      const parsed = parseDayText(text)
      if (!parsed) add(key, `“${text}” không hợp lệ (ghi dd/mm/yyyy)`)
      return parsed
    }
    const desiredOn = day('desiredOn')
    const priorKeys: string[] = []
    const priorDoses = PRIOR.flatMap((k) => {
      const vText = cells[`dose${k}Vaccine`] ?? ''
      const givenOn = day(`dose${k}Date`)
      if (!givenOn) {
        if (vText && !cells[`dose${k}Date`]) add(`dose${k}Date`, 'Ghi ngày tiêm mũi này')
        return []
      }
      const v = vText ? findVaccine(l, vText) : null
      if (vText && !v) add(`dose${k}Vaccine`, `“${vText}” không có trong danh sách vắc xin`)
      priorKeys.push(`dose${k}Date`)
      return [{ dose: k, vaccineId: v, givenOn }]
    })
    const answer = (key: string): Answer => {
      const text = cells[key] ?? ''
      if (!text) return 'unknown'
      const a = ANSWER_BY_KEY.get(searchKey(text))
      if (!a) add(key, `“${text}” không hợp lệ (${ANSWER_HINT})`)
      return a ?? 'unknown'
    }
    const candidate = {
      roundId,
      staffId: staffId ?? 0,
      dose: dose ?? 1,
      vaccineId,
      priorityGroupId: groupId,
      occupation: cells.occupation,
      insuranceNumber: cells.insuranceNumber ? cells.insuranceNumber.replace(/\s/g, '').toUpperCase() : null,
      desiredOn,
      covid90Days: answer('covid90Days'),
      anaphylaxis: answer('anaphylaxis'),
      pregnantOrNursing: answer('pregnantOrNursing'),
      underlyingConditions: answer('underlyingConditions'),
      priorDoses,
      status: 'registered' as const,
      note: cells.note,
    }
    const fieldKey = (path: string): string => {
      const prior = /^priorDoses\.(\d+)/.exec(path)
      if (prior) return priorKeys[Number(prior[1])] ?? 'dose1Date'
      return (
        { vaccineId: 'vaccine', priorityGroupId: 'priorityGroup', priorDoses: 'dose1Date', status: 'dose' }[
          path
        ] ?? path
      )
    }
    const parsed = errors.length ? null : RegistrationInput.safeParse(candidate)
    let input: CheckedRow['input'] = null
    let checked: CheckedRow['checked'] = null
    if (parsed && !parsed.success)
      for (const issue of parsed.error.issues) add(fieldKey(issue.path.join('.')), issue.message)
    else if (parsed?.success) {
      try {
        checked = await checkNewRegistration(m, parsed.data)
        input = parsed.data
      } catch (error) {
        if (!(error instanceof AppError)) throw error
        for (const [path, message] of Object.entries(error.fieldErrors)) add(fieldKey(path), message)
      }
    }
    const values = { ...cells }
    for (const key of ['desiredOn', 'dose1Date', 'dose2Date', 'dose3Date']) {
      const parsedDay = values[key] ? parseDayText(values[key]!) : null
      if (parsedDay) values[key] = dayText(parsedDay)
    }
    out.push({ dto: { row, values, errors }, input, checked })
  }
  for (const c of out) {
    const staffId = c.input?.staffId
    const same = staffId ? rowsOfStaff.get(staffId)!.filter((r) => r !== c.dto.row) : []
    if (same.length) c.dto.errors.push(`Số CCCD: trùng với dòng ${same.join(', ')} trong tệp`)
    if (c.dto.errors.length) c.input = null
  }
  return out
}

const preview = (checked: CheckedRow[], header: ImportHeaderReport): ImportPreview => ({
  columns: VACCINATION_COLUMNS.filter((c) => c.key !== 'no').map((c) => ({ key: c.key, label: c.label })),
  header,
  rows: checked.map((c) => c.dto),
  total: checked.length,
  errorRows: checked.filter((c) => c.dto.errors.length).length,
})

async function requireUnitAndRound(m: EntityManager, roundId: number, unitId: number): Promise<void> {
  const errors: Record<string, string> = {}
  const [round] = (await m.query(`SELECT closed FROM vaccine_rounds WHERE id = ?`, [roundId])) as Array<{
    closed: number
  }>
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

// ------------------------------------------------------------------ exports

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
  const groupNo = new Map((await listCatalog(m, 'vaccine_priority_groups')).map((g, i) => [g.id, i + 1]))
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
  const [row] = (await m.query(`SELECT head_name FROM units WHERE id = ?`, [unitId])) as Array<{
    head_name: string | null
  }>
  return row?.head_name ?? null
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
  const groupNo = new Map((await listCatalog(m, 'vaccine_priority_groups')).map((g, i) => [g.id, i + 1]))
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
