import { searchKey } from '@shared/text/search-key'

/**
 * The names each vaccine goes by in the lists units send: brand, maker, common short forms.
 * A catalogue entry (seeded or added by the office) is found by any name of its group.
 */
const VACCINE_NAMES: string[][] = [
  ['Sinopharm Vero Cell', 'Vero Cell', 'Verocell', 'Sinopharm', 'BBIBP-CorV', 'Sinopharm BIBP'],
  ['Pfizer-BioNTech', 'Pfizer', 'Comirnaty', 'BioNTech', 'Pfizer BioNTech'],
  ['Moderna', 'Spikevax', 'mRNA-1273'],
  ['AstraZeneca', 'AZ', 'Vaxzevria', 'Covishield', 'ChAdOx1', 'Astra Zeneca'],
  ['Sputnik V', 'Gam-COVID-Vac', 'Sputnik'],
  ['Abdala', 'CIGB-66'],
  ['Hayat-Vax', 'Hayat Vax', 'Hayatvax'],
  ['Covaxin', 'BBV152', 'Bharat Biotech'],
  ['Janssen', 'Johnson & Johnson', 'J&J', 'Ad26.COV2.S'],
  ['Sinovac', 'CoronaVac'],
  ['Nanocovax'],
]

/** A name with case, marks, spaces and punctuation dropped: "Vero cell" and "VERO-CELL" agree. */
export const vaccineNameKey = (text: string): string => searchKey(text).replace(/[^a-z0-9]/g, '')

const GROUP_OF = new Map<string, number>(
  VACCINE_NAMES.flatMap((names, i) => names.map((n) => [vaccineNameKey(n), i] as const)),
)

/**
 * The catalogue entry a file names: the same name, else the one entry of the same vaccine
 * ("Vero Cell" finds "Sinopharm Vero Cell", "Comirnaty" finds "Pfizer-BioNTech"), else the one
 * entry whose name starts so. Null when none or several fit.
 */
export function matchVaccine<T extends { name: string }>(catalogue: T[], text: string): T | null {
  const key = vaccineNameKey(text)
  if (!key) return null
  const keyed = catalogue.map((v) => ({ v, key: vaccineNameKey(v.name) }))
  const exact = keyed.filter((e) => e.key === key)
  if (exact.length === 1) return exact[0]!.v
  const group = GROUP_OF.get(key)
  const same = group === undefined ? [] : keyed.filter((e) => GROUP_OF.get(e.key) === group)
  if (same.length === 1) return same[0]!.v
  const starts = keyed.filter((e) => e.key.startsWith(key))
  return starts.length === 1 ? starts[0]!.v : null
}
