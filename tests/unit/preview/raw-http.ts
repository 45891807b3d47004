import type { Agent } from 'node:http'
import { request } from 'node:http'
import { connect } from 'node:net'

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  /** Set instead of a status when the connection failed (reset, refused, timeout). */
  error?: string
}

/** Plain node:http, so a test can send what fetch would refuse or rewrite (Host, `..`, odd paths). */
export function raw(
  port: number,
  options: {
    path: string
    method?: string
    headers?: Record<string, string>
    body?: string | Buffer
    agent?: Agent
  },
): Promise<RawResponse> {
  return new Promise((resolve) => {
    let settled = false
    const finish = (value: RawResponse): void => {
      if (settled) return
      settled = true
      resolve(value)
    }
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
        agent: options.agent,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          finish({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        res.on('error', (e) => finish({ status: 0, headers: {}, body: '', error: e.message }))
      },
    )
    req.setTimeout(3000, () => req.destroy(new Error('timeout: no answer within 3 s')))
    req.on('error', (e) => finish({ status: 0, headers: {}, body: '', error: e.message }))
    req.end(options.body)
  })
}

/**
 * Bytes straight onto a TCP socket, for request lines node:http will not build. Resolves with
 * what came back once the connection closes; `closeAfterWrite` leaves mid-request instead.
 */
export function rawSocket(
  port: number,
  text: string,
  options: { closeAfterWrite?: boolean } = {},
): Promise<string> {
  return new Promise((resolve) => {
    let out = ''
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(text, () => {
        if (options.closeAfterWrite) socket.destroy()
      }),
    )
    socket.setTimeout(3000, () => socket.destroy())
    socket.on('data', (d: Buffer) => (out += d.toString('utf8')))
    socket.on('close', () => resolve(out))
    socket.on('error', () => undefined)
  })
}
