import { z } from 'zod'
import { route } from './route'
import type { FileDownload } from '../audit/schemas'
import {
  AddVisitorsInput,
  CabinetInput,
  DrawInput,
  FormPoolsInput,
  IndividualResultInput,
  PoolResultInput,
  RapidTestSettings,
  RoundIdInput,
} from '../rapid-tests/schemas'
import type { CabinetDto, RapidRoundDto, RapidRoundSummary, VisitorCandidate } from '../rapid-tests/schemas'

const none = z.object({}).strict().default({})

/** Weekly pooled rapid tests and the units' medicine cabinets. */
export const rapidTestRoutes = {
  'rapidTests:getSettings': route<typeof none, RapidTestSettings>({
    input: none,
    permission: 'rapidTests.manage',
    kind: 'read',
  }),
  'rapidTests:updateSettings': route<typeof RapidTestSettings, RapidTestSettings>({
    input: RapidTestSettings,
    permission: 'rapidTests.manage',
    kind: 'write',
  }),
  'rapidTests:list': route<typeof none, RapidRoundSummary[]>({
    input: none,
    permission: 'rapidTests.manage',
    kind: 'read',
  }),
  'rapidTests:get': route<typeof RoundIdInput, RapidRoundDto>({
    input: RoundIdInput,
    permission: 'rapidTests.manage',
    kind: 'read',
  }),
  'rapidTests:draw': route<typeof DrawInput, RapidRoundDto>({
    input: DrawInput,
    permission: 'rapidTests.manage',
    kind: 'write',
  }),
  'rapidTests:discard': route<typeof RoundIdInput, { weekStart: string }>({
    input: RoundIdInput,
    permission: 'rapidTests.manage',
    kind: 'write',
  }),
  'rapidTests:visitorCandidates': route<typeof RoundIdInput, VisitorCandidate[]>({
    input: RoundIdInput,
    permission: 'rapidTests.manage',
    kind: 'read',
  }),
  'rapidTests:addVisitors': route<typeof AddVisitorsInput, RapidRoundDto>({
    input: AddVisitorsInput,
    permission: 'rapidTests.manage',
    kind: 'write',
  }),
  'rapidTests:formPools': route<typeof FormPoolsInput, RapidRoundDto>({
    input: FormPoolsInput,
    permission: 'rapidTests.manage',
    kind: 'write',
  }),
  'rapidTests:poolResult': route<typeof PoolResultInput, RapidRoundDto>({
    input: PoolResultInput,
    permission: 'rapidTests.manage',
    kind: 'write',
  }),
  'rapidTests:individualResult': route<typeof IndividualResultInput, RapidRoundDto>({
    input: IndividualResultInput,
    permission: 'rapidTests.manage',
    kind: 'write',
  }),
  /** A write: printing names people, so it leaves a line in the audit trail. */
  'rapidTests:roundPdf': route<typeof RoundIdInput, FileDownload>({
    input: RoundIdInput,
    permission: 'rapidTests.manage',
    kind: 'read',
  }),
  'medicineCabinets:list': route<typeof none, CabinetDto[]>({
    input: none,
    permission: 'reports.read',
    kind: 'read',
  }),
  'medicineCabinets:save': route<typeof CabinetInput, CabinetDto>({
    input: CabinetInput,
    permission: 'reports.write',
    kind: 'write',
  }),
} as const
