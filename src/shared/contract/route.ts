import type { z } from 'zod'
import type { Access } from './permissions'

/**
 * A route as both sides see it: the name, the input schema, the permission it needs and the
 * type of its result. Handlers are bound in the main process only (src/main/routes.ts).
 */
export interface RouteSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I
  permission: Access
  /** Still answers while the session is locked for inactivity (status, unlock, sign-out). */
  whileLocked?: boolean
  /**
   * `read` shares the connection and never waits for the writer (exports and printouts too: the
   * audit line they record is appended afterwards in a short write); `write` runs alone in one
   * transaction with its audit entries;
   * `session` (sign-in, backups, restore) runs alone without a surrounding transaction.
   */
  kind: 'read' | 'write' | 'session'
  /** Does not count as activity for the idle lock (status polling). */
  passive?: boolean
  /** Phantom field that carries the result type; never set at run time. */
  output?: O
}

export function route<I extends z.ZodType, O>(spec: Omit<RouteSpec<I, O>, 'output'>): RouteSpec<I, O> {
  return spec
}

export type ErrorCode =
  | 'validation'
  | 'conflict'
  | 'not_found'
  | 'forbidden'
  | 'unauthorized'
  | 'locked'
  /** The start-up check failed: the store answers reads only until it is recovered. */
  | 'read_only'
  /** The office's database server cannot be reached: the seat shows its Thử lại screen. */
  | 'unreachable'
  | 'unknown_route'
  | 'internal'

export interface ApiError {
  code: ErrorCode
  /** Vietnamese, ready to show. */
  message: string
  /** Field path (dot separated) → Vietnamese message, shown next to the field. */
  fieldErrors: Record<string, string>
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError }

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}
