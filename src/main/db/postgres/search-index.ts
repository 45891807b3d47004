import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm'
import { searchWords } from '../search'
import type { SearchOptions } from '../engine'

/** The tables searched by words; each has a `search_key` column set on write with searchKey(). */
export const SEARCHED_TABLES = ['units', 'visitors', 'inspection_plans', 'staff'] as const

export const searchIndexName = (table: string): string => `ix_${table}_search`

/**
 * A trigram GIN index over the key behind one leading space, so that `LIKE '%word%'` and a
 * word start (`LIKE '% an%'`) both use it. The key is folded already: no unaccent, no ILIKE.
 */
export const searchIndexDdl = (table: string): string =>
  `CREATE INDEX ${searchIndexName(table)} ON ${table} USING gin ((' ' || search_key) gin_trgm_ops)`

const TRIGRAM = 3
const escapeLike = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * Every word must occur in the key: words of three characters or more anywhere, shorter ones
 * at the start of a word, as on SQLite. The `' ' || search_key` expression is the indexed one.
 */
export function whereSearch<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  table: string,
  alias: string,
  query: string,
  { prefix = 'q', idColumn }: SearchOptions,
): boolean {
  const words = searchWords(query)
  if (!words.length) return false
  const params: Record<string, string> = {}
  const on = idColumn ? `${prefix}_s` : alias
  const conditions = words.map((word, i) => {
    params[`${prefix}Like${i}`] =
      [...word].length < TRIGRAM ? `% ${escapeLike(word)}%` : `%${escapeLike(word)}%`
    return `(' ' || ${on}.search_key) LIKE :${prefix}Like${i} ESCAPE '\\'`
  })
  // Another table's key (`v.visitor_id`): the matching ids come from the index as a set. A
  // unary plus (`+v.visitor_id`) keeps that column's index out of the plan, as on SQLite: the
  // planner underestimates how many rows a trigram LIKE matches and would fetch them all.
  const sql = idColumn
    ? `${idColumn} IN (SELECT ${on}.id FROM ${table} ${on} WHERE ${conditions.join(' AND ')})`
    : conditions.join(' AND ')
  qb.andWhere(sql, params)
  return true
}
