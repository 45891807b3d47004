import { searchKey } from '@shared/text/search-key'

/**
 * Diacritics-insensitive "contains" search over any table that has a `search_key` column
 * (maintained on write with searchKey()). An FTS5 external-content table with the trigram
 * tokenizer indexes that column; triggers keep it in step, so writers only set search_key.
 * The index holds the key behind one leading space, so every word starts after a space and
 * a two-letter word typed as a word start (" le", " an") is itself a trigram.
 */
export function searchIndexDdl(table: string): string[] {
  const fts = `${table}_search`
  return [
    `CREATE VIRTUAL TABLE "${fts}" USING fts5(search_key, content='${table}', content_rowid='id', tokenize='trigram')`,
    `CREATE TRIGGER "${fts}_ai" AFTER INSERT ON "${table}" BEGIN
       INSERT INTO "${fts}"(rowid, search_key) VALUES (new.id, ' ' || new.search_key);
     END`,
    `CREATE TRIGGER "${fts}_ad" AFTER DELETE ON "${table}" BEGIN
       INSERT INTO "${fts}"("${fts}", rowid, search_key) VALUES ('delete', old.id, ' ' || old.search_key);
     END`,
    `CREATE TRIGGER "${fts}_au" AFTER UPDATE OF search_key ON "${table}" BEGIN
       INSERT INTO "${fts}"("${fts}", rowid, search_key) VALUES ('delete', old.id, ' ' || old.search_key);
       INSERT INTO "${fts}"(rowid, search_key) VALUES (new.id, ' ' || new.search_key);
     END`,
  ]
}

/**
 * Merges the index into one b-tree. Row-by-row writes leave many small segments that every
 * query must visit; daily maintenance runs this so large tables stay fast.
 */
export function optimizeSearchIndexSql(table: string): string {
  const fts = `"${table}_search"`
  return `INSERT INTO ${fts}(${fts}) VALUES ('optimize')`
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

export interface SearchJoin {
  /** `JOIN` clause to put after `FROM table alias`. */
  join: string
  /** SQL to AND into the WHERE clause. */
  where: string
  params: Record<string, string>
}

interface SearchPlan {
  /** FTS5 query over the index, null when no word can use it. */
  match: string | null
  /** LIKE patterns (escaped with \\) that `' ' || search_key` must also satisfy. */
  likes: string[]
}

const TRIGRAM = 3

/**
 * Every word of the query must occur in the key. Words of three letters or more match
 * anywhere ("uyen" finds "Nguyễn"); shorter words match the start of a word ("an" finds
 * "An", "Anh", not "Lan"), which is what people mean by them. Words of two letters go
 * through the index as " xy"; a lone letter, too short for any trigram, is checked with
 * LIKE on the rows the index already narrowed.
 */
function plan(query: string): SearchPlan | null {
  const words = [...new Set(searchKey(query).split(' ').filter(Boolean))]
  if (words.length === 0) return null
  // Trigrams count characters, not UTF-16 units (an emoji or a rare Hán character is one).
  const chars = (w: string) => [...w].length
  const indexed = words.filter((w) => chars(w) >= TRIGRAM - 1).map((w) => (chars(w) < TRIGRAM ? ` ${w}` : w))
  const match = indexed.length ? indexed.map((w) => `"${w.replace(/"/g, '""')}"`).join(' AND ') : null
  const likes = words
    .filter((w) => chars(w) < TRIGRAM - 1)
    .map((w) => `% ${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
  return { match, likes }
}

function likeSql(alias: string, likes: string[], prefix: string, params: Record<string, string>): string[] {
  return likes.map((pattern, i) => {
    params[`${prefix}Like${i}`] = pattern
    return `(' ' || ${alias}.search_key) LIKE :${prefix}Like${i} ESCAPE '\\'`
  })
}

/**
 * WHERE form: fits any query shape (other joins, any ORDER BY, exact counts). SQLite gathers
 * every match first, so prefer searchJoin() on large tables listed in insertion order.
 */
export function searchCondition(
  table: string,
  alias: string,
  query: string,
  prefix = 'q',
  /** What must be a matching row id; another table's key (`+v.visitor_id`) filters that table. */
  idExpression = `${alias}.id`,
): SearchCondition | null {
  const p = plan(query)
  if (!p) return null
  const params: Record<string, string> = {}
  const parts: string[] = []
  if (p.match) {
    params[`${prefix}Match`] = p.match
    parts.push(
      `${idExpression} IN (SELECT rowid FROM "${table}_search" WHERE "${table}_search" MATCH :${prefix}Match)`,
    )
  }
  parts.push(...likeSql(alias, p.likes, prefix, params))
  return { sql: parts.join(' AND '), params }
}

/**
 * JOIN form for large tables (visitors): the index drives the loop in rowid order, so
 * `ORDER BY ${alias}.id DESC LIMIT n` stops after n matches instead of gathering them all.
 */
export function searchJoin(table: string, alias: string, query: string, prefix = 'q'): SearchJoin | null {
  const p = plan(query)
  if (!p) return null
  const params: Record<string, string> = {}
  const fts = `"${table}_search"`
  if (!p.match) return { join: '', where: likeSql(alias, p.likes, prefix, params).join(' AND '), params }
  params[`${prefix}Match`] = p.match
  return {
    join: `JOIN ${fts} ON ${fts}.rowid = ${alias}.id`,
    where: [`${fts} MATCH :${prefix}Match`, ...likeSql(alias, p.likes, prefix, params)].join(' AND '),
    params,
  }
}
