import { searchKey } from '@shared/text/search-key'

/**
 * Diacritics-insensitive "contains" search over any table that has a `search_key` column
 * (maintained on write with searchKey()). An FTS5 external-content table with the trigram
 * tokenizer indexes that column; triggers keep it in step, so writers only set search_key.
 */
export function searchIndexDdl(table: string): string[] {
  const fts = `${table}_search`
  return [
    `CREATE VIRTUAL TABLE "${fts}" USING fts5(search_key, content='${table}', content_rowid='id', tokenize='trigram')`,
    `CREATE TRIGGER "${fts}_ai" AFTER INSERT ON "${table}" BEGIN
       INSERT INTO "${fts}"(rowid, search_key) VALUES (new.id, new.search_key);
     END`,
    `CREATE TRIGGER "${fts}_ad" AFTER DELETE ON "${table}" BEGIN
       INSERT INTO "${fts}"("${fts}", rowid, search_key) VALUES ('delete', old.id, old.search_key);
     END`,
    `CREATE TRIGGER "${fts}_au" AFTER UPDATE OF search_key ON "${table}" BEGIN
       INSERT INTO "${fts}"("${fts}", rowid, search_key) VALUES ('delete', old.id, old.search_key);
       INSERT INTO "${fts}"(rowid, search_key) VALUES (new.id, new.search_key);
     END`,
  ]
}

export function dropSearchIndexDdl(table: string): string[] {
  const fts = `${table}_search`
  return [
    `DROP TRIGGER IF EXISTS "${fts}_au"`,
    `DROP TRIGGER IF EXISTS "${fts}_ad"`,
    `DROP TRIGGER IF EXISTS "${fts}_ai"`,
    `DROP TABLE IF EXISTS "${fts}"`,
  ]
}

export interface SearchCondition {
  /** SQL to AND into a WHERE clause; refers to `${alias}.id` and `${alias}.search_key`. */
  sql: string
  params: Record<string, string>
}

const TRIGRAM = 3

/**
 * Every word of the query must occur somewhere in the key. Words of three letters or more go
 * through the trigram index; shorter ones (too short for a trigram) are checked with LIKE on
 * the rows the index already narrowed, or on all rows when the whole query is short.
 */
export function searchCondition(
  table: string,
  alias: string,
  query: string,
  prefix = 'q',
): SearchCondition | null {
  const words = [...new Set(searchKey(query).split(' ').filter(Boolean))]
  if (words.length === 0) return null
  const params: Record<string, string> = {}
  const parts: string[] = []
  const long = words.filter((w) => w.length >= TRIGRAM)
  if (long.length) {
    params[`${prefix}Match`] = long.map((w) => `"${w.replace(/"/g, '""')}"`).join(' AND ')
    parts.push(
      `${alias}.id IN (SELECT rowid FROM "${table}_search" WHERE "${table}_search" MATCH :${prefix}Match)`,
    )
  }
  words
    .filter((w) => w.length < TRIGRAM)
    .forEach((w, i) => {
      params[`${prefix}Like${i}`] = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      parts.push(`${alias}.search_key LIKE :${prefix}Like${i} ESCAPE '\\'`)
    })
  return { sql: parts.join(' AND '), params }
}
