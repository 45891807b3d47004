import { describe, expect, it, vi } from 'vitest'
import { DailyReportInput, DailyReportUpdateInput, REPORT_FIGURE_KEYS } from '@shared/daily-reports/schemas'
import type { DailyReportFigures } from '@shared/daily-reports/schemas'
import { FIGURE_PROPERTIES } from '@main/daily-reports/figures'
import { DailyReportEntity, DailyReportVersionEntity } from '@main/daily-reports/entities'
import { tempApp } from '../helpers/temp-app'

// The forms' display order turned round: storing must not depend on it.
vi.mock('@shared/daily-reports/schemas', async (importOriginal) => {
  const schemas = await importOriginal<typeof import('@shared/daily-reports/schemas')>()
  return {
    ...schemas,
    REPORT_COUNT_KEYS: [...schemas.REPORT_COUNT_KEYS].reverse(),
    REPORT_FIGURE_KEYS: [...schemas.REPORT_FIGURE_KEYS].reverse(),
  }
})

/** Every figure different from every other, so a figure in the wrong column shows. */
const DISTINCT: DailyReportFigures = {
  staffTotal: 90,
  atOffice: 40,
  workingFromHome: 21,
  onLeave: 12,
  f0: 3,
  f1: 5,
  f2: 7,
  dose1: 80,
  dose2: 70,
  booster: 60,
  measures: 'Biện pháp',
  issues: 'Khó khăn',
  reporterName: 'Người báo cáo',
}

/** The columns of the migration, named here by hand rather than from the mapping under test. */
const COLUMN_OF: Record<keyof DailyReportFigures, string> = {
  staffTotal: 'staff_total',
  atOffice: 'at_office',
  workingFromHome: 'working_from_home',
  onLeave: 'on_leave',
  f0: 'f0',
  f1: 'f1',
  f2: 'f2',
  dose1: 'dose1',
  dose2: 'dose2',
  booster: 'booster',
  measures: 'measures',
  issues: 'issues',
  reporterName: 'reporter_name',
}

const figureKeysOf = (shape: object) =>
  Object.keys(shape)
    .filter((k) => !['unitId', 'reportDate', 'id', 'version'].includes(k))
    .sort()

describe('daily-report figures are stored by key', () => {
  it('maps every figure of the shared schema to a column of the report and of its versions', async () => {
    const keys = Object.keys(FIGURE_PROPERTIES).sort()
    expect(keys).toEqual([...REPORT_FIGURE_KEYS].sort())
    expect(keys).toEqual(figureKeysOf(DailyReportInput.shape))
    expect(keys).toEqual(figureKeysOf(DailyReportUpdateInput.shape))
    const app = await tempApp()
    for (const entity of [DailyReportEntity, DailyReportVersionEntity]) {
      const columns = app.dataSource.getMetadata(entity).columns
      for (const [key, property] of Object.entries(FIGURE_PROPERTIES))
        expect(columns.find((c) => c.propertyName === property)?.databaseName).toBe(
          COLUMN_OF[key as keyof DailyReportFigures],
        )
    }
  })

  it('keeps each figure in its own column, in the report and in its versions, whatever the display order', async () => {
    // The mock above reached the code under test.
    expect(REPORT_FIGURE_KEYS[0]).toBe('reporterName')
    const app = await tempApp()
    const unit = await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
    const first = await app.ok('dailyReports:submit', { unitId: unit.id, ...DISTINCT })
    const edited: DailyReportFigures = {
      ...DISTINCT,
      staffTotal: 91,
      atOffice: 41,
      f0: 4,
      booster: 61,
      issues: null,
      reporterName: 'Người sửa',
    }
    const second = await app.ok('dailyReports:update', { id: first.id, version: 1, ...edited })
    const stored = (table: string) =>
      app.dataSource.query(`SELECT ${Object.values(COLUMN_OF).join(', ')} FROM ${table}`) as Promise<
        Array<Record<string, unknown>>
      >
    const byColumn = (f: DailyReportFigures) =>
      Object.fromEntries(
        Object.entries(COLUMN_OF).map(([key, column]) => [column, f[key as keyof DailyReportFigures]]),
      )
    expect(await stored('daily_reports')).toEqual([byColumn(edited)])
    expect(await stored('daily_report_versions')).toEqual([byColumn(DISTINCT)])
    expect(second).toMatchObject(edited)
    expect(second.versions).toEqual([expect.objectContaining(DISTINCT)])
  })
})
