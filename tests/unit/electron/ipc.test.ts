import { describe, expect, it, vi } from 'vitest'
import { contract } from '@shared/contract'
import { electronMock } from './electron-mock'

const mock = electronMock()
vi.mock('electron', () => mock.module)

const { registerRouteHandlers } = await import('@main/electron/ipc')
const { localSession } = await import('@main/app-core')
const { silentLogger } = await import('@main/core/logger')

describe('IPC adapter', () => {
  const dispatch = vi.fn(async () => ({ ok: true as const, data: 'done' }))
  registerRouteHandlers({ dispatch }, () => localSession, silentLogger)
  const frame = (url: string, parent: object | null = null) => ({ senderFrame: { url, parent } })

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
    expect(dispatch).toHaveBeenCalledWith('units:list', { q: 'vp' }, localSession)
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
