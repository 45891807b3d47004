import { EntitySchema } from 'typeorm'
import type { Role } from '@shared/contract'

export interface UserRow {
  id: number
  username: string
  displayName: string
  passwordHash: string
  /** Comma-separated role names; a handful per user, read with the row. */
  roles: string
  active: boolean
  failedLogins: number
  /** Moves when roles, the active flag or the password change: every seat's sessions follow. */
  authEpoch: number
  lockedUntil: string | null
  lastLoginAt: string | null
  createdAt: string
  updatedAt: string
}

export const UserEntity = new EntitySchema<UserRow>({
  name: 'User',
  tableName: 'users',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    username: { type: 'text' },
    displayName: { type: 'text', name: 'display_name' },
    passwordHash: { type: 'text', name: 'password_hash' },
    roles: { type: 'text' },
    active: { type: 'boolean', default: true },
    failedLogins: { type: 'integer', name: 'failed_logins', default: 0 },
    lockedUntil: { type: 'text', name: 'locked_until', nullable: true },
    lastLoginAt: { type: 'text', name: 'last_login_at', nullable: true },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
    authEpoch: { type: 'integer', name: 'auth_epoch', default: 0 },
  },
})

export const rolesOf = (row: Pick<UserRow, 'roles'>): Role[] => row.roles.split(',').filter(Boolean) as Role[]
