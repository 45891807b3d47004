import { EntitySchema } from 'typeorm'

/** Key/value settings; each value is JSON so a group (e.g. the agency header) reads as one object. */
export interface SettingRow {
  key: string
  value: string
  updatedAt: string
}

export const SettingEntity = new EntitySchema<SettingRow>({
  name: 'Setting',
  tableName: 'settings',
  columns: {
    key: { type: 'text', primary: true },
    value: { type: 'text' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
})
