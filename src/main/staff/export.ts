import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { FileDownload } from '@shared/audit/schemas'
import { staffCategoryLabels, staffGenderLabels } from '@shared/staff/schemas'
import type { StaffExportQuery } from '@shared/staff/schemas'
import type { AgencySettings } from '@shared/settings/schemas'
import { vietnamDay } from '@shared/text/dates'
import { loadExcel } from '../core/excel'
import { XLSX_MIME, dayText } from '../imports/xlsx'
import { unitOptions } from '../units/service'
import { allStaff } from './queries'
import { STAFF_COLUMNS } from './transfer'

/** The list as a workbook in the template's columns, so it can be filled in and sent back. */
export async function staffXlsx(
  m: EntityManager,
  q: z.output<typeof StaffExportQuery>,
  agency: AgencySettings,
  now: Date,
): Promise<FileDownload> {
  const staff = await allStaff(m, q)
  const units = await unitOptions(m, { includeInactive: true })
  const codes = new Map(units.map((u) => [u.id, u.code]))
  const book = new (await loadExcel()).Workbook()
  book.creator = 'Sổ Phòng Dịch'
  const sheet = book.addWorksheet('Danh sách cán bộ', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  sheet.addRow([agency.agencyName.toUpperCase()]).font = { bold: true }
  sheet.addRow([
    `DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC, NGƯỜI LAO ĐỘNG (ngày ${dayText(vietnamDay(now))})`,
  ]).font = {
    bold: true,
    size: 13,
  }
  const columns = [
    ...STAFF_COLUMNS,
    { key: 'unitName', label: 'Tên đơn vị', width: 28 },
    { key: 'status', label: 'Trạng thái', width: 12 },
  ]
  const header = sheet.addRow(columns.map((c) => c.label))
  header.font = { bold: true }
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' }
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width ?? 16
  })
  sheet.getColumn(3).numFmt = 'dd/mm/yyyy'
  sheet.getColumn(5).numFmt = '@'
  staff.forEach((s, i) =>
    sheet.addRow([
      i + 1,
      s.fullName,
      s.dateOfBirth ? new Date(`${s.dateOfBirth}T00:00:00Z`) : null,
      s.gender ? staffGenderLabels[s.gender] : '',
      s.idNumber,
      s.phone ?? '',
      s.position ?? '',
      staffCategoryLabels[s.category],
      codes.get(s.unitId) ?? '',
      s.note ?? '',
      s.unitName,
      s.active ? 'Đang công tác' : 'Đã nghỉ',
    ]),
  )
  sheet.views = [{ state: 'frozen', ySplit: header.number }]
  sheet.autoFilter = {
    from: { row: header.number, column: 1 },
    to: { row: header.number, column: columns.length },
  }
  const buffer = Buffer.from(await book.xlsx.writeBuffer())
  return {
    fileName: `danh-sach-can-bo-${vietnamDay(now)}.xlsx`,
    mimeType: XLSX_MIME,
    base64: buffer.toString('base64'),
  }
}
