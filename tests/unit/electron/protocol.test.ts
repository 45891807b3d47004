import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '@main/security/csp'
import { electronMock } from './electron-mock'

const mock = electronMock()
vi.mock('electron', () => mock.module)

const { handleAppScheme, registerAppScheme, resolveAsset } = await import('@main/electron/protocol')

describe('app:// protocol', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spd-renderer-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>')
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)')
  handleAppScheme(dir)
  const handler = mock.module.protocol.handle.mock.calls[0]![1] as (request: {
    url: string
  }) => Promise<Response>

  it('registers app as a standard, secure scheme', () => {
    registerAppScheme()
    expect(mock.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
  })

  it('serves the renderer with the CSP header', async () => {
    const response = await handler({ url: 'app://renderer/index.html' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('content-type')).toContain('text/html')
    expect((await handler({ url: 'app://renderer/assets/app.js' })).headers.get('content-type')).toContain(
      'javascript',
    )
  })

  it('never leaves the renderer folder', async () => {
    expect(resolveAsset(dir, '/../../etc/passwd')).toBeNull()
    expect(resolveAsset(dir, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull()
    expect((await handler({ url: 'app://renderer/%2e%2e%2f%2e%2e%2fetc%2fpasswd' })).status).toBe(404)
    expect((await handler({ url: 'app://other/index.html' })).status).toBe(404)
    expect((await handler({ url: 'app://renderer/missing.js' })).status).toBe(404)
  })
})
