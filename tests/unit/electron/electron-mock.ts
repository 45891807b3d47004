import { vi } from 'vitest'

/** A stand-in for the `electron` module: records what our code registers so tests can inspect it. */
export function electronMock() {
  const handlers = new Map<string, (...args: unknown[]) => unknown>()
  const exposed: Record<string, unknown> = {}
  const appListeners = new Map<string, (...args: unknown[]) => void>()
  return {
    handlers,
    exposed,
    appListeners,
    module: {
      ipcMain: {
        handle: vi.fn((channel: string, fn: (...args: unknown[]) => unknown) => handlers.set(channel, fn)),
      },
      ipcRenderer: {
        invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, data: { channel, input } })),
      },
      contextBridge: { exposeInMainWorld: vi.fn((key: string, value: unknown) => (exposed[key] = value)) },
      app: {
        on: vi.fn((event: string, fn: (...args: unknown[]) => void) => appListeners.set(event, fn)),
        whenReady: vi.fn(() => new Promise(() => undefined)),
      },
      session: { defaultSession: {} },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    },
  }
}
