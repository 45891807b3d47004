import { describe, expect, it, vi } from 'vitest'
import { contract } from '@shared/contract'
import { electronMock } from './electron-mock'

const mock = electronMock()
vi.mock('electron', () => mock.module)

const { registerRouteHandlers } = await import('@main/electron/ipc')
const { SessionRegistry } = await import('@main/core/session')
const { silentLogger } = await import('@main/core/logger')

describe('IPC adapter', () => {
  const dispatch = vi.fn(async () => ({ ok: true as const, data: 'done' }))
  const sessions = new SessionRegistry()
  registerRouteHandlers({ dispatch }, (sender) => sessions.get(`window:${sender.id}`), silentLogger)
  const frame = (url: string, parent: object | null = null, id = 1) => ({
    senderFrame: { url, parent },
    sender: { id },
  })

  it('registers one handler per route and nothing else', () => {
    expect([...mock.handlers.keys()].sort()).toEqual(
      Object.keys(contract)
        .map((n) => `route:${n}`)
        .sort(),
    )
  })

  it('passes a call from our own window to the router', async () => {
    const result = await mock.handlers.get('route:units:list')!(frame('app://renderer/index.html#/units'), {
      q: 'vp',
    })
    expect(result).toEqual({ ok: true, data: 'done' })
    expect(dispatch).toHaveBeenCalledWith('units:list', { q: 'vp' }, sessions.get('window:1'))
  })

  it('gives each window its own session', async () => {
    dispatch.mockClear()
    await mock.handlers.get('route:auth:status')!(frame('app://renderer/index.html', null, 2), {})
    expect(dispatch).toHaveBeenCalledWith('auth:status', {}, sessions.get('window:2'))
    expect(sessions.get('window:2')).not.toBe(sessions.get('window:1'))
  })

  it.each([
    ['a remote page', frame('https://evil.example/')],
    ['a sub-frame', frame('app://renderer/index.html', {})],
    ['no frame', { senderFrame: null }],
  ])('drops a call from %s', async (_label, event) => {
    dispatch.mockClear()
    const result = await mock.handlers.get('route:units:create')!(event, { code: 'X' })
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(dispatch).not.toHaveBeenCalled()
  })
})
