import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import {
  AgencySettings,
  DEFAULT_AGENCY_SETTINGS,
  DEFAULT_RECEPTION_SETTINGS,
  DEFAULT_SECURITY_SETTINGS,
  ReceptionSettings,
  SecuritySettings,
} from '@shared/settings/schemas'
import { SettingEntity } from './entities'

/** A settings group: one row, one JSON object, one schema, defaults for what is missing. */
export interface SettingsGroup<S extends z.ZodType<object>> {
  key: string
  schema: S
  defaults: z.output<S>
}

export const agencyGroup: SettingsGroup<typeof AgencySettings> = {
  key: 'agency',
  schema: AgencySettings,
  defaults: DEFAULT_AGENCY_SETTINGS,
}

export const securityGroup: SettingsGroup<typeof SecuritySettings> = {
  key: 'security',
  schema: SecuritySettings,
  defaults: DEFAULT_SECURITY_SETTINGS,
}

export const receptionGroup: SettingsGroup<typeof ReceptionSettings> = {
  key: 'reception',
  schema: ReceptionSettings,
  defaults: DEFAULT_RECEPTION_SETTINGS,
}

export async function readSettings<S extends z.ZodType<object>>(
  m: EntityManager,
  group: SettingsGroup<S>,
): Promise<z.output<S>> {
  const row = await m.getRepository(SettingEntity).findOne({ where: { key: group.key } })
  if (!row) return { ...group.defaults }
  // A value written by an older version may lack newer keys: defaults fill them.
  const parsed = group.schema.safeParse({ ...group.defaults, ...(JSON.parse(row.value) as object) })
  return parsed.success ? parsed.data : { ...group.defaults }
}

export async function writeSettings<S extends z.ZodType<object>>(
  m: EntityManager,
  group: SettingsGroup<S>,
  value: z.output<S>,
  now: Date,
): Promise<z.output<S>> {
  await m
    .getRepository(SettingEntity)
    .save({ key: group.key, value: JSON.stringify(value), updatedAt: now.toISOString() })
  return readSettings(m, group)
}
