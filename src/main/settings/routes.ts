import type { Handlers, HandlerContext } from '../core/router'
import { clearSampleData, loadSampleData, sampleStatus } from '../sample/service'
import { agencyGroup, readSettings, receptionGroup, securityGroup, writeSettings } from './service'
import type { SettingsGroup } from './service'
import type { z } from 'zod'

type SettingsHandlers = Pick<
  Handlers,
  (`settings:${string}` & keyof Handlers) | (`sample:${string}` & keyof Handlers)
>

/** A settings group's write: validated by its route, audited as a before/after change. */
export async function updateSettings<S extends z.ZodType<object>>(
  ctx: HandlerContext,
  group: SettingsGroup<S>,
  value: z.output<S>,
) {
  const before = await readSettings(ctx.m, group)
  const after = await writeSettings(ctx.m, group, value, ctx.now)
  ctx.audit.change('settings', group.key, before, after)
  return after
}

export const settingsHandlers: SettingsHandlers = {
  'settings:getAgency': (_input, { m }) => readSettings(m, agencyGroup),
  'settings:updateAgency': (input, ctx) => updateSettings(ctx, agencyGroup, input),
  'settings:getSecurity': (_input, { m }) => readSettings(m, securityGroup),
  'settings:updateSecurity': async (input, ctx) => {
    const after = await updateSettings(ctx, securityGroup, input)
    ctx.afterCommit(() => (ctx.sessions.idleMinutes = after.idleMinutes))
    return after
  },
  'settings:getReception': (_input, { m }) => readSettings(m, receptionGroup),
  'settings:updateReception': (input, ctx) => updateSettings(ctx, receptionGroup, input),
  'sample:status': (_input, { m }) => sampleStatus(m),
  'sample:load': async (_input, { m, audit }) => {
    const status = await loadSampleData(m)
    audit.note('unit', null, `Nạp dữ liệu mẫu: ${status.sampleUnitCount} đơn vị`)
    return status
  },
  'sample:clear': async (_input, { m, audit }) => {
    const status = await clearSampleData(m)
    audit.note('unit', null, 'Xoá dữ liệu mẫu')
    return status
  },
}
