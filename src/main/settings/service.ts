import type { EntityManager } from 'typeorm'
import { AgencySettings, DEFAULT_AGENCY_SETTINGS } from '@shared/settings/schemas'
import { nowIso } from '../core/clock'
import { SettingEntity } from './entities'

const AGENCY_KEY = 'agency'

export async function getAgencySettings(m: EntityManager): Promise<AgencySettings> {
  const row = await m.getRepository(SettingEntity).findOne({ where: { key: AGENCY_KEY } })
  if (!row) return { ...DEFAULT_AGENCY_SETTINGS }
  // A value written by an older version may lack newer keys: defaults fill them.
  const parsed = AgencySettings.safeParse({
    ...DEFAULT_AGENCY_SETTINGS,
    ...(JSON.parse(row.value) as object),
  })
  return parsed.success ? parsed.data : { ...DEFAULT_AGENCY_SETTINGS }
}

export async function updateAgencySettings(m: EntityManager, input: AgencySettings): Promise<AgencySettings> {
  await m
    .getRepository(SettingEntity)
    .save({ key: AGENCY_KEY, value: JSON.stringify(input), updatedAt: nowIso() })
  return getAgencySettings(m)
}
