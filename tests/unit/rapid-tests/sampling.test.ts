import { describe, expect, it } from 'vitest'
import { allocate, drawSample, poolSizes, sampleSize, seededRandom } from '@main/rapid-tests/sampling'
import type { Candidate } from '@main/rapid-tests/sampling'

/** `sizes[i]` staff in unit i + 1, staff ids numbered across units. */
function staffOf(sizes: number[]): Candidate[] {
  let next = 1
  return sizes.flatMap((n, i) => Array.from({ length: n }, () => ({ staffId: next++, unitId: i + 1 })))
}

const countByUnit = (drawn: Candidate[]) => {
  const out = new Map<number, number>()
  for (const c of drawn) out.set(c.unitId, (out.get(c.unitId) ?? 0) + 1)
  return out
}

describe('sample size', () => {
  it('takes the percentage rounded up, at least one per unit, never more than there are', () => {
    expect(sampleSize(1000, 3, 5)).toBe(30)
    expect(sampleSize(1000, 5, 5)).toBe(50)
    expect(sampleSize(1000, 3.5, 5)).toBe(35)
    expect(sampleSize(101, 3, 1)).toBe(4)
    expect(sampleSize(100, 3, 1)).toBe(3)
    expect(sampleSize(200, 3, 12)).toBe(12)
    expect(sampleSize(5, 3, 8)).toBe(5)
    expect(sampleSize(0, 3, 0)).toBe(0)
  })
})

describe('allocation between units', () => {
  it('gives every unit one, then shares the rest in proportion to size', () => {
    const quota = allocate(
      new Map([
        [1, 400],
        [2, 300],
        [3, 200],
        [4, 100],
        [5, 3],
      ]),
      40,
    )
    expect([...quota.values()].reduce((a, b) => a + b, 0)).toBe(40)
    expect(quota.get(5)).toBe(1)
    expect(quota.get(1)).toBeGreaterThan(quota.get(2)!)
    expect(quota.get(2)).toBeGreaterThan(quota.get(3)!)
    expect(quota.get(3)).toBeGreaterThan(quota.get(4)!)
    expect(Math.abs(quota.get(1)! - 1 - (35 * 400) / 1003)).toBeLessThanOrEqual(1)
  })

  it('never gives a unit more than it has, and skips units with nobody', () => {
    const quota = allocate(
      new Map([
        [1, 2],
        [2, 0],
        [3, 50],
      ]),
      30,
    )
    expect(quota.get(1)).toBeLessThanOrEqual(2)
    expect(quota.has(2)).toBe(false)
    expect(quota.get(1)! + quota.get(3)!).toBe(30)
  })
})

describe('the weekly draw', () => {
  it('draws 3–5 % of the staff, as set', () => {
    const staff = staffOf([300, 250, 250, 200])
    for (const percent of [3, 4, 5]) {
      const drawn = drawSample(staff, { seed: 7, percent, previous: new Set() })
      expect(drawn).toHaveLength(Math.ceil((1000 * percent) / 100))
      expect(new Set(drawn.map((c) => c.staffId)).size).toBe(drawn.length)
    }
  })

  it('draws at least one person from every unit that has staff, however small', () => {
    const staff = staffOf([120, 1, 2, 60, 1, 3, 40])
    const drawn = drawSample(staff, { seed: 99, percent: 3, previous: new Set() })
    const byUnit = countByUnit(drawn)
    for (let unit = 1; unit <= 7; unit++) expect(byUnit.get(unit) ?? 0).toBeGreaterThanOrEqual(1)
  })

  it('is reproducible: the same seed and the same staff give the same sample, in any input order', () => {
    const staff = staffOf([80, 45, 30, 7])
    const previous = new Set([1, 2, 3, 90])
    const once = drawSample(staff, { seed: 2_021_117, percent: 4, previous })
    const again = drawSample([...staff].reverse(), { seed: 2_021_117, percent: 4, previous })
    expect(again).toEqual(once)
    const other = drawSample(staff, { seed: 2_021_118, percent: 4, previous })
    expect(other).not.toEqual(once)
  })

  it('never draws anyone two weeks running when their unit has others to draw', () => {
    const staff = staffOf([100, 40, 25, 10])
    let previous = new Set<number>()
    for (let week = 0; week < 52; week++) {
      const drawn = drawSample(staff, { seed: 1000 + week, percent: 5, previous })
      for (const c of drawn) expect(previous.has(c.staffId), `week ${week}, staff ${c.staffId}`).toBe(false)
      previous = new Set(drawn.map((c) => c.staffId))
    }
  })

  it('draws last week’s people again only where a unit is too small to avoid it', () => {
    // Unit 2 has one person: drawn every week (at least one per unit). Unit 3 has two.
    const staff = staffOf([200, 1, 2])
    let previous = new Set<number>()
    const drawnUnit2: boolean[] = []
    for (let week = 0; week < 10; week++) {
      const drawn = drawSample(staff, { seed: week, percent: 3, previous })
      drawnUnit2.push(drawn.some((c) => c.unitId === 2))
      const unit3 = drawn.filter((c) => c.unitId === 3)
      expect(unit3).toHaveLength(1)
      expect(previous.has(unit3[0]!.staffId)).toBe(false)
      previous = new Set(drawn.map((c) => c.staffId))
    }
    expect(drawnUnit2.every(Boolean)).toBe(true)
  })

  it('is fair across weeks: over a year everyone is drawn about as often as chance allows', () => {
    const staff = staffOf([150, 100, 50])
    const times = new Map(staff.map((c) => [c.staffId, 0]))
    let previous = new Set<number>()
    const weeks = 104
    for (let week = 0; week < weeks; week++) {
      const drawn = drawSample(staff, { seed: 31 * week + 5, percent: 5, previous })
      for (const c of drawn) times.set(c.staffId, times.get(c.staffId)! + 1)
      previous = new Set(drawn.map((c) => c.staffId))
    }
    const counts = [...times.values()]
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length
    expect(mean).toBeCloseTo((15 * weeks) / 300, 5)
    // Binomial(104, 0.05): mean 5.2, sd ≈ 2.2; nobody is forgotten or singled out.
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(0)
    expect(counts.filter((n) => n === 0).length).toBeLessThanOrEqual(6)
    expect(Math.max(...counts)).toBeLessThanOrEqual(14)
    const variance = counts.reduce((sum, n) => sum + (n - mean) ** 2, 0) / counts.length
    expect(variance).toBeLessThan(mean * 1.5)
  })

  it('uses a seeded generator that covers [0, 1) evenly', () => {
    const random = seededRandom(42)
    const buckets = Array.from({ length: 10 }, () => 0)
    for (let i = 0; i < 10_000; i++) buckets[Math.floor(random() * 10)]! += 1
    for (const n of buckets) expect(n).toBeGreaterThan(900)
    expect(seededRandom(42)()).toBe(seededRandom(42)())
  })
})

describe('pools', () => {
  it('splits into the fewest pools of at most N, as even as can be', () => {
    expect(poolSizes(0, 5)).toEqual([])
    expect(poolSizes(1, 5)).toEqual([1])
    expect(poolSizes(5, 5)).toEqual([5])
    expect(poolSizes(6, 5)).toEqual([3, 3])
    expect(poolSizes(11, 5)).toEqual([4, 4, 3])
    expect(poolSizes(30, 5)).toEqual([5, 5, 5, 5, 5, 5])
    expect(poolSizes(31, 4)).toEqual([4, 4, 4, 4, 4, 4, 4, 3])
    for (let n = 1; n < 200; n++)
      for (const size of [2, 3, 5, 10]) {
        const pools = poolSizes(n, size)
        expect(pools.reduce((a, b) => a + b, 0)).toBe(n)
        expect(pools).toHaveLength(Math.ceil(n / size))
        expect(Math.max(...pools)).toBeLessThanOrEqual(size)
        expect(Math.max(...pools) - Math.min(...pools)).toBeLessThanOrEqual(1)
      }
  })
})
