import { EntitySchema } from 'typeorm'
import type { StaffCategory, StaffGender } from '@shared/staff/schemas'

/** One row interface and one schema per table: explicit column types, no decorators (see units/entities.ts). */

export interface StaffMemberRow {
  id: number
  unitId: number
  fullName: string | null
  searchKey: string
  sortKey: string
  dateOfBirth: string | null
  gender: StaffGender | null
  idNumber: string | null
  phone: string | null
  position: string | null
  category: StaffCategory
  active: boolean
  note: string | null
  leftAt: string | null
  anonymisedAt: string | null
  createdAt: string
  updatedAt: string
}

export const StaffMemberEntity = new EntitySchema<StaffMemberRow>({
  name: 'StaffMember',
  tableName: 'staff',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    unitId: { type: 'integer', name: 'unit_id' },
    fullName: { type: 'text', name: 'full_name', nullable: true },
    searchKey: { type: 'text', name: 'search_key' },
    sortKey: { type: 'text', name: 'sort_key' },
    dateOfBirth: { type: 'text', name: 'date_of_birth', nullable: true },
    gender: { type: 'text', nullable: true },
    idNumber: { type: 'text', name: 'id_number', nullable: true },
    phone: { type: 'text', nullable: true },
    position: { type: 'text', nullable: true },
    category: { type: 'text' },
    active: { type: 'boolean', default: true },
    note: { type: 'text', nullable: true },
    leftAt: { type: 'text', name: 'left_at', nullable: true },
    anonymisedAt: { type: 'text', name: 'anonymised_at', nullable: true },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
})

export interface StaffUnitMoveRow {
  id: number
  staffId: number
  fromUnitId: number | null
  toUnitId: number
  movedOn: string
  reason: string | null
  createdBy: number | null
  createdAt: string
}

export const StaffUnitMoveEntity = new EntitySchema<StaffUnitMoveRow>({
  name: 'StaffUnitMove',
  tableName: 'staff_unit_history',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    staffId: { type: 'integer', name: 'staff_id' },
    fromUnitId: { type: 'integer', name: 'from_unit_id', nullable: true },
    toUnitId: { type: 'integer', name: 'to_unit_id' },
    movedOn: { type: 'text', name: 'moved_on' },
    reason: { type: 'text', nullable: true },
    createdBy: { type: 'integer', name: 'created_by', nullable: true },
    createdAt: { type: 'text', name: 'created_at' },
  },
})
