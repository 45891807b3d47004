import { matchesSearch } from '../text/search-key'
import type { UnitOption } from './schemas'

export type PickableUnit = Pick<UnitOption, 'id' | 'code' | 'name' | 'active'>

/**
 * The units a picker offers for what was typed: matched on code and name without diacritics;
 * inactive units only when the picker is for past records, or when one is the current value
 * (a record keeps the unit it was made for).
 */
export function pickableUnits<T extends PickableUnit>(
  units: readonly T[],
  query: string,
  options: { includeInactive?: boolean; selected?: ReadonlyArray<unknown> } = {},
): T[] {
  const selected = new Set(options.selected ?? [])
  return units.filter(
    (u) =>
      (u.active || options.includeInactive || selected.has(u.id)) && matchesSearch(query, u.code, u.name),
  )
}
