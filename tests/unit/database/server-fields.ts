import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import type { DatabaseServerInput } from '@shared/database/schemas'

/** The Dữ liệu form's fields for a `postgres://` URL of the test server. */
export function fieldsOf(url: string, change: Partial<DatabaseServerInput> = {}): DatabaseServerInput {
  const parsed = new URL(url)
  return {
    host: parsed.hostname,
    port: Number(parsed.port),
    database: parsed.pathname.slice(1),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    tls: false,
    caFile: '',
    ...change,
  }
}

/** A loopback port nobody listens on: taken from the system, then released. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

export const roleName = () => `spd_role_${randomBytes(4).toString('hex')}`
