import { EntitySchema } from 'typeorm'
import type { Answer, Dose, VaccinationStatus } from '@shared/vaccines/schemas'

/** One row interface and one schema per table: explicit column types, no decorators (see units/entities.ts). */

export interface VaccineRow {
  id: number
  name: string
  nameKey: string
  active: boolean
  builtin: boolean
  sortOrder: number
  createdAt: string
  updatedAt: string
}

export const VaccineEntity = new EntitySchema<VaccineRow>({
  name: 'Vaccine',
  tableName: 'vaccines',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'text' },
    nameKey: { type: 'text', name: 'name_key' },
    active: { type: 'boolean', default: true },
    builtin: { type: 'boolean', default: false },
    sortOrder: { type: 'integer', name: 'sort_order', default: 100 },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
})

export interface VaccinePriorityGroupRow {
  id: number
  name: string
  nameKey: string
  active: boolean
  builtin: boolean
  sortOrder: number
  createdAt: string
  updatedAt: string
}

export const VaccinePriorityGroupEntity = new EntitySchema<VaccinePriorityGroupRow>({
  name: 'VaccinePriorityGroup',
  tableName: 'vaccine_priority_groups',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'text' },
    nameKey: { type: 'text', name: 'name_key' },
    active: { type: 'boolean', default: true },
    builtin: { type: 'boolean', default: false },
    sortOrder: { type: 'integer', name: 'sort_order', default: 100 },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
})

export interface VaccineRoundRow {
  id: number
  name: string
  documentRef: string | null
  openedOn: string
  deadline: string
  closed: boolean
  note: string | null
  createdAt: string
  updatedAt: string
}

export const VaccineRoundEntity = new EntitySchema<VaccineRoundRow>({
  name: 'VaccineRound',
  tableName: 'vaccine_rounds',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'text' },
    documentRef: { type: 'text', name: 'document_ref', nullable: true },
    openedOn: { type: 'text', name: 'opened_on' },
    deadline: { type: 'text' },
    closed: { type: 'boolean', default: false },
    note: { type: 'text', nullable: true },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
})

export interface VaccineRoundUnitRow {
  roundId: number
  unitId: number
  submittedAt: string
  note: string | null
}

export const VaccineRoundUnitEntity = new EntitySchema<VaccineRoundUnitRow>({
  name: 'VaccineRoundUnit',
  tableName: 'vaccine_round_units',
  columns: {
    roundId: { type: 'integer', primary: true, name: 'round_id' },
    unitId: { type: 'integer', primary: true, name: 'unit_id' },
    submittedAt: { type: 'text', name: 'submitted_at' },
    note: { type: 'text', nullable: true },
  },
})

export interface VaccineRegistrationRow {
  id: number
  roundId: number
  staffId: number
  unitId: number
  dose: Dose
  vaccineId: number | null
  priorityGroupId: number | null
  occupation: string | null
  insuranceNumber: string | null
  desiredOn: string | null
  covid90Days: Answer
  anaphylaxis: Answer
  pregnantOrNursing: Answer
  underlyingConditions: Answer
  conditionsNote: string | null
  status: VaccinationStatus
  statusReason: string | null
  vaccinatedOn: string | null
  site: string | null
  lotNumber: string | null
  lotExpiry: string | null
  reaction: boolean | null
  reactionNote: string | null
  contraindicationClearedAt: string | null
  contraindicationClearedReason: string | null
  note: string | null
  createdBy: number | null
  createdAt: string
  updatedAt: string
}

export const VaccineRegistrationEntity = new EntitySchema<VaccineRegistrationRow>({
  name: 'VaccineRegistration',
  tableName: 'vaccine_registrations',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    roundId: { type: 'integer', name: 'round_id' },
    staffId: { type: 'integer', name: 'staff_id' },
    unitId: { type: 'integer', name: 'unit_id' },
    dose: { type: 'integer' },
    vaccineId: { type: 'integer', name: 'vaccine_id', nullable: true },
    priorityGroupId: { type: 'integer', name: 'priority_group_id', nullable: true },
    occupation: { type: 'text', nullable: true },
    insuranceNumber: { type: 'text', name: 'insurance_number', nullable: true },
    desiredOn: { type: 'text', name: 'desired_on', nullable: true },
    covid90Days: { type: 'text', name: 'covid_90_days', default: 'unknown' },
    anaphylaxis: { type: 'text', default: 'unknown' },
    pregnantOrNursing: { type: 'text', name: 'pregnant_or_nursing', default: 'unknown' },
    underlyingConditions: { type: 'text', name: 'underlying_conditions', default: 'unknown' },
    conditionsNote: { type: 'text', name: 'conditions_note', nullable: true },
    status: { type: 'text' },
    statusReason: { type: 'text', name: 'status_reason', nullable: true },
    vaccinatedOn: { type: 'text', name: 'vaccinated_on', nullable: true },
    site: { type: 'text', nullable: true },
    lotNumber: { type: 'text', name: 'lot_number', nullable: true },
    lotExpiry: { type: 'text', name: 'lot_expiry', nullable: true },
    reaction: { type: 'boolean', nullable: true },
    reactionNote: { type: 'text', name: 'reaction_note', nullable: true },
    contraindicationClearedAt: { type: 'text', name: 'contraindication_cleared_at', nullable: true },
    contraindicationClearedReason: { type: 'text', name: 'contraindication_cleared_reason', nullable: true },
    note: { type: 'text', nullable: true },
    createdBy: { type: 'integer', name: 'created_by', nullable: true },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
})

export interface VaccineDoseRow {
  id: number
  staffId: number
  dose: Dose
  vaccineId: number | null
  givenOn: string
  registrationId: number | null
  createdAt: string
  updatedAt: string
}

export const VaccineDoseEntity = new EntitySchema<VaccineDoseRow>({
  name: 'VaccineDose',
  tableName: 'vaccine_doses',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    staffId: { type: 'integer', name: 'staff_id' },
    dose: { type: 'integer' },
    vaccineId: { type: 'integer', name: 'vaccine_id', nullable: true },
    givenOn: { type: 'text', name: 'given_on' },
    registrationId: { type: 'integer', name: 'registration_id', nullable: true },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
})
