import { z } from 'zod'
import { ROLES } from '../contract/permissions'
import type { Permission, Role } from '../contract/permissions'
import { id, msg, paging, requiredText, searchText, text } from '../validation/fields'

export const PASSWORD_MIN = 8
export const MAX_FAILED_LOGINS = 5
export const LOCKOUT_MINUTES = 5

export const accountMsg = {
  passwordShort: `Mật khẩu tối thiểu ${PASSWORD_MIN} ký tự`,
  passwordMismatch: 'Mật khẩu nhập lại không khớp',
  usernameFormat: 'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới (3–40 ký tự)',
  usernameTaken: 'Tên đăng nhập này đã có',
  rolesRequired: 'Chọn ít nhất một vai trò',
  // The same words for an unknown name, a wrong password, a locked or a disabled account.
  badCredentials: `Tên đăng nhập hoặc mật khẩu không đúng (sai ${MAX_FAILED_LOGINS} lần: khoá ${LOCKOUT_MINUTES} phút)`,
  wrongPassword: 'Mật khẩu không đúng',
  lockedOut: (minutes: number) => `Tài khoản tạm khoá do nhập sai nhiều lần. Thử lại sau ${minutes} phút.`,
  inactive: 'Tài khoản đã bị vô hiệu hoá',
  setupDone: 'Đã có tài khoản quản trị',
  notFound: 'Không tìm thấy tài khoản',
  lastAdmin: 'Phải còn ít nhất một quản trị viên đang hoạt động',
  signInRequired: 'Vui lòng đăng nhập',
  sessionLocked: 'Phiên làm việc đã khoá do không thao tác. Nhập mật khẩu để tiếp tục.',
}

const password = z
  .string({ error: msg.required })
  .min(PASSWORD_MIN, { error: accountMsg.passwordShort })
  .max(200)

const username = text({ error: msg.required })
  .toLowerCase()
  .refine((v) => /^[a-z0-9._]{3,40}$/.test(v), { error: accountMsg.usernameFormat })

const roles = z
  .array(z.enum(ROLES, { error: msg.invalid }))
  .min(1, { error: accountMsg.rolesRequired })
  .max(ROLES.length)

const withConfirmation = <T extends z.ZodObject<{ password: typeof password; confirm: z.ZodString }>>(
  schema: T,
) => schema.refine((v) => v.password === v.confirm, { error: accountMsg.passwordMismatch, path: ['confirm'] })

/** First start: the administrator account. */
export const SetupInput = withConfirmation(
  z.object({
    username,
    displayName: requiredText(120),
    password,
    confirm: z.string({ error: msg.required }),
  }),
)
export type SetupInput = z.input<typeof SetupInput>

export const LoginInput = z.object({
  username: text({ error: msg.required }).toLowerCase().min(1, { error: msg.required }).max(40),
  password: z.string({ error: msg.required }).min(1, { error: msg.required }).max(200),
})
export type LoginInput = z.input<typeof LoginInput>

export const UnlockInput = z.object({
  password: z.string({ error: msg.required }).min(1, { error: msg.required }).max(200),
})
export type UnlockInput = z.input<typeof UnlockInput>

export const ChangeOwnPasswordInput = withConfirmation(
  z.object({
    current: z.string({ error: msg.required }).min(1, { error: msg.required }).max(200),
    password,
    confirm: z.string({ error: msg.required }),
  }),
)
export type ChangeOwnPasswordInput = z.input<typeof ChangeOwnPasswordInput>

export const UserCreateInput = withConfirmation(
  z.object({
    username,
    displayName: requiredText(120),
    roles,
    password,
    confirm: z.string({ error: msg.required }),
  }),
)
export type UserCreateInput = z.input<typeof UserCreateInput>

export const UserUpdateInput = z.object({
  id,
  displayName: requiredText(120),
  roles,
  active: z.boolean({ error: msg.invalid }),
})
export type UserUpdateInput = z.input<typeof UserUpdateInput>

export const UserResetPasswordInput = withConfirmation(
  z.object({ id, password, confirm: z.string({ error: msg.required }) }),
)
export type UserResetPasswordInput = z.input<typeof UserResetPasswordInput>

export const UserListQuery = z.object({ q: searchText, ...paging })
export type UserListQuery = z.input<typeof UserListQuery>

export interface UserDto {
  id: number
  username: string
  displayName: string
  roles: Role[]
  active: boolean
  lockedUntil: string | null
  lastLoginAt: string | null
  createdAt: string
}

export interface SessionUserDto {
  id: number
  username: string
  displayName: string
  roles: Role[]
  permissions: Permission[]
}

export interface AuthStatus {
  /** No account yet: the first start asks for the administrator. */
  needsSetup: boolean
  user: SessionUserDto | null
  locked: boolean
  idleMinutes: number
}
