import { route } from './route'
import type { Page } from './route'
import {
  AdhocReportInput,
  BoardQuery,
  DailyReportInput,
  DailyReportUpdateInput,
  DaySummaryInput,
  PrefillQuery,
  ReportIdInput,
  ReportListQuery,
  TrendQuery,
} from '../daily-reports/schemas'
import type {
  AdhocReportDto,
  Board,
  DailyReportDto,
  Prefill,
  ReportListItem,
  TrendPoint,
} from '../daily-reports/schemas'
import type { FileDownload } from '../audit/schemas'

/** Units' daily and ad-hoc reports, the board and the Department's day summary. */
export const dailyReportRoutes = {
  'dailyReports:board': route<typeof BoardQuery, Board>({
    input: BoardQuery,
    permission: 'reports.read',
    kind: 'read',
  }),
  'dailyReports:list': route<typeof ReportListQuery, Page<ReportListItem>>({
    input: ReportListQuery,
    permission: 'reports.read',
    kind: 'read',
  }),
  'dailyReports:get': route<typeof ReportIdInput, DailyReportDto>({
    input: ReportIdInput,
    permission: 'reports.read',
    kind: 'read',
  }),
  'dailyReports:getAdhoc': route<typeof ReportIdInput, AdhocReportDto>({
    input: ReportIdInput,
    permission: 'reports.read',
    kind: 'read',
  }),
  'dailyReports:prefill': route<typeof PrefillQuery, Prefill>({
    input: PrefillQuery,
    permission: 'reports.write',
    kind: 'read',
  }),
  'dailyReports:submit': route<typeof DailyReportInput, DailyReportDto>({
    input: DailyReportInput,
    permission: 'reports.write',
    kind: 'write',
  }),
  'dailyReports:update': route<typeof DailyReportUpdateInput, DailyReportDto>({
    input: DailyReportUpdateInput,
    permission: 'reports.write',
    kind: 'write',
  }),
  'dailyReports:submitAdhoc': route<typeof AdhocReportInput, AdhocReportDto>({
    input: AdhocReportInput,
    permission: 'reports.write',
    kind: 'write',
  }),
  'dailyReports:trend': route<typeof TrendQuery, TrendPoint[]>({
    input: TrendQuery,
    permission: 'reports.read',
    kind: 'read',
  }),
  /** Writes only to the audit trail: the summary names the reporters. */
  'dailyReports:summaryXlsx': route<typeof DaySummaryInput, FileDownload>({
    input: DaySummaryInput,
    permission: 'reports.read',
    kind: 'read',
  }),
  'dailyReports:summaryPdf': route<typeof DaySummaryInput, FileDownload>({
    input: DaySummaryInput,
    permission: 'reports.read',
    kind: 'read',
  }),
  'dailyReports:summaryDocx': route<typeof DaySummaryInput, FileDownload>({
    input: DaySummaryInput,
    permission: 'reports.read',
    kind: 'read',
  }),
} as const
