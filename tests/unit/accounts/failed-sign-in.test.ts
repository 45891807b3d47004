import { afterEach, describe, expect, it, vi } from 'vitest'
import { verifyPassword } from '@main/accounts/passwords'
import type { Session } from '@main/core/session'
import { accountMsg } from '@shared/accounts/schemas'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { sqlColumn, sqlValue } from '../helpers/sql'

// The real scrypt, counted: every failure kind must spend exactly one check.
vi.mock('@main/accounts/passwords', async (importOriginal) => {
  const real = await importOriginal<typeof import('@main/accounts/passwords')>()
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) }
})
const verify = vi.mocked(verifyPassword)

const PASSWORD = 'mat-khau-dai-8'
let windows = 0
const win = (app: TempApp): Session => app.sessions.get(`window:${++windows}`)

async function withAccounts(): Promise<{ app: TempApp; desk: Session }> {
  const app = await tempApp()
  const desk = win(app)
  const admin = { username: 'quantri', displayName: 'Nguyễn Văn Quản', password: PASSWORD, confirm: PASSWORD }
  expect((await app.router.dispatch('auth:setup', admin, desk)).ok).toBe(true)
  for (const username of ['khoa', 'nghi']) {
    const user = { username, displayName: 'Lê Văn Tra', roles: ['reception'], password: PASSWORD }
    expect((await app.router.dispatch('users:create', { ...user, confirm: PASSWORD }, desk)).ok).toBe(true)
  }
  return { app, desk }
}

const login = (app: TempApp, username: string, password: string) =>
  app.router.dispatch('auth:login', { username, password }, win(app))

afterEach(() => {
  vi.useRealTimers()
  verify.mockClear()
})

describe('a failed sign-in tells nothing', () => {
  it('runs the scrypt check exactly once, at full cost, for an unknown, wrong, locked or disabled account and answers the same', async () => {
    const { app, desk } = await withAccounts()
    for (let i = 0; i < 5; i++) await login(app, 'khoa', 'sai-mat-khau')
    const nghi = (await sqlValue(app, `SELECT id FROM users WHERE username = 'nghi'`)) as number
    await app.router.dispatch(
      'users:update',
      { id: nghi, displayName: 'Lê Văn Tra', roles: ['reception'], active: false },
      desk,
    )
    const realCost = ((await sqlValue(app, 'SELECT password_hash FROM users LIMIT 1')) as string)
      .split('$')
      .slice(0, 4)

    const answers: Record<string, unknown> = {}
    const tries = {
      wrongPassword: ['quantri', 'sai-mat-khau'],
      unknownName: ['khong-co-ai', 'sai-mat-khau'],
      lockedRightPassword: ['khoa', PASSWORD],
      disabledRightPassword: ['nghi', PASSWORD],
    } as const
    for (const [kind, [username, password]] of Object.entries(tries)) {
      verify.mockClear()
      answers[kind] = await login(app, username, password)
      expect(verify, kind).toHaveBeenCalledTimes(1)
      // The same scrypt cost as a real account's hash.
      expect(verify.mock.calls[0]![1].split('$').slice(0, 4), kind).toEqual(realCost)
    }
    const expected = {
      ok: false,
      error: {
        code: 'validation',
        message: accountMsg.badCredentials,
        fieldErrors: { password: accountMsg.badCredentials },
      },
    }
    expect(answers).toEqual({
      wrongPassword: expected,
      unknownName: expected,
      lockedRightPassword: expected,
      disabledRightPassword: expected,
    })
    // The trail still tells the administrator which it was.
    const notes = (
      await sqlColumn(app, `SELECT changes FROM audit_log WHERE route = 'auth:login' ORDER BY id`)
    ).join()
    expect(notes).toContain('tạm khoá')
    expect(notes).toContain('vô hiệu hoá')
  })
})

describe('changing one’s own password', () => {
  it('locks the account after five wrong current passwords, audits each failure and signs the window out', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-23T08:00:00+07:00'))
    const { app } = await withAccounts()
    const desk = win(app)
    expect((await app.router.dispatch('auth:login', { username: 'khoa', password: PASSWORD }, desk)).ok).toBe(
      true,
    )
    const change = (current: string) =>
      app.router.dispatch(
        'auth:changePassword',
        { current, password: 'moi-mat-khau-9', confirm: 'moi-mat-khau-9' },
        desk,
      )

    verify.mockClear()
    for (let i = 0; i < 4; i++)
      expect(await change('sai-mat-khau')).toMatchObject({
        ok: false,
        error: { code: 'validation', fieldErrors: { current: accountMsg.wrongPassword } },
      })
    expect(await change('sai-mat-khau')).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', message: accountMsg.lockedOut(5) },
    })
    expect(verify).toHaveBeenCalledTimes(5)
    expect(desk.user).toBeNull()

    const failures = (await sqlColumn(
      app,
      `SELECT changes FROM audit_log WHERE route = 'auth:changePassword' ORDER BY id`,
    )) as string[]
    expect(failures).toHaveLength(5)
    for (const line of failures) expect(line).toContain('nhập sai mật khẩu hiện tại')
    expect(failures[4]).toContain('Tạm khoá 5 phút')

    // The same lock as sign-in: the right password waits it out, the old password still holds.
    expect((await login(app, 'khoa', PASSWORD)).ok).toBe(false)
    vi.setSystemTime(new Date('2026-11-23T08:05:01+07:00'))
    expect((await login(app, 'khoa', PASSWORD)).ok).toBe(true)
  })

  it('changes the password with the right current one and counts a wrong one toward the lock', async () => {
    const { app, desk } = await withAccounts()
    const change = (current: string) =>
      app.router.dispatch(
        'auth:changePassword',
        { current, password: 'moi-mat-khau-9', confirm: 'moi-mat-khau-9' },
        desk,
      )
    expect((await change('sai-mat-khau')).ok).toBe(false)
    expect(await sqlValue(app, `SELECT failed_logins FROM users WHERE username = 'quantri'`)).toBe(1)
    expect(await change(PASSWORD)).toEqual({ ok: true, data: true })
    expect((await login(app, 'quantri', 'moi-mat-khau-9')).ok).toBe(true)
  })
})
