import type ExcelJS from 'exceljs'

/**
 * exceljs (with its zip and stream libraries) is the slowest module to load: the routes that
 * read or write a workbook load it on first use, so the app does not wait for it at start.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default
}
