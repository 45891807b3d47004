import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm'
import { searchKey } from '@shared/text/search-key'
import { engineOf } from './engine'
import type { SearchOptions } from './engine'

/** The distinct folded words of a query, as every search engine matches them. */
export function searchWords(query: string): string[] {
  return [...new Set(searchKey(query).split(' ').filter(Boolean))]
}

/**
 * Diacritics-insensitive "contains" search over a table with a `search_key` column (set on
 * write with searchKey()): every word of the query must occur in the key. Words of three
 * letters or more match anywhere ("uyen" finds "Nguyễn"); shorter words match the start of a
 * word ("an" finds "An", "Anh", not "Lan"). Returns false, leaving `qb` as it was, when the
 * query has no word.
 */
export function whereSearch<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  table: string,
  alias: string,
  query: string,
  options: SearchOptions = {},
): boolean {
  return engineOf(qb.connection).whereSearch(qb, table, alias, query, options)
}

export const optimizeSearchIndex = (m: EntityManager, table: string): Promise<void> =>
  engineOf(m).optimizeSearchIndex(m, table)
