import { EntitySchema } from 'typeorm'
import type { EntitySchemaColumnOptions } from 'typeorm'

/** One row interface and one schema per table: explicit column types, no decorators (see units/entities.ts). */

/** What a report says: the same columns, in the same order, in a report and in each saved version. */
interface ReportContent {
  staffTotal: number
  atOffice: number
  workingFromHome: number
  onLeave: number
  f0: number
  f1: number
  f2: number
  dose1: number
  dose2: number
  booster: number
  measures: string | null
  issues: string | null
  reporterName: string
}

const contentColumns: Record<keyof ReportContent, EntitySchemaColumnOptions> = {
  staffTotal: { type: 'integer', name: 'staff_total' },
  atOffice: { type: 'integer', name: 'at_office' },
  workingFromHome: { type: 'integer', name: 'working_from_home' },
  onLeave: { type: 'integer', name: 'on_leave' },
  f0: { type: 'integer' },
  f1: { type: 'integer' },
  f2: { type: 'integer' },
  dose1: { type: 'integer' },
  dose2: { type: 'integer' },
  booster: { type: 'integer' },
  measures: { type: 'text', nullable: true },
  issues: { type: 'text', nullable: true },
  reporterName: { type: 'text', name: 'reporter_name' },
}

export interface DailyReportRow extends ReportContent {
  id: number
  unitId: number
  reportDate: string
  submittedAt: string
  late: boolean
  version: number
  createdBy: number | null
  updatedBy: number | null
  updatedAt: string
}

export const DailyReportEntity = new EntitySchema<DailyReportRow>({
  name: 'DailyReport',
  tableName: 'daily_reports',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    unitId: { type: 'integer', name: 'unit_id' },
    reportDate: { type: 'text', name: 'report_date' },
    ...contentColumns,
    submittedAt: { type: 'text', name: 'submitted_at' },
    late: { type: 'boolean' },
    version: { type: 'integer', default: 1 },
    createdBy: { type: 'integer', name: 'created_by', nullable: true },
    updatedBy: { type: 'integer', name: 'updated_by', nullable: true },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
})

export interface DailyReportVersionRow extends ReportContent {
  id: number
  reportId: number
  version: number
  savedAt: string
  savedBy: number | null
}

export const DailyReportVersionEntity = new EntitySchema<DailyReportVersionRow>({
  name: 'DailyReportVersion',
  tableName: 'daily_report_versions',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    reportId: { type: 'integer', name: 'report_id' },
    version: { type: 'integer' },
    ...contentColumns,
    savedAt: { type: 'text', name: 'saved_at' },
    savedBy: { type: 'integer', name: 'saved_by', nullable: true },
  },
})

export interface AdhocReportRow {
  id: number
  unitId: number
  reportedAt: string
  reportDate: string
  subject: string
  content: string
  f0: number
  f1: number
  f2: number
  reporterName: string
  createdBy: number | null
}

export const AdhocReportEntity = new EntitySchema<AdhocReportRow>({
  name: 'AdhocReport',
  tableName: 'adhoc_reports',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    unitId: { type: 'integer', name: 'unit_id' },
    reportedAt: { type: 'text', name: 'reported_at' },
    reportDate: { type: 'text', name: 'report_date' },
    subject: { type: 'text' },
    content: { type: 'text' },
    f0: { type: 'integer', default: 0 },
    f1: { type: 'integer', default: 0 },
    f2: { type: 'integer', default: 0 },
    reporterName: { type: 'text', name: 'reporter_name' },
    createdBy: { type: 'integer', name: 'created_by', nullable: true },
  },
})
