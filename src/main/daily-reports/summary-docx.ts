import type { EntityManager } from 'typeorm'
import type { FileDownload } from '@shared/audit/schemas'
import type { AgencySettings } from '@shared/settings/schemas'
import { docxDownload } from '../printing/docx/file'
import { daySummary, summaryLayout } from './exports'

/** The day summary for the Department as a Word file, from the same figures and layout as its PDF. */
export async function summaryDocx(
  m: EntityManager,
  now: Date,
  date: string,
  agency: AgencySettings,
): Promise<FileDownload> {
  return docxDownload(
    `tong-hop-bao-cao-${date}.pdf`,
    summaryLayout(await daySummary(m, now, date), date, agency, now),
  )
}
