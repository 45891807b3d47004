import { serviceContext } from '../core/context'
import type { HandlerContext, Handlers } from '../core/router'
import { agencyGroup, readSettings } from '../settings/service'
import { listTemplates, saveTemplate } from './templates'
import { createPlan, getPlan, listPlans, planResults, updatePlan } from './plans'
import { createInspection, updateInspection } from './inspections'
import { getInspection, listInspections, unitHistory } from './inspection-queries'
import { inspectionCalendar } from './calendar'
import { correctInspection, finaliseInspection, minutesOf } from './minutes-lifecycle'
import { followUp, overdueRecommendations } from './recommendations'
import { addPhoto, deleteDraft, photoFile, photoImages, removePhoto } from './photos'
import { dataFolderOf } from '../db/data-source'
import { minutesPdf, planReportPdf } from './minutes'
import { minutesDocx, planReportDocx } from './minutes-docx'
import { addEvidence, addSignedScan, documentFile, removeDocument } from './documents'
import type { InspectionDto } from '@shared/inspections/schemas'

type InspectionHandlers = Pick<
  Handlers,
  | (`plans:${string}` & keyof Handlers)
  | (`inspections:${string}` & keyof Handlers)
  | (`templates:${string}` & keyof Handlers)
  | (`recommendations:${string}` & keyof Handlers)
>

const folder = (ctx: HandlerContext) => dataFolderOf(ctx.host.dataSource())

const photoIds = (i: InspectionDto) => [
  ...i.items.flatMap((x) => x.photos.map((p) => p.id)),
  ...i.violations.flatMap((v) => v.photos.map((p) => p.id)),
]

export const inspectionHandlers: InspectionHandlers = {
  'templates:list': (_input, { m }) => listTemplates(m),
  'templates:save': (input, ctx) => saveTemplate(serviceContext(ctx), input),
  'plans:list': (input, { m }) => listPlans(m, input),
  'plans:get': (input, { m }) => getPlan(m, input.id),
  'plans:create': (input, ctx) => createPlan(serviceContext(ctx), input),
  'plans:update': (input, ctx) => updatePlan(serviceContext(ctx), input),
  'plans:reportPdf': async (input, { m, now }) => {
    const { plan, inspections } = await planResults(m, input.id)
    return planReportPdf(plan, inspections, await readSettings(m, agencyGroup), now)
  },
  'plans:reportDocx': async (input, { m, now }) => {
    const { plan, inspections } = await planResults(m, input.id)
    return planReportDocx(plan, inspections, await readSettings(m, agencyGroup), now)
  },
  'inspections:list': (input, { m }) => listInspections(m, input),
  'inspections:calendar': (input, { m, now }) => inspectionCalendar(m, input, now),
  'inspections:unitHistory': (input, { m }) => unitHistory(m, input.unitId),
  'inspections:get': (input, { m }) => getInspection(m, input.id),
  'inspections:create': (input, ctx) => createInspection(serviceContext(ctx), input),
  'inspections:update': (input, ctx) => updateInspection(serviceContext(ctx), input),
  'inspections:finalise': (input, ctx) => finaliseInspection(serviceContext(ctx), input.id),
  'inspections:correct': (input, ctx) => correctInspection(serviceContext(ctx), input),
  'inspections:delete': (input, ctx) =>
    deleteDraft(serviceContext(ctx), input.id, folder(ctx), ctx.afterCommit),
  'inspections:addPhoto': (input, ctx) => addPhoto(serviceContext(ctx), input, folder(ctx), ctx.afterCommit),
  'inspections:removePhoto': (input, ctx) =>
    removePhoto(serviceContext(ctx), input.id, folder(ctx), ctx.afterCommit),
  'inspections:photo': (input, ctx) => photoFile(ctx, input.id, folder(ctx)),
  'inspections:addSignedScan': (input, ctx) =>
    addSignedScan(serviceContext(ctx), input, folder(ctx), ctx.afterCommit),
  'inspections:removeSignedScan': (input, ctx) =>
    removeDocument(serviceContext(ctx), 'signed_scan', input.id, folder(ctx), ctx.afterCommit),
  'inspections:signedScan': (input, ctx) => documentFile(ctx.m, 'signed_scan', input.id, folder(ctx)),
  'inspections:minutesPdf': async (input, ctx) => {
    const { inspection, version } = await minutesOf(ctx.m, input.id, input.version)
    const images = await photoImages(ctx, photoIds(inspection), folder(ctx))
    return minutesPdf(inspection, await readSettings(ctx.m, agencyGroup), images, { version })
  },
  'inspections:minutesDocx': async (input, ctx) => {
    const { inspection, version } = await minutesOf(ctx.m, input.id, input.version)
    const images = await photoImages(ctx, photoIds(inspection), folder(ctx))
    return minutesDocx(inspection, await readSettings(ctx.m, agencyGroup), images, { version })
  },
  'recommendations:overdue': (input, { m, now }) => overdueRecommendations(m, input, now),
  'recommendations:follow': (input, ctx) => followUp(serviceContext(ctx), input),
  'recommendations:addEvidence': (input, ctx) =>
    addEvidence(serviceContext(ctx), input, folder(ctx), ctx.afterCommit),
  'recommendations:removeEvidence': (input, ctx) =>
    removeDocument(serviceContext(ctx), 'evidence', input.id, folder(ctx), ctx.afterCommit),
  'recommendations:evidence': (input, ctx) => documentFile(ctx.m, 'evidence', input.id, folder(ctx)),
}
