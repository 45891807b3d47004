const formatted = (value: number) =>
  Number.isInteger(value) ? String(value) : value.toFixed(value >= 100 ? 0 : 2)

/** Every figure of this run, by name: the run ends with the SQLite and PostgreSQL ones side by side. */
const reported = new Map<string, { value: number; unit: string }>()

/** The one output format scripts parse: `BENCH <name> <value> <unit>`. */
export function report(name: string, value: number, unit: string): void {
  reported.set(name, { value, unit })
  console.log(`BENCH ${name} ${formatted(value)} ${unit}`)
}

/** The figures measured on both engines in this run (`x.y` and `x.pg.y`), one line each. */
export function sideBySide(): string[] {
  const lines: string[] = []
  for (const [name, pg] of reported) {
    const sqlite = reported.get(name.replace('.pg.', '.'))
    if (!name.includes('.pg.') || !sqlite) continue
    lines.push(
      `${name.replace('.pg.', '.').padEnd(40)} ${formatted(sqlite.value).padStart(10)} ${formatted(pg.value).padStart(10)} ${pg.unit}`,
    )
  }
  return lines
}

/** Nearest-rank percentile of durations, in the same unit as the input. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of nothing')
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** Small seeded PRNG (mulberry32) so every run measures the same data and queries. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
