import { connect, createServer } from 'node:net'
import type { Server, Socket } from 'node:net'

/** A loopback TCP relay to the test server, so a test can cut the network and bring it back. */
export interface Relay {
  port: number
  /** Closes the listener and every connection through it: the server is unreachable. */
  cut(): Promise<void>
  /** Listens again on the same port. */
  restore(): Promise<void>
  close(): Promise<void>
}

export async function relayTo(target: number): Promise<Relay> {
  const sockets = new Set<Socket>()
  let server: Server | null = null
  let port = 0
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = createConnectionTo(target)
        for (const s of [client, upstream]) {
          sockets.add(s)
          s.on('close', () => sockets.delete(s))
          s.on('error', () => s.destroy())
        }
        client.pipe(upstream).pipe(client)
      })
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port
        resolve()
      })
    })
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      if (!server) return resolve()
      server.close(() => resolve())
      server = null
    })
  await listen()
  return { port, cut, restore: listen, close: cut }
}

function createConnectionTo(port: number): Socket {
  return connect(port, '127.0.0.1')
}
