import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { Page } from '@shared/contract'
import type { AuditEntryDto, AuditQuery, FileDownload } from '@shared/audit/schemas'
import { formatDateTime, vietnamDayEnd, vietnamDayStart } from '@shared/text/dates'
import type { SessionUser } from '../core/session'
import type { AuditEntry } from './trail'
import { loadExcel } from '../core/excel'
import { GENESIS_HASH, lineHash } from './chain'
import type { ChainedContent } from './chain'

interface AuditRow extends ChainedContent {
  id: number
}

/**
 * Appends the entries of one route call. A write that recorded nothing still leaves its route.
 * Each line is chained to the one before (chain.ts); reading the last hash and inserting happen
 * in the caller's write transaction, and the write queue makes this the only writer.
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
  const [last] = (await m.query(`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`)) as Array<{
    hash: string | null
  }>
  let prevHash = last ? (last.hash ?? '') : GENESIS_HASH
  for (const e of rows) {
    const line = {
      at: at.toISOString(),
      user_id: who?.id ?? null,
      user_name: who?.username ?? '—',
      route,
      entity: e.entity,
      entity_id: e.entityId,
      changes: JSON.stringify(e.changes),
    }
    const hash = lineHash(prevHash, line)
    await m.query(
      `INSERT INTO audit_log (at, user_id, user_name, route, entity, entity_id, changes, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        line.at,
        line.user_id,
        line.user_name,
        route,
        line.entity,
        line.entity_id,
        line.changes,
        prevHash,
        hash,
      ],
    )
    prevHash = hash
  }
}

// Dates in the filter are Vietnamese calendar days; stored times are UTC.
const dayStartUtc = (day: string) => vietnamDayStart(day).toISOString()
const dayEndUtc = (day: string) => vietnamDayEnd(day).toISOString()

function where(q: z.output<typeof AuditQuery>): [string, unknown[]] {
  const conditions: Array<[string, ...unknown[]]> = []
  if (q.from) conditions.push(['at >= ?', dayStartUtc(q.from)])
  if (q.to) conditions.push(['at < ?', dayEndUtc(q.to)])
  if (q.userId) conditions.push(['user_id = ?', q.userId])
  if (q.entity) conditions.push(['entity = ?', q.entity])
  const text = q.q.trim()
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    conditions.push([
      `(route LIKE ? ESCAPE '\\' OR user_name LIKE ? ESCAPE '\\' OR entity_id = ?)`,
      like,
      like,
      text,
    ])
  }
  if (!conditions.length) return ['', []]
  return [`WHERE ${conditions.map(([sql]) => sql).join(' AND ')}`, conditions.flatMap(([, ...args]) => args)]
}

const toDto = (r: AuditRow): AuditEntryDto => ({
  id: r.id,
  at: r.at,
  userId: r.user_id,
  userName: r.user_name,
  route: r.route,
  entity: r.entity,
  entityId: r.entity_id,
  changes: JSON.parse(r.changes) as AuditEntryDto['changes'],
})

export async function listAudit(
  m: EntityManager,
  q: z.output<typeof AuditQuery>,
): Promise<Page<AuditEntryDto>> {
  const [w, args] = where(q)
  const [{ n }] = (await m.query(`SELECT COUNT(*) AS n FROM audit_log ${w}`, args)) as [{ n: number }]
  const rows = (await m.query(`SELECT * FROM audit_log ${w} ORDER BY id DESC LIMIT ? OFFSET ?`, [
    ...args,
    q.pageSize,
    (q.page - 1) * q.pageSize,
  ])) as AuditRow[]
  return { items: rows.map(toDto), total: n, page: q.page, pageSize: q.pageSize }
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
  const [w, args] = where(q)
  const rows = (await m.query(
    `SELECT * FROM audit_log ${w} ORDER BY id LIMIT ${EXPORT_LIMIT}`,
    args,
  )) as AuditRow[]
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
