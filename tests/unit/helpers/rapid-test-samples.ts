import type { RouteName } from '@shared/contract'
import type { TempApp } from './temp-app'
import { staffValid } from './staff-samples'

type RapidRoute = (`rapidTests:${string}` | `medicineCabinets:${string}`) & RouteName

/** Valid inputs of the rapid-test and medicine-cabinet routes (unit 1 exists in the seeded store). */
export const rapidValid: Record<RapidRoute, unknown> = {
  'rapidTests:getSettings': {},
  'rapidTests:updateSettings': { samplePercent: 4.5, poolSize: 5 },
  'rapidTests:list': {},
  'rapidTests:get': { id: 1 },
  'rapidTests:draw': { seed: 12345 },
  'rapidTests:discard': { id: 1 },
  'rapidTests:visitorCandidates': { id: 1 },
  'rapidTests:addVisitors': { roundId: 1, visitorIds: [1] },
  'rapidTests:formPools': { roundId: 1 },
  'rapidTests:poolResult': { poolId: 1, result: 'positive' },
  'rapidTests:individualResult': { sampleId: 1, result: 'negative' },
  'rapidTests:roundPdf': { id: 1 },
  'medicineCabinets:list': {},
  'medicineCabinets:save': { unitId: 1, hasCabinet: true, checkedOn: '2026-11-20', note: 'Đủ cơ số thuốc' },
}

const drawn = async (app: TempApp) => {
  await app.ok('staff:create', staffValid['staff:create'] as never)
  return app.ok('rapidTests:draw', { seed: 1 })
}
const pooled = async (app: TempApp) => {
  await drawn(app)
  return app.ok('rapidTests:formPools', { roundId: 1 })
}

export const rapidArrange: Partial<Record<RapidRoute, (app: TempApp) => Promise<unknown>>> = {
  'rapidTests:draw': (app) => app.ok('staff:create', staffValid['staff:create'] as never),
  'rapidTests:get': drawn,
  'rapidTests:discard': drawn,
  'rapidTests:visitorCandidates': drawn,
  'rapidTests:addVisitors': async (app) => {
    await app.ok('visits:checkIn', {
      visitor: { fullName: 'Nguyễn Văn An', idType: 'cccd', idNumber: '001099012345' },
      hostUnitId: 1,
      health: { temperature: 36.5, symptoms: [], contactWithCase: false, fromCaseArea: false },
    })
    return drawn(app)
  },
  'rapidTests:formPools': drawn,
  'rapidTests:roundPdf': pooled,
  'rapidTests:poolResult': pooled,
  'rapidTests:individualResult': async (app) => {
    await pooled(app)
    return app.ok('rapidTests:poolResult', { poolId: 1, result: 'positive' })
  },
}

export const rapidMalformed: Record<RapidRoute, unknown[]> = {
  'rapidTests:getSettings': [{ extra: true }],
  'rapidTests:updateSettings': [
    {},
    { samplePercent: 2, poolSize: 5 },
    { samplePercent: 6, poolSize: 5 },
    { samplePercent: 3.25, poolSize: 5 },
    { samplePercent: 3, poolSize: 1 },
    { samplePercent: 3, poolSize: 11 },
  ],
  'rapidTests:list': [{ extra: true }],
  'rapidTests:get': [{}, { id: 'một' }],
  'rapidTests:draw': [
    { weekStart: '2026-11-18' },
    { weekStart: '16/11/2026' },
    { seed: -1 },
    { seed: 2 ** 32 },
  ],
  'rapidTests:discard': [{ id: 0 }],
  'rapidTests:visitorCandidates': [{}],
  'rapidTests:addVisitors': [
    { roundId: 1, visitorIds: [] },
    { roundId: 1 },
    { roundId: 1, visitorIds: ['1'] },
  ],
  'rapidTests:formPools': [{}, { roundId: -1 }],
  'rapidTests:poolResult': [{ poolId: 1 }, { poolId: 1, result: 'maybe' }],
  'rapidTests:individualResult': [{ sampleId: 1, result: 'F0' }, { result: 'negative' }],
  'rapidTests:roundPdf': [{}, { id: 'một' }],
  'medicineCabinets:list': [{ extra: true }],
  'medicineCabinets:save': [
    { unitId: 1 },
    { unitId: 1, hasCabinet: 'có' },
    { unitId: 1, hasCabinet: true, checkedOn: '20/11/2026' },
  ],
}
