import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '@main/db/data-source'
import { writeAuditEntries } from '@main/audit/service'
import { verifyAuditChain } from '@main/audit/chain'
import type { AuditEntry } from '@main/audit/trail'
import { percentile, report } from './report'

export const name = 'audit'

const LINES = 100_000
const PER_WRITE = 2
const RUNS = 5
const TARGET = { verifySeconds: 5 }

/**
 * The audit chain on a trail of 100,000 lines written through `writeAuditEntries` (two lines per
 * write, as a check-in leaves), timing each write; then the full walk the start-up check and Nhật ký → Kiểm tra toàn vẹn
 * make, median of five.
 */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'spd-bench-audit-'))
  const ds = await openDatabase({ file: join(dir, 'bench.sqlite') })
  try {
    const who = { id: 1, username: 'letan', displayName: 'Lễ tân', roles: ['reception' as const] }
    const entries = (i: number): AuditEntry[] => [
      {
        entity: 'visitor',
        entityId: String(i),
        changes: {
          fullName: { before: null, after: 'N***** V** A*' },
          idNumber: { before: null, after: '00********45' },
        },
      },
      { entity: 'visit', entityId: String(i), changes: { hostUnitId: { before: null, after: 3 } } },
    ]
    // Fifty writes per transaction: one fsync each, so building the trail takes seconds, not minutes.
    const at = Date.parse('2026-01-01T01:00:00Z')
    const writes: number[] = []
    for (let i = 0; i < LINES / PER_WRITE; i += 50)
      await ds.transaction(async (m) => {
        for (let j = i; j < i + 50; j++) {
          const start = performance.now()
          await writeAuditEntries(m, who, 'visits:checkIn', entries(j), true, new Date(at + j * 60_000))
          writes.push(performance.now() - start)
        }
      })
    const times: number[] = []
    for (let r = 0; r < RUNS; r++) {
      const start = performance.now()
      const result = await verifyAuditChain(ds.manager, new Date())
      times.push(performance.now() - start)
      if (!result.ok || result.lines !== LINES) throw new Error(`chain not intact: ${JSON.stringify(result)}`)
    }
    const median = percentile(times, 50)
    report('audit.lines', LINES, 'lines')
    // Every write route ends with one of these, so it is part of every check-in's time.
    report('audit.write.p50', percentile(writes, 50), 'ms')
    report('audit.write.p95', percentile(writes, 95), 'ms')
    report('audit.verify', median, 'ms')
    report('audit.verify.rate', Math.round(LINES / (median / 1000)), 'lines/s')
    if (median / 1000 > TARGET.verifySeconds)
      console.log(`# audit.verify above target (${TARGET.verifySeconds} s for ${LINES} lines)`)
  } finally {
    await ds.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
}
