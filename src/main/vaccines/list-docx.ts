import type { EntityManager } from 'typeorm'
import type { FileDownload } from '@shared/audit/schemas'
import type { Consolidation } from '@shared/vaccines/schemas'
import type { AgencySettings } from '@shared/settings/schemas'
import { docxDownload } from '../printing/docx/file'
import { vaccinationsFileStem, vaccinationsLayout } from './exports'

/** A round's registration list (one unit's or all) as a Word file, from the same rows and layout as its PDF. */
export async function vaccinationsDocx(
  m: EntityManager,
  c: Consolidation,
  unitId: number | null,
  agency: AgencySettings,
  now: Date,
): Promise<FileDownload> {
  return docxDownload(
    `${vaccinationsFileStem(c, unitId)}.pdf`,
    await vaccinationsLayout(m, c, unitId, agency, now),
  )
}
