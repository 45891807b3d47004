import type { DailyReportFigures } from '@shared/daily-reports/schemas'
import type { DailyReportRow, DailyReportVersionRow } from './entities'

/** A property that both a report and its saved versions store a figure in. */
type FigureProperty = keyof DailyReportRow & keyof DailyReportVersionRow

/**
 * Where each figure of the shared schema is stored, by key: the forms' display order
 * (REPORT_FIGURE_KEYS) plays no part, so reordering it cannot move a figure to another column.
 * The type requires every figure key exactly once.
 */
export const FIGURE_PROPERTIES = {
  staffTotal: 'staffTotal',
  atOffice: 'atOffice',
  workingFromHome: 'workingFromHome',
  onLeave: 'onLeave',
  f0: 'f0',
  f1: 'f1',
  f2: 'f2',
  dose1: 'dose1',
  dose2: 'dose2',
  booster: 'booster',
  measures: 'measures',
  issues: 'issues',
  reporterName: 'reporterName',
} as const satisfies { [K in keyof DailyReportFigures]: FigureProperty }

type FigureKey = keyof typeof FIGURE_PROPERTIES
type StoredFigures = Pick<DailyReportRow, (typeof FIGURE_PROPERTIES)[FigureKey]>

const FIGURE_KEYS = Object.keys(FIGURE_PROPERTIES) as FigureKey[]

/** The entity values that store a report's figures. */
export const figureColumns = (f: DailyReportFigures): StoredFigures =>
  Object.fromEntries(FIGURE_KEYS.map((k) => [FIGURE_PROPERTIES[k], f[k]])) as unknown as StoredFigures

/** The figures stored in a report or a version row. */
export const figuresOf = (row: StoredFigures): DailyReportFigures =>
  Object.fromEntries(FIGURE_KEYS.map((k) => [k, row[FIGURE_PROPERTIES[k]]])) as unknown as DailyReportFigures

/** Just the figures of an input or a report (no ids, dates or versions). */
export const pickFigures = (v: DailyReportFigures): DailyReportFigures =>
  Object.fromEntries(FIGURE_KEYS.map((k) => [k, v[k]])) as unknown as DailyReportFigures

export const sameFigures = (a: DailyReportFigures, b: DailyReportFigures): boolean =>
  FIGURE_KEYS.every((k) => a[k] === b[k])
