import type { Handlers } from '../core/router'
import { clearSampleData, loadSampleData, sampleStatus } from '../sample/service'
import { getAgencySettings, updateAgencySettings } from './service'

type SettingsHandlers = Pick<
  Handlers,
  (`settings:${string}` & keyof Handlers) | (`sample:${string}` & keyof Handlers)
>

export const settingsHandlers: SettingsHandlers = {
  'settings:getAgency': (_input, { m }) => getAgencySettings(m),
  'settings:updateAgency': (input, { m }) => updateAgencySettings(m, input),
  'sample:status': (_input, { m }) => sampleStatus(m),
  'sample:load': (_input, { m }) => loadSampleData(m),
  'sample:clear': (_input, { m }) => clearSampleData(m),
}
