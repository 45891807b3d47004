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

  it('denies every permission request and check', () => {
    let request:
      ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined
    let check: ((contents: unknown, permission: string) => boolean) | undefined
    const session = {
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
      webRequest: { onHeadersReceived: vi.fn() },
    }
    guardSession(session as never, undefined)
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'serial']) {
      const callback = vi.fn()
      request!(null, permission, callback)
      expect(callback).toHaveBeenCalledWith(false)
      expect(check!(null, permission)).toBe(false)
    }
    expect(session.webRequest.onHeadersReceived).not.toHaveBeenCalled()
  })
})
