import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { searchKey, searchKeyOf } from '@shared/text/search-key'
import {
  dropSearchIndexDdl,
  optimizeSearchIndexSql,
  searchCondition,
  searchIndexDdl,
  searchJoin,
} from '@main/db/sqlite/search-index'

let dir = ''
let db: Database.Database

const PEOPLE = [
  'Nguyễn Văn An',
  'Lê Thị Lan',
  'Trung tâm Dịch vụ đấu giá tài sản',
  'Hồ Chí Minh',
  'Đỗ Thị Anh',
  'Phạm 100% "Quote"',
]

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spd-search-'))
  db = new Database(join(dir, 's.sqlite'))
  db.exec('CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, search_key TEXT NOT NULL)')
  for (const sql of searchIndexDdl('people')) db.exec(sql)
  const insert = db.prepare('INSERT INTO people (name, search_key) VALUES (?, ?)')
  for (const name of PEOPLE) insert.run(name, searchKey(name))
})

afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

function both(q: string): { where: string[]; join: string[] } {
  const c = searchCondition('people', 'p', q)
  const j = searchJoin('people', 'p', q)
  if (!c || !j) return { where: [], join: [] }
  const where = db
    .prepare(`SELECT p.name FROM people p WHERE ${c.sql} ORDER BY p.id`)
    .pluck()
    .all(c.params) as string[]
  const joined = db
    .prepare(`SELECT p.name FROM people p ${j.join} WHERE ${j.where} ORDER BY p.id`)
    .pluck()
    .all(j.params) as string[]
  return { where, join: joined }
}

const find = (q: string) => {
  const { where, join } = both(q)
  expect(join).toEqual(where)
  return where
}

describe('search index', () => {
  it('finds text with or without marks, words in any order', () => {
    expect(find('nguyen van')).toEqual(['Nguyễn Văn An'])
    expect(find('van nguyen')).toEqual(['Nguyễn Văn An'])
    expect(find('dau gia')).toEqual(['Trung tâm Dịch vụ đấu giá tài sản'])
    expect(find('Hồ Chí Minh')).toEqual(['Hồ Chí Minh'])
    expect(find('ho chi minh')).toEqual(['Hồ Chí Minh'])
    expect(find('uyen')).toEqual(['Nguyễn Văn An'])
  })

  it('matches short words at a word start only', () => {
    expect(find('an')).toEqual(['Nguyễn Văn An', 'Đỗ Thị Anh'])
    expect(find('do a')).toEqual(['Đỗ Thị Anh'])
    expect(find('le lan')).toEqual(['Lê Thị Lan'])
  })

  it('takes quotes, % and _ literally', () => {
    expect(find('"quote"')).toEqual(['Phạm 100% "Quote"'])
    expect(find('100%')).toEqual(['Phạm 100% "Quote"'])
    expect(find('_')).toEqual([])
    expect(find('%')).toEqual([])
  })

  it('does not let FTS5 query syntax through', () => {
    for (const q of [
      '"',
      '""',
      "'",
      '*',
      'an*',
      'AND',
      'an OR lan',
      'NOT an',
      'NEAR(an lan)',
      'search_key:an',
      '^an',
      '(',
      ')',
      '{',
      '+',
      '\\',
      '" OR "',
      '%%',
      '__',
      '%_%',
      '\\%',
    ]) {
      const { where } = both(q)
      expect(where.length, q).toBeLessThan(PEOPLE.length)
    }
    expect(find('an OR lan')).toEqual([])
    expect(find('an*')).toEqual([])
  })

  it('returns no condition for an empty query', () => {
    expect(searchCondition('people', 'p', '   ')).toBeNull()
    expect(searchCondition('people', 'p', ' \t\n ')).toBeNull()
    expect(searchCondition('people', 'p', '\u0301')).toBeNull() // a lone mark has an empty key
    expect(searchJoin('people', 'p', '')).toBeNull()
  })

  it('names its parameters after the prefix, so two searches can share a statement', () => {
    const c = searchCondition('people', 'p', 'nguyen a', 'x')!
    expect(Object.keys(c.params).sort()).toEqual(['xLike0', 'xMatch'])
    expect(c.sql).toContain('p.search_key')
    expect(c.sql).toContain('"people_search" MATCH :xMatch')
  })

  it('finds keys joined from several fields', () => {
    db.exec('DELETE FROM people')
    db.prepare('INSERT INTO people (name, search_key) VALUES (?, ?)').run(
      'DG',
      searchKeyOf('DG-01', 'Trung tâm Dịch vụ đấu giá tài sản'),
    )
    expect(find('dg-01')).toEqual(['DG'])
    expect(find('dg dau gia')).toEqual(['DG'])
    expect(find('tai san dg')).toEqual(['DG'])
    expect(find('01')).toEqual([])
  })

  it('finds rows inserted after the index, and lists them in id order through the join', () => {
    const insert = db.prepare('INSERT INTO people (name, search_key) VALUES (?, ?)')
    insert.run('Nguyễn Thị An', searchKey('Nguyễn Thị An'))
    const j = searchJoin('people', 'p', 'nguyen')!
    const latest = db
      .prepare(`SELECT p.name FROM people p ${j.join} WHERE ${j.where} ORDER BY p.id DESC LIMIT 1`)
      .pluck()
      .all(j.params)
    expect(latest).toEqual(['Nguyễn Thị An'])
  })

  it('follows updates and deletes, survives optimize, and can be dropped', () => {
    db.prepare(`UPDATE people SET name = 'Lê Thị Mai', search_key = ? WHERE name = 'Lê Thị Lan'`).run(
      searchKey('Lê Thị Mai'),
    )
    expect(find('lan')).toEqual([])
    expect(find('mai')).toEqual(['Lê Thị Mai'])
    db.prepare(`DELETE FROM people WHERE name = 'Lê Thị Mai'`).run()
    db.exec(optimizeSearchIndexSql('people'))
    expect(find('mai')).toEqual([])
    expect(find('nguyen')).toEqual(['Nguyễn Văn An'])
    for (const sql of dropSearchIndexDdl('people')) db.exec(sql)
    expect(
      db.prepare(`SELECT count(*) FROM sqlite_master WHERE name LIKE 'people_search%'`).pluck().get(),
    ).toBe(0)
  })
})

describe('search index against a model', () => {
  const chars = [...'anhđăâ "%_\\*-\'']
  const text = fc.array(fc.constantFrom(...chars), { maxLength: 12 }).map((c) => c.join(''))

  /** What searchCondition promises: long words anywhere, short words at a word start. */
  function model(keys: string[], query: string): number[] {
    const words = [...new Set(searchKey(query).split(' ').filter(Boolean))]
    return keys
      .map((key, i) => ({ spaced: ` ${key}`, id: i + 1 }))
      .filter(({ spaced }) => words.every((w) => spaced.includes(w.length >= 3 ? w : ` ${w}`)))
      .map(({ id }) => id)
  }

  it('returns exactly the rows the model expects, through WHERE and JOIN alike', () => {
    db.exec('CREATE TABLE docs (id INTEGER PRIMARY KEY, name TEXT NOT NULL, search_key TEXT NOT NULL)')
    for (const sql of searchIndexDdl('docs')) db.exec(sql)
    const insert = db.prepare('INSERT INTO docs (id, name, search_key) VALUES (?, ?, ?)')
    fc.assert(
      fc.property(fc.array(text, { maxLength: 8 }), text, (names, query) => {
        const keys = names.map((n) => searchKey(n))
        db.transaction(() => {
          db.exec('DELETE FROM docs')
          names.forEach((n, i) => insert.run(i + 1, n, keys[i]))
        })()
        const c = searchCondition('docs', 'd', query)
        const j = searchJoin('docs', 'd', query)
        if (!searchKey(query)) {
          expect(c).toBeNull()
          expect(j).toBeNull()
          return
        }
        const where = db
          .prepare(`SELECT d.id FROM docs d WHERE ${c!.sql} ORDER BY d.id`)
          .pluck()
          .all(c!.params)
        const joined = db
          .prepare(`SELECT d.id FROM docs d ${j!.join} WHERE ${j!.where} ORDER BY d.id`)
          .pluck()
          .all(j!.params)
        const expected = model(keys, query)
        expect(where).toEqual(expected)
        expect(joined).toEqual(expected)
      }),
      { numRuns: 300 },
    )
  })
})

describe('search index limits', () => {
  // Word length counts characters, not UTF-16 units: a lone emoji or CJK extension B character
  // is a one-letter word (matched at a word start), not a two-letter phrase that matches nothing.
  it('finds words made of characters outside the BMP', () => {
    const insert = db.prepare('INSERT INTO people (name, search_key) VALUES (?, ?)')
    for (const name of ['𠀀 Lâm', 'a😀b Mai']) insert.run(name, searchKey(name))
    expect(find('𠀀')).toEqual(['𠀀 Lâm'])
    expect(find('a😀')).toEqual(['a😀b Mai'])
    expect(find('😀b')).toEqual([])
    expect(find('a😀b')).toEqual(['a😀b Mai'])
  })
})
