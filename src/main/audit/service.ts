import type { EntityManager, SelectQueryBuilder } from 'typeorm'
import type { z } from 'zod'
import type { Page } from '@shared/contract'
import type { AuditEntryDto, AuditQuery, FileDownload } from '@shared/audit/schemas'
import { formatDateTime, vietnamDayEnd, vietnamDayStart } from '@shared/text/dates'
import type { SessionUser } from '../core/session'
import type { AuditEntry } from './trail'
import { loadExcel } from '../core/excel'
import { GENESIS_HASH, chainedText, lineHash } from './chain'
import type { ChainedContent } from './chain'
import { AuditLineEntity } from './entities'
import { serverAuditAppend, withAuditTail } from '../db/engine'
import type { AuditLineRow } from './entities'

/**
 * Appends the entries of one route call. A write that recorded nothing still leaves its route.
 * Each line is chained to the one before (chain.ts); reading the last hash and inserting happen
 * in one transaction (the caller's write transaction, or one of their own) that holds the
 * trail's tail, so a second seat writing at the same instant chains after these, never beside.
 * A server chains them itself as the transaction commits (db/postgres/audit-tail.ts).
 */
export async function writeAuditEntries(
  m: EntityManager,
  who: SessionUser | null,
  route: string,
  entries: AuditEntry[],
  isWrite: boolean,
  at: Date,
): Promise<void> {
  const rows = entries.length || !isWrite ? entries : [{ entity: null, entityId: null, changes: {} }]
  if (!rows.length) return
  const contents = rows.map((e): ChainedContent => ({
    at: at.toISOString(),
    user_id: who?.id ?? null,
    user_name: who?.username ?? '—',
    route,
    entity: e.entity,
    entity_id: e.entityId,
    changes: JSON.stringify(e.changes),
  }))
  const onServer = serverAuditAppend(m)
  if (onServer)
    return onServer(
      m,
      contents.map((c) => ({ ...lineOf(c), content: chainedText(c) })),
    )
  await withAuditTail(m, (t) => appendLines(t, contents))
}

const lineOf = (c: ChainedContent) => ({
  at: c.at,
  userId: c.user_id,
  userName: c.user_name,
  route: c.route,
  entity: c.entity,
  entityId: c.entity_id,
  changes: c.changes,
})

async function appendLines(m: EntityManager, contents: ChainedContent[]): Promise<void> {
  // A raw read of one column: hydrating an entity would double the cost of every write.
  const last = await m
    .createQueryBuilder(AuditLineEntity, 'a')
    .select('a.hash', 'hash')
    .orderBy('a.id', 'DESC')
    .limit(1)
    .getRawOne<{ hash: string | null }>()
  let prevHash = last ? (last.hash ?? '') : GENESIS_HASH
  const lines: Array<Omit<AuditLineRow, 'id'>> = []
  for (const content of contents) {
    const hash = lineHash(prevHash, content)
    lines.push({ ...lineOf(content), prevHash, hash })
    prevHash = hash
  }
  // Every write route ends here: no listeners to call and no generated ids to read back. An
  // import audits thousands of lines: in slices, within SQLite's 32,766 bound values a statement.
  for (let i = 0; i < lines.length; i += LINES_PER_INSERT)
    await m
      .createQueryBuilder()
      .insert()
      .into(AuditLineEntity)
      .values(lines.slice(i, i + LINES_PER_INSERT))
      .updateEntity(false)
      .callListeners(false)
      .execute()
}

const LINES_PER_INSERT = 1000

// Dates in the filter are Vietnamese calendar days; stored times are UTC.
const dayStartUtc = (day: string) => vietnamDayStart(day).toISOString()
const dayEndUtc = (day: string) => vietnamDayEnd(day).toISOString()

/** ASCII letters only, as SQLite's LIKE and lower() fold them: the same matches on every engine. */
const lowerAscii = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase())

/** The trail narrowed by the filter of Nhật ký (no order, no page). */
function filtered(m: EntityManager, q: z.output<typeof AuditQuery>): SelectQueryBuilder<AuditLineRow> {
  const qb = m.createQueryBuilder(AuditLineEntity, 'a')
  if (q.from) qb.andWhere('a.at >= :from', { from: dayStartUtc(q.from) })
  if (q.to) qb.andWhere('a.at < :to', { to: dayEndUtc(q.to) })
  if (q.userId) qb.andWhere('a.userId = :userId', { userId: q.userId })
  if (q.entity) qb.andWhere('a.entity = :entity', { entity: q.entity })
  const text = q.q.trim()
  if (text) {
    const like = `%${lowerAscii(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    qb.andWhere(
      `(LOWER(a.route) LIKE :like ESCAPE '\\' OR LOWER(a.userName) LIKE :like ESCAPE '\\' OR a.entityId = :text)`,
      { like, text },
    )
  }
  return qb
}

const toDto = (r: AuditLineRow): AuditEntryDto => ({
  id: r.id,
  at: r.at,
  userId: r.userId,
  userName: r.userName,
  route: r.route,
  entity: r.entity,
  entityId: r.entityId,
  changes: JSON.parse(r.changes) as AuditEntryDto['changes'],
})

export async function listAudit(
  m: EntityManager,
  q: z.output<typeof AuditQuery>,
): Promise<Page<AuditEntryDto>> {
  // COUNT(*) rather than getCount(): its COUNT(DISTINCT id) sorts the whole trail.
  const counted = await filtered(m, q).select('COUNT(*)', 'n').getRawOne<{ n: number | string }>()
  const rows = await filtered(m, q)
    .orderBy('a.id', 'DESC')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .getMany()
  return { items: rows.map(toDto), total: Number(counted?.n ?? 0), page: q.page, pageSize: q.pageSize }
}

const EXPORT_LIMIT = 100_000

function describe(changes: AuditEntryDto['changes']): string {
  if ('note' in changes) return String(changes.note)
  return Object.entries(changes as Record<string, { before: unknown; after: unknown }>)
    .map(([field, c]) => `${field}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`)
    .join('\n')
}

/** The filtered trail as .xlsx; cells are plain strings, so nothing in a value is ever evaluated. */
export async function exportAudit(
  m: EntityManager,
  q: z.output<typeof AuditQuery>,
  now: Date,
): Promise<FileDownload> {
  const rows = await filtered(m, q).orderBy('a.id').limit(EXPORT_LIMIT).getMany()
  const book = new (await loadExcel()).Workbook()
  book.creator = 'Sổ Phòng Dịch'
  const sheet = book.addWorksheet('Nhật ký')
  sheet.columns = [
    { header: 'STT', key: 'no', width: 7 },
    { header: 'Thời gian', key: 'at', width: 18 },
    { header: 'Người thực hiện', key: 'user', width: 18 },
    { header: 'Thao tác', key: 'route', width: 22 },
    { header: 'Đối tượng', key: 'entity', width: 12 },
    { header: 'Mã bản ghi', key: 'entityId', width: 12 },
    { header: 'Thay đổi', key: 'changes', width: 80 },
  ]
  sheet.getRow(1).font = { bold: true }
  rows.map(toDto).forEach((r, i) =>
    sheet.addRow({
      no: i + 1,
      at: formatDateTime(r.at),
      user: r.userName,
      route: r.route,
      entity: r.entity ?? '',
      entityId: r.entityId ?? '',
      changes: describe(r.changes),
    }),
  )
  sheet.getColumn('changes').alignment = { wrapText: true, vertical: 'top' }
  const buffer = Buffer.from(await book.xlsx.writeBuffer())
  const stamp = formatDateTime(now.toISOString()).replace(/[/: ]/g, '').slice(0, 12)
  return {
    fileName: `nhat-ky-${stamp}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: buffer.toString('base64'),
  }
}
