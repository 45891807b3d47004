import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_BODY, SECRET_HEADER } from '@main/preview/server'
import { raw, rawSocket } from './raw-http'
import { ROOT, ensureBuilt } from '../helpers/built-app'

/**
 * The preview as it ships: out/main/preview.js run as its own process. The source can hold a
 * guard the bundler drops (a call whose result is unused), so hostile requests are tried here too.
 */
const PREVIEW = join(ROOT, 'out/main/preview.js')
/**
 * Reports, when the server starts listening, its timeouts and which of the heavy libraries are
 * loaded by then, without changing what it does.
 */
const REPORT_AT_LISTEN =
  'data:text/javascript,import http from "node:http";import { createRequire } from "node:module";' +
  'const listen=http.Server.prototype.listen;http.Server.prototype.listen=function(...a){' +
  'const loaded=Object.keys(createRequire(process.cwd()+"/").cache);' +
  'const libs=["exceljs","pdfmake","pdfkit","docx"].filter((l)=>loaded.some((f)=>f.includes("/node_modules/"+l+"/")));' +
  'process.stdout.write("AT_LISTEN "+JSON.stringify({request:this.requestTimeout,headers:this.headersTimeout,libs})+"\\n");' +
  'return listen.apply(this,a)}'

interface Running {
  child: ChildProcess
  port: number
  secret: string
  output: () => string
}

let dataDir: string
let running: Running

function atListen(): { request: number; headers: number; libs: string[] } {
  const line = /AT_LISTEN (.+)/.exec(running.output())?.[1]
  if (!line) throw new Error(`no AT_LISTEN line in:\n${running.output()}`)
  return JSON.parse(line) as { request: number; headers: number; libs: string[] }
}

function startBuilt(): Promise<Running> {
  const child = spawn(process.execPath, ['--import', REPORT_AT_LISTEN, PREVIEW], {
    env: { ...process.env, SPD_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`preview did not start:\n${output}`)), 30_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /PREVIEW_URL (\S+)/.exec(output)
      if (!match?.[1]) return
      clearTimeout(timer)
      const url = new URL(match[1])
      done({ child, port: Number(url.port), secret: url.searchParams.get('k') ?? '', output: () => output })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => fail(new Error(`preview exited with ${code}:\n${output}`)))
  })
}

beforeAll(async () => {
  ensureBuilt()
  dataDir = mkdtempSync(join(tmpdir(), 'spd-built-preview-'))
  running = await startBuilt()
}, 180_000)

afterAll(async () => {
  if (running?.child.exitCode === null) {
    const exited = new Promise((done) => running.child.once('exit', done))
    running.child.kill('SIGTERM')
    await exited
  }
  rmSync(dataDir, { recursive: true, force: true })
})

const host = (): Record<string, string> => ({ Host: `127.0.0.1:${running.port}` })
const withSecret = (): Record<string, string> => ({
  ...host(),
  [SECRET_HEADER]: running.secret,
  'Content-Type': 'application/json',
})
const call = (name: string, body: string | Buffer = '{}', headers = withSecret()) =>
  raw(running.port, { path: `/api/${name}`, method: 'POST', headers, body })

/** Still alive, and a page and a route still answer normally. */
async function stillServing(): Promise<void> {
  expect(running.child.exitCode, running.output()).toBeNull()
  const page = await raw(running.port, { path: '/' })
  expect(page.status).toBe(200)
  expect(page.body).toContain('<title>Sổ Phòng Dịch</title>')
  const status = await call('auth:status')
  expect(status.status).toBe(200)
  expect(JSON.parse(status.body)).toMatchObject({ ok: true, data: { needsSetup: true } })
}

describe('the built preview (out/main/preview.js) under hostile requests', () => {
  it('answers malformed percent-escapes in the path and in the route name with 400, and keeps serving', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/assets/%E0', '/%C0%AF']) {
      for (const method of ['GET', 'HEAD']) {
        const response = await raw(running.port, { path, method })
        expect(response.status, `${method} ${path}`).toBe(400)
      }
    }
    for (const name of ['%E0%A4%A', 'auth%3Astatus%E0', '%']) {
      const response = await call(name)
      expect(response.status, `route ${name}`).toBe(400)
    }
    await stillServing()
  })

  it('refuses a foreign Host, a foreign Origin and a missing or wrong secret, and keeps serving', async () => {
    const port = running.port
    expect((await raw(port, { path: '/', headers: { Host: 'evil.example' } })).status).toBe(403)
    expect(await rawSocket(port, 'GET / HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 403 /)
    expect((await call('auth:status', '{}', { ...withSecret(), Origin: 'http://evil.example' })).status).toBe(
      403,
    )
    expect((await call('auth:status', '{}', { ...withSecret(), Origin: 'null' })).status).toBe(403)
    expect((await call('auth:status', '{}', host())).status).toBe(401)
    for (const wrong of ['', 'x', running.secret.slice(1), `${running.secret}x`]) {
      const response = await call('auth:status', '{}', { ...withSecret(), [SECRET_HEADER]: wrong })
      expect(response.status, `secret ${JSON.stringify(wrong)}`).toBe(401)
    }
    const secretLines = [
      // Bytes that are not Latin-1 text (node:http will not send them itself).
      `${SECRET_HEADER}: ${running.secret}é`,
      `${SECRET_HEADER}: ${'ş'.repeat(16)}`,
      // The header twice: Node joins the two values, which is not the secret.
      `${SECRET_HEADER}: ${running.secret}\r\n${SECRET_HEADER}: ${running.secret}`,
    ]
    for (const line of secretLines) {
      const answer = await rawSocket(
        port,
        `POST /api/auth:status HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${line}\r\n` +
          `Content-Length: 2\r\nConnection: close\r\n\r\n{}`,
      )
      expect(answer, line).toMatch(/^HTTP\/1\.1 401 /)
    }
    await stillServing()
  })

  it('answers bad JSON with 400, an oversized body with 413, an unparsable target with 4xx, and keeps serving', async () => {
    for (const body of ['{"a": ', 'undefined', '\u0000', Buffer.from([0xff, 0xfe, 0x00])]) {
      expect((await call('auth:login', body)).status, JSON.stringify(String(body))).toBe(400)
    }
    expect((await call('auth:login', '{"username":{"__proto__":{"x":1}},"password":[]}')).status).toBe(200)
    const oversized = await call('auth:login', ' '.repeat(MAX_BODY + 1))
    expect({ status: oversized.status, error: oversized.error }).toEqual({ status: 413, error: undefined })
    const target = await rawSocket(
      running.port,
      `GET http://[/ HTTP/1.1\r\nHost: 127.0.0.1:${running.port}\r\nConnection: close\r\n\r\n`,
    )
    expect(target).toMatch(/^HTTP\/1\.1 4\d\d /)
    const hugeHeader = await rawSocket(
      running.port,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${running.port}\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`,
    )
    expect(hugeHeader).toMatch(/^HTTP\/1\.1 431 /)
    await stillServing()
  })

  it('keeps serving after a client leaves in the middle of a body', async () => {
    await rawSocket(
      running.port,
      `POST /api/auth:login HTTP/1.1\r\nHost: 127.0.0.1:${running.port}\r\n${SECRET_HEADER}: ${running.secret}\r\n` +
        `Content-Length: 1000\r\n\r\n{"username":`,
      { closeAfterWrite: true },
    )
    await stillServing()
  })

  it('drops an unfinished request after 30 s', () => {
    expect(atListen()).toMatchObject({ request: 30_000, headers: 30_000 })
  })
})

describe('the built preview at start', () => {
  it('listens before loading the spreadsheet, PDF and Word libraries, which load on first use', async () => {
    expect(atListen().libs).toEqual([])
    // First use: a template download needs exceljs, and works.
    const setup = await call(
      'auth:setup',
      JSON.stringify({
        username: 'quantri',
        displayName: 'Quản trị',
        password: 'mat-khau-dai-8',
        confirm: 'mat-khau-dai-8',
      }),
    )
    expect(JSON.parse(setup.body)).toMatchObject({ ok: true })
    const template = await call('staff:importTemplate')
    const body = JSON.parse(template.body) as { ok: boolean; data: { base64: string } }
    expect(body).toMatchObject({ ok: true, data: { fileName: expect.stringMatching(/\.xlsx$/) } })
    // An .xlsx is a zip.
    expect(Buffer.from(body.data.base64, 'base64').subarray(0, 2).toString()).toBe('PK')
  })
})
