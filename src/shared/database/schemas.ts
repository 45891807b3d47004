import { z } from 'zod'
import { msg, requiredText, text } from '../validation/fields'

/** Field messages of the Dữ liệu form. */
export const databaseFieldMsg = {
  port: 'Cổng là số từ 1 đến 65535 (PostgreSQL thường dùng 5432)',
  name: 'Chỉ chữ không dấu, số, dấu gạch dưới, gạch ngang hoặc dấu chấm',
}

const NAME = /^[A-Za-z0-9_.-]+$/

/** How this PC reaches the office's PostgreSQL server (the Dữ liệu form, checked again in main). */
export const DatabaseServerInput = z
  .object({
    host: requiredText(253).refine((v) => /^[A-Za-z0-9.:[\]-]+$/.test(v), {
      error: 'Địa chỉ máy chủ không hợp lệ (ví dụ 192.168.1.10 hoặc may-chu)',
    }),
    port: z
      .number({ error: databaseFieldMsg.port })
      .int({ error: databaseFieldMsg.port })
      .min(1, { error: databaseFieldMsg.port })
      .max(65535, { error: databaseFieldMsg.port }),
    database: requiredText(63).refine((v) => NAME.test(v), { error: databaseFieldMsg.name }),
    user: requiredText(63).refine((v) => NAME.test(v), { error: databaseFieldMsg.name }),
    /** Empty: the password kept on this PC for this server, if any. */
    password: z
      .string({ error: msg.invalid })
      .max(200, { error: msg.tooLong(200) })
      .default(''),
    tls: z.boolean().default(false),
    /** A PEM file on this PC that signed the server's certificate; empty: the system's CAs. */
    caFile: text()
      .max(1000, { error: msg.tooLong(1000) })
      .default(''),
  })
  .strict()
export type DatabaseServerInput = z.output<typeof DatabaseServerInput>

/** The server part of the choice, as kept in this PC's config file (no password there). */
export type DatabaseServerChoice = Omit<DatabaseServerInput, 'password'>

export interface DatabaseStatus {
  /** What this seat uses now. */
  engine: 'sqlite' | 'postgres'
  /** What is saved for this PC: its own file, or the office's server. */
  choice: 'local' | 'server'
  server: DatabaseServerChoice | null
  passwordKept: boolean
  /** SPD_DATABASE_URL is set: it decides, whatever is saved (host and database shown, never the password). */
  overriddenBy: string | null
  localFile: string
}

export interface DatabaseTestResult {
  /** The server's version line, e.g. "PostgreSQL 17.5". */
  version: string
  /** True when the database holds no office's data yet (a move may go there). */
  empty: boolean
}

export interface MoveProgress {
  state: 'idle' | 'running' | 'done' | 'failed'
  /** Rows copied so far and in all. */
  done: number
  total: number
  table: string | null
  /** Why it failed (Vietnamese), or what was moved. */
  message: string | null
}
