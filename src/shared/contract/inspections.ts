import { z } from 'zod'
import { route } from './route'
import type { Page } from './route'
import {
  EvidenceInput,
  FollowUpInput,
  IdInput,
  InspectionCorrectInput,
  InspectionCreateInput,
  InspectionListQuery,
  InspectionUpdateInput,
  MinutesPdfInput,
  OverdueQuery,
  PhotoInput,
  PlanInput,
  PlanListQuery,
  PlanUpdateInput,
  SignedScanInput,
  TemplateInput,
} from '../inspections/schemas'
import type {
  DocumentDto,
  InspectionDto,
  InspectionSummaryDto,
  OverdueRecommendationDto,
  PhotoDto,
  PlanDto,
  PlanSummaryDto,
  RecommendationDto,
  TemplateDto,
} from '../inspections/schemas'
import type { FileDownload } from '../audit/schemas'
import { CalendarQuery, UnitHistoryQuery } from '../inspections/calendar'
import type { CalendarDto } from '../inspections/calendar'

const none = z.object({}).strict().default({})
const PhotoIdInput = z.object({ id: IdInput.shape.id })
const DocumentIdInput = z.object({ id: IdInput.shape.id })

/** Inspections and supervision: plans, templates, inspections and their minutes, recommendations. */
export const inspectionRoutes = {
  'templates:list': route<typeof none, TemplateDto[]>({
    input: none,
    permission: 'inspections.read',
    kind: 'read',
  }),
  'templates:save': route<typeof TemplateInput, TemplateDto>({
    input: TemplateInput,
    permission: 'inspectionTemplates.manage',
    kind: 'write',
  }),
  'plans:list': route<typeof PlanListQuery, Page<PlanSummaryDto>>({
    input: PlanListQuery,
    permission: 'inspections.read',
    kind: 'read',
  }),
  'plans:get': route<typeof IdInput, PlanDto>({
    input: IdInput,
    permission: 'inspections.read',
    kind: 'read',
  }),
  'plans:create': route<typeof PlanInput, PlanDto>({
    input: PlanInput,
    permission: 'inspections.write',
    kind: 'write',
  }),
  'plans:update': route<typeof PlanUpdateInput, PlanDto>({
    input: PlanUpdateInput,
    permission: 'inspections.write',
    kind: 'write',
  }),
  'plans:reportPdf': route<typeof IdInput, FileDownload>({
    input: IdInput,
    permission: 'inspections.read',
    kind: 'read',
  }),
  /** The plan report as a Word file, to adjust the wording before signing. */
  'plans:reportDocx': route<typeof IdInput, FileDownload>({
    input: IdInput,
    permission: 'inspections.read',
    kind: 'read',
  }),
  'inspections:list': route<typeof InspectionListQuery, Page<InspectionSummaryDto>>({
    input: InspectionListQuery,
    permission: 'inspections.read',
    kind: 'read',
  }),
  /** The month's planned, done and overdue inspections, optionally of one team member. */
  'inspections:calendar': route<typeof CalendarQuery, CalendarDto>({
    input: CalendarQuery,
    permission: 'inspections.read',
    kind: 'read',
  }),
  /** Every inspection of one unit with its score, newest first. */
  'inspections:unitHistory': route<typeof UnitHistoryQuery, InspectionSummaryDto[]>({
    input: UnitHistoryQuery,
    permission: 'inspections.read',
    kind: 'read',
  }),
  'inspections:get': route<typeof IdInput, InspectionDto>({
    input: IdInput,
    permission: 'inspections.read',
    kind: 'read',
  }),
  'inspections:create': route<typeof InspectionCreateInput, InspectionDto>({
    input: InspectionCreateInput,
    permission: 'inspections.write',
    kind: 'write',
  }),
  /** Drafts only: finalised minutes are locked and change only by a correction. */
  'inspections:update': route<typeof InspectionUpdateInput, InspectionDto>({
    input: InspectionUpdateInput,
    permission: 'inspections.write',
    kind: 'write',
  }),
  'inspections:finalise': route<typeof IdInput, InspectionDto>({
    input: IdInput,
    permission: 'inspections.write',
    kind: 'write',
  }),
  'inspections:correct': route<typeof InspectionCorrectInput, InspectionDto>({
    input: InspectionCorrectInput,
    permission: 'inspections.write',
    kind: 'write',
  }),
  /** Drafts only: a numbered minutes is never deleted, so numbers have no gaps. */
  'inspections:delete': route<typeof IdInput, true>({
    input: IdInput,
    permission: 'inspections.write',
    kind: 'write',
  }),
  'inspections:addPhoto': route<typeof PhotoInput, PhotoDto>({
    input: PhotoInput,
    permission: 'inspections.write',
    kind: 'write',
  }),
  'inspections:removePhoto': route<typeof PhotoIdInput, true>({
    input: PhotoIdInput,
    permission: 'inspections.write',
    kind: 'write',
  }),
  'inspections:photo': route<typeof PhotoIdInput, FileDownload>({
    input: PhotoIdInput,
    permission: 'inspections.read',
    kind: 'read',
  }),
  /** Finalised minutes only: the paper signed by both sides, scanned (PDF, JPEG or PNG). */
  'inspections:addSignedScan': route<typeof SignedScanInput, DocumentDto>({
    input: SignedScanInput,
    permission: 'inspections.write',
    kind: 'write',
  }),
  'inspections:removeSignedScan': route<typeof DocumentIdInput, true>({
    input: DocumentIdInput,
    permission: 'inspections.write',
    kind: 'write',
  }),
  'inspections:signedScan': route<typeof DocumentIdInput, FileDownload>({
    input: DocumentIdInput,
    permission: 'inspections.read',
    kind: 'read',
  }),
  'inspections:minutesPdf': route<typeof MinutesPdfInput, FileDownload>({
    input: MinutesPdfInput,
    permission: 'inspections.read',
    kind: 'read',
  }),
  /** The minutes as a Word file, to adjust the wording before signing. */
  'inspections:minutesDocx': route<typeof MinutesPdfInput, FileDownload>({
    input: MinutesPdfInput,
    permission: 'inspections.read',
    kind: 'read',
  }),
  'recommendations:overdue': route<typeof OverdueQuery, Page<OverdueRecommendationDto>>({
    input: OverdueQuery,
    permission: 'inspections.read',
    kind: 'read',
  }),
  'recommendations:follow': route<typeof FollowUpInput, RecommendationDto>({
    input: FollowUpInput,
    permission: 'recommendations.follow',
    kind: 'write',
  }),
  /** Evidence of a recommendation's follow-up (a scanned report, photos), once its minutes are finalised. */
  'recommendations:addEvidence': route<typeof EvidenceInput, DocumentDto>({
    input: EvidenceInput,
    permission: 'recommendations.follow',
    kind: 'write',
  }),
  'recommendations:removeEvidence': route<typeof DocumentIdInput, true>({
    input: DocumentIdInput,
    permission: 'recommendations.follow',
    kind: 'write',
  }),
  'recommendations:evidence': route<typeof DocumentIdInput, FileDownload>({
    input: DocumentIdInput,
    permission: 'inspections.read',
    kind: 'read',
  }),
} as const
