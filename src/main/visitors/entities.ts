import { EntitySchema } from 'typeorm'
import type { IdType, VisitDto, VisitorDto } from '@shared/visitors/schemas'

/** One row interface and one schema per table: explicit column types, no decorators (see units/entities.ts). */

export interface VisitorRow {
  id: number
  fullName: string | null
  idType: IdType
  idNumber: string | null
  dateOfBirth: string | null
  gender: VisitorDto['gender']
  phone: string | null
  address: string | null
  organisation: string | null
  searchKey: string
  anonymisedAt: string | null
  createdAt: string
  updatedAt: string
  oldIdNumber: string | null
  idIssueDate: string | null
}

export const VisitorEntity = new EntitySchema<VisitorRow>({
  name: 'Visitor',
  tableName: 'visitors',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    fullName: { type: 'text', name: 'full_name', nullable: true },
    idType: { type: 'text', name: 'id_type' },
    idNumber: { type: 'text', name: 'id_number', nullable: true },
    dateOfBirth: { type: 'text', name: 'date_of_birth', nullable: true },
    gender: { type: 'text', nullable: true },
    phone: { type: 'text', nullable: true },
    address: { type: 'text', nullable: true },
    organisation: { type: 'text', nullable: true },
    searchKey: { type: 'text', name: 'search_key' },
    anonymisedAt: { type: 'text', name: 'anonymised_at', nullable: true },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
    oldIdNumber: { type: 'text', name: 'old_id_number', nullable: true },
    idIssueDate: { type: 'text', name: 'id_issue_date', nullable: true },
  },
})

export interface VisitRow {
  id: number
  visitorId: number
  hostUnitId: number
  hostPerson: string | null
  purpose: string | null
  badgeNumber: string | null
  checkedInAt: string
  lateReason: string | null
  checkedOutAt: string | null
  checkOutKind: VisitDto['checkOutKind']
  checkOutReason: string | null
  outcome: VisitDto['outcome']
  refusalReasons: string | null
  temperature: number | null
  symptoms: string
  contactWithCase: boolean
  fromCaseArea: boolean
  declaredOnApp: boolean | null
  maskWorn: boolean
  watchReason: string | null
  note: string | null
  createdBy: number | null
  createdAt: string
  updatedAt: string
  checkOutUnrecorded: boolean
}

export const VisitEntity = new EntitySchema<VisitRow>({
  name: 'Visit',
  tableName: 'visits',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    visitorId: { type: 'integer', name: 'visitor_id' },
    hostUnitId: { type: 'integer', name: 'host_unit_id' },
    hostPerson: { type: 'text', name: 'host_person', nullable: true },
    purpose: { type: 'text', nullable: true },
    badgeNumber: { type: 'text', name: 'badge_number', nullable: true },
    checkedInAt: { type: 'text', name: 'checked_in_at' },
    lateReason: { type: 'text', name: 'late_reason', nullable: true },
    checkedOutAt: { type: 'text', name: 'checked_out_at', nullable: true },
    checkOutKind: { type: 'text', name: 'check_out_kind', nullable: true },
    checkOutReason: { type: 'text', name: 'check_out_reason', nullable: true },
    outcome: { type: 'text' },
    refusalReasons: { type: 'text', name: 'refusal_reasons', nullable: true },
    temperature: { type: 'double precision', nullable: true },
    symptoms: { type: 'text', default: '' },
    contactWithCase: { type: 'boolean', name: 'contact_with_case', default: false },
    fromCaseArea: { type: 'boolean', name: 'from_case_area', default: false },
    declaredOnApp: { type: 'boolean', name: 'declared_on_app', nullable: true },
    maskWorn: { type: 'boolean', name: 'mask_worn', default: true },
    watchReason: { type: 'text', name: 'watch_reason', nullable: true },
    note: { type: 'text', nullable: true },
    createdBy: { type: 'integer', name: 'created_by', nullable: true },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
    checkOutUnrecorded: { type: 'boolean', name: 'check_out_unrecorded', default: false },
  },
})

export interface WatchEntryRow {
  id: number
  idNumber: string | null
  fullName: string | null
  nameKey: string | null
  reason: string
  active: boolean
  createdAt: string
  updatedAt: string
}

export const WatchEntryEntity = new EntitySchema<WatchEntryRow>({
  name: 'WatchEntry',
  tableName: 'watchlist',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    idNumber: { type: 'text', name: 'id_number', nullable: true },
    fullName: { type: 'text', name: 'full_name', nullable: true },
    nameKey: { type: 'text', name: 'name_key', nullable: true },
    reason: { type: 'text' },
    active: { type: 'boolean', default: true },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
})
