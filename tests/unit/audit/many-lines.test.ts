import { describe, expect, it } from 'vitest'
import { AuditLineEntity } from '@main/audit/entities'
import { tempApp } from '../helpers/temp-app'

describe('a write that audits thousands of lines', () => {
  it('keeps every line, in order and chained, past the bound-value limit of one statement', async () => {
    const app = await tempApp()
    // An import of 5,000 staff audits a line each: 9 values a line is over SQLite's 32,766.
    await app.router.runJob('bulk', async (ctx) => {
      for (let i = 1; i <= 5000; i++) ctx.audit.note('staff', i, `Nhập cán bộ số ${i}`)
    })
    const lines = await app.dataSource
      .getRepository(AuditLineEntity)
      .find({ where: { route: 'job:bulk' }, order: { id: 'ASC' } })
    expect(lines).toHaveLength(5000)
    expect(lines.map((l) => l.entityId)).toEqual(Array.from({ length: 5000 }, (_, i) => String(i + 1)))
    lines.slice(1).forEach((line, i) => expect(line.prevHash).toBe(lines[i]!.hash))
    expect((await app.ok('audit:verify', {})).ok).toBe(true)
  })
})
