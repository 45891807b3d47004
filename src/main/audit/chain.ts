import { createHash } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import type { AuditChainBreak, AuditChainReport } from '@shared/audit/schemas'
import { formatDateTime } from '@shared/text/dates'
import { lastIssuedId, withAuditTail } from '../db/engine'
import { AuditLineEntity } from './entities'
import type { AuditLineRow } from './entities'

/** The `prev_hash` of the first line: nothing came before it. */
export const GENESIS_HASH = '0'.repeat(64)

/** The stored columns a line's hash covers, named as in the table. */
export interface ChainedContent {
  at: string
  user_id: number | null
  user_name: string
  route: string
  entity: string | null
  entity_id: string | null
  changes: string
}

/** The text a line's hash covers: its content as a JSON array (fixed order, no ambiguity). */
export const chainedText = (line: ChainedContent): string =>
  JSON.stringify([
    line.at,
    line.user_id,
    line.user_name,
    line.route,
    line.entity,
    line.entity_id,
    line.changes,
  ])

/** SHA-256 over the previous line's hash and this line's content text (a server computes the same). */
export function lineHash(prevHash: string, line: ChainedContent): string {
  return createHash('sha256')
    .update(`${prevHash}\n${chainedText(line)}`)
    .digest('hex')
}

const at = (iso: string) => formatDateTime(iso)

/** A stored line as the hash covers it. */
export const chainedContent = (line: AuditLineRow): ChainedContent => ({
  at: line.at,
  user_id: line.userId,
  user_name: line.userName,
  route: line.route,
  entity: line.entity,
  entity_id: line.entityId,
  changes: line.changes,
})

async function brokenLink(m: EntityManager, line: AuditLineRow, prevId: number): Promise<AuditChainBreak> {
  const linked = line.prevHash
    ? await m
        .createQueryBuilder(AuditLineEntity, 'a')
        .where('a.hash = :hash AND a.id <> :id', { hash: line.prevHash, id: line.id })
        .limit(1)
        .getOne()
    : null
  const base = { id: line.id, at: line.at }
  if (linked && linked.id !== prevId)
    return {
      ...base,
      problem: 'order',
      message: `Dòng nhật ký số ${line.id} (${at(line.at)}) không nằm đúng thứ tự: nó được ghi ngay sau dòng số ${linked.id}, nhưng đứng sau dòng số ${prevId || 'đầu tiên'}.`,
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
 * or hash does not hold; `pause` runs after each page. Lines removed from the end leave no
 * later line to notice; the store still remembers the highest id handed out, so that is
 * checked too.
 */
async function walkAuditChain(
  m: EntityManager,
  now: Date,
  pause: () => Promise<void>,
): Promise<AuditChainReport> {
  const report = (lines: number, firstBreak: AuditChainBreak | null): AuditChainReport => ({
    ok: firstBreak === null,
    checkedAt: now.toISOString(),
    lines,
    firstBreak,
  })
  const walked: Walked = { prevHash: GENESIS_HASH, prevId: 0, lines: 0, broken: null }
  await walkFrom(m, walked, pause)
  // Other seats may be writing: the last lines and the highest id issued are read while none
  // is, or a line being written (its id issued, not yet committed) would look removed.
  const issued = await withAuditTail(m, async (t) => {
    await walkFrom(t, walked, async () => undefined)
    return walked.broken ? null : lastIssuedId(t, 'audit_log')
  })
  const { prevId, lines, broken } = walked
  if (broken?.kind === 'link') return report(lines, await brokenLink(m, broken.line, prevId))
  if (broken)
    return report(lines, {
      id: broken.line.id,
      at: broken.line.at,
      problem: 'edited',
      message: `Dòng nhật ký số ${broken.line.id} (${at(broken.line.at)}) đã bị sửa sau khi ghi.`,
    })
  if (issued !== null && issued > prevId)
    return report(lines, {
      id: prevId + 1,
      at: null,
      problem: 'missing',
      message: `Thiếu ${issued - prevId} dòng nhật ký cuối cùng (từ số ${prevId + 1} đến số ${issued}): chúng đã bị xoá.`,
    })
  return report(lines, null)
}

/** How far a walk got: the last sound line, and the first broken one. */
interface Walked {
  prevHash: string
  prevId: number
  lines: number
  broken: { line: AuditLineRow; kind: 'link' | 'edited' } | null
}

/** Walks on from `walked.prevId` to the end of the trail or the first broken line. */
async function walkFrom(m: EntityManager, walked: Walked, pause: () => Promise<void>): Promise<void> {
  // Keyset pages, not one open cursor: the connection stays free for other statements between them.
  const page = (after: number) =>
    m
      .createQueryBuilder(AuditLineEntity, 'a')
      .where('a.id > :after', { after })
      .orderBy('a.id')
      .limit(PAGE)
      .getMany()
  for (
    let rows = await page(walked.prevId);
    rows.length && !walked.broken;
    rows = await page(walked.prevId)
  ) {
    for (const line of rows) {
      if (line.prevHash !== walked.prevHash) walked.broken = { line, kind: 'link' }
      else if (line.hash !== lineHash(walked.prevHash, chainedContent(line)))
        walked.broken = { line, kind: 'edited' }
      if (walked.broken) break
      walked.lines++
      walked.prevHash = line.hash!
      walked.prevId = line.id
    }
    if (!walked.broken) await pause()
  }
}

/** The whole walk at once: the administrator asked for it (Nhật ký → Kiểm tra toàn vẹn). */
export function verifyAuditChain(m: EntityManager, now: Date): Promise<AuditChainReport> {
  return walkAuditChain(m, now, async () => undefined)
}

/** The same walk, letting requests and jobs run between pages (the start-up check: a long trail must not hold the app). */
export function verifyAuditChainInSteps(m: EntityManager, now: Date): Promise<AuditChainReport> {
  return walkAuditChain(m, now, () => new Promise((resume) => setImmediate(resume)))
}
