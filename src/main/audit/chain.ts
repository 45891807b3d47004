import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { AuditChainBreak, AuditChainReport } from '@shared/audit/schemas'
import { formatDateTime } from '@shared/text/dates'

/** The `prev_hash` of the first line: nothing came before it. */
export const GENESIS_HASH = '0'.repeat(64)

/** The stored columns a line's hash covers, exactly as SQLite returns them. */
export interface ChainedContent {
  at: string
  user_id: number | null
  user_name: string
  route: string
  entity: string | null
  entity_id: string | null
  changes: string
}

/** SHA-256 over the previous line's hash and this line's content (a JSON array: fixed order, no ambiguity). */
export function lineHash(prevHash: string, line: ChainedContent): string {
  const content = JSON.stringify([
    line.at,
    line.user_id,
    line.user_name,
    line.route,
    line.entity,
    line.entity_id,
    line.changes,
  ])
  return createHash('sha256').update(`${prevHash}\n${content}`).digest('hex')
}

interface StoredLine extends ChainedContent {
  id: number
  prev_hash: string | null
  hash: string | null
}

const at = (iso: string) => formatDateTime(iso)

function brokenLink(db: Database.Database, line: StoredLine, prevId: number): AuditChainBreak {
  const linked = line.prev_hash
    ? (db
        .prepare('SELECT id FROM audit_log WHERE hash = ? AND id <> ? LIMIT 1')
        .pluck()
        .get(line.prev_hash, line.id) as number | undefined)
    : undefined
  const base = { id: line.id, at: line.at }
  if (linked !== undefined && linked !== prevId)
    return {
      ...base,
      problem: 'order',
      message: `Dòng nhật ký số ${line.id} (${at(line.at)}) không nằm đúng thứ tự: nó được ghi ngay sau dòng số ${linked}, nhưng đứng sau dòng số ${prevId || 'đầu tiên'}.`,
    }
  const gap = line.id - prevId - 1
  const gone =
    gap === 1 ? `dòng số ${prevId + 1} đã bị xoá` : `các dòng ${prevId + 1}–${line.id - 1} đã bị xoá`
  return {
    ...base,
    problem: 'missing',
    message:
      gap > 0
        ? `Thiếu ${gap} dòng nhật ký ngay trước dòng số ${line.id} (${at(line.at)}): ${gone}.`
        : `Dòng nhật ký ngay trước dòng số ${line.id} (${at(line.at)}) đã bị xoá hoặc bị sửa.`,
  }
}

/** Lines read per page of the walk; between pages the start-up walk lets other work run. */
const PAGE = 5_000

/**
 * Walks the whole trail in id order, a page at a time, and stops at the first line whose link
 * or hash does not hold; it yields after each page. Lines removed from the end leave no later
 * line to notice; `sqlite_sequence` still remembers the highest id handed out, so that is
 * checked too.
 */
function* walkAuditChain(db: Database.Database, now: Date): Generator<void, AuditChainReport> {
  const report = (lines: number, firstBreak: AuditChainBreak | null): AuditChainReport => ({
    ok: firstBreak === null,
    checkedAt: now.toISOString(),
    lines,
    firstBreak,
  })
  let prevHash = GENESIS_HASH
  let prevId = 0
  let lines = 0
  let broken: { line: StoredLine; kind: 'link' | 'edited' } | null = null
  // Keyset pages, not one open cursor: the connection stays free for other statements between them.
  const page = db.prepare(
    `SELECT id, at, user_id, user_name, route, entity, entity_id, changes, prev_hash, hash
     FROM audit_log WHERE id > ? ORDER BY id LIMIT ${PAGE}`,
  )
  for (
    let rows = page.all(0) as StoredLine[];
    rows.length && !broken;
    rows = page.all(prevId) as StoredLine[]
  ) {
    for (const line of rows) {
      if (line.prev_hash !== prevHash) broken = { line, kind: 'link' }
      else if (line.hash !== lineHash(prevHash, line)) broken = { line, kind: 'edited' }
      if (broken) break
      lines++
      prevHash = line.hash!
      prevId = line.id
    }
    if (!broken) yield
  }
  if (broken?.kind === 'link') return report(lines, brokenLink(db, broken.line, prevId))
  if (broken)
    return report(lines, {
      id: broken.line.id,
      at: broken.line.at,
      problem: 'edited',
      message: `Dòng nhật ký số ${broken.line.id} (${at(broken.line.at)}) đã bị sửa sau khi ghi.`,
    })
  const issued = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`).pluck().get() as
    number | undefined
  if (issued !== undefined && issued > prevId)
    return report(lines, {
      id: prevId + 1,
      at: null,
      problem: 'missing',
      message: `Thiếu ${issued - prevId} dòng nhật ký cuối cùng (từ số ${prevId + 1} đến số ${issued}): chúng đã bị xoá.`,
    })
  return report(lines, null)
}

/** The whole walk at once: the administrator asked for it (Nhật ký → Kiểm tra toàn vẹn). */
export function verifyAuditChain(db: Database.Database, now: Date): AuditChainReport {
  const walk = walkAuditChain(db, now)
  for (let step = walk.next(); ; step = walk.next()) if (step.done) return step.value
}

/** The same walk, letting requests and jobs run between pages (the start-up check: a long trail must not hold the app). */
export async function verifyAuditChainInSteps(db: Database.Database, now: Date): Promise<AuditChainReport> {
  const walk = walkAuditChain(db, now)
  for (let step = walk.next(); ; step = walk.next()) {
    if (step.done) return step.value
    await new Promise((resume) => setImmediate(resume))
  }
}
