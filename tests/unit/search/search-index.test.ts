import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { searchKey } from '@shared/text/search-key'
import {
  dropSearchIndexDdl,
  optimizeSearchIndexSql,
  searchCondition,
  searchIndexDdl,
  searchJoin,
} from '@main/search/search-index'

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

  it('returns no condition for an empty query', () => {
    expect(searchCondition('people', 'p', '   ')).toBeNull()
    expect(searchJoin('people', 'p', '')).toBeNull()
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
