import { z } from 'zod'
import { route } from './route'
import type { Page } from './route'
import type { FileDownload } from '../audit/schemas'
import type { ImportPreview, ImportResult } from '../imports/schemas'
import {
  CatalogInput,
  ClearContraindicationInput,
  RegistrationIdInput,
  RegistrationInput,
  RegistrationListQuery,
  RegistrationUpdateInput,
  RoundExportQuery,
  RoundIdInput,
  RoundInput,
  StaffDosesInput,
  UnitSubmissionInput,
  VaccinationImportInput,
} from '../vaccines/schemas'
import type {
  CatalogItem,
  Consolidation,
  DoseDto,
  RegistrationDetail,
  RegistrationDto,
  RoundDto,
} from '../vaccines/schemas'

const none = z.object({}).strict().default({})

/**
 * Vaccine registrations: the editable lists (`vaccines:*`, `priorityGroups:*`), rounds and each
 * unit's answer (`vaccineRounds:*`), registrations, consolidation, import and export
 * (`vaccinations:*`).
 */
export const vaccineRoutes = {
  'vaccines:list': route<typeof none, CatalogItem[]>({
    input: none,
    permission: 'vaccines.read',
    kind: 'read',
  }),
  'vaccines:save': route<typeof CatalogInput, CatalogItem>({
    input: CatalogInput,
    permission: 'vaccines.write',
    kind: 'write',
  }),
  'priorityGroups:list': route<typeof none, CatalogItem[]>({
    input: none,
    permission: 'vaccines.read',
    kind: 'read',
  }),
  'priorityGroups:save': route<typeof CatalogInput, CatalogItem>({
    input: CatalogInput,
    permission: 'vaccines.write',
    kind: 'write',
  }),
  'vaccineRounds:list': route<typeof none, RoundDto[]>({
    input: none,
    permission: 'vaccines.read',
    kind: 'read',
  }),
  'vaccineRounds:save': route<typeof RoundInput, RoundDto>({
    input: RoundInput,
    permission: 'vaccines.write',
    kind: 'write',
  }),
  /** Marks a unit's list as received (or takes that back): units with nobody to register answer too. */
  'vaccineRounds:setSubmitted': route<typeof UnitSubmissionInput, Consolidation>({
    input: UnitSubmissionInput,
    permission: 'vaccines.write',
    kind: 'write',
  }),
  'vaccinations:list': route<typeof RegistrationListQuery, Page<RegistrationDto>>({
    input: RegistrationListQuery,
    permission: 'vaccines.read',
    kind: 'read',
  }),
  'vaccinations:get': route<typeof RegistrationIdInput, RegistrationDetail>({
    input: RegistrationIdInput,
    permission: 'vaccines.read',
    kind: 'read',
  }),
  'vaccinations:staffDoses': route<typeof StaffDosesInput, DoseDto[]>({
    input: StaffDosesInput,
    permission: 'vaccines.read',
    kind: 'read',
  }),
  'vaccinations:create': route<typeof RegistrationInput, RegistrationDetail>({
    input: RegistrationInput,
    permission: 'vaccines.write',
    kind: 'write',
  }),
  'vaccinations:update': route<typeof RegistrationUpdateInput, RegistrationDetail>({
    input: RegistrationUpdateInput,
    permission: 'vaccines.write',
    kind: 'write',
  }),
  'vaccinations:clearContraindication': route<typeof ClearContraindicationInput, RegistrationDetail>({
    input: ClearContraindicationInput,
    permission: 'vaccines.write',
    kind: 'write',
  }),
  'vaccinations:consolidate': route<typeof RoundIdInput, Consolidation>({
    input: RoundIdInput,
    permission: 'vaccines.read',
    kind: 'read',
  }),
  /** Writes: exporting personal data leaves a line in the audit trail. */
  'vaccinations:exportXlsx': route<typeof RoundExportQuery, FileDownload>({
    input: RoundExportQuery,
    permission: 'vaccines.read',
    kind: 'read',
  }),
  'vaccinations:exportPdf': route<typeof RoundExportQuery, FileDownload>({
    input: RoundExportQuery,
    permission: 'vaccines.read',
    kind: 'read',
  }),
  'vaccinations:exportDocx': route<typeof RoundExportQuery, FileDownload>({
    input: RoundExportQuery,
    permission: 'vaccines.read',
    kind: 'read',
  }),
  'vaccinations:importTemplate': route<typeof none, FileDownload>({
    input: none,
    permission: 'vaccines.write',
    kind: 'read',
  }),
  /** Reads and checks a unit's file for a round, writes nothing. */
  'vaccinations:importPreview': route<typeof VaccinationImportInput, ImportPreview>({
    input: VaccinationImportInput,
    permission: 'vaccines.write',
    kind: 'read',
  }),
  /** Checks the file again and imports every row, or none; the unit's list counts as received. */
  'vaccinations:importConfirm': route<typeof VaccinationImportInput, ImportResult>({
    input: VaccinationImportInput,
    permission: 'vaccines.write',
    kind: 'write',
  }),
} as const
