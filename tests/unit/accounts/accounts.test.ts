import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Session } from '@main/core/session'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { sqlColumn } from '../helpers/sql'

const PASSWORD = 'mat-khau-dai-8'
const admin = { username: 'QuanTri', displayName: 'Nguyễn Văn Quản', password: PASSWORD, confirm: PASSWORD }

let windows = 0
/** A window's session as a transport gets it, so account changes reach it. */
const win = (app: TempApp): Session => app.sessions.get(`window:${++windows}`)

async function withAdmin(): Promise<{ app: TempApp; desk: Session }> {
  const app = await tempApp()
  const desk = win(app)
  const result = await app.router.dispatch('auth:setup', admin, desk)
  expect(result.ok).toBe(true)
  return { app, desk }
}

const login = (app: TempApp, session: Session, username: string, password: string) =>
  app.router.dispatch('auth:login', { username, password }, session)

afterEach(() => {
  vi.useRealTimers()
})

describe('first start', () => {
  it('asks for an administrator once, then signs that window in with every role', async () => {
    const app = await tempApp()
    const desk = win(app)
    expect(await app.router.dispatch('auth:status', {}, desk)).toMatchObject({
      ok: true,
      data: { needsSetup: true, user: null },
    })
    await app.router.dispatch('auth:setup', admin, desk)
    const status = await app.router.dispatch('auth:status', {}, desk)
    expect(status).toMatchObject({
      ok: true,
      data: {
        needsSetup: false,
        locked: false,
        user: { username: 'quantri', roles: ['admin', 'office', 'reception', 'inspector'] },
      },
    })
    const again = await app.router.dispatch('auth:setup', { ...admin, username: 'khac' }, win(app))
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })

  it('stores a salted scrypt hash, never the password', async () => {
    const { app, desk } = await withAdmin()
    await app.router.dispatch(
      'users:create',
      {
        username: 'le.tan',
        displayName: 'Trần Thị Lễ',
        roles: ['reception'],
        password: PASSWORD,
        confirm: PASSWORD,
      },
      desk,
    )
    const hashes = (await sqlColumn(app, 'SELECT password_hash FROM users ORDER BY id')) as string[]
    expect(hashes).toHaveLength(2)
    for (const hash of hashes) {
      expect(hash).toMatch(/^scrypt\$\d+\$8\$1\$/)
      expect(hash).not.toContain(PASSWORD)
    }
    expect(hashes[0]).not.toBe(hashes[1])
  })
})

describe('sign-in', () => {
  it('accepts the right password and refuses a wrong one or an unknown user with the same message', async () => {
    const { app } = await withAdmin()
    const wrong = await login(app, win(app), 'quantri', 'sai-mat-khau')
    const unknown = await login(app, win(app), 'khong-co', 'sai-mat-khau')
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'validation', fieldErrors: { password: expect.any(String) } },
    })
    expect(unknown.ok || unknown.error.message).toBe(wrong.ok || wrong.error.message)
    expect(await login(app, win(app), 'QUANTRI', PASSWORD)).toMatchObject({ ok: true })
  })

  it('locks the account for 5 minutes after 5 wrong passwords, then lets it in again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-23T08:00:00+07:00'))
    const { app } = await withAdmin()
    for (let i = 0; i < 4; i++) expect((await login(app, win(app), 'quantri', 'sai')).ok).toBe(false)
    const fifth = await login(app, win(app), 'quantri', 'sai')
    // The lock is told in the same words as any wrong password (which mention it).
    expect(fifth).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringContaining('5 phút') },
    })
    // Even the right password waits out the lock.
    expect(await login(app, win(app), 'quantri', PASSWORD)).toEqual(fifth)
    vi.setSystemTime(new Date('2026-11-23T08:05:01+07:00'))
    expect(await login(app, win(app), 'quantri', PASSWORD)).toMatchObject({ ok: true })
    const notes = await sqlColumn(app, `SELECT changes FROM audit_log WHERE route = 'auth:login' ORDER BY id`)
    expect(notes.join()).toContain('Tạm khoá 5 phút')
  })

  it('refuses a disabled account in the same words as a wrong password', async () => {
    const { app, desk } = await withAdmin()
    const created = await app.router.dispatch(
      'users:create',
      {
        username: 'thanh.tra',
        displayName: 'Lê Văn Tra',
        roles: ['inspector'],
        password: PASSWORD,
        confirm: PASSWORD,
      },
      desk,
    )
    if (!created.ok) throw new Error('create failed')
    const inspector = win(app)
    expect((await login(app, inspector, 'thanh.tra', PASSWORD)).ok).toBe(true)
    await app.router.dispatch(
      'users:update',
      {
        id: (created.data as { id: number }).id,
        displayName: 'Lê Văn Tra',
        roles: ['inspector'],
        active: false,
      },
      desk,
    )
    // The open window follows at once.
    expect(inspector.user).toBeNull()
    expect(await login(app, win(app), 'thanh.tra', PASSWORD)).toEqual(
      await login(app, win(app), 'thanh.tra', 'sai-mat-khau'),
    )
  })
})

describe('roles', () => {
  it('lets each role do its own work only, enforced in main', async () => {
    const { app, desk } = await withAdmin()
    await app.router.dispatch(
      'users:create',
      {
        username: 'le.tan',
        displayName: 'Trần Thị Lễ',
        roles: ['reception'],
        password: PASSWORD,
        confirm: PASSWORD,
      },
      desk,
    )
    const reception = win(app)
    await login(app, reception, 'le.tan', PASSWORD)
    const unit = { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' }
    expect(await app.router.dispatch('units:create', unit, reception)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(await app.router.dispatch('users:list', {}, reception)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(await app.router.dispatch('units:list', {}, reception)).toMatchObject({ ok: true })
    expect(await app.router.dispatch('units:create', unit, desk)).toMatchObject({ ok: true })
  })

  it('applies a role change to a window that is already signed in', async () => {
    const { app, desk } = await withAdmin()
    const created = await app.router.dispatch(
      'users:create',
      {
        username: 'van.phong',
        displayName: 'Phạm Văn Phòng',
        roles: ['reception'],
        password: PASSWORD,
        confirm: PASSWORD,
      },
      desk,
    )
    if (!created.ok) throw new Error('create failed')
    const office = win(app)
    await login(app, office, 'van.phong', PASSWORD)
    const unit = { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' }
    expect((await app.router.dispatch('units:create', unit, office)).ok).toBe(false)
    await app.router.dispatch(
      'users:update',
      {
        id: (created.data as { id: number }).id,
        displayName: 'Phạm Văn Phòng',
        roles: ['office'],
        active: true,
      },
      desk,
    )
    expect((await app.router.dispatch('units:create', unit, office)).ok).toBe(true)
  })

  it('keeps at least one active administrator', async () => {
    const { app, desk } = await withAdmin()
    const result = await app.router.dispatch(
      'users:update',
      { id: 1, displayName: 'Nguyễn Văn Quản', roles: ['office'], active: true },
      desk,
    )
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'conflict', fieldErrors: { roles: expect.any(String) } },
    })
  })
})

describe('idle lock', () => {
  it('locks a window after the idle time and unlocks it with the password, keeping the user', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-23T08:00:00+07:00'))
    const { app, desk } = await withAdmin()
    await app.router.dispatch('settings:updateSecurity', { idleMinutes: 3, staffRetentionDays: 365 }, desk)
    vi.setSystemTime(new Date('2026-11-23T08:02:59+07:00'))
    expect((await app.router.dispatch('units:list', {}, desk)).ok).toBe(true)
    vi.setSystemTime(new Date('2026-11-23T08:06:00+07:00'))
    expect(await app.router.dispatch('units:list', {}, desk)).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    })
    expect(await app.router.dispatch('auth:status', {}, desk)).toMatchObject({
      ok: true,
      data: { locked: true },
    })
    expect(await app.router.dispatch('auth:unlock', { password: 'sai' }, desk)).toMatchObject({
      ok: false,
      error: { fieldErrors: { password: expect.any(String) } },
    })
    expect(await app.router.dispatch('auth:unlock', { password: PASSWORD }, desk)).toMatchObject({
      ok: true,
      data: { locked: false, user: { username: 'quantri' } },
    })
    expect((await app.router.dispatch('units:list', {}, desk)).ok).toBe(true)
  })

  it('signs the window out when the unlock attempts lock the account', async () => {
    const { app, desk } = await withAdmin()
    await app.router.dispatch('auth:lock', {}, desk)
    for (let i = 0; i < 5; i++) await app.router.dispatch('auth:unlock', { password: 'sai' }, desk)
    expect(desk.user).toBeNull()
    expect(await app.router.dispatch('units:list', {}, desk)).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    })
  })
})
