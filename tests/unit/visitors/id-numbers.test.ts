import { describe, expect, it } from 'vitest'
import { systemSession } from '@main/core/session'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { SCREENED } from '../helpers/health'
import { sqlRows } from '../helpers/sql'

const CCCD = '001099012345'
const AN = { fullName: 'Nguyễn Văn An', idType: 'cccd' as const, idNumber: CCCD }

const trail = (app: TempApp, route: string) =>
  sqlRows<{ entity: string | null; entityId: string | null; changes: string }>(
    app,
    'SELECT entity, entity_id AS "entityId", changes FROM audit_log WHERE route = ? ORDER BY id',
    route,
  )

async function withVisit(): Promise<TempApp & { visitId: number; visitorId: number }> {
  const app = await tempApp()
  const vp = (await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })).id
  const visit = await app.ok('visits:checkIn', { visitor: AN, hostUnitId: vp, health: SCREENED })
  return Object.assign(app, { visitId: visit.id, visitorId: visit.visitorId })
}

describe('whole ID numbers on screens', () => {
  it('lookup, history and suggestions return the number masked to its last 4 digits only', async () => {
    const app = await withVisit()
    const lookup = await app.ok('visitors:lookup', { idNumber: CCCD })
    const history = await app.ok('visitors:history', { id: app.visitorId })
    const suggested = await app.ok('visitors:suggest', { q: 'Nguyễn Văn' })
    const byDigits = await app.ok('visitors:suggest', { q: '0010990' })
    expect(lookup.visitor?.idNumberMasked).toBe('••••••••2345')
    expect(history.visitor.idNumberMasked).toBe('••••••••2345')
    expect(suggested[0]?.idNumberMasked).toBe('••••••••2345')
    for (const answer of [lookup, history, suggested, byDigits])
      expect(JSON.stringify(answer)).not.toContain(CCCD)
  })

  it('reveals one visitor’s whole number through its own route, each time a line in the audit trail', async () => {
    const app = await withVisit()
    expect(await app.ok('visitors:revealIdNumber', { id: app.visitorId })).toEqual({
      idNumber: CCCD,
      oldIdNumber: null,
    })
    await app.ok('visitors:revealIdNumber', { id: app.visitorId })
    const lines = await trail(app, 'visitors:revealIdNumber')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatchObject({ entity: 'visitor', entityId: String(app.visitorId) })
    expect(lines[0]?.changes).toContain('Xem số giấy tờ đầy đủ')
    expect(await app.call('visitors:revealIdNumber', { id: 999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
  })

  it('refuses the reveal to a role that does not read visits, and records nothing', async () => {
    const app = await withVisit()
    const inspector = systemSession(['inspector'])
    expect(
      await app.router.dispatch('visitors:revealIdNumber', { id: app.visitorId }, inspector),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(await trail(app, 'visitors:revealIdNumber')).toHaveLength(0)
  })
})

describe('exports are audited like the others', () => {
  it('records a line for the audit export, the roll-call PDF and the visitor slip PDF', async () => {
    const app = await withVisit()
    const audit = await app.ok('audit:export', {})
    await app.ok('visits:rollCallPdf', {})
    await app.ok('visits:slipPdf', { id: app.visitId })
    expect((await trail(app, 'audit:export')).map((l) => l.changes).join()).toContain(audit.fileName)
    expect((await trail(app, 'visits:rollCallPdf')).map((l) => l.changes).join()).toContain('1 người')
    expect(await trail(app, 'visits:slipPdf')).toEqual([
      expect.objectContaining({ entity: 'visit', entityId: String(app.visitId) }),
    ])
  })
})
