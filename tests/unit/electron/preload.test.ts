import { beforeEach, describe, expect, it, vi } from 'vitest'
import { electronMock } from './electron-mock'

const mock = electronMock()
vi.mock('electron', () => mock.module)

describe('preload', () => {
  beforeEach(async () => {
    vi.resetModules()
    mock.module.ipcRenderer.invoke.mockClear()
    await import('../../../src/preload/index')
  })

  it('exposes exactly one object, window.api, with routes and printing only', () => {
    expect(Object.keys(mock.exposed)).toEqual(['api'])
    expect(Object.keys(mock.exposed.api as object)).toEqual(['invoke', 'print'])
  })

  it('sends a print request over its own channel with the name and bytes only', async () => {
    const api = mock.exposed.api as { print(request: unknown): Promise<unknown> }
    await api.print({ fileName: 'a.pdf', base64: 'JVBERi0=', mimeType: 'application/pdf', extra: 1 })
    expect(mock.module.ipcRenderer.invoke).toHaveBeenCalledWith('desktop-print', {
      fileName: 'a.pdf',
      base64: 'JVBERi0=',
    })
  })

  it.each([null, {}, { fileName: 'a.pdf' }, { fileName: 1, base64: 'x' }])(
    'refuses the print request %j without touching IPC',
    async (request) => {
      const api = mock.exposed.api as { print(request: unknown): Promise<unknown> }
      expect(await api.print(request)).toEqual({ ok: false, reason: 'invalid' })
      expect(mock.module.ipcRenderer.invoke).not.toHaveBeenCalled()
    },
  )

  it('sends a route over its own prefixed channel', async () => {
    const api = mock.exposed.api as { invoke(name: string, input: unknown): Promise<unknown> }
    await api.invoke('units:list', { q: 'x' })
    expect(mock.module.ipcRenderer.invoke).toHaveBeenCalledWith('route:units:list', { q: 'x' })
  })

  it.each(['', 'units', 'units:list:extra', '../x', 'constructor', 'Units:list', 42, null])(
    'refuses %j without touching IPC',
    async (name) => {
      const api = mock.exposed.api as {
        invoke(name: unknown, input: unknown): Promise<{ ok: boolean; error?: { code: string } }>
      }
      const result = await api.invoke(name, {})
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_route' } })
      expect(mock.module.ipcRenderer.invoke).not.toHaveBeenCalled()
    },
  )
})
