import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { FileDownload } from '@shared/audit/schemas'
import type { DayListInput } from '@shared/visitors/schemas'
import { formatDate, formatDateTime, vietnamDayEnd, vietnamDayStart } from '@shared/text/dates'
import type { AgencySettings } from '@shared/settings/schemas'
import { symptomLabels } from '@shared/visitors/schemas'
import { slipCode } from '@shared/visitors/slip-code'
import type { InsideList, Symptom, TraceResult, VisitDto } from '@shared/visitors/schemas'
import { UnitEntity } from '../units/entities'
import { VisitEntity, VisitorEntity } from './entities'
import type { VisitRow } from './entities'
import { ANONYMISED_NAME } from './mapping'
import { renderPdf } from '../printing/pdf'
import { listTable, officialDocument, signatureBlocks } from '../printing/official-document'
import type { OfficialDocumentOptions } from '../printing/official-document'
import { FONT_FAMILY } from '../printing/fonts'
import { loadExcel } from '../core/excel'

type DayListQuery = z.output<typeof DayListInput>

/** One row of the lists handed to the health authority: full ID numbers, contact details. */
export interface AuthorityRow {
  fullName: string
  idNumber: string | null
  dateOfBirth: string | null
  gender: 'male' | 'female' | null
  phone: string | null
  address: string | null
  organisation: string | null
  hostUnitName: string
  hostPerson: string | null
  purpose: string | null
  checkedInAt: string
  checkedOutAt: string | null
  /** Closed by the retention purge: the list says so instead of a time. */
  checkOutUnrecorded: boolean
  temperature: number | null
  symptoms: Symptom[]
  contactWithCase: boolean
  fromCaseArea: boolean
  refused: boolean
  refusalReasons: string | null
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** A day-list row as read: booleans as the driver gives them (0/1 on SQLite). */
interface DayListRow extends Omit<
  AuthorityRow,
  'checkOutUnrecorded' | 'symptoms' | 'contactWithCase' | 'fromCaseArea' | 'refused' | 'fullName'
> {
  fullName: string | null
  symptoms: string
  outcome: VisitRow['outcome']
  checkOutUnrecorded: boolean | number
  contactWithCase: boolean | number
  fromCaseArea: boolean | number
}

const DAY_LIST_COLUMNS: Record<keyof DayListRow, string> = {
  fullName: 'p.fullName',
  idNumber: 'p.idNumber',
  dateOfBirth: 'p.dateOfBirth',
  gender: 'p.gender',
  phone: 'p.phone',
  address: 'p.address',
  organisation: 'p.organisation',
  hostUnitName: 'u.name',
  hostPerson: 'v.hostPerson',
  purpose: 'v.purpose',
  checkedInAt: 'v.checkedInAt',
  checkedOutAt: 'v.checkedOutAt',
  temperature: 'v.temperature',
  symptoms: 'v.symptoms',
  contactWithCase: 'v.contactWithCase',
  fromCaseArea: 'v.fromCaseArea',
  outcome: 'v.outcome',
  refusalReasons: 'v.refusalReasons',
  checkOutUnrecorded: 'v.checkOutUnrecorded',
}

export async function dayListRows(m: EntityManager, q: DayListQuery): Promise<AuthorityRow[]> {
  const qb = m
    .createQueryBuilder(VisitEntity, 'v')
    .innerJoin(VisitorEntity.options.name, 'p', 'p.id = v.visitorId')
    .innerJoin(UnitEntity.options.name, 'u', 'u.id = v.hostUnitId')
    .select([])
    .where('v.checkedInAt >= :from AND v.checkedInAt < :to', {
      from: vietnamDayStart(q.from).toISOString(),
      to: vietnamDayEnd(q.to).toISOString(),
    })
  for (const [alias, column] of Object.entries(DAY_LIST_COLUMNS)) qb.addSelect(column, alias)
  if (q.hostUnitId) qb.andWhere('v.hostUnitId = :unit', { unit: q.hostUnitId })
  const rows = await qb.orderBy('v.checkedInAt').addOrderBy('v.id').getRawMany<DayListRow>()
  return rows.map(({ outcome, ...r }) => ({
    ...r,
    fullName: r.fullName ?? ANONYMISED_NAME,
    checkOutUnrecorded: Boolean(r.checkOutUnrecorded),
    symptoms: r.symptoms ? (r.symptoms.split(',') as Symptom[]) : [],
    contactWithCase: Boolean(r.contactWithCase),
    fromCaseArea: Boolean(r.fromCaseArea),
    refused: outcome === 'refused',
  }))
}

/** "ngày 07/02/2021" or "từ ngày 01/02/2021 đến ngày 07/02/2021". */
export function periodText(q: DayListQuery): string {
  const day = (d: string) => formatDate(vietnamDayStart(d))
  return q.from === q.to ? `ngày ${day(q.from)}` : `từ ngày ${day(q.from)} đến ngày ${day(q.to)}`
}

export function listTitle(q: DayListQuery): string {
  return `DANH SÁCH KHÁCH ĐẾN LIÊN HỆ CÔNG TÁC ${periodText(q).toUpperCase()}`
}

export function fileStem(q: DayListQuery): string {
  return q.from === q.to ? `danh-sach-khach-${q.from}` : `danh-sach-khach-${q.from}-den-${q.to}`
}

const genderText = (g: AuthorityRow['gender']) => (g === 'male' ? 'Nam' : g === 'female' ? 'Nữ' : '')
const yesNo = (v: boolean) => (v ? 'Có' : 'Không')
const refusalText = (r: AuthorityRow) =>
  r.refused ? `Không cho vào, chuyển y tế: ${r.refusalReasons ?? ''}` : ''

/** The figures at the foot of both lists: visits, and how many were refused at the gate. */
export function dayListTotals(rows: AuthorityRow[]): { visits: number; refused: number } {
  return { visits: rows.length, refused: rows.filter((r) => r.refused).length }
}

/** Excel has no time zones: a Vietnam wall-clock time is written as that date-time. */
const wallClock = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 7 * 3_600_000) : null)
export const UNRECORDED_OUT = 'Không ghi giờ ra'
const birthDate = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`) : null)

/** The day (or range) list as a real workbook: Vietnamese headers, dates as dates, text as text. */
export async function dayListWorkbook(rows: AuthorityRow[], q: DayListQuery, agency: AgencySettings) {
  const book = new (await loadExcel()).Workbook()
  book.creator = 'Sổ Phòng Dịch'
  const sheet = book.addWorksheet('Danh sách khách', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  const columns: Array<{ header: string; key: string; width: number; numFmt?: string }> = [
    { header: 'STT', key: 'no', width: 6 },
    { header: 'Họ và tên', key: 'fullName', width: 24 },
    { header: 'Số CCCD/CMND/Hộ chiếu', key: 'idNumber', width: 16 },
    { header: 'Ngày sinh', key: 'dateOfBirth', width: 12, numFmt: 'dd/mm/yyyy' },
    { header: 'Giới tính', key: 'gender', width: 9 },
    { header: 'Điện thoại', key: 'phone', width: 13 },
    { header: 'Địa chỉ', key: 'address', width: 36 },
    { header: 'Cơ quan, tổ chức', key: 'organisation', width: 22 },
    { header: 'Đến đơn vị', key: 'hostUnitName', width: 24 },
    { header: 'Gặp ai', key: 'hostPerson', width: 16 },
    { header: 'Nội dung', key: 'purpose', width: 24 },
    { header: 'Giờ vào', key: 'checkedInAt', width: 16, numFmt: 'dd/mm/yyyy hh:mm' },
    { header: 'Giờ ra', key: 'checkedOutAt', width: 16, numFmt: 'dd/mm/yyyy hh:mm' },
    { header: 'Nhiệt độ (°C)', key: 'temperature', width: 10, numFmt: '0.0' },
    { header: 'Triệu chứng', key: 'symptoms', width: 22 },
    { header: 'Tiếp xúc F0/F1 (14 ngày)', key: 'contactWithCase', width: 12 },
    { header: 'Từ vùng có ca bệnh (14 ngày)', key: 'fromCaseArea', width: 12 },
    { header: 'Ghi chú', key: 'remark', width: 28 },
  ]
  sheet.addRow([agency.agencyName.toUpperCase()]).font = { bold: true }
  const title = sheet.addRow([listTitle(q)])
  title.font = { bold: true, size: 13 }
  sheet.mergeCells(title.number, 1, title.number, columns.length)
  title.alignment = { horizontal: 'center' }
  sheet.addRow([])
  const header = sheet.addRow(columns.map((c) => c.header))
  header.font = { bold: true }
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' }
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1)
    column.width = c.width
    if (c.numFmt) column.numFmt = c.numFmt
  })
  rows.forEach((r, i) => {
    sheet.addRow([
      i + 1,
      r.fullName,
      r.idNumber ?? '',
      birthDate(r.dateOfBirth),
      genderText(r.gender),
      r.phone ?? '',
      r.address ?? '',
      r.organisation ?? '',
      r.hostUnitName,
      r.hostPerson ?? '',
      r.purpose ?? '',
      wallClock(r.checkedInAt),
      r.checkOutUnrecorded ? UNRECORDED_OUT : wallClock(r.checkedOutAt),
      r.temperature,
      r.symptoms.length ? r.symptoms.map((k) => symptomLabels[k]).join(', ') : 'Không',
      yesNo(r.contactWithCase),
      yesNo(r.fromCaseArea),
      refusalText(r),
    ])
  })
  const totals = dayListTotals(rows)
  sheet.addRow([])
  for (const [label, n] of [
    ['Tổng số lượt khách', totals.visits],
    ['Không cho vào, chuyển y tế', totals.refused],
  ] as const) {
    const row = sheet.addRow(['', label, n])
    row.font = { bold: true }
    row.getCell(3).numFmt = '0'
    row.getCell(3).alignment = { horizontal: 'left' }
  }
  sheet.views = [{ state: 'frozen', ySplit: header.number }]
  sheet.autoFilter = {
    from: { row: header.number, column: 1 },
    to: { row: header.number, column: columns.length },
  }
  return book
}

export async function dayListXlsx(
  m: EntityManager,
  q: DayListQuery,
  agency: AgencySettings,
): Promise<FileDownload> {
  const rows = await dayListRows(m, q)
  const book = await dayListWorkbook(rows, q, agency)
  const buffer = Buffer.from(await book.xlsx.writeBuffer())
  return { fileName: `${fileStem(q)}.xlsx`, mimeType: XLSX_MIME, base64: buffer.toString('base64') }
}

export const PDF_MIME = 'application/pdf'

const pdfFile = (fileName: string, bytes: Buffer): FileDownload => ({
  fileName,
  mimeType: PDF_MIME,
  base64: bytes.toString('base64'),
})

const time = (iso: string | null) => (iso ? formatDateTime(iso).slice(11) : '')
const dayAndTime = (iso: string | null, q: DayListQuery) =>
  iso ? (q.from === q.to ? time(iso) : formatDateTime(iso)) : ''

/** The day (or range) list as an official landscape document for the health authority. */
export async function dayListPdf(
  m: EntityManager,
  q: DayListQuery,
  agency: AgencySettings,
  now: Date,
): Promise<FileDownload> {
  const doc = officialDocument(dayListLayout(await dayListRows(m, q), q, agency, now))
  return pdfFile(`${fileStem(q)}.pdf`, await renderPdf(doc))
}

/** The day list's table and signatures, for the PDF and the Word file alike. */
export function dayListLayout(
  rows: AuthorityRow[],
  q: DayListQuery,
  agency: AgencySettings,
  now: Date,
): OfficialDocumentOptions {
  const totals = dayListTotals(rows)
  const oneDay = q.from === q.to
  const headers = [
    'STT',
    'Họ và tên',
    'Số CCCD/ CMND/ Hộ chiếu',
    'Năm sinh, giới tính',
    'Điện thoại',
    'Địa chỉ',
    'Cơ quan, tổ chức',
    'Đến đơn vị',
    'Giờ vào – ra',
    'Nhiệt độ (°C)',
    'Ghi chú',
  ]
  const table = listTable(
    headers,
    rows.map((r, i) => [
      String(i + 1),
      r.fullName,
      r.idNumber ?? '',
      [r.dateOfBirth?.slice(0, 4), genderText(r.gender)].filter(Boolean).join('\n'),
      r.phone ?? '',
      r.address ?? '',
      r.organisation ?? '',
      r.hostUnitName,
      r.refused
        ? dayAndTime(r.checkedInAt, q)
        : `${dayAndTime(r.checkedInAt, q)} –\n${r.checkOutUnrecorded ? UNRECORDED_OUT : dayAndTime(r.checkedOutAt, q)}`,
      r.temperature === null ? '' : r.temperature.toFixed(1),
      refusalText(r),
    ]),
    [22, 82, 62, 38, 54, '*', 66, 72, oneDay ? 34 : 60, 32, 66],
  )
  // Numbers read down their column: right-aligned; the totals close the table.
  for (const row of table.table.body.slice(1))
    for (const col of [0, 9]) Object.assign(row[col] as object, { alignment: 'right' })
  table.table.body.push([
    {
      text: `Tổng cộng: ${totals.visits} lượt khách, trong đó ${totals.refused} lượt không cho vào (chuyển y tế).`,
      bold: true,
      colSpan: headers.length,
    },
    ...headers.slice(1).map(() => ({})),
  ] as never)
  return {
    agency,
    date: now,
    title: listTitle(q),
    landscape: true,
    content: [
      { ...table, fontSize: 10 },
      signatureBlocks([{ post: 'Người lập biểu' }, { post: 'Thủ trưởng đơn vị' }]),
    ],
  }
}

/** Everyone inside now, by unit, with a column to tick: for an evacuation or a surprise inspection. */
export async function rollCallPdf(
  inside: InsideList,
  agency: AgencySettings,
  now: Date,
): Promise<FileDownload> {
  const byUnit = new Map<string, VisitDto[]>()
  for (const v of inside.items) byUnit.set(v.hostUnitName, [...(byUnit.get(v.hostUnitName) ?? []), v])
  const rows: string[][] = []
  for (const [unit, visits] of byUnit) {
    rows.push([unit, '', '', '', ''])
    visits.forEach((v, i) =>
      rows.push([
        `${i + 1}. ${v.visitorName}`,
        v.organisation ?? '',
        time(v.checkedInAt),
        v.badgeNumber ?? '',
        '',
      ]),
    )
  }
  const table = listTable(
    ['Họ và tên (theo đơn vị)', 'Cơ quan, tổ chức', 'Giờ vào', 'Số thẻ', 'Có mặt'],
    rows,
    ['*', 110, 44, 44, 44],
  )
  // Unit rows stand out: bold, spanning the table.
  const body = table.table.body
  let r = 1
  for (const [, visits] of byUnit) {
    body[r] = [
      { text: body[r]![0] as never, bold: true, colSpan: 5, fillColor: '#eeeeee' },
      {},
      {},
      {},
      {},
    ] as never
    r += visits.length + 1
  }
  const doc = officialDocument({
    agency,
    date: now,
    title: 'DANH SÁCH KHÁCH ĐANG CÓ MẶT TẠI CƠ QUAN',
    subject: `Lúc ${time(now.toISOString())} ngày ${formatDate(now)} — ${inside.count} khách`,
    content: [table, signatureBlocks([{ post: 'Người lập' }, { post: 'Người kiểm tra' }])],
  })
  const c = formatDateTime(now).replace(/[/: ]/g, '')
  return pdfFile(`diem-danh-khach-${c}.pdf`, await renderPdf(doc))
}

/** The visitor slip handed over with the badge: a small page the receptionist can print fast. */
export async function visitorSlipPdf(visit: VisitDto, agency: AgencySettings): Promise<FileDownload> {
  const line = (label: string, value: string) => ({
    text: [{ text: `${label}: `, bold: true }, value],
    margin: [0, 2, 0, 2],
  })
  const doc = {
    pageSize: 'A6' as const,
    pageMargins: [24, 24, 24, 24] as [number, number, number, number],
    defaultStyle: { font: FONT_FAMILY, fontSize: 11 },
    content: [
      { text: agency.agencyName.toUpperCase(), bold: true, alignment: 'center' as const },
      { text: 'PHIẾU KHÁCH', bold: true, fontSize: 14, alignment: 'center' as const, margin: [0, 8, 0, 0] },
      { text: 'Đến liên hệ công tác', italics: true, alignment: 'center' as const, margin: [0, 0, 0, 10] },
      line('Họ và tên', visit.visitorName),
      line('Đến đơn vị', visit.hostUnitName),
      ...(visit.hostPerson ? [line('Gặp', visit.hostPerson)] : []),
      line('Giờ vào', formatDateTime(visit.checkedInAt)),
      line('Số thẻ', visit.badgeNumber ?? '—'),
      { qr: slipCode(visit), fit: 96, alignment: 'center' as const, margin: [0, 10, 0, 0] },
      {
        text: 'Khi ra về, xin đưa phiếu để quét mã và trả thẻ.',
        italics: true,
        alignment: 'center' as const,
        margin: [0, 6, 0, 0],
      },
    ] as never,
  }
  return pdfFile(`phieu-khach-${visit.id}.pdf`, await renderPdf(doc))
}

const TRACE_HEADERS = [
  'STT',
  'Họ và tên',
  'Số CCCD/CMND/Hộ chiếu',
  'Điện thoại',
  'Địa chỉ',
  'Cơ quan, tổ chức',
  'Đơn vị',
  'Giờ vào',
  'Giờ ra',
  'Trùng (phút)',
]

function traceTitle(trace: TraceResult): string {
  return `DANH SÁCH NGƯỜI TIẾP XÚC VỚI ${trace.caseName ? trace.caseName.toUpperCase() : 'CA BỆNH'}`
}

function traceWindow(trace: TraceResult): string {
  const from = trace.exposures.map((e) => e.from).sort()[0]
  const to = trace.exposures
    .map((e) => e.to)
    .sort()
    .at(-1)
  return from && to
    ? `Tại cơ quan từ ${formatDateTime(from)} đến ${formatDateTime(to)}`
    : 'Không có lượt đến cơ quan trong khoảng thời gian này'
}

/** Contacts of a case as a workbook for the health authority: full contact details. */
export async function traceXlsx(trace: TraceResult, agency: AgencySettings): Promise<FileDownload> {
  const book = new (await loadExcel()).Workbook()
  book.creator = 'Sổ Phòng Dịch'
  const sheet = book.addWorksheet('Người tiếp xúc')
  sheet.addRow([agency.agencyName.toUpperCase()]).font = { bold: true }
  sheet.addRow([traceTitle(trace)]).font = { bold: true, size: 13 }
  sheet.addRow([traceWindow(trace)])
  const header = sheet.addRow(TRACE_HEADERS)
  header.font = { bold: true }
  ;[6, 24, 16, 13, 36, 22, 24, 16, 16, 10].forEach((w, i) => (sheet.getColumn(i + 1).width = w))
  sheet.getColumn(8).numFmt = 'dd/mm/yyyy hh:mm'
  sheet.getColumn(9).numFmt = 'dd/mm/yyyy hh:mm'
  trace.contacts.forEach((c, i) =>
    sheet.addRow([
      i + 1,
      c.fullName,
      c.idNumber ?? '',
      c.phone ?? '',
      c.address ?? '',
      c.organisation ?? '',
      c.hostUnitName,
      wallClock(c.checkedInAt),
      c.checkOutUnrecorded ? UNRECORDED_OUT : wallClock(c.checkedOutAt),
      c.overlapMinutes,
    ]),
  )
  const staffSheet = book.addWorksheet('Cán bộ tại đơn vị')
  staffSheet.addRow([TRACE_STAFF_TITLE]).font = { bold: true, size: 13 }
  staffSheet.addRow(TRACE_STAFF_HEADERS).font = { bold: true }
  ;[6, 28, 28, 14, 30].forEach((w, i) => (staffSheet.getColumn(i + 1).width = w))
  traceStaffRows(trace).forEach((row, i) => staffSheet.addRow([i + 1, ...row.slice(1)]))
  const buffer = Buffer.from(await book.xlsx.writeBuffer())
  return { fileName: 'truy-vet-tiep-xuc.xlsx', mimeType: XLSX_MIME, base64: buffer.toString('base64') }
}

const TRACE_STAFF_TITLE = 'CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC, NGƯỜI LAO ĐỘNG TẠI CÁC ĐƠN VỊ CA BỆNH ĐÃ ĐẾN'
const TRACE_STAFF_HEADERS = ['STT', 'Họ và tên', 'Chức vụ', 'Điện thoại', 'Đơn vị']

const traceStaffRows = (trace: TraceResult): string[][] =>
  trace.staff.map((s, i) => [String(i + 1), s.fullName, s.position ?? '', s.phone ?? '', s.unitName])

export async function tracePdf(trace: TraceResult, agency: AgencySettings, now: Date): Promise<FileDownload> {
  const doc = officialDocument({
    agency,
    date: now,
    title: traceTitle(trace),
    subject: traceWindow(trace),
    landscape: true,
    content: [
      listTable(
        TRACE_HEADERS,
        trace.contacts.map((c, i) => [
          String(i + 1),
          c.fullName,
          c.idNumber ?? '',
          c.phone ?? '',
          c.address ?? '',
          c.organisation ?? '',
          c.hostUnitName,
          formatDateTime(c.checkedInAt),
          c.checkOutUnrecorded
            ? UNRECORDED_OUT
            : c.checkedOutAt
              ? formatDateTime(c.checkedOutAt)
              : c.refused
                ? 'Không cho vào'
                : 'Còn trong cơ quan',
          String(c.overlapMinutes),
        ]),
        [24, 96, 70, 60, '*', 80, 90, 62, 62, 40],
      ),
      { text: `Tổng số: ${trace.contacts.length} người.`, margin: [0, 8, 0, 0] },
      { text: TRACE_STAFF_TITLE, bold: true, alignment: 'center', margin: [0, 14, 0, 6] },
      listTable(TRACE_STAFF_HEADERS, traceStaffRows(trace), [24, 160, 160, 80, '*']),
      { text: `Tổng số: ${trace.staff.length} người.`, margin: [0, 8, 0, 0] },
      signatureBlocks([{ post: 'Người lập biểu' }, { post: 'Thủ trưởng đơn vị' }]),
    ],
  })
  return pdfFile('truy-vet-tiep-xuc.pdf', await renderPdf(doc))
}
