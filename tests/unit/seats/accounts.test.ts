import { describe, expect, it } from 'vitest'
import type { AppCore } from '@main/app-core'
import { UserEntity } from '@main/accounts/entities'
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS, accountMsg } from '@shared/accounts/schemas'
import type { Role } from '@shared/contract'
import { twoSeats } from '../helpers/seats'
import type { TempApp } from '../helpers/temp-app'

const PASSWORD = 'Mat-khau-dung-1'
let clients = 0

async function addUser(a: TempApp, username: string, roles: Role[]) {
  return a.ok('users:create', {
    username,
    displayName: username,
    roles,
    password: PASSWORD,
    confirm: PASSWORD,
  })
}

/** A window of that seat, signed in (or not) as `username`. */
async function windowOn(seat: AppCore, username?: string) {
  const session = seat.sessions.get(`client-${++clients}`)
  if (username) {
    const r = await seat.router.dispatch('auth:login', { username, password: PASSWORD }, session)
    expect(r.ok).toBe(true)
  }
  return session
}

const rowOf = (a: TempApp, username: string) =>
  a.dataSource.getRepository(UserEntity).findOneByOrFail({ username })

describe('the sign-in failure count on two seats', () => {
  it('counts every failure of two seats failing at once, and the lockout then holds on both', async () => {
    const { a, b } = await twoSeats()
    await addUser(a, 'letan', ['reception'])
    const windows = await Promise.all([a, a, b, b, a, b].map((seat) => windowOn(seat)))
    const wrong = (i: number) =>
      (i % 2 ? b : a).router.dispatch('auth:login', { username: 'letan', password: 'sai' }, windows[i]!)
    const first = await Promise.all([0, 1, 2, 3].map(wrong))
    expect(first.map((r) => !r.ok && r.error.message)).toEqual(Array(4).fill(accountMsg.badCredentials))
    expect(await rowOf(a, 'letan')).toMatchObject({ failedLogins: MAX_FAILED_LOGINS - 1, lockedUntil: null })

    const last = await Promise.all([4, 5].map(wrong))
    expect(last.every((r) => !r.ok && r.error.code === 'validation')).toBe(true)
    expect((await rowOf(a, 'letan')).lockedUntil).not.toBeNull()
    for (const seat of [a, b]) {
      const right = await seat.router.dispatch(
        'auth:login',
        { username: 'letan', password: PASSWORD },
        await windowOn(seat),
      )
      expect(right).toMatchObject({ ok: false, error: { message: accountMsg.badCredentials } })
    }
    const trail = (await a.ok('audit:list', { pageSize: 100 })).items
    expect(
      trail.filter((l) => JSON.stringify(l.changes).includes(`Tạm khoá ${LOCKOUT_MINUTES} phút`)),
    ).toHaveLength(1)
  })
})

describe('the last administrator on two seats', () => {
  it('two seats removing the last two administrators at once leave one, the other refused with conflict', async () => {
    const { a, b } = await twoSeats()
    const x = await addUser(a, 'quantri1', ['admin'])
    const y = await addUser(a, 'quantri2', ['admin'])
    for (let round = 0; round < 100; round++) {
      const disable = round % 2 === 1
      const demote = (seat: AppCore, id: number) =>
        seat.router.dispatch(
          'users:update',
          { id, displayName: 'Quản trị', roles: disable ? ['admin'] : ['office'], active: !disable },
          a.session,
        )
      const results = await Promise.all([demote(a, x.id), demote(b, y.id)])
      const refused = results.filter((r) => !r.ok)
      expect(refused, `round ${round}`).toHaveLength(1)
      expect(refused[0]).toMatchObject({
        ok: false,
        error: {
          code: 'conflict',
          message: accountMsg.lastAdmin,
          fieldErrors: { roles: accountMsg.lastAdmin },
        },
      })
      const admins = (await a.dataSource.getRepository(UserEntity).find()).filter(
        (u) => u.active && u.roles.split(',').includes('admin'),
      )
      expect(admins, `round ${round}`).toHaveLength(1)
      for (const id of [x.id, y.id])
        await a.ok('users:update', { id, displayName: 'Quản trị', roles: ['admin'], active: true })
    }
  }, 120_000)
})

describe('an account changed on one seat, at the next call on another', () => {
  it('a role removed on seat A: that permission is refused on seat B', async () => {
    const { a, b, shared } = await twoSeats()
    const user = await addUser(a, 'vanthu', ['reception', 'inspector'])
    const onB = await windowOn(b, 'vanthu')
    expect((await b.router.dispatch('visits:inside', {}, onB)).ok).toBe(true)
    await a.ok('users:update', { id: user.id, displayName: 'vanthu', roles: ['inspector'], active: true })
    const refused = await b.router.dispatch('visits:inside', {}, onB)
    // Another seat cannot know what changed: it signs out. A window of the same seat follows at once.
    expect(refused).toMatchObject({ ok: false, error: { code: shared ? 'forbidden' : 'unauthorized' } })
    const again = await windowOn(b, 'vanthu')
    expect(await b.router.dispatch('visits:inside', {}, again)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect((await b.router.dispatch('templates:list', {}, again)).ok).toBe(true)
  })

  it('an account disabled or its password reset on seat A is signed out on seat B', async () => {
    const { a, b } = await twoSeats()
    const user = await addUser(a, 'canbo', ['office'])
    const onB = await windowOn(b, 'canbo')
    await a.ok('users:resetPassword', { id: user.id, password: 'Mat-khau-moi-2', confirm: 'Mat-khau-moi-2' })
    expect(await b.router.dispatch('units:list', {}, onB)).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', message: accountMsg.signInRequired },
    })
    const r = await b.router.dispatch('auth:login', { username: 'canbo', password: 'Mat-khau-moi-2' }, onB)
    expect(r.ok).toBe(true)
    await a.ok('users:update', { id: user.id, displayName: 'canbo', roles: ['office'], active: false })
    expect(await b.router.dispatch('units:list', {}, onB)).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    })
    expect(await b.router.dispatch('auth:status', {}, onB)).toMatchObject({ ok: true, data: { user: null } })
  })

  it('a password changed in one window signs out the same account elsewhere, not that window', async () => {
    const { a, b } = await twoSeats()
    await addUser(a, 'thanhtra', ['inspector'])
    const onA = await windowOn(a, 'thanhtra')
    const onB = await windowOn(b, 'thanhtra')
    const changed = await a.router.dispatch(
      'auth:changePassword',
      { current: PASSWORD, password: 'Mat-khau-moi-3', confirm: 'Mat-khau-moi-3' },
      onA,
    )
    expect(changed.ok).toBe(true)
    expect((await a.router.dispatch('templates:list', {}, onA)).ok).toBe(true)
    expect(await b.router.dispatch('templates:list', {}, onB)).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    })
  })
})
