import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startPreviewServer } from '@main/preview/server'
import type { PreviewServer } from '@main/preview/server'
import { silentLogger } from '@main/core/logger'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'

const SECRET = 'per-run-secret-for-tests'
let server: PreviewServer | null = null
let staticDir = ''

afterEach(async () => {
  await server?.close()
  server = null
  if (staticDir) rmSync(staticDir, { recursive: true, force: true })
})

async function start(): Promise<{ app: TempApp; base: string }> {
  const app = await tempApp()
  staticDir = mkdtempSync(join(tmpdir(), 'spd-static-'))
  mkdirSync(join(staticDir, 'assets'))
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Sổ Phòng Dịch</title>')
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)')
  server = await startPreviewServer({
    router: app.router,
    sessionFor: () => app.session,
    staticDir,
    secret: SECRET,
    logger: silentLogger,
  })
  return { app, base: `http://127.0.0.1:${server.port}` }
}

/** Raw HTTP, so the test can send what fetch refuses to (a foreign Host, odd paths). */
function raw(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        let body = ''
        res.on('data', (c: Buffer) => (body += c.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

const api = (base: string, name: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-SPD-Secret': SECRET, ...headers },
    body: JSON.stringify(body),
  })

describe('browser preview server', () => {
  it('listens on the loopback address only', async () => {
    await start()
    expect(server!.server.address()).toMatchObject({ address: '127.0.0.1' })
    expect(server!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?k=per-run-secret-for-tests$/)
  })

  it('runs a route for the holder of the secret, and the data is really stored', async () => {
    const { app, base } = await start()
    const created = await api(base, 'units:create', {
      code: 'VP',
      name: 'Văn phòng Sở',
      kindCode: 'department',
    })
    expect(created.status).toBe(200)
    expect(await created.json()).toMatchObject({ ok: true, data: { code: 'VP' } })
    expect((await app.ok('units:list', {})).items.map((u) => u.code)).toEqual(['VP'])
    const invalid = await api(base, 'units:create', { code: '', name: '', kindCode: 'department' })
    expect(await invalid.json()).toMatchObject({
      ok: false,
      error: { code: 'validation', fieldErrors: { code: expect.any(String), name: expect.any(String) } },
    })
  })

  it('refuses a caller without the secret or with a wrong one', async () => {
    const { app, base } = await start()
    const body = { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' }
    const missing = await fetch(`${base}/api/units:create`, { method: 'POST', body: JSON.stringify(body) })
    expect(missing.status).toBe(401)
    expect((await api(base, 'units:create', body, { 'X-SPD-Secret': 'guess' })).status).toBe(401)
    expect((await app.ok('units:list', {})).total).toBe(0)
  })

  it('refuses another origin and a foreign Host (DNS rebinding)', async () => {
    const { base } = await start()
    expect((await api(base, 'units:list', {}, { Origin: 'http://evil.example' })).status).toBe(403)
    const rebound = await raw(server!.port, { path: '/', headers: { Host: `evil.example:${server!.port}` } })
    expect(rebound.status).toBe(403)
  })

  it('answers a wrong method, an oversized body and malformed JSON with their own status', async () => {
    const { base } = await start()
    const get = await fetch(`${base}/api/units:list`, { headers: { 'X-SPD-Secret': SECRET } })
    expect(get.status).toBe(405)
    const big = await fetch(`${base}/api/units:create`, {
      method: 'POST',
      headers: { 'X-SPD-Secret': SECRET },
      body: 'x'.repeat(2 * 1024 * 1024),
    }).catch(() => null)
    // The server may cut the upload short; either way nothing is accepted.
    if (big) expect(big.status).toBe(413)
    const bad = await fetch(`${base}/api/units:create`, {
      method: 'POST',
      headers: { 'X-SPD-Secret': SECRET },
      body: '{"code": ',
    })
    expect(bad.status).toBe(400)
  })

  it('serves the renderer with the CSP, falls back to index.html, and never leaves the folder', async () => {
    const { base } = await start()
    const asset = await fetch(`${base}/assets/app.js`)
    expect(asset.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(await asset.text()).toBe('console.log(1)')
    const deep = await fetch(`${base}/units/anything`)
    expect(await deep.text()).toContain('Sổ Phòng Dịch')
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json']) {
      const response = await raw(server!.port, { path, headers: { Host: `127.0.0.1:${server!.port}` } })
      expect(response.body).not.toContain('"name": "so-phong-dich"')
    }
  })

  it('survives a malformed percent-encoding in the path', async () => {
    const { base } = await start()
    const response = await raw(server!.port, {
      path: '/%E0%A4%A',
      headers: { Host: `127.0.0.1:${server!.port}` },
    })
    expect(response.status).toBe(400)
    expect((await fetch(`${base}/`)).status).toBe(200)
  })

  it('frees its port on close, even with a keep-alive connection open', async () => {
    const { base } = await start()
    await fetch(`${base}/`, { headers: { Connection: 'keep-alive' } })
    const port = server!.port
    await server!.close()
    server = null
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow()
  })
})
