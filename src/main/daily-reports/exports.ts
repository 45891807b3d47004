import type { EntityManager } from 'typeorm'
import type { Content } from 'pdfmake/interfaces'
import type { FileDownload } from '@shared/audit/schemas'
import type { AgencySettings } from '@shared/settings/schemas'
import type { Board, DailyReportFigures } from '@shared/daily-reports/schemas'
import { REPORT_COUNT_KEYS, REPORT_DEADLINE } from '@shared/daily-reports/schemas'
import { formatDate, formatDateTime, vietnamDayStart } from '@shared/text/dates'
import { renderPdf } from '../printing/pdf'
import {
  listTable,
  officialDocument,
  paragraph,
  sentence,
  listSignatures,
} from '../printing/official-document'
import { board } from './board'
import { DailyReportEntity } from './entities'
import { figuresOf } from './figures'
import type { OfficialDocumentOptions } from '../printing/official-document'
import { loadExcel } from '../core/excel'

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** One unit's line of the day summary: the board row with the report's figures. */
interface SummaryRow {
  unitName: string
  status: string
  figures: DailyReportFigures | null
}

export interface DaySummary {
  board: Board
  rows: SummaryRow[]
  totals: Omit<DailyReportFigures, 'measures' | 'issues' | 'reporterName'>
  missing: string[]
}

const NUMBER_HEADERS = [
  'Tổng số CBCCVC-NLĐ',
  'Làm việc tại cơ quan',
  'Làm việc tại nhà',
  'Nghỉ phép',
  'F0',
  'F1',
  'F2',
  'Đã tiêm mũi 1',
  'Đã tiêm mũi 2',
  'Đã tiêm mũi 3, nhắc lại',
]

const time = (iso: string) => formatDateTime(iso).slice(11)

function statusText(row: Board['rows'][number]): string {
  if (row.status === 'missing') return 'Chưa báo cáo'
  const at = row.submittedAt ? time(row.submittedAt) : ''
  return row.status === 'late' ? `Muộn (${at})` : `Đúng hạn (${at})`
}

/** The board of a day with every report's figures and the totals, for the Department. */
export async function daySummary(m: EntityManager, now: Date, date: string): Promise<DaySummary> {
  const day = await board(m, now, date)
  const reports = await m.getRepository(DailyReportEntity).find({ where: { reportDate: date } })
  const byUnit = new Map(reports.map((r) => [r.unitId, r]))
  const totals = Object.fromEntries(REPORT_COUNT_KEYS.map((k) => [k, 0])) as DaySummary['totals']
  const rows = day.rows.map((row): SummaryRow => {
    const r = byUnit.get(row.unitId)
    if (!r) return { unitName: row.unitName, status: statusText(row), figures: null }
    const figures = figuresOf(r)
    for (const k of REPORT_COUNT_KEYS) totals[k] += figures[k]
    return { unitName: row.unitName, status: statusText(row), figures }
  })
  return {
    board: day,
    rows,
    totals,
    missing: day.rows.filter((r) => r.status === 'missing').map((r) => r.unitName),
  }
}

const dayText = (date: string) => formatDate(vietnamDayStart(date))

/** The title in its phrases: a printed title breaks between them, not inside one. */
export function summaryTitle(date: string): string[] {
  return ['BÁO CÁO TỔNG HỢP TÌNH HÌNH PHÒNG, CHỐNG DỊCH COVID-19', `NGÀY ${dayText(date)}`]
}

const heading = (text: string): Content => ({ text, bold: true, margin: [0, 6, 0, 2] })

function countsLine(s: DaySummary): string {
  const { onTime, late, missing } = s.board.counts
  return `Tổng số ${s.rows.length} đơn vị: ${onTime} đúng hạn, ${late} nộp muộn (sau ${REPORT_DEADLINE}), ${missing} chưa báo cáo.`
}

export async function summaryXlsx(
  m: EntityManager,
  now: Date,
  date: string,
  agency: AgencySettings,
): Promise<FileDownload> {
  const s = await daySummary(m, now, date)
  const book = new (await loadExcel()).Workbook()
  book.creator = 'Sổ Phòng Dịch'
  const sheet = book.addWorksheet('Tổng hợp', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  const headers = [
    'STT',
    'Đơn vị',
    'Tình trạng báo cáo',
    ...NUMBER_HEADERS,
    'Biện pháp đã thực hiện',
    'Khó khăn, vướng mắc',
    'Người báo cáo',
  ]
  sheet.addRow([agency.agencyName.toUpperCase()]).font = { bold: true }
  const title = sheet.addRow([summaryTitle(date).join(' ')])
  title.font = { bold: true, size: 13 }
  sheet.mergeCells(title.number, 1, title.number, headers.length)
  title.alignment = { horizontal: 'center' }
  sheet.addRow([countsLine(s)])
  sheet.addRow([])
  const header = sheet.addRow(headers)
  header.font = { bold: true }
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' }
  const widths = [6, 34, 18, ...NUMBER_HEADERS.map(() => 11), 36, 36, 22]
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w))
  s.rows.forEach((r, i) => {
    const row = sheet.addRow([
      i + 1,
      r.unitName,
      r.status,
      ...REPORT_COUNT_KEYS.map((k) => (r.figures ? r.figures[k] : null)),
      r.figures?.measures ?? '',
      r.figures?.issues ?? '',
      r.figures?.reporterName ?? '',
    ])
    if (!r.figures) row.getCell(3).font = { color: { argb: 'FFC00000' }, bold: true }
  })
  const total = sheet.addRow(['', 'Tổng cộng', '', ...REPORT_COUNT_KEYS.map((k) => s.totals[k])])
  total.font = { bold: true }
  sheet.addRow([])
  sheet.addRow([`Đơn vị chưa báo cáo: ${s.missing.length ? s.missing.join('; ') : 'không có'}`])
  if (s.board.adhoc.length) {
    sheet.addRow([])
    sheet.addRow(['Báo cáo đột xuất trong ngày']).font = { bold: true }
    for (const a of s.board.adhoc)
      sheet.addRow(['', a.unitName, time(a.reportedAt), a.subject, a.content, a.reporterName])
  }
  sheet.views = [{ state: 'frozen', ySplit: header.number }]
  const buffer = Buffer.from(await book.xlsx.writeBuffer())
  return {
    fileName: `tong-hop-bao-cao-${date}.xlsx`,
    mimeType: XLSX_MIME,
    base64: buffer.toString('base64'),
  }
}

/** The same summary as an official landscape document, signed by the compiler and the head. */
export async function summaryPdf(
  m: EntityManager,
  now: Date,
  date: string,
  agency: AgencySettings,
): Promise<FileDownload> {
  const doc = officialDocument(summaryLayout(await daySummary(m, now, date), date, agency, now))
  return {
    fileName: `tong-hop-bao-cao-${date}.pdf`,
    mimeType: 'application/pdf',
    base64: (await renderPdf(doc)).toString('base64'),
  }
}

/** The day summary's table, notes and signatures, for the PDF and the Word file alike. */
export function summaryLayout(
  s: DaySummary,
  date: string,
  agency: AgencySettings,
  now: Date,
): OfficialDocumentOptions {
  const short = [
    'Tổng số',
    'Tại cơ quan',
    'Tại nhà',
    'Nghỉ phép',
    'F0',
    'F1',
    'F2',
    'Mũi 1',
    'Mũi 2',
    'Mũi 3, nhắc lại',
  ]
  const table = listTable(
    ['STT', 'Đơn vị', 'Tình trạng', ...short],
    [
      ...s.rows.map((r, i) => [
        String(i + 1),
        r.unitName,
        r.status,
        ...REPORT_COUNT_KEYS.map((k) => (r.figures ? String(r.figures[k]) : '')),
      ]),
      ['', 'Tổng cộng', '', ...REPORT_COUNT_KEYS.map((k) => String(s.totals[k]))],
    ],
    [22, '*', 92, ...REPORT_COUNT_KEYS.map(() => 38)],
    ['center', 'left', 'left', ...REPORT_COUNT_KEYS.map(() => 'right' as const)],
  )
  const lastRow = table.table.body[table.table.body.length - 1]!
  table.table.body[table.table.body.length - 1] = lastRow.map((cell) => ({
    ...(cell as { text: string }),
    bold: true,
  }))
  const notes = s.rows.filter((r) => r.figures && (r.figures.measures || r.figures.issues))
  return {
    agency,
    date: now,
    title: summaryTitle(date),
    landscape: true,
    content: [
      paragraph(countsLine(s)),
      table,
      {
        text: sentence(`Đơn vị chưa báo cáo: ${s.missing.length ? s.missing.join('; ') : 'không có'}`),
        margin: [0, 8, 0, 4],
      },
      ...(notes.length
        ? [
            heading('Biện pháp đã thực hiện, khó khăn, vướng mắc của các đơn vị:'),
            ...notes.map((r) =>
              paragraph(
                `- ${r.unitName}: ${[
                  r.figures?.measures,
                  r.figures?.issues ? `Khó khăn: ${r.figures.issues}` : null,
                ]
                  .filter((part): part is string => !!part)
                  .map(sentence)
                  .join(' ')}`,
              ),
            ),
          ]
        : []),
      ...(s.board.adhoc.length
        ? [
            heading('Báo cáo đột xuất trong ngày:'),
            ...s.board.adhoc.map((a) =>
              paragraph(
                `- ${time(a.reportedAt)}, ${a.unitName}: ${sentence(a.subject)} ${sentence(a.content)}`,
              ),
            ),
          ]
        : []),
      listSignatures(agency),
    ],
  }
}
