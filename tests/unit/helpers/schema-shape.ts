/**
 * One engine-neutral description of a migrated schema, so the SQLite and PostgreSQL lines can
 * be compared (tests/unit/db/schema-parity.pg.test.ts). Types are mapped: INTEGER ↔ integer or
 * bigint, INTEGER with CHECK (x IN (0, 1)) ↔ boolean, TEXT ↔ text, REAL ↔ double precision.
 */
export interface ColumnShape {
  name: string
  type: 'integer' | 'boolean' | 'text' | 'double precision' | string
  nullable: boolean
}

export interface TableShape {
  columns: ColumnShape[]
  primaryKey: string[]
  /** `name: columns [unique] [partial]`; constraint-made indexes are named by their columns only. */
  indexes: string[]
  /** The columns each CHECK reads (boolean checks excluded: they are the boolean type). */
  checks: string[]
  /** `columns -> table(columns) on update … on delete …` */
  foreignKeys: string[]
  /** Whether the words search (FTS5 trigram / pg_trgm GIN) indexes the table's search_key. */
  searchIndexed: boolean
}

export interface SchemaShape {
  tables: Record<string, TableShape>
  /** Triggers other than the search index's: the append-only guards. */
  triggers: string[]
}

export const indexShape = (
  name: string | null,
  columns: string[],
  unique: boolean,
  partial: boolean,
): string =>
  `${name ?? '(constraint)'}: ${columns.join(', ')}${unique ? ' unique' : ''}${partial ? ' partial' : ''}`

export const foreignKeyShape = (
  from: string[],
  table: string,
  to: string[],
  onUpdate: string,
  onDelete: string,
): string => `${from.join(', ')} -> ${table}(${to.join(', ')}) on update ${onUpdate} on delete ${onDelete}`

export const checkShape = (columns: string[]): string => [...new Set(columns)].sort().join(', ')

export function sortShape(shape: TableShape): TableShape {
  return {
    ...shape,
    indexes: [...shape.indexes].sort(),
    checks: [...shape.checks].sort(),
    foreignKeys: [...shape.foreignKeys].sort(),
  }
}
