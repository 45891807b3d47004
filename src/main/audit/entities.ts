import { EntitySchema } from 'typeorm'

/** One row interface and one schema per table: explicit column types, no decorators (see units/entities.ts). */

export interface AuditLineRow {
  id: number
  at: string
  userId: number | null
  userName: string
  route: string
  entity: string | null
  entityId: string | null
  changes: string
  prevHash: string | null
  hash: string | null
}

export const AuditLineEntity = new EntitySchema<AuditLineRow>({
  name: 'AuditLine',
  tableName: 'audit_log',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    at: { type: 'text' },
    userId: { type: 'integer', name: 'user_id', nullable: true },
    userName: { type: 'text', name: 'user_name' },
    route: { type: 'text' },
    entity: { type: 'text', nullable: true },
    entityId: { type: 'text', name: 'entity_id', nullable: true },
    changes: { type: 'text' },
    prevHash: { type: 'text', name: 'prev_hash', nullable: true },
    hash: { type: 'text', nullable: true },
  },
})
