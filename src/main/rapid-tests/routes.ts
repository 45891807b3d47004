import { serviceContext } from '../core/context'
import type { Handlers } from '../core/router'
import { agencyGroup, readSettings, writeSettings } from '../settings/service'
import { roundPdf } from './exports'
import { discardRound, drawRound, getRound, listRounds, rapidTestGroup } from './rounds'
import { addVisitors, formPools, setIndividualResult, setPoolResult, visitorCandidates } from './samples'
import { listCabinets, saveCabinet } from './cabinets'

type RapidTestHandlers = Pick<
  Handlers,
  (`rapidTests:${string}` & keyof Handlers) | (`medicineCabinets:${string}` & keyof Handlers)
>

export const rapidTestHandlers: RapidTestHandlers = {
  'rapidTests:getSettings': (_input, { m }) => readSettings(m, rapidTestGroup),
  'rapidTests:updateSettings': async (input, ctx) => {
    const before = await readSettings(ctx.m, rapidTestGroup)
    const after = await writeSettings(ctx.m, rapidTestGroup, input, ctx.now)
    ctx.audit.change('settings', rapidTestGroup.key, before, after)
    return after
  },
  'rapidTests:list': (_input, { m }) => listRounds(m),
  'rapidTests:get': (input, { m }) => getRound(m, input.id),
  'rapidTests:draw': (input, ctx) => drawRound(serviceContext(ctx), input),
  'rapidTests:discard': (input, ctx) => discardRound(serviceContext(ctx), input.id),
  'rapidTests:visitorCandidates': (input, { m }) => visitorCandidates(m, input.id),
  'rapidTests:addVisitors': (input, ctx) => addVisitors(serviceContext(ctx), input),
  'rapidTests:formPools': (input, ctx) => formPools(serviceContext(ctx), input.roundId),
  'rapidTests:poolResult': (input, ctx) => setPoolResult(serviceContext(ctx), input.poolId, input.result),
  'rapidTests:individualResult': (input, ctx) =>
    setIndividualResult(serviceContext(ctx), input.sampleId, input.result),
  'rapidTests:roundPdf': async (input, { m, now, audit }) => {
    const file = await roundPdf(await getRound(m, input.id), await readSettings(m, agencyGroup), now)
    audit.note('rapidTestRound', input.id, `In danh sách test nhanh (${file.fileName})`)
    return file
  },
  'medicineCabinets:list': (_input, { m }) => listCabinets(m),
  'medicineCabinets:save': (input, ctx) => saveCabinet(serviceContext(ctx), input),
}
