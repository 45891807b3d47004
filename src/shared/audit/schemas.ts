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
