import type { EntityManager } from 'typeorm'

/** Turns :named parameters into positional ones for manager.query. */
export function bind(sql: string, params: Record<string, unknown>): [string, unknown[]] {
  const values: unknown[] = []
  const text = sql.replace(/:([A-Za-z][A-Za-z0-9]*)/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole
    values.push(params[name])
    return '?'
  })
  return [text, values]
}

/** A query with :named parameters, typed by the caller. */
export async function namedQuery<T>(
  m: EntityManager,
  sql: string,
  params: Record<string, unknown>,
): Promise<T[]> {
  const [text, values] = bind(sql, params)
  return (await m.query(text, values)) as T[]
}
