import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'

/** A line of pg_restore's script that starts a table's data, which follows line by line up to `\.`. */
const COPY_START = /^COPY .+ FROM stdin;$/
const END_OF_DATA = '\\.'
/** psql's own commands (`\restrict`, `\unrestrict` since 17.6, 16.10, 15.14): not SQL. */
const PSQL_COMMAND = /^\\(restrict|unrestrict)\b/
/** A setting newer tools write, which a server before PostgreSQL 17 does not know. */
const TRANSACTION_TIMEOUT = /^SET transaction_timeout = 0;$/
/** The encoding the dump's text is in: pg_restore writes it as the database gave it. */
const CLIENT_ENCODING = /^SET client_encoding = '([^']*)';$/
/** Rows handed to COPY together: one message per row would cost a round of the stream each. */
const COPY_BATCH_CHARS = 64 * 1024

/** A dump of a database not in UTF8: its text would reach the server mis-decoded. */
export class DumpEncodingError extends Error {
  constructor(readonly encoding: string) {
    super(`the dump is in ${encoding}, not UTF8`)
  }
}

/**
 * The lines of pg_restore's script, read as they are consumed (a paused pipe holds the tool
 * back), without the line end (`\n`, or `\r\n` from a pipe in text mode on Windows: COPY data
 * writes a carriage return as `\r`, so a real one only ends a line). A photo's row is one line
 * of many chunks: its pieces are joined once.
 */
export async function* scriptLines(stream: Readable): AsyncGenerator<string> {
  let pieces: string[] = []
  const line = () => {
    const text = pieces.join('')
    pieces = []
    return text.endsWith('\r') ? text.slice(0, -1) : text
  }
  for await (const chunk of stream.setEncoding('utf8')) {
    const text = chunk as string
    let start = 0
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      pieces.push(text.slice(start, end))
      yield line()
      start = end + 1
    }
    if (start < text.length) pieces.push(text.slice(start))
  }
  if (pieces.length) yield line()
}

type Lines = AsyncGenerator<string>

/** One table's data from the script, up to its `\.`, as COPY reads it. */
async function* copyData(lines: Lines): AsyncGenerator<string> {
  let batch: string[] = []
  let size = 0
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    if (next.value === END_OF_DATA) {
      if (batch.length) yield batch.join('')
      return
    }
    batch.push(next.value, '\n')
    size += next.value.length + 1
    if (size >= COPY_BATCH_CHARS) {
      yield batch.join('')
      batch = []
      size = 0
    }
  }
  throw new Error('the dump ends inside a table’s data')
}

/**
 * Runs pg_restore's script on `client`: its SQL as it comes (split only where a table's data
 * starts, so function bodies stay whole), each table's data through COPY.
 */
export async function runScript(client: pg.Client, lines: Lines): Promise<void> {
  const { rows } = await client.query<{ v: number }>(`SELECT current_setting('server_version_num')::int AS v`)
  const before17 = rows[0]!.v < 170000
  let sql = ''
  const flush = async () => {
    if (sql.trim()) await client.query(sql)
    sql = ''
  }
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const line = next.value
    const encoding = CLIENT_ENCODING.exec(line)?.[1]
    if (encoding !== undefined && encoding.toUpperCase() !== 'UTF8') throw new DumpEncodingError(encoding)
    if (COPY_START.test(line)) {
      await flush()
      await pipeline(Readable.from(copyData(lines)), client.query(copyFrom(line)))
    } else if (!PSQL_COMMAND.test(line) && !(before17 && TRANSACTION_TIMEOUT.test(line))) sql += `${line}\n`
  }
  await flush()
}
