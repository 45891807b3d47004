/**
 * The weekly draw, as pure functions of its inputs so that a stored seed reproduces it:
 * the same staff, the same previous draw, the same percentage and seed give the same sample.
 */

export interface Candidate {
  staffId: number
  unitId: number
}

export interface DrawOptions {
  seed: number
  /** Percentage of the candidates to draw (3–5). */
  percent: number
  /** Staff drawn the week before: drawn again only where a unit has nobody else left. */
  previous: ReadonlySet<number>
}

/** mulberry32: a small, well-distributed 32-bit generator; the seed is all its state. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/**
 * How many to draw: the percentage of all candidates rounded up, and never fewer than one per
 * unit that has anyone to draw (so a small unit is not left out of every week).
 */
export function sampleSize(total: number, percent: number, units: number): number {
  if (total === 0) return 0
  return Math.min(total, Math.max(Math.ceil((total * percent) / 100 - 1e-9), units))
}

/**
 * Shares the sample between units: one each first, the rest in proportion to unit size by the
 * largest remainder (ties to the lower unit id), never more than a unit has.
 */
export function allocate(sizes: ReadonlyMap<number, number>, size: number): Map<number, number> {
  const units = [...sizes.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => a - b)
  const quota = new Map(units.map(([unitId]) => [unitId, 1]))
  let left = size - units.length
  // One pass unless a small unit is full: then what it cannot take goes round the others.
  while (left > 0) {
    const room = units.filter(([unitId, n]) => quota.get(unitId)! < n)
    if (!room.length) break
    const roomTotal = room.reduce((sum, [, n]) => sum + n, 0)
    const shares = room.map(([unitId, n]) => {
      const exact = (left * n) / roomTotal
      const whole = Math.min(Math.floor(exact), n - quota.get(unitId)!)
      return { unitId, n, whole, rest: exact - whole }
    })
    for (const s of shares) quota.set(s.unitId, quota.get(s.unitId)! + s.whole)
    left -= shares.reduce((sum, s) => sum + s.whole, 0)
    const byRemainder = shares
      .filter((s) => quota.get(s.unitId)! < s.n)
      .sort((a, b) => b.rest - a.rest || a.unitId - b.unitId)
    for (const s of byRemainder.slice(0, left)) quota.set(s.unitId, quota.get(s.unitId)! + 1)
    left -= Math.min(left, byRemainder.length)
  }
  return quota
}

/**
 * Draws the week's sample: per unit (in id order, staff in id order before shuffling, so the
 * seed alone fixes the result), first from staff not drawn last week, and from last week's only
 * when the unit's share is larger than everyone else it has.
 */
export function drawSample(candidates: readonly Candidate[], options: DrawOptions): Candidate[] {
  const byUnit = new Map<number, Candidate[]>()
  for (const c of [...candidates].sort((a, b) => a.staffId - b.staffId))
    byUnit.set(c.unitId, [...(byUnit.get(c.unitId) ?? []), c])
  const size = sampleSize(candidates.length, options.percent, byUnit.size)
  const quota = allocate(new Map([...byUnit].map(([unitId, list]) => [unitId, list.length])), size)
  const random = seededRandom(options.seed)
  const drawn: Candidate[] = []
  for (const unitId of [...byUnit.keys()].sort((a, b) => a - b)) {
    const list = byUnit.get(unitId)!
    const fresh = shuffled(
      list.filter((c) => !options.previous.has(c.staffId)),
      random,
    )
    const again = shuffled(
      list.filter((c) => options.previous.has(c.staffId)),
      random,
    )
    drawn.push(...[...fresh, ...again].slice(0, quota.get(unitId) ?? 0))
  }
  return drawn
}

/**
 * Splits `count` samples into the fewest pools of at most `poolSize`, as even as can be
 * (11 by 5 → 4, 4, 3 rather than 5, 5, 1), so no pool is diluted more than it must be.
 */
export function poolSizes(count: number, poolSize: number): number[] {
  if (count === 0) return []
  const pools = Math.ceil(count / poolSize)
  const base = Math.floor(count / pools)
  const bigger = count % pools
  return Array.from({ length: pools }, (_, i) => base + (i < bigger ? 1 : 0))
}
