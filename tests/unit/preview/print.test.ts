import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PRINT_PATH, SECRET_HEADER, startPreviewServer } from '@main/preview/server'
import type { PreviewServer } from '@main/preview/server'
import { PRINT_TTL_MS, printStore } from '@main/preview/print-store'
import { silentLogger } from '@main/core/logger'

const SECRET = 'per-run-secret-for-print-tests-0123'
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n')
const servers: PreviewServer[] = []
const dirs: string[] = []

afterEach(async () => {
  while (servers.length) await servers.pop()!.close()
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true })
})

async function start(): Promise<string> {
  const staticDir = join(mkdtempSync(join(tmpdir(), 'spd-print-')), 'public')
  dirs.push(join(staticDir, '..'))
  mkdirSync(staticDir)
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>')
  const preview = await startPreviewServer({
    router: { dispatch: async () => ({ ok: true, data: null }) },
    sessionFor: () => {
      throw new Error('printing runs no route')
    },
    staticDir,
    secret: SECRET,
    logger: silentLogger,
  })
  servers.push(preview)
  return `http://127.0.0.1:${preview.port}`
}

const hand = (base: string, body: unknown, headers: Record<string, string> = { [SECRET_HEADER]: SECRET }) =>
  fetch(`${base}${PRINT_PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

describe('browser preview: printing in a new tab', () => {
  it('holds a PDF under a one-time URL that serves it inline once, then never again', async () => {
    const base = await start()
    const answer = await hand(base, { fileName: 'Danh sách khách.pdf', base64: PDF.toString('base64') })
    expect(answer.status).toBe(200)
    const { ok, url } = (await answer.json()) as { ok: boolean; url: string }
    expect(ok).toBe(true)
    expect(url).toMatch(/^\/print\/[\w-]{32}$/)

    // The tab cannot send the secret: the token alone opens it.
    const first = await fetch(`${base}${url}`)
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toBe('application/pdf')
    expect(first.headers.get('content-disposition')).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent('Danh sách khách.pdf')}`,
    )
    expect(first.headers.get('cache-control')).toBe('no-store')
    expect(first.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await first.arrayBuffer())).toEqual(PDF)
    expect((await fetch(`${base}${url}`)).status).toBe(404)
  })

  it('refuses to hold anything without the secret, from another origin, or that is not a PDF', async () => {
    const base = await start()
    const pdf = { fileName: 'a.pdf', base64: PDF.toString('base64') }
    expect((await hand(base, pdf, {})).status).toBe(401)
    expect((await hand(base, pdf, { [SECRET_HEADER]: 'wrong' })).status).toBe(401)
    expect((await hand(base, pdf, { [SECRET_HEADER]: SECRET, Origin: 'http://evil.example' })).status).toBe(
      403,
    )
    const html = { fileName: 'a.pdf', base64: Buffer.from('<script>alert(1)</script>').toString('base64') }
    expect((await hand(base, html)).status).toBe(400)
    const notJson = await fetch(`${base}${PRINT_PATH}`, {
      method: 'POST',
      headers: { [SECRET_HEADER]: SECRET },
      body: '{',
    })
    expect(notJson.status).toBe(400)
    expect((await fetch(`${base}${PRINT_PATH}`, { headers: { [SECRET_HEADER]: SECRET } })).status).toBe(405)
  })

  it('serves nothing for a made-up or empty token, and no static file under /print', async () => {
    const base = await start()
    for (const path of ['/print/', '/print/abc', '/print/index.html', '/print/..%2Findex.html']) {
      const response = await fetch(`${base}${path}`)
      expect(response.status, path).toBe(404)
      expect(await response.text()).not.toContain('<title>app</title>')
    }
  })
})

describe('the print store', () => {
  it('forgets a printout nobody fetched once its time is up', () => {
    let now = 1_000
    const store = printStore(() => now)
    const token = store.put('a.pdf', PDF)
    const late = store.put('b.pdf', PDF)
    now += PRINT_TTL_MS - 1
    expect(store.take(token)?.bytes).toEqual(PDF)
    now += 1
    expect(store.take(late)).toBeNull()
    expect(store.size).toBe(0)
  })

  it('gives every printout its own unguessable token', () => {
    const store = printStore()
    const tokens = new Set(Array.from({ length: 50 }, () => store.put('a.pdf', PDF)))
    expect(tokens.size).toBe(50)
    for (const token of tokens) expect(token).toMatch(/^[\w-]{32}$/)
  })
})
