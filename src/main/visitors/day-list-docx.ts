import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { FileDownload } from '@shared/audit/schemas'
import type { AgencySettings } from '@shared/settings/schemas'
import type { DayListInput } from '@shared/visitors/schemas'
import { docxDownload } from '../printing/docx/file'
import { dayListLayout, dayListRows, fileStem } from './exports'

/** The day (or range) list for the health authority as a Word file, from the same rows and layout as its PDF. */
export async function dayListDocx(
  m: EntityManager,
  q: z.output<typeof DayListInput>,
  agency: AgencySettings,
  now: Date,
): Promise<FileDownload> {
  return docxDownload(`${fileStem(q)}.pdf`, dayListLayout(await dayListRows(m, q), q, agency, now))
}
