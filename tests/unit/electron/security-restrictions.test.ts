import { describe, expect, it, vi } from 'vitest'
import { electronMock } from './electron-mock'

const mock = electronMock()
vi.mock('electron', () => mock.module)

const { guardSession, guardWebContents, isTrustedUrl, trustedOrigins } =
  await import('@main/electron/security-restrictions')

function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>()
  let openHandler: ((details: { url: string }) => { action: string }) | undefined
  return {
    listeners,
    open: (url: string) => openHandler?.({ url }),
    on: (event: string, fn: (event: { preventDefault(): void }, url?: string) => void) =>
      listeners.set(event, fn),
    setWindowOpenHandler: (fn: (details: { url: string }) => { action: string }) => (openHandler = fn),
  }
}

function fire(contents: ReturnType<typeof fakeContents>, event: string, url?: string): boolean {
  const preventDefault = vi.fn()
  contents.listeners.get(event)!({ preventDefault }, url)
  return preventDefault.mock.calls.length > 0
}

describe('web contents guards', () => {
  const origins = trustedOrigins(undefined)

  it('trusts only app://renderer (and the dev server when one runs)', () => {
    expect(isTrustedUrl('app://renderer/index.html', origins)).toBe(true)
    expect(isTrustedUrl('https://example.com/', origins)).toBe(false)
    expect(isTrustedUrl('file:///etc/passwd', origins)).toBe(false)
    expect(isTrustedUrl('not a url', origins)).toBe(false)
    expect(trustedOrigins('http://localhost:5173/')).toContain('http://localhost:5173')
  })

  it('blocks navigation and redirects to foreign origins, allows our own', () => {
    const contents = fakeContents()
    guardWebContents(contents as never, origins)
    expect(fire(contents, 'will-navigate', 'https://evil.example/')).toBe(true)
    expect(fire(contents, 'will-redirect', 'http://127.0.0.1:8080/')).toBe(true)
    expect(fire(contents, 'will-navigate', 'app://renderer/index.html#/units')).toBe(false)
  })

  it('denies new windows and webviews', () => {
    const contents = fakeContents()
    guardWebContents(contents as never, origins)
    expect(contents.open('https://example.com')).toEqual({ action: 'deny' })
    expect(contents.open('app://renderer/index.html')).toEqual({ action: 'deny' })
    expect(fire(contents, 'will-attach-webview')).toBe(true)
  })

  it('grants only Web Serial, only to our own pages; denies every other permission', () => {
    type Request = (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void
    let request: Request | undefined
    let check: ((contents: unknown, permission: string, origin: string) => boolean) | undefined
    let device: ((details: { deviceType: string; origin: string }) => boolean) | undefined
    const session = {
      setPermissionRequestHandler: (fn: Request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
      setDevicePermissionHandler: (fn: typeof device) => (device = fn),
      webRequest: { onHeadersReceived: vi.fn() },
    }
    guardSession(session as never, undefined)
    const ours = 'app://renderer/index.html'
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      const callback = vi.fn()
      request!(null, permission, callback, { requestingUrl: ours })
      expect(callback).toHaveBeenCalledWith(false)
      expect(check!(null, permission, 'app://renderer')).toBe(false)
    }
    const granted = vi.fn()
    request!(null, 'serial', granted, { requestingUrl: ours })
    expect(granted).toHaveBeenCalledWith(true)
    const foreign = vi.fn()
    request!(null, 'serial', foreign, { requestingUrl: 'https://evil.example/' })
    expect(foreign).toHaveBeenCalledWith(false)
    expect(check!(null, 'serial', 'app://renderer')).toBe(true)
    expect(check!(null, 'serial', 'https://evil.example')).toBe(false)
    expect(device!({ deviceType: 'serial', origin: 'app://renderer' })).toBe(true)
    expect(device!({ deviceType: 'usb', origin: 'app://renderer' })).toBe(false)
    expect(device!({ deviceType: 'serial', origin: 'http://127.0.0.1:9999' })).toBe(false)
    expect(session.webRequest.onHeadersReceived).not.toHaveBeenCalled()
  })
})
