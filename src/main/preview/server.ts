import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { timingSafeEqual } from 'node:crypto'
import type { Router } from '../core/router'
import type { Session } from '../core/session'
import type { Logger } from '../core/logger'
import { CONTENT_SECURITY_POLICY } from '../security/csp'
import { decodePrintRequest } from '../printing/print-request'
import { printStore } from './print-store'

export const SECRET_HEADER = 'x-spd-secret'
/** Room for the largest file a route accepts (a 20 MB signed scan is ~26.7 MB as base64 JSON). */
export const MAX_BODY = 28 * 1024 * 1024
/** A request (headers and body) not complete by then is dropped with 408: a stalled upload must not hold a socket. */
export const REQUEST_TIMEOUT_MS = 30_000
const API_PREFIX = '/api/'
/** POST a PDF here (with the secret) to get a one-time `/print/<token>` URL a new tab can open. */
export const PRINT_PATH = '/print'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
}

export interface PreviewServerOptions {
  router: Pick<Router, 'dispatch'>
  /** The session an API call runs as: the page that holds the per-run secret. */
  sessionFor(req: IncomingMessage): Session
  /** Built renderer (out/renderer). */
  staticDir: string
  secret: string
  logger: Logger
  port?: number
  /** Defaults to REQUEST_TIMEOUT_MS; tests shorten it. */
  requestTimeoutMs?: number
}

export interface PreviewServer {
  server: Server
  port: number
  url: string
  close(): Promise<void>
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  })
  res.end(text)
}

function sameSecret(given: string | undefined, secret: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(secret)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The body, or null once it passes MAX_BODY (the rest is read and dropped, so a 413 can still be sent). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY) chunks.push(chunk)
    })
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function isFile(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false
  } catch {
    return false
  }
}

/**
 * The request's path, percent-decoded, or null when it cannot be (a malformed escape, an
 * unparsable target). The decoded value is what the handlers use, so this check cannot be
 * optimised away as a call without effect. `api` is decided on the raw path: `/api%2F…` is a file.
 */
function requestTarget(
  url: string | undefined,
  host: string,
): { path: string; api: boolean; print: boolean } | null {
  try {
    const raw = new URL(url ?? '/', `http://${host}`).pathname
    return {
      path: decodeURIComponent(raw),
      api: raw.startsWith(API_PREFIX),
      print: raw === PRINT_PATH || raw.startsWith(`${PRINT_PATH}/`),
    }
  } catch {
    return null
  }
}

/**
 * The browser preview: the same route table as the Electron IPC, over HTTP on 127.0.0.1.
 * A page from another origin, a DNS-rebinding Host or a caller without the per-run secret is refused.
 */
export function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const { router, staticDir, secret, logger } = options
  const printouts = printStore()
  let port = 0
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`]

  /** `path` is already percent-decoded. */
  const serveStatic = (req: IncomingMessage, res: ServerResponse, path: string): void => {
    const relative = path === '/' ? 'index.html' : path.replace(/^\/+/, '')
    const file = normalize(join(staticDir, relative))
    const inside = file.startsWith(normalize(staticDir) + sep)
    const target = inside && isFile(file) ? file : join(staticDir, 'index.html')
    if (!existsSync(target)) {
      send(res, 503, { error: 'Renderer not built: run `npm run build` first.' })
      return
    }
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': target.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    })
    if (req.method === 'HEAD') res.end()
    // A read error (the file went away meanwhile) must end this response, not the process.
    else
      createReadStream(target)
        .on('error', () => res.destroy())
        .pipe(res)
  }

  /** Our page only: its origin (when the browser sends one) and the per-run secret. False once refused. */
  const admitted = (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin
    if (origin !== undefined && !allowedHosts().some((h) => origin === `http://${h}`)) {
      send(res, 403, {
        ok: false,
        error: { code: 'forbidden', message: 'Nguồn gọi không được phép', fieldErrors: {} },
      })
      return false
    }
    const given = req.headers[SECRET_HEADER]
    if (!sameSecret(Array.isArray(given) ? given[0] : given, secret)) {
      send(res, 401, {
        ok: false,
        error: { code: 'unauthorized', message: 'Thiếu hoặc sai khoá phiên', fieldErrors: {} },
      })
      return false
    }
    return true
  }

  /** `name` is the route name, already percent-decoded. */
  const handleApi = async (req: IncomingMessage, res: ServerResponse, name: string): Promise<void> => {
    if (!admitted(req, res)) return
    if (req.method !== 'POST') {
      send(
        res,
        405,
        { ok: false, error: { code: 'unknown_route', message: 'Chỉ nhận POST', fieldErrors: {} } },
        { Allow: 'POST' },
      )
      return
    }
    const body = await readBody(req)
    if (body === null) {
      send(res, 413, {
        ok: false,
        error: { code: 'validation', message: 'Dữ liệu gửi lên quá lớn', fieldErrors: {} },
      })
      return
    }
    let input: unknown
    try {
      input = body.length ? JSON.parse(body) : {}
    } catch {
      send(res, 400, {
        ok: false,
        error: { code: 'validation', message: 'Dữ liệu gửi lên không đúng định dạng', fieldErrors: {} },
      })
      return
    }
    const result = await router.dispatch(name, input, options.sessionFor(req))
    send(res, 200, result)
  }

  /**
   * POST /print (our page, with the secret): holds the PDF and answers its one-time URL.
   * GET /print/<token> (the new tab, which cannot send the secret): the PDF, once.
   */
  const handlePrint = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (path !== PRINT_PATH) {
      const held = req.method === 'GET' ? printouts.take(path.slice(PRINT_PATH.length + 1)) : null
      if (!held) {
        send(res, 404, { error: 'Not found' })
        return
      }
      res.writeHead(200, {
        'Content-Type': 'application/pdf',
        'Content-Length': String(held.bytes.length),
        'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(held.fileName)}`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      })
      res.end(held.bytes)
      return
    }
    if (!admitted(req, res)) return
    if (req.method !== 'POST') {
      send(res, 405, {}, { Allow: 'POST' })
      return
    }
    const body = await readBody(req)
    let input: unknown = null
    try {
      input = body ? JSON.parse(body) : null
    } catch {
      // Not JSON: refused below like any other non-PDF.
    }
    const request = decodePrintRequest(input)
    if (!request) {
      send(res, 400, { ok: false, reason: 'invalid' })
      return
    }
    send(res, 200, { ok: true, url: `${PRINT_PATH}/${printouts.put(request.fileName, request.bytes)}` })
  }

  const timeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS
  const server = createServer(
    {
      requestTimeout: timeout,
      headersTimeout: timeout,
      // Node looks for expired requests this often; its default (30 s) would double the timeout.
      connectionsCheckingInterval: Math.min(1000, timeout / 4),
    },
    (req, res) => {
      const host = req.headers.host ?? ''
      if (!allowedHosts().includes(host)) {
        send(res, 403, { error: 'Host not allowed' })
        return
      }
      const target = requestTarget(req.url, host)
      if (!target) {
        send(res, 400, { error: 'Bad path' })
        return
      }
      const work = target.api
        ? handleApi(req, res, target.path.slice(API_PREFIX.length))
        : target.print
          ? handlePrint(req, res, target.path)
          : // Run now (the answer precedes whatever else the socket holds); a throw rejects.
            new Promise<void>((done) =>
              done(
                req.method === 'GET' || req.method === 'HEAD'
                  ? serveStatic(req, res, target.path)
                  : send(res, 405, {}, { Allow: 'GET, HEAD' }),
              ),
            )
      work.catch((error: unknown) => {
        logger.error('preview request failed', error)
        if (!res.headersSent)
          send(res, 500, {
            ok: false,
            error: { code: 'internal', message: 'Lỗi máy chủ xem trước', fieldErrors: {} },
          })
        else res.destroy()
      })
    },
  )

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port
      resolve({
        server,
        port,
        url: `http://127.0.0.1:${port}/?k=${encodeURIComponent(secret)}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            // Keep-alive sockets would hold close() open indefinitely.
            server.closeAllConnections()
          }),
      })
    })
  })
}
