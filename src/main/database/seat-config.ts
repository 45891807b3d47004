import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { z } from 'zod'
import { DatabaseServerInput } from '@shared/database/schemas'
import type { DatabaseServerChoice } from '@shared/database/schemas'
import { privateFile } from '../core/paths'
import type { SecretKeeper } from '../backups/key-keeper'
import { DatabaseServerError } from '../db/postgres/errors'
import type { ServerConnection } from '../db/postgres/connection'

/** Kept per PC, beside the data: which store this seat uses. The password is in the SecretKeeper. */
const SeatFile = z.object({
  choice: z.enum(['local', 'server']),
  server: DatabaseServerInput.omit({ password: true }).nullable(),
})
export type SeatChoice = z.output<typeof SeatFile>

export const SEAT_CONFIG_FILE = 'database.json'

const LOCAL: SeatChoice = { choice: 'local', server: null }

/** The CA file's PEM text; a file that cannot be read is the user's to fix, next to its field. */
export function readCaFile(caFile: string): string | undefined {
  if (!caFile) return undefined
  try {
    return readFileSync(caFile, 'utf8')
  } catch (error) {
    throw new DatabaseServerError('caFileUnreadable', { cause: error })
  }
}

export function connectionOf(server: DatabaseServerChoice, password: string): ServerConnection {
  return {
    host: server.host,
    port: server.port,
    database: server.database,
    user: server.user,
    password,
    tls: server.tls,
    ca: server.tls ? readCaFile(server.caFile) : undefined,
  }
}

export class SeatConfig {
  constructor(
    private readonly file: string,
    private readonly passwords: SecretKeeper,
  ) {}

  /** Missing: this PC keeps its own file (the default). A damaged file stops the start, never guesses. */
  read(): SeatChoice {
    let text: string
    try {
      text = readFileSync(this.file, 'utf8')
    } catch {
      return LOCAL
    }
    const parsed = SeatFile.safeParse(JSON.parse(text))
    if (!parsed.success) throw new Error(`${this.file} is not a valid database choice`)
    return parsed.data
  }

  password(): string | null {
    return this.passwords.read()?.toString('utf8') ?? null
  }

  /** The saved server with its kept password, when this PC chose the server. */
  connection(): ServerConnection | undefined {
    const { choice, server } = this.read()
    if (choice !== 'server' || !server) return undefined
    return connectionOf(server, this.password() ?? '')
  }

  saveServer(server: DatabaseServerChoice, password: string): void {
    this.passwords.write(Buffer.from(password, 'utf8'))
    this.write({ choice: 'server', server })
  }

  /** Back to this PC's file; the server's fields stay filled in for next time. */
  useLocal(): void {
    this.write({ ...this.read(), choice: 'local' })
  }

  private write(choice: SeatChoice): void {
    const temp = `${this.file}.tmp`
    writeFileSync(temp, JSON.stringify(choice, null, 2), { mode: 0o600 })
    privateFile(temp)
    renameSync(temp, this.file)
  }
}
