import { EntitySchema } from 'typeorm'

/**
 * EntitySchema rather than decorators: esbuild (Vite, vitest) emits no decorator metadata,
 * so every column carries an explicit type here and nothing depends on reflection.
 */
export interface UnitKindRow {
  code: string
  name: string
  builtin: boolean
  sortOrder: number
}

export const UnitKindEntity = new EntitySchema<UnitKindRow>({
  name: 'UnitKind',
  tableName: 'unit_kinds',
  columns: {
    code: { type: 'text', primary: true },
    name: { type: 'text' },
    builtin: { type: 'boolean', default: false },
    sortOrder: { type: 'integer', name: 'sort_order', default: 100 },
  },
})

export interface UnitRow {
  id: number
  code: string
  name: string
  kindCode: string
  parentId: number | null
  address: string | null
  headName: string | null
  headTitle: string | null
  phone: string | null
  email: string | null
  note: string | null
  active: boolean
  isSample: boolean
  searchKey: string
  sortKey: string
  createdAt: string
  updatedAt: string
}

export const UnitEntity = new EntitySchema<UnitRow>({
  name: 'Unit',
  tableName: 'units',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    code: { type: 'text' },
    name: { type: 'text' },
    kindCode: { type: 'text', name: 'kind_code' },
    parentId: { type: 'integer', name: 'parent_id', nullable: true },
    address: { type: 'text', nullable: true },
    headName: { type: 'text', name: 'head_name', nullable: true },
    headTitle: { type: 'text', name: 'head_title', nullable: true },
    phone: { type: 'text', nullable: true },
    email: { type: 'text', nullable: true },
    note: { type: 'text', nullable: true },
    active: { type: 'boolean', default: true },
    isSample: { type: 'boolean', name: 'is_sample', default: false },
    searchKey: { type: 'text', name: 'search_key' },
    sortKey: { type: 'text', name: 'sort_key' },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
})
