import type { z } from 'zod'
import type { Page } from '@shared/contract'
import { ROLES } from '@shared/contract'
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS, accountMsg } from '@shared/accounts/schemas'
import type {
  AuthStatus,
  ChangeOwnPasswordInput,
  LoginInput,
  SetupInput,
  UnlockInput,
  UserCreateInput,
  UserDto,
  UserListQuery,
  UserResetPasswordInput,
  UserUpdateInput,
} from '@shared/accounts/schemas'
import { searchKey } from '@shared/text/search-key'
import { compareVietnamese } from '@shared/text/sort-key'
import { lockUntilCommit } from '../db/engine'
import { AppError } from '../core/errors'
import type { HandlerContext } from '../core/router'
import type { SessionUser } from '../core/session'
import { UserEntity, rolesOf } from './entities'
import { bumpAuthEpoch } from './epoch'
import type { UserRow } from './entities'
import { NO_ACCOUNT_HASH, hashPassword, verifyPassword } from './passwords'

const toDto = (r: UserRow): UserDto => ({
  id: r.id,
  username: r.username,
  displayName: r.displayName,
  roles: rolesOf(r),
  active: r.active,
  lockedUntil: r.lockedUntil,
  lastLoginAt: r.lastLoginAt,
  createdAt: r.createdAt,
})

const toSessionUser = (r: UserRow): SessionUser => ({
  id: r.id,
  username: r.username,
  displayName: r.displayName,
  roles: rolesOf(r),
})

/** What the user table would say about this row, for the audit diff. */
const auditView = (r: UserRow) => ({
  username: r.username,
  displayName: r.displayName,
  roles: r.roles,
  active: r.active,
})

export async function authStatus(ctx: HandlerContext): Promise<AuthStatus> {
  const { session, sessions } = ctx
  const users = await ctx.m.getRepository(UserEntity).count()
  if (session.user && ctx.now.getTime() - session.lastActivity > sessions.idleMinutes * 60_000)
    session.locked = true
  return {
    needsSetup: users === 0,
    user: session.toDto(),
    locked: session.locked,
    idleMinutes: sessions.idleMinutes,
  }
}

/** First start: the administrator holds every role until they hand some to others. */
export async function setup(ctx: HandlerContext, input: z.output<typeof SetupInput>): Promise<AuthStatus> {
  // Two seats of an office may show the first-run form at once: one administrator comes of it.
  await lockUntilCommit(ctx.m, 'first-run')
  const repo = ctx.m.getRepository(UserEntity)
  // Two seats set up at once: the second finds the first's administrator.
  await lockUntilCommit(ctx.m, 'admins')
  if ((await repo.count()) > 0) throw AppError.conflict(accountMsg.setupDone)
  const stamp = ctx.now.toISOString()
  const row = await repo.save({
    username: input.username,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    roles: ROLES.join(','),
    active: true,
    failedLogins: 0,
    lockedUntil: null,
    lastLoginAt: stamp,
    createdAt: stamp,
    updatedAt: stamp,
    authEpoch: 0,
  })
  ctx.audit.change('user', row.id, null, auditView(row))
  ctx.afterCommit(() => ctx.session.signIn(toSessionUser(row), ctx.now.getTime(), row.authEpoch))
  return { needsSetup: false, user: null, locked: false, idleMinutes: ctx.sessions.idleMinutes }
}

type Attempt = 'ok' | 'wrong' | 'locked' | 'disabled'

const minutesLeft = (row: UserRow, now: Date) =>
  Math.max(1, Math.ceil((Date.parse(row.lockedUntil ?? '') - now.getTime()) / 60_000))

/**
 * One password check, the same work whatever the account's state: exactly one scrypt, against
 * a hash nothing matches when the account is unknown, locked or disabled, so the answer's time
 * tells nothing. Keeps the failure count: the fifth wrong try in a row locks the account for
 * LOCKOUT_MINUTES. Called from session routes (no transaction), so the count and the audit
 * lines stick although the route then fails.
 */
async function attemptPassword(
  ctx: HandlerContext,
  row: UserRow | null,
  password: string,
  wrongNote: string,
): Promise<Attempt> {
  const now = ctx.now
  const locked = !!row?.lockedUntil && row.lockedUntil > now.toISOString()
  const usable = row !== null && row.active && !locked
  const matches = await verifyPassword(password, usable ? row.passwordHash : NO_ACCOUNT_HASH)
  if (!row) return 'wrong'
  if (locked) {
    ctx.audit.note('user', row.id, 'Nhập mật khẩu khi tài khoản đang tạm khoá')
    return 'locked'
  }
  if (!row.active) {
    ctx.audit.note('user', row.id, 'Nhập mật khẩu của tài khoản đã vô hiệu hoá')
    return 'disabled'
  }
  const counted = await countAttempt(ctx, row.id, matches, now)
  if (counted === null) {
    // Another seat locked the account while this one checked the password: the lock holds.
    row.lockedUntil = (await ctx.m.getRepository(UserEntity).findOneByOrFail({ id: row.id })).lockedUntil
    ctx.audit.note('user', row.id, 'Nhập mật khẩu khi tài khoản đang tạm khoá')
    return 'locked'
  }
  if (matches) return 'ok'
  if (counted.lockedUntil) {
    row.lockedUntil = counted.lockedUntil
    ctx.audit.note(
      'user',
      row.id,
      `${wrongNote}. Tạm khoá ${LOCKOUT_MINUTES} phút sau ${MAX_FAILED_LOGINS} lần nhập sai mật khẩu`,
    )
    return 'locked'
  }
  ctx.audit.note('user', row.id, wrongNote)
  return 'wrong'
}

/**
 * Resets (right password) or adds one to (wrong one) the failure count, in one statement on the
 * row as it is now, so that two seats failing at once both count, and locks the account when
 * the count reaches MAX_FAILED_LOGINS; null when it was locked by then. The read-back and the
 * lock share the update's transaction, which holds the row: no other seat's try comes between
 * them (SQLite's TypeORM driver has no RETURNING).
 */
async function countAttempt(
  ctx: HandlerContext,
  id: number,
  matches: boolean,
  now: Date,
): Promise<{ lockedUntil: string | null } | null> {
  return ctx.m.transaction(async (m) => {
    const { affected } = await m
      .createQueryBuilder()
      .update(UserEntity)
      .set(matches ? { failedLogins: 0, lockedUntil: null } : { failedLogins: () => 'failed_logins + 1' })
      .where('id = :id', { id })
      .andWhere('(locked_until IS NULL OR locked_until <= :now)', { now: now.toISOString() })
      .execute()
    if (!affected) return null
    const repo = m.getRepository(UserEntity)
    if ((await repo.findOneByOrFail({ id })).failedLogins < MAX_FAILED_LOGINS) return { lockedUntil: null }
    const lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString()
    await repo.update(id, { failedLogins: 0, lockedUntil })
    return { lockedUntil }
  })
}

/** A signed-in user's own account turned unusable (locked by wrong tries, disabled): the window signs out. */
function signOutRefused(ctx: HandlerContext, row: UserRow | null, attempt: Attempt): never {
  ctx.session.signOut()
  throw new AppError(
    'unauthorized',
    attempt === 'locked' && row ? accountMsg.lockedOut(minutesLeft(row, ctx.now)) : accountMsg.inactive,
  )
}

/** Unknown name, wrong password, locked or disabled account: one answer, told apart only in the trail. */
export async function login(ctx: HandlerContext, input: z.output<typeof LoginInput>): Promise<AuthStatus> {
  const row = await ctx.m.getRepository(UserEntity).findOne({ where: { username: input.username } })
  const attempt = await attemptPassword(ctx, row, input.password, 'Nhập sai mật khẩu')
  if (attempt !== 'ok' || !row)
    throw AppError.validation({ password: accountMsg.badCredentials }, accountMsg.badCredentials)
  await ctx.m.getRepository(UserEntity).update(row.id, { lastLoginAt: ctx.now.toISOString() })
  ctx.session.signIn(toSessionUser(row), ctx.now.getTime(), row.authEpoch)
  ctx.audit.note('user', row.id, 'Đăng nhập')
  return authStatus(ctx)
}

export async function unlock(ctx: HandlerContext, input: z.output<typeof UnlockInput>): Promise<AuthStatus> {
  const row = await ctx.m.getRepository(UserEntity).findOne({ where: { id: ctx.session.user!.id } })
  const attempt = await attemptPassword(ctx, row, input.password, 'Mở khoá màn hình: nhập sai mật khẩu')
  if (attempt === 'wrong' && row)
    throw AppError.validation({ password: accountMsg.wrongPassword }, accountMsg.wrongPassword)
  // Locked out or disabled while the screen was locked: the window signs out entirely.
  if (attempt !== 'ok' || !row) signOutRefused(ctx, row, attempt)
  ctx.session.signIn(toSessionUser(row), ctx.now.getTime(), row.authEpoch)
  return authStatus(ctx)
}

export function logout(ctx: HandlerContext): Promise<AuthStatus> {
  if (ctx.session.user) ctx.audit.note('user', ctx.session.user.id, 'Đăng xuất')
  ctx.session.signOut()
  return authStatus(ctx)
}

export function lockSession(ctx: HandlerContext): Promise<AuthStatus> {
  ctx.session.locked = true
  return authStatus(ctx)
}

export async function changeOwnPassword(
  ctx: HandlerContext,
  input: z.output<typeof ChangeOwnPasswordInput>,
): Promise<void> {
  const repo = ctx.m.getRepository(UserEntity)
  const row = await repo.findOne({ where: { id: ctx.session.user!.id } })
  const attempt = await attemptPassword(ctx, row, input.current, 'Đổi mật khẩu: nhập sai mật khẩu hiện tại')
  if (attempt === 'wrong' && row)
    throw AppError.validation({ current: accountMsg.wrongPassword }, accountMsg.wrongPassword)
  // The same lockout as sign-in: whoever keeps guessing at an open window is signed out.
  if (attempt !== 'ok' || !row) signOutRefused(ctx, row, attempt)
  await repo.update(row.id, {
    passwordHash: await hashPassword(input.password),
    updatedAt: ctx.now.toISOString(),
  })
  // Every other window signed in as this user, on any seat, signs out; this one goes on.
  const epoch = await bumpAuthEpoch(ctx.m, row.id)
  ctx.afterCommit(() => {
    if (ctx.session.user?.id === row.id) ctx.session.epoch = epoch
  })
  ctx.audit.note('user', row.id, 'Đổi mật khẩu')
}

export async function listUsers(
  ctx: HandlerContext,
  q: z.output<typeof UserListQuery>,
): Promise<Page<UserDto>> {
  const key = searchKey(q.q)
  const all = (await ctx.m.getRepository(UserEntity).find())
    .filter((r) => !key || searchKey(`${r.username} ${r.displayName}`).includes(key))
    .sort((a, b) => compareVietnamese(a.displayName, b.displayName))
  const start = (q.page - 1) * q.pageSize
  return {
    items: all.slice(start, start + q.pageSize).map(toDto),
    total: all.length,
    page: q.page,
    pageSize: q.pageSize,
  }
}

export async function createUser(
  ctx: HandlerContext,
  input: z.output<typeof UserCreateInput>,
): Promise<UserDto> {
  const repo = ctx.m.getRepository(UserEntity)
  if (await repo.exists({ where: { username: input.username } }))
    throw AppError.conflict(accountMsg.usernameTaken, { username: accountMsg.usernameTaken })
  const stamp = ctx.now.toISOString()
  const row = await repo.save({
    username: input.username,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    roles: ROLES.filter((r) => input.roles.includes(r)).join(','),
    active: true,
    failedLogins: 0,
    lockedUntil: null,
    lastLoginAt: null,
    createdAt: stamp,
    updatedAt: stamp,
    authEpoch: 0,
  })
  ctx.audit.change('user', row.id, null, auditView(row))
  return toDto(row)
}

async function assertAnotherAdminRemains(ctx: HandlerContext, id: number): Promise<void> {
  const others = (await ctx.m.getRepository(UserEntity).find({ where: { active: true } })).filter(
    (r) => r.id !== id && rolesOf(r).includes('admin'),
  )
  if (others.length === 0) throw AppError.conflict(accountMsg.lastAdmin, { roles: accountMsg.lastAdmin })
}

export async function updateUser(
  ctx: HandlerContext,
  input: z.output<typeof UserUpdateInput>,
): Promise<UserDto> {
  const repo = ctx.m.getRepository(UserEntity)
  // Two seats demoting the last two administrators at once: the second sees the first's change.
  await lockUntilCommit(ctx.m, 'admins')
  const before = await repo.findOne({ where: { id: input.id } })
  if (!before) throw AppError.notFound(accountMsg.notFound)
  const losesAdmin = rolesOf(before).includes('admin') && (!input.roles.includes('admin') || !input.active)
  if (losesAdmin) await assertAnotherAdminRemains(ctx, before.id)
  const roles = ROLES.filter((r) => input.roles.includes(r)).join(',')
  await repo.update(before.id, {
    displayName: input.displayName,
    roles,
    active: input.active,
    updatedAt: ctx.now.toISOString(),
  })
  if (roles !== before.roles || input.active !== before.active) await bumpAuthEpoch(ctx.m, before.id)
  const after = (await repo.findOne({ where: { id: before.id } }))!
  ctx.audit.change('user', after.id, auditView(before), auditView(after))
  ctx.afterCommit(() =>
    ctx.sessions.userChanged(
      { ...toSessionUser(after), active: after.active, epoch: after.authEpoch },
      ctx.now.getTime(),
    ),
  )
  return toDto(after)
}

export async function resetPassword(
  ctx: HandlerContext,
  input: z.output<typeof UserResetPasswordInput>,
): Promise<UserDto> {
  const repo = ctx.m.getRepository(UserEntity)
  const row = await repo.findOne({ where: { id: input.id } })
  if (!row) throw AppError.notFound(accountMsg.notFound)
  await repo.update(row.id, {
    passwordHash: await hashPassword(input.password),
    failedLogins: 0,
    lockedUntil: null,
    updatedAt: ctx.now.toISOString(),
  })
  await bumpAuthEpoch(ctx.m, row.id)
  ctx.audit.note('user', row.id, 'Đặt lại mật khẩu')
  return toDto((await repo.findOne({ where: { id: row.id } }))!)
}
