import { EntitySchema } from 'typeorm'
import type {
  DocumentKind,
  DocumentType,
  FollowUpState,
  HandlingState,
  ItemResult,
  OffenderKind,
  PlanKind,
  Severity,
  TeamRole,
} from '@shared/inspections/schemas'

/** One row interface and one schema per table: explicit column types, no decorators (see units/entities.ts). */

export interface InspectionTemplateRow {
  id: number
  code: string
  version: number
  name: string
  createdAt: string
}

export const InspectionTemplateEntity = new EntitySchema<InspectionTemplateRow>({
  name: 'InspectionTemplate',
  tableName: 'inspection_templates',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    code: { type: 'text' },
    version: { type: 'integer' },
    name: { type: 'text' },
    createdAt: { type: 'text', name: 'created_at' },
  },
})

export interface InspectionTemplateItemRow {
  id: number
  templateId: number
  position: number
  section: string
  text: string
}

export const InspectionTemplateItemEntity = new EntitySchema<InspectionTemplateItemRow>({
  name: 'InspectionTemplateItem',
  tableName: 'inspection_template_items',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    templateId: { type: 'integer', name: 'template_id' },
    position: { type: 'integer' },
    section: { type: 'text' },
    text: { type: 'text' },
  },
})

export interface InspectionPlanRow {
  id: number
  number: number
  symbol: string
  issuedOn: string
  title: string
  purpose: string | null
  kind: PlanKind
  periodFrom: string
  periodTo: string | null
  searchKey: string
  createdAt: string
  updatedAt: string
}

export const InspectionPlanEntity = new EntitySchema<InspectionPlanRow>({
  name: 'InspectionPlan',
  tableName: 'inspection_plans',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    number: { type: 'integer' },
    symbol: { type: 'text' },
    issuedOn: { type: 'text', name: 'issued_on' },
    title: { type: 'text' },
    purpose: { type: 'text', nullable: true },
    kind: { type: 'text' },
    periodFrom: { type: 'text', name: 'period_from' },
    periodTo: { type: 'text', name: 'period_to', nullable: true },
    searchKey: { type: 'text', name: 'search_key' },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
})

export interface PlanUnitRow {
  planId: number
  unitId: number
}

export const PlanUnitEntity = new EntitySchema<PlanUnitRow>({
  name: 'PlanUnit',
  tableName: 'plan_units',
  columns: {
    planId: { type: 'integer', primary: true, name: 'plan_id' },
    unitId: { type: 'integer', primary: true, name: 'unit_id' },
  },
})

export interface PlanTargetRow {
  id: number
  planId: number
  position: number
  label: string
  kindCode: string
  parentUnitId: number | null
  percent: number
}

export const PlanTargetEntity = new EntitySchema<PlanTargetRow>({
  name: 'PlanTarget',
  tableName: 'plan_targets',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    planId: { type: 'integer', name: 'plan_id' },
    position: { type: 'integer' },
    label: { type: 'text' },
    kindCode: { type: 'text', name: 'kind_code' },
    parentUnitId: { type: 'integer', name: 'parent_unit_id', nullable: true },
    percent: { type: 'integer' },
  },
})

export interface InspectionRow {
  id: number
  planId: number | null
  unitId: number
  kind: PlanKind
  unannounced: boolean
  date: string
  startTime: string
  endTime: string | null
  location: string | null
  templateId: number | null
  strengths: string | null
  shortcomings: string | null
  conclusion: string | null
  status: 'draft' | 'final'
  minutesYear: number | null
  minutesNumber: number | null
  createdBy: number | null
  createdAt: string
  updatedAt: string
  minutesCopies: number
}

export const InspectionEntity = new EntitySchema<InspectionRow>({
  name: 'Inspection',
  tableName: 'inspections',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    planId: { type: 'integer', name: 'plan_id', nullable: true },
    unitId: { type: 'integer', name: 'unit_id' },
    kind: { type: 'text' },
    unannounced: { type: 'boolean', default: false },
    date: { type: 'text' },
    startTime: { type: 'text', name: 'start_time' },
    endTime: { type: 'text', name: 'end_time', nullable: true },
    location: { type: 'text', nullable: true },
    templateId: { type: 'integer', name: 'template_id', nullable: true },
    strengths: { type: 'text', nullable: true },
    shortcomings: { type: 'text', nullable: true },
    conclusion: { type: 'text', nullable: true },
    status: { type: 'text', default: 'draft' },
    minutesYear: { type: 'integer', name: 'minutes_year', nullable: true },
    minutesNumber: { type: 'integer', name: 'minutes_number', nullable: true },
    createdBy: { type: 'integer', name: 'created_by', nullable: true },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
    minutesCopies: { type: 'integer', name: 'minutes_copies', default: 2 },
  },
})

export interface TeamMemberRow {
  id: number
  planId: number | null
  inspectionId: number | null
  position: number
  role: TeamRole
  fullName: string
  title: string | null
  unitId: number | null
  unitName: string | null
}

export const TeamMemberEntity = new EntitySchema<TeamMemberRow>({
  name: 'TeamMember',
  tableName: 'team_members',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    planId: { type: 'integer', name: 'plan_id', nullable: true },
    inspectionId: { type: 'integer', name: 'inspection_id', nullable: true },
    position: { type: 'integer' },
    role: { type: 'text' },
    fullName: { type: 'text', name: 'full_name' },
    title: { type: 'text', nullable: true },
    unitId: { type: 'integer', name: 'unit_id', nullable: true },
    unitName: { type: 'text', name: 'unit_name', nullable: true },
  },
})

export interface InspectionRepresentativeRow {
  id: number
  inspectionId: number
  position: number
  fullName: string
  title: string | null
}

export const InspectionRepresentativeEntity = new EntitySchema<InspectionRepresentativeRow>({
  name: 'InspectionRepresentative',
  tableName: 'inspection_representatives',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    inspectionId: { type: 'integer', name: 'inspection_id' },
    position: { type: 'integer' },
    fullName: { type: 'text', name: 'full_name' },
    title: { type: 'text', nullable: true },
  },
})

export interface InspectionItemRow {
  id: number
  inspectionId: number
  position: number
  section: string
  text: string
  result: ItemResult | null
  note: string | null
  severity: Severity | null
}

export const InspectionItemEntity = new EntitySchema<InspectionItemRow>({
  name: 'InspectionItem',
  tableName: 'inspection_items',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    inspectionId: { type: 'integer', name: 'inspection_id' },
    position: { type: 'integer' },
    section: { type: 'text' },
    text: { type: 'text' },
    result: { type: 'text', nullable: true },
    note: { type: 'text', nullable: true },
    severity: { type: 'text', nullable: true },
  },
})

export interface ViolationRow {
  id: number
  inspectionId: number
  position: number
  offenderKind: OffenderKind
  offender: string
  description: string
  handling: string | null
  handlingState: HandlingState
}

export const ViolationEntity = new EntitySchema<ViolationRow>({
  name: 'Violation',
  tableName: 'violations',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    inspectionId: { type: 'integer', name: 'inspection_id' },
    position: { type: 'integer' },
    offenderKind: { type: 'text', name: 'offender_kind' },
    offender: { type: 'text' },
    description: { type: 'text' },
    handling: { type: 'text', nullable: true },
    handlingState: { type: 'text', name: 'handling_state' },
  },
})

export interface RecommendationRow {
  id: number
  inspectionId: number
  position: number
  content: string
  ownerUnitId: number | null
  ownerName: string | null
  dueDate: string | null
  status: FollowUpState
  statusDate: string | null
  evidence: string | null
  updatedAt: string
}

export const RecommendationEntity = new EntitySchema<RecommendationRow>({
  name: 'Recommendation',
  tableName: 'recommendations',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    inspectionId: { type: 'integer', name: 'inspection_id' },
    position: { type: 'integer' },
    content: { type: 'text' },
    ownerUnitId: { type: 'integer', name: 'owner_unit_id', nullable: true },
    ownerName: { type: 'text', name: 'owner_name', nullable: true },
    dueDate: { type: 'text', name: 'due_date', nullable: true },
    status: { type: 'text', default: 'open' },
    statusDate: { type: 'text', name: 'status_date', nullable: true },
    evidence: { type: 'text', nullable: true },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
})

export interface InspectionPhotoRow {
  id: number
  inspectionId: number
  itemId: number | null
  violationId: number | null
  file: string
  mimeType: string
  byteSize: number
  caption: string | null
  createdAt: string
}

export const InspectionPhotoEntity = new EntitySchema<InspectionPhotoRow>({
  name: 'InspectionPhoto',
  tableName: 'inspection_photos',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    inspectionId: { type: 'integer', name: 'inspection_id' },
    itemId: { type: 'integer', name: 'item_id', nullable: true },
    violationId: { type: 'integer', name: 'violation_id', nullable: true },
    file: { type: 'text' },
    mimeType: { type: 'text', name: 'mime_type' },
    byteSize: { type: 'integer', name: 'byte_size' },
    caption: { type: 'text', nullable: true },
    createdAt: { type: 'text', name: 'created_at' },
  },
})

export interface MinutesVersionRow {
  id: number
  inspectionId: number
  version: number
  reason: string | null
  content: string
  finalisedAt: string
  finalisedBy: number | null
}

export const MinutesVersionEntity = new EntitySchema<MinutesVersionRow>({
  name: 'MinutesVersion',
  tableName: 'minutes_versions',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    inspectionId: { type: 'integer', name: 'inspection_id' },
    version: { type: 'integer' },
    reason: { type: 'text', nullable: true },
    content: { type: 'text' },
    finalisedAt: { type: 'text', name: 'finalised_at' },
    finalisedBy: { type: 'integer', name: 'finalised_by', nullable: true },
  },
})

export interface InspectionDocumentRow {
  id: number
  inspectionId: number
  recommendationId: number | null
  kind: DocumentKind
  file: string
  fileName: string
  mimeType: DocumentType
  byteSize: number
  createdAt: string
  createdBy: number | null
}

export const InspectionDocumentEntity = new EntitySchema<InspectionDocumentRow>({
  name: 'InspectionDocument',
  tableName: 'inspection_documents',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    inspectionId: { type: 'integer', name: 'inspection_id' },
    recommendationId: { type: 'integer', name: 'recommendation_id', nullable: true },
    kind: { type: 'text' },
    file: { type: 'text' },
    fileName: { type: 'text', name: 'file_name' },
    mimeType: { type: 'text', name: 'mime_type' },
    byteSize: { type: 'integer', name: 'byte_size' },
    createdAt: { type: 'text', name: 'created_at' },
    createdBy: { type: 'integer', name: 'created_by', nullable: true },
  },
})

export interface AttachmentContentRow {
  file: string
  content: Buffer
}

/**
 * The bytes of an attachment kept in the store (a server's), keyed by its owner's `file`. The
 * SQLite type; the PostgreSQL DataSource declares the same entity with `bytea` (db/postgres/entities.ts).
 */
export const AttachmentContentEntity = new EntitySchema<AttachmentContentRow>({
  name: 'AttachmentContent',
  tableName: 'attachment_contents',
  columns: {
    file: { type: 'text', primary: true },
    content: { type: 'blob' },
  },
})
