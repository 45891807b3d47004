import type { z } from 'zod'
import type { Permission } from './permissions'

/**
 * A route as both sides see it: the name, the input schema, the permission it needs and the
 * type of its result. Handlers are bound in the main process only (src/main/routes.ts).
 */
export interface RouteSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I
  permission: Permission
  /** Writes run in one transaction and are serialised; reads may share the connection. */
  kind: 'read' | 'write'
  /** Phantom field that carries the result type; never set at run time. */
  output?: O
}

export function route<I extends z.ZodType, O>(spec: Omit<RouteSpec<I, O>, 'output'>): RouteSpec<I, O> {
  return spec
}

export type ErrorCode =
  'validation' | 'conflict' | 'not_found' | 'forbidden' | 'unauthorized' | 'unknown_route' | 'internal'

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
