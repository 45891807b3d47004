import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import ExcelJS from 'exceljs'
import type { FileDownload } from '@shared/audit/schemas'
import type { DayListInput } from '@shared/visitors/schemas'
import { formatDate, vietnamDayEnd, vietnamDayStart } from '@shared/text/dates'
import type { AgencySettings } from '@shared/settings/schemas'
import { ANONYMISED_NAME } from './service'

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
  temperature: number | null
  refused: boolean
  refusalReasons: string | null
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export async function dayListRows(m: EntityManager, q: DayListQuery): Promise<AuthorityRow[]> {
  const rows = (await m.query(
    `SELECT p.full_name, p.id_number, p.date_of_birth, p.gender, p.phone, p.address, p.organisation,
            u.name AS unit_name, v.host_person, v.purpose, v.checked_in_at, v.checked_out_at, v.temperature,
            v.outcome, v.refusal_reasons
     FROM visits v JOIN visitors p ON p.id = v.visitor_id JOIN units u ON u.id = v.host_unit_id
     WHERE v.checked_in_at >= ? AND v.checked_in_at < ? ${q.hostUnitId ? 'AND v.host_unit_id = ?' : ''}
     ORDER BY v.checked_in_at, v.id`,
    [
      vietnamDayStart(q.from).toISOString(),
      vietnamDayEnd(q.to).toISOString(),
      ...(q.hostUnitId ? [q.hostUnitId] : []),
    ],
  )) as Array<Record<string, string | number | null>>
  return rows.map((r) => ({
    fullName: (r.full_name as string | null) ?? ANONYMISED_NAME,
    idNumber: r.id_number as string | null,
    dateOfBirth: r.date_of_birth as string | null,
    gender: r.gender as AuthorityRow['gender'],
    phone: r.phone as string | null,
    address: r.address as string | null,
    organisation: r.organisation as string | null,
    hostUnitName: r.unit_name as string,
    hostPerson: r.host_person as string | null,
    purpose: r.purpose as string | null,
    checkedInAt: r.checked_in_at as string,
    checkedOutAt: r.checked_out_at as string | null,
    temperature: r.temperature as number | null,
    refused: r.outcome === 'refused',
    refusalReasons: r.refusal_reasons as string | null,
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

/** Excel has no time zones: a Vietnam wall-clock time is written as that date-time. */
const wallClock = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 7 * 3_600_000) : null)
const birthDate = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`) : null)

/** The day (or range) list as a real workbook: Vietnamese headers, dates as dates, text as text. */
export async function dayListWorkbook(rows: AuthorityRow[], q: DayListQuery, agency: AgencySettings) {
  const book = new ExcelJS.Workbook()
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
      r.gender === 'male' ? 'Nam' : r.gender === 'female' ? 'Nữ' : '',
      r.phone ?? '',
      r.address ?? '',
      r.organisation ?? '',
      r.hostUnitName,
      r.hostPerson ?? '',
      r.purpose ?? '',
      wallClock(r.checkedInAt),
      wallClock(r.checkedOutAt),
      r.temperature,
      r.refused ? `Không cho vào, chuyển y tế: ${r.refusalReasons ?? ''}` : '',
    ])
  })
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
