import type { FileDownload } from '@shared/audit/schemas'
import type { InspectionDto, PlanDto } from '@shared/inspections/schemas'
import type { AgencySettings } from '@shared/settings/schemas'
import { docxDownload } from '../printing/docx/file'
import { minutesFileName, minutesLayout, planReportFileName, planReportLayout } from './minutes'
import type { MinutesOptions } from './minutes'

/** The minutes as a Word file, from the same layout as their PDF (a draft keeps DỰ THẢO and no number). */
export function minutesDocx(
  i: InspectionDto,
  agency: AgencySettings,
  images: Map<number, string>,
  options: MinutesOptions = {},
): Promise<FileDownload> {
  return docxDownload(minutesFileName(i, options.version?.number), minutesLayout(i, agency, images, options))
}

/** The plan report as a Word file, from the same layout as its PDF. */
export function planReportDocx(
  plan: PlanDto,
  inspections: InspectionDto[],
  agency: AgencySettings,
  now: Date,
): Promise<FileDownload> {
  return docxDownload(planReportFileName(plan), planReportLayout(plan, inspections, agency, now))
}
