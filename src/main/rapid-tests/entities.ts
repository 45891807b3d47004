import { EntitySchema } from 'typeorm'
import type { RapidSampleDto, TestResult } from '@shared/rapid-tests/schemas'

/** One row interface and one schema per table: explicit column types, no decorators (see units/entities.ts). */

export interface RapidTestRoundRow {
  id: number
  weekStart: string
  seed: number
  samplePercent: number
  poolSize: number
  eligibleCount: number
  drawnAt: string
  drawnBy: number | null
}

export const RapidTestRoundEntity = new EntitySchema<RapidTestRoundRow>({
  name: 'RapidTestRound',
  tableName: 'rapid_test_rounds',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    weekStart: { type: 'text', name: 'week_start' },
    seed: { type: 'integer' },
    samplePercent: { type: 'double precision', name: 'sample_percent' },
    poolSize: { type: 'integer', name: 'pool_size' },
    eligibleCount: { type: 'integer', name: 'eligible_count' },
    drawnAt: { type: 'text', name: 'drawn_at' },
    drawnBy: { type: 'integer', name: 'drawn_by', nullable: true },
  },
})

export interface RapidTestPoolRow {
  id: number
  roundId: number
  number: number
  result: TestResult | null
  testedAt: string | null
}

export const RapidTestPoolEntity = new EntitySchema<RapidTestPoolRow>({
  name: 'RapidTestPool',
  tableName: 'rapid_test_pools',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    roundId: { type: 'integer', name: 'round_id' },
    number: { type: 'integer' },
    result: { type: 'text', nullable: true },
    testedAt: { type: 'text', name: 'tested_at', nullable: true },
  },
})

export interface RapidTestSampleRow {
  id: number
  roundId: number
  kind: RapidSampleDto['kind']
  staffId: number | null
  unitId: number | null
  visitorId: number | null
  poolId: number | null
  individualResult: TestResult | null
  individualTestedAt: string | null
  addedAt: string
}

export const RapidTestSampleEntity = new EntitySchema<RapidTestSampleRow>({
  name: 'RapidTestSample',
  tableName: 'rapid_test_samples',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    roundId: { type: 'integer', name: 'round_id' },
    kind: { type: 'text' },
    staffId: { type: 'integer', name: 'staff_id', nullable: true },
    unitId: { type: 'integer', name: 'unit_id', nullable: true },
    visitorId: { type: 'integer', name: 'visitor_id', nullable: true },
    poolId: { type: 'integer', name: 'pool_id', nullable: true },
    individualResult: { type: 'text', name: 'individual_result', nullable: true },
    individualTestedAt: { type: 'text', name: 'individual_tested_at', nullable: true },
    addedAt: { type: 'text', name: 'added_at' },
  },
})

export interface MedicineCabinetRow {
  unitId: number
  hasCabinet: boolean
  checkedOn: string | null
  note: string | null
  updatedAt: string
  updatedBy: number | null
}

export const MedicineCabinetEntity = new EntitySchema<MedicineCabinetRow>({
  name: 'MedicineCabinet',
  tableName: 'medicine_cabinets',
  columns: {
    unitId: { type: 'integer', primary: true, name: 'unit_id' },
    hasCabinet: { type: 'boolean', name: 'has_cabinet' },
    checkedOn: { type: 'text', name: 'checked_on', nullable: true },
    note: { type: 'text', nullable: true },
    updatedAt: { type: 'text', name: 'updated_at' },
    updatedBy: { type: 'integer', name: 'updated_by', nullable: true },
  },
})
