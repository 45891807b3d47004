import type { DatabaseServerInput, DatabaseStatus, DatabaseTestResult } from '@shared/database/schemas'
import { seatMsg } from '@shared/database/messages'
import { AppError } from '../core/errors'
import type { Host } from '../core/router'
import { storeEngine } from '../db/data-source'
import { DatabaseServerError } from '../db/postgres/errors'
import type { DatabaseServerProblem } from '../db/postgres/errors'
import { checkServer } from '../db/postgres/connection'
import type { ServerConnection } from '../db/postgres/connection'
import { connectionOf } from './seat-config'

type Seat = Host['seat']

/** The field each problem is shown next to; the others concern the server as a whole. */
const FIELD_OF: Partial<Record<DatabaseServerProblem, keyof DatabaseServerInput>> = {
  unreachable: 'host',
  wrongPassword: 'password',
  databaseMissing: 'database',
  notUtf8: 'database',
  tlsFailed: 'tls',
  caFileUnreadable: 'caFile',
}

/** A server problem as the form shows it: next to its field, or as the form's message. */
export function asFormError(error: unknown): unknown {
  if (!(error instanceof DatabaseServerError)) return error
  const field = FIELD_OF[error.problem]
  return field
    ? AppError.validation({ [field]: error.message }, error.message)
    : AppError.conflict(error.message)
}

/** SPD_DATABASE_URL without its password: what the screen says decides instead of the saved choice. */
function overriddenBy(): string | null {
  const url = process.env.SPD_DATABASE_URL
  if (!url) return null
  try {
    const parsed = new URL(url)
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`
  } catch {
    return 'SPD_DATABASE_URL'
  }
}

export function refuseIfOverridden(): void {
  if (overriddenBy()) throw AppError.conflict(seatMsg.overridden)
}

export function seatStatus(host: Host): DatabaseStatus {
  const { choice, server } = host.seat.config.read()
  return {
    engine: storeEngine(host.dataSource()),
    choice,
    server,
    passwordKept: host.seat.config.password() !== null,
    overriddenBy: overriddenBy(),
    localFile: host.seat.file,
  }
}

/** The typed password, or the one kept on this PC for the same server and user. */
function passwordFor(seat: Seat, input: DatabaseServerInput): string {
  if (input.password) return input.password
  const saved = seat.config.read().server
  const same =
    saved &&
    saved.host === input.host &&
    saved.port === input.port &&
    saved.database === input.database &&
    saved.user === input.user
  return same ? (seat.config.password() ?? '') : ''
}

export function connectionFor(seat: Seat, input: DatabaseServerInput): ServerConnection {
  try {
    return connectionOf(input, passwordFor(seat, input))
  } catch (error) {
    throw asFormError(error)
  }
}

export async function testServer(seat: Seat, input: DatabaseServerInput): Promise<DatabaseTestResult> {
  try {
    return await checkServer(connectionFor(seat, input))
  } catch (error) {
    throw asFormError(error)
  }
}

/** Tests, then switches this seat to the server and keeps the choice for the next start. */
export async function connectServer(host: Host, input: DatabaseServerInput): Promise<DatabaseStatus> {
  refuseIfOverridden()
  const connection = connectionFor(host.seat, input)
  await testServer(host.seat, input)
  try {
    await host.seat.switchStore(connection)
  } catch (error) {
    throw asFormError(error)
  }
  const { password: _password, ...server } = input
  host.seat.config.saveServer(server, connection.password)
  return seatStatus(host)
}

export async function useLocalFile(host: Host): Promise<DatabaseStatus> {
  refuseIfOverridden()
  await host.seat.switchStore(null)
  host.seat.config.useLocal()
  return seatStatus(host)
}
