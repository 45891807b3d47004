import { randomBytes } from 'node:crypto'
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
export { freePort as closedPort } from '../helpers/postgres-server'

export const roleName = () => `spd_role_${randomBytes(4).toString('hex')}`
