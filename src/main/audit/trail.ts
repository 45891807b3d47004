/** Fields never worth a line in the trail: derived, bookkeeping, or secret. */
const IGNORED = new Set([
  'createdAt',
  'updatedAt',
  'searchKey',
  'sortKey',
  'passwordHash',
  'kindName',
  'parentName',
])

/** Personal data: the trail says that it changed, not what it was. */
const PERSONAL: Record<string, ReadonlySet<string>> = {
  unit: new Set(['headName', 'phone', 'email']),
  user: new Set(['displayName']),
  visitor: new Set([
    'fullName',
    'idNumber',
    'dateOfBirth',
    'phone',
    'address',
    'organisation',
    'oldIdNumber',
    'idIssueDate',
  ]),
  // Free text the retention purge erases: the append-only trail must not keep it in clear.
  visit: new Set(['hostPerson', 'purpose', 'lateReason', 'note', 'checkOutReason']),
  watch: new Set(['idNumber', 'fullName']),
  staff: new Set(['fullName', 'idNumber', 'dateOfBirth', 'phone', 'position', 'note']),
  vaccination: new Set(['statusReason']),
  dailyReport: new Set(['reporterName']),
  adhocReport: new Set(['reporterName']),
}

/** "Nguyễn Văn An" → "N***** V** A*", "0912345678" → "09******78". */
export function maskPersonal(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return value
  const text = String(value)
  if (/^[+\d\s.-]+$/.test(text))
    return text.length <= 4
      ? '*'.repeat(text.length)
      : `${text.slice(0, 2)}${'*'.repeat(text.length - 4)}${text.slice(-2)}`
  return text
    .split(/(\s+|@)/)
    .map((part) =>
      /^\s+$|^@$/.test(part) || part.length === 0
        ? part
        : `${[...part][0]}${'*'.repeat([...part].length - 1)}`,
    )
    .join('')
}

export type FieldChange = { before: unknown; after: unknown }

export interface AuditEntry {
  entity: string | null
  entityId: string | null
  /** Field → before/after; a note for events that change no field (sign-in, sample data). */
  changes: Record<string, FieldChange> | { note: string }
}

/** Changed fields only, personal ones masked. `before` null means created. */
export function diff(
  entity: string,
  before: object | null,
  after: object | null,
): Record<string, FieldChange> {
  const b = (before ?? {}) as Record<string, unknown>
  const a = (after ?? {}) as Record<string, unknown>
  const personal = PERSONAL[entity]
  const out: Record<string, FieldChange> = {}
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (IGNORED.has(key)) continue
    const from = b[key] ?? null
    const to = a[key] ?? null
    if (JSON.stringify(from) === JSON.stringify(to)) continue
    out[key] = personal?.has(key)
      ? { before: maskPersonal(from), after: maskPersonal(to) }
      : { before: from, after: to }
  }
  return out
}

/** Collects what one route call changed; the router writes it in the same transaction. */
export class AuditRecorder {
  readonly entries: AuditEntry[] = []

  change(entity: string, id: number | string, before: object | null, after: object | null): void {
    const changes = diff(entity, before, after)
    if (Object.keys(changes).length) this.entries.push({ entity, entityId: String(id), changes })
  }

  note(entity: string | null, id: number | string | null, note: string): void {
    this.entries.push({ entity, entityId: id === null ? null : String(id), changes: { note } })
  }
}
