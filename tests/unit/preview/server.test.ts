import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Agent } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_BODY, REQUEST_TIMEOUT_MS, SECRET_HEADER, startPreviewServer } from '@main/preview/server'
import { MAX_IMPORT_BASE64 } from '@shared/imports/schemas'
import type { PreviewServer } from '@main/preview/server'
import { silentLogger } from '@main/core/logger'
import type { Session } from '@main/core/session'
import { CONTENT_SECURITY_POLICY } from '@main/security/csp'
import { UnitEntity } from '@main/units/entities'
import { tempApp } from '../helpers/temp-app'
import { raw, rawSocket } from './raw-http'
import type { TempApp } from '../helpers/temp-app'

const SECRET = 'per-run-secret-for-tests-0123456789'
const INDEX_HTML = '<!doctype html><title>Sổ Phòng Dịch</title><div id="app"></div>'
const ASSET_JS = 'console.log("asset")'
const OUTSIDE_SECRET = 'TOP-SECRET-OUTSIDE-THE-STATIC-FOLDER'
const SIBLING_SECRET = 'SIBLING-SECRET-NEXT-TO-THE-STATIC-FOLDER'
const VALID_UNIT = { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' }

interface Started {
  app: TempApp
  preview: PreviewServer
  port: number
  base: string
  root: string
  staticDir: string
}

const servers: PreviewServer[] = []
const dirs: string[] = []
const cleanups: Array<() => void> = []

afterEach(async () => {
  while (cleanups.length) cleanups.pop()!()
  while (servers.length) await servers.pop()!.close()
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true })
})

/**
 * A temporary root holding the static folder (`public`), a file just outside it and a sibling
 * folder whose name starts like it (`public-evil`), so a traversal has something real to leak.
 */
function makeRoot(withIndex = true): { root: string; staticDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'spd-preview-'))
  dirs.push(root)
  const staticDir = join(root, 'public')
  mkdirSync(join(staticDir, 'assets'), { recursive: true })
  if (withIndex) writeFileSync(join(staticDir, 'index.html'), INDEX_HTML)
  writeFileSync(join(staticDir, 'assets', 'app.js'), ASSET_JS)
  writeFileSync(join(root, 'secret.txt'), OUTSIDE_SECRET)
  mkdirSync(join(root, 'public-evil'))
  writeFileSync(join(root, 'public-evil', 'leak.txt'), SIBLING_SECRET)
  return { root, staticDir }
}

async function start(
  options: { withIndex?: boolean; session?: (app: TempApp) => Session; requestTimeoutMs?: number } = {},
): Promise<Started> {
  const app = await tempApp()
  const { root, staticDir } = makeRoot(options.withIndex ?? true)
  const session = options.session?.(app) ?? app.session
  const preview = await startPreviewServer({
    router: app.router,
    sessionFor: () => session,
    staticDir,
    secret: SECRET,
    logger: silentLogger,
    requestTimeoutMs: options.requestTimeoutMs,
  })
  servers.push(preview)
  return { app, preview, port: preview.port, base: `http://127.0.0.1:${preview.port}`, root, staticDir }
}

const api = (base: string, name: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [SECRET_HEADER]: SECRET, ...headers },
    body: JSON.stringify(body),
  })

const unitCount = (app: TempApp): Promise<number> => app.dataSource.getRepository(UnitEntity).count()

describe('browser preview server: binding', () => {
  it('listens on 127.0.0.1 only and hands out a loopback URL carrying the secret', async () => {
    const { preview, port } = await start()
    const address = preview.server.address() as AddressInfo
    expect(address.address).toBe('127.0.0.1')
    expect(address.family).toBe('IPv4')
    expect(address.port).toBe(port)
    expect(port).toBeGreaterThan(0)
    expect(preview.url).toBe(`http://127.0.0.1:${port}/?k=${encodeURIComponent(SECRET)}`)
  })
})

describe('browser preview server: the API', () => {
  it('runs a route for the holder of the secret, and the data is really in the database', async () => {
    const { app, base } = await start()
    const created = await api(base, 'units:create', VALID_UNIT)
    expect(created.status).toBe(200)
    expect(created.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(created.headers.get('cache-control')).toBe('no-store')
    expect(await created.json()).toMatchObject({ ok: true, data: { code: 'VP', name: 'Văn phòng Sở' } })

    const listed = await api(base, 'units:list', {})
    expect(listed.status).toBe(200)
    const page = (await listed.json()) as { ok: boolean; data: { total: number; items: { code: string }[] } }
    expect(page.ok).toBe(true)
    expect(page.data.total).toBe(1)
    expect(page.data.items.map((u) => u.code)).toEqual(['VP'])

    // Straight from the store, not through the route that answered.
    const row = await app.dataSource.getRepository(UnitEntity).findOneBy({ code: 'VP' })
    expect(row).toMatchObject({ code: 'VP', name: 'Văn phòng Sở', kindCode: 'department', active: true })
  })

  it('answers invalid input with ok:false, code validation and field errors, and stores nothing', async () => {
    const { app, base } = await start()
    const invalid = await api(base, 'units:create', { code: '', name: '', kindCode: 'department' })
    expect(invalid.status).toBe(200)
    expect(await invalid.json()).toMatchObject({
      ok: false,
      error: { code: 'validation', fieldErrors: { code: expect.any(String), name: expect.any(String) } },
    })
    const badCode = await api(base, 'units:create', { ...VALID_UNIT, code: 'mã có dấu' })
    expect(await badCode.json()).toMatchObject({
      ok: false,
      error: { code: 'validation', fieldErrors: { code: expect.any(String) } },
    })
    expect(await unitCount(app)).toBe(0)
  })

  it('answers an unknown route (including Object.prototype names) with unknown_route', async () => {
    const { base } = await start()
    for (const name of ['units:nope', 'constructor', '__proto__', 'toString']) {
      const response = await api(base, name, {})
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unknown_route' } })
    }
  })

  it('runs each call as the session the transport gives it, not as a built-in account', async () => {
    // An anonymous page session: a protected route must be refused by the router.
    const { app, base } = await start({ session: (a) => a.sessions.get('preview') })
    const response = await api(base, 'units:create', VALID_UNIT)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    expect(await unitCount(app)).toBe(0)
  })

  it('refuses a caller without the secret, or with a wrong one, with 401 and stores nothing', async () => {
    const { app, base, port } = await start()
    const body = JSON.stringify(VALID_UNIT)

    const missing = await fetch(`${base}/api/units:create`, { method: 'POST', body })
    expect(missing.status).toBe(401)
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } })

    const wrongSecrets = [
      '',
      'guess',
      'x'.repeat(SECRET.length), // same length, different bytes
      SECRET.slice(0, -1), // a prefix
      `${SECRET}x`, // a longer value that starts with it
      SECRET.toUpperCase(),
    ]
    for (const wrong of wrongSecrets) {
      const response = await raw(port, {
        path: '/api/units:create',
        method: 'POST',
        headers: { [SECRET_HEADER]: wrong, 'Content-Type': 'application/json' },
        body,
      })
      expect(response.status, `secret ${JSON.stringify(wrong)}`).toBe(401)
    }

    // The secret in the page URL is not a credential for the API.
    const inQuery = await fetch(`${base}/api/units:create?k=${encodeURIComponent(SECRET)}`, {
      method: 'POST',
      body,
    })
    expect(inQuery.status).toBe(401)
    // Nor in another header, or as a cookie.
    const elsewhere = await fetch(`${base}/api/units:create`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SECRET}`, Cookie: `${SECRET_HEADER}=${SECRET}` },
      body,
    })
    expect(elsewhere.status).toBe(401)

    expect(await unitCount(app)).toBe(0)
  })

  it('refuses a page from another origin with 403, even with the secret, and stores nothing', async () => {
    const { app, base, port } = await start()
    const foreignOrigins = [
      'http://evil.example',
      `http://evil.example:${port}`,
      'null',
      `https://127.0.0.1:${port}`,
      `http://127.0.0.1:${port + 1}`,
      `http://localhost.evil.example:${port}`,
      `http://127.0.0.1:${port}.evil.example`,
    ]
    for (const origin of foreignOrigins) {
      const response = await api(base, 'units:create', VALID_UNIT, { Origin: origin })
      expect(response.status, `origin ${origin}`).toBe(403)
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    expect(await unitCount(app)).toBe(0)

    // The preview's own origin, under either loopback name, is accepted.
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const response = await api(base, 'units:list', {}, { Origin: origin })
      expect(response.status, `origin ${origin}`).toBe(200)
      expect(await response.json()).toMatchObject({ ok: true })
    }
  })

  it('refuses a foreign Host header (DNS rebinding) with 403, on the API and on static files', async () => {
    const { app, port } = await start()
    const foreignHosts = [
      `evil.example:${port}`,
      'evil.example',
      '127.0.0.1', // no port
      `127.0.0.1:${port + 1}`,
      `127.0.0.1.evil.example:${port}`,
      `0.0.0.0:${port}`,
    ]
    for (const host of foreignHosts) {
      const page = await raw(port, { path: '/', headers: { Host: host } })
      expect(page.status, `host ${host}`).toBe(403)
      expect(page.body).not.toContain('Sổ Phòng Dịch')
      const call = await raw(port, {
        path: '/api/units:create',
        method: 'POST',
        headers: { Host: host, [SECRET_HEADER]: SECRET, 'Content-Type': 'application/json' },
        body: JSON.stringify(VALID_UNIT),
      })
      expect(call.status, `host ${host}`).toBe(403)
    }
    expect(await unitCount(app)).toBe(0)

    // An HTTP/1.0 request without any Host header is refused too.
    const noHost = await rawSocket(port, 'GET / HTTP/1.0\r\n\r\n')
    expect(noHost).toMatch(/^HTTP\/1\.1 403 /)

    // Both loopback names are accepted.
    expect((await raw(port, { path: '/', headers: { Host: `localhost:${port}` } })).status).toBe(200)
    expect((await raw(port, { path: '/', headers: { Host: `127.0.0.1:${port}` } })).status).toBe(200)
  })

  it('answers a method other than POST with 405 and Allow: POST', async () => {
    const { port } = await start()
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const response = await raw(port, {
        path: '/api/units:list',
        method,
        headers: { [SECRET_HEADER]: SECRET },
      })
      expect(response.status, method).toBe(405)
      expect(response.headers.allow).toBe('POST')
    }
  })

  it('accepts a body of exactly the limit', async () => {
    const { app, port } = await start()
    const json = JSON.stringify(VALID_UNIT)
    const body = json + ' '.repeat(MAX_BODY - Buffer.byteLength(json))
    expect(Buffer.byteLength(body)).toBe(MAX_BODY)
    const response = await raw(port, {
      path: '/api/units:create',
      method: 'POST',
      headers: { [SECRET_HEADER]: SECRET, 'Content-Type': 'application/json' },
      body,
    })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, data: { code: 'VP' } })
    expect(await unitCount(app)).toBe(1)
  })

  it('lets through the largest import file a route accepts', () => {
    const largest = JSON.stringify({ fileName: 'danh-sach.xlsx', base64: 'A'.repeat(MAX_IMPORT_BASE64) })
    expect(Buffer.byteLength(largest)).toBeLessThan(MAX_BODY)
  })

  it('answers an oversized body with 413, stores nothing, and keeps serving', async () => {
    const { app, base, port } = await start()
    const json = JSON.stringify(VALID_UNIT)
    for (const size of [MAX_BODY + 1, 4 * MAX_BODY]) {
      const body = json + ' '.repeat(size - Buffer.byteLength(json))
      const response = await raw(port, {
        path: '/api/units:create',
        method: 'POST',
        headers: { [SECRET_HEADER]: SECRET, 'Content-Type': 'application/json' },
        body,
      })
      // A reset connection (error set, status 0) is not a 413.
      expect({ status: response.status, error: response.error }, `body of ${size} bytes`).toEqual({
        status: 413,
        error: undefined,
      })
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'validation' } })
    }
    expect(await unitCount(app)).toBe(0)
    expect((await api(base, 'units:list', {})).status).toBe(200)
  })

  it('answers malformed JSON with 400 and stores nothing', async () => {
    const { app, base } = await start()
    for (const body of ['{"code": ', '{code: "VP"}', "{'code':'VP'}", 'undefined']) {
      const response = await fetch(`${base}/api/units:create`, {
        method: 'POST',
        headers: { [SECRET_HEADER]: SECRET, 'Content-Type': 'application/json' },
        body,
      })
      expect(response.status, body).toBe(400)
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'validation' } })
    }
    expect(await unitCount(app)).toBe(0)
  })

  it('treats an empty body or JSON null as no input, which the route then validates', async () => {
    const { base } = await start()
    for (const body of ['', 'null']) {
      const response = await fetch(`${base}/api/units:create`, {
        method: 'POST',
        headers: { [SECRET_HEADER]: SECRET },
        body,
      })
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'validation' } })
    }
  })
})

describe('browser preview server: stalled requests', () => {
  it('drops a request whose body never finishes with 408 after the timeout, runs nothing, keeps serving', async () => {
    const { app, base, port } = await start({ requestTimeoutMs: 300 })
    const json = JSON.stringify(VALID_UNIT)
    const answer = await rawSocket(
      port,
      `POST /api/units:create HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${SECRET_HEADER}: ${SECRET}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${json.length + 10}\r\n\r\n${json}`,
    )
    expect(answer).toMatch(/^HTTP\/1\.1 408 /)
    expect(await unitCount(app)).toBe(0)
    expect((await api(base, 'units:list', {})).status).toBe(200)
  })

  it('drops a request whose headers never finish with 408 after the timeout', async () => {
    const { base, port } = await start({ requestTimeoutMs: 300 })
    const answer = await rawSocket(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: 1`)
    expect(answer).toMatch(/^HTTP\/1\.1 408 /)
    expect((await fetch(`${base}/`)).status).toBe(200)
  })

  it('keeps serving when a client goes away in the middle of a body, and runs nothing', async () => {
    const { app, base, port } = await start()
    await rawSocket(
      port,
      `POST /api/units:create HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${SECRET_HEADER}: ${SECRET}\r\n` +
        `Content-Length: 1000\r\n\r\n{"code":`,
      { closeAfterWrite: true },
    )
    expect((await api(base, 'units:list', {})).status).toBe(200)
    expect(await unitCount(app)).toBe(0)
  })

  it('waits 30 s by default', async () => {
    const { preview } = await start()
    expect(REQUEST_TIMEOUT_MS).toBe(30_000)
    expect(preview.server.requestTimeout).toBe(REQUEST_TIMEOUT_MS)
    expect(preview.server.headersTimeout).toBe(REQUEST_TIMEOUT_MS)
  })
})

describe('browser preview server: static files', () => {
  it('serves index.html and assets with the Content-Security-Policy and safe headers', async () => {
    const { base } = await start()
    const index = await fetch(`${base}/`)
    expect(index.status).toBe(200)
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(index.headers.get('x-content-type-options')).toBe('nosniff')
    expect(index.headers.get('referrer-policy')).toBe('no-referrer')
    expect(index.headers.get('cache-control')).toBe('no-store')
    expect(await index.text()).toBe(INDEX_HTML)

    const asset = await fetch(`${base}/assets/app.js`)
    expect(asset.status).toBe(200)
    expect(asset.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff')
    expect(asset.headers.get('cache-control')).toBe('max-age=3600')
    expect(await asset.text()).toBe(ASSET_JS)
  })

  it('falls back to index.html (with the CSP) for client-side routes, folders and missing files', async () => {
    const { base } = await start()
    for (const path of ['/units', '/units/42/edit?tab=history', '/assets', '/assets/missing.js']) {
      const response = await fetch(`${base}${path}`)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(await response.text()).toBe(INDEX_HTML)
    }
  })

  it('answers HEAD with the headers only, and other methods on static paths with 405', async () => {
    const { port } = await start()
    const head = await raw(port, { path: '/assets/app.js', method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(head.body).toBe('')
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const response = await raw(port, { path: '/', method, body: 'x' })
      expect(response.status, method).toBe(405)
      expect(response.body).not.toContain('Sổ Phòng Dịch')
    }
  })

  it('never serves a file outside the static folder, whatever the encoding of the traversal', async () => {
    const { port, root } = await start()
    expect(existsSync(join(root, 'secret.txt'))).toBe(true)
    expect(existsSync(join(root, 'public-evil', 'leak.txt'))).toBe(true)
    const attempts = [
      '/../secret.txt',
      '/../../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets%2f..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '/%252e%252e/secret.txt',
      '/..%2fpublic-evil%2fleak.txt',
      '/%2e%2e/public-evil/leak.txt',
      `/..%2f..%2f${root.split('/').slice(1).join('%2f')}%2fsecret.txt`,
      `/${encodeURIComponent(join(root, 'secret.txt'))}`,
      '/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/..%2fpackage.json',
    ]
    for (const path of attempts) {
      const response = await raw(port, { path })
      expect(response.body, path).not.toContain(OUTSIDE_SECRET)
      expect(response.body, path).not.toContain(SIBLING_SECRET)
      expect(response.body, path).not.toContain('root:')
      // Either refused outright or answered with the SPA shell.
      if (response.status === 200) expect(response.body, path).toBe(INDEX_HTML)
      else expect(response.status, path).toBeGreaterThanOrEqual(400)
    }
  })

  it('answers a malformed percent-encoding with 400 and keeps serving', async () => {
    const { base, port } = await start()
    for (const path of ['/%E0%A4%A', '/%', '/api/%E0']) {
      const response = await raw(port, { path, headers: { [SECRET_HEADER]: SECRET } })
      expect(response.status, path).toBe(400)
    }
    const nul = await raw(port, { path: '/%00' })
    expect(nul.status).toBe(200)
    expect(nul.body).toBe(INDEX_HTML)
    expect((await fetch(`${base}/`)).status).toBe(200)
  })

  it('answers an unparsable absolute-form request target with 4xx instead of crashing', async () => {
    const { base, port } = await start()
    const answer = await rawSocket(
      port,
      `GET http://[/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    )
    expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /)
    expect((await fetch(`${base}/`)).status).toBe(200)
  })

  it('answers 503 when the renderer has not been built', async () => {
    const { base } = await start({ withIndex: false })
    const response = await fetch(`${base}/`)
    expect(response.status).toBe(503)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    // The assets that do exist are still served.
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(200)
  })
})

describe('browser preview server: close()', () => {
  it('frees the port even with a keep-alive connection open', async () => {
    const { preview, port } = await start()
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    cleanups.push(() => agent.destroy())

    const first = await raw(port, { path: '/', agent })
    expect(first.status).toBe(200)
    // The connection is parked in the agent, still open.
    const parked = Object.values(agent.freeSockets).flat()
    expect(parked).toHaveLength(1)
    const socket = parked[0]!
    expect(socket.destroyed).toBe(false)
    const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()))

    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('close() did not resolve within 3 s')), 3000)
    })
    try {
      await Promise.race([preview.close(), timeout])
    } finally {
      clearTimeout(timer)
    }
    servers.splice(servers.indexOf(preview), 1)

    expect(preview.server.listening).toBe(false)
    await socketClosed
    // Nobody answers on the port any more...
    const after = await raw(port, { path: '/' })
    expect(after.error).toMatch(/ECONNREFUSED/)
    // ...and it can be bound again at once.
    const probe = createNetServer()
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject)
      probe.listen(port, '127.0.0.1', () => resolve())
    })
    await new Promise<void>((resolve) => probe.close(() => resolve()))
  })
})
