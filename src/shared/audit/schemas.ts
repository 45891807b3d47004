import { z } from 'zod'
import { id, paging, searchText, text } from '../validation/fields'

const isoDate = z.iso.date({ error: 'Ngày không hợp lệ' }).nullish()

export const AuditQuery = z
  .object({
    from: isoDate,
    to: isoDate,
    userId: id.nullish(),
    entity: text().max(40).nullish(),
    q: searchText,
    ...paging,
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    error: 'Ngày bắt đầu phải trước ngày kết thúc',
    path: ['to'],
  })
export type AuditQuery = z.input<typeof AuditQuery>

export interface AuditEntryDto {
  id: number
  at: string
  userId: number | null
  userName: string
  route: string
  entity: string | null
  entityId: string | null
  changes: Record<string, { before: unknown; after: unknown }> | { note: string } | Record<string, never>
}

export interface FileDownload {
  fileName: string
  mimeType: string
  /** Base64, so the same answer crosses IPC and HTTP JSON. */
  base64: string
}

/** The first line of the trail whose hash chain does not hold, and why. */
export interface AuditChainBreak {
  /** The line that shows it; for lines removed from the end, the first missing id. */
  id: number
  at: string | null
  /** edited: its content or hash changed; missing: lines before it are gone; order: it was moved. */
  problem: 'edited' | 'missing' | 'order'
  message: string
}

/** What a walk through the whole audit chain found. */
export interface AuditChainReport {
  ok: boolean
  checkedAt: string
  /** Lines verified before the first break (all of them when ok). */
  lines: number
  firstBreak: AuditChainBreak | null
}
