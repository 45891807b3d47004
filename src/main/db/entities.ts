import { UserEntity } from '../accounts/entities'
import { SettingEntity } from '../settings/entities'
import { UnitEntity, UnitKindEntity } from '../units/entities'

/** Explicit entity list: globs create no tables once the main process is bundled. */
export const entities = [SettingEntity, UnitKindEntity, UnitEntity, UserEntity]
