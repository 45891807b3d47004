import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { contract } from '@shared/contract'
import type { RouteName } from '@shared/contract'
import { maskPersonal } from '@main/audit/trail'
import { writeAuditEntries } from '@main/audit/service'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { sqlRows, sqlRun } from '../helpers/sql'

const auditRows = (app: TempApp) => sqlRows(app, 'SELECT * FROM audit_log ORDER BY id')

describe('audit trail', () => {
  it('records who, when, which route, which record and the changed fields, masking personal data', async () => {
    const app = await tempApp()
    const unit = await app.ok('units:create', {
      code: 'TTR',
      name: 'Thanh tra Sở',
      kindCode: 'department',
      headName: 'Nguyễn Văn An',
      phone: '0912345678',
    })
    await app.ok('units:update', {
      id: unit.id,
      code: 'TTR',
      name: 'Thanh tra Sở Tư pháp',
      kindCode: 'department',
      headName: 'Trần Thị Bình',
      phone: '0912345678',
    })
    const [created, updated] = await auditRows(app)
    expect(created).toMatchObject({
      user_name: 'system',
      route: 'units:create',
      entity: 'unit',
      entity_id: String(unit.id),
    })
    expect(Date.parse(String(created!.at))).toBeGreaterThan(Date.now() - 60_000)
    const changes = JSON.parse(String(updated!.changes)) as Record<
      string,
      { before: unknown; after: unknown }
    >
    expect(Object.keys(changes).sort()).toEqual(['headName', 'name'])
    expect(changes.name).toEqual({ before: 'Thanh tra Sở', after: 'Thanh tra Sở Tư pháp' })
    expect(changes.headName).toEqual({ before: 'N***** V** A*', after: 'T*** T** B***' })
    expect(JSON.stringify(await auditRows(app))).not.toContain('0912345678')
    expect(JSON.stringify(await auditRows(app))).not.toContain('Nguyễn Văn An')
  })

  it('masks names and numbers', () => {
    expect(maskPersonal('Nguyễn Văn An')).toBe('N***** V** A*')
    expect(maskPersonal('0912 345 678')).toBe('09********78')
    expect(maskPersonal(null)).toBeNull()
  })

  it('leaves one line for every write route, and no route can change the trail', async () => {
    const writes = (Object.keys(contract) as RouteName[]).filter((n) => contract[n].kind === 'write')
    // No audit route writes: the export is a read that appends only its own line afterwards
    // (the triggers below refuse anything else).
    expect(writes.filter((n) => n.startsWith('audit:'))).toEqual([])
    const app = await tempApp()
    await app.ok('settings:updateAgency', {
      parentBodyName: 'UBND TỈNH HẬU GIANG',
      agencyName: 'SỞ TƯ PHÁP',
      agencySymbol: 'STP',
      placeName: 'Vị Thanh',
    })
    await app.ok('sample:load', {})
    expect((await auditRows(app)).map((r) => r.route)).toEqual(['settings:updateAgency', 'sample:load'])
    await expect(sqlRun(app, `UPDATE audit_log SET user_name = 'x'`)).rejects.toThrow(/append-only/)
    await expect(sqlRun(app, `DELETE FROM audit_log`)).rejects.toThrow(/append-only/)
  })

  it('lists with filters and exports the same rows as .xlsx with values as text', async () => {
    const app = await tempApp()
    await app.ok('units:create', { code: 'VP', name: '<img src=x onerror=alert(1)>', kindCode: 'department' })
    await app.ok('units:create', { code: 'TTR', name: 'Thanh tra Sở', kindCode: 'department' })
    const page = await app.ok('audit:list', { q: 'units:create' })
    expect(page.total).toBe(2)
    expect((await app.ok('audit:list', { from: '2000-01-01', to: '2000-01-02' })).total).toBe(0)
    const file = await app.ok('audit:export', {})
    expect(file.fileName).toMatch(/^nhat-ky-\d{12}\.xlsx$/)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('Nhật ký')!
    expect(sheet.rowCount).toBe(3)
    expect(sheet.getRow(1).getCell(2).value).toBe('Thời gian')
    expect(String(sheet.getRow(2).getCell(2).value)).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)
    expect(String(sheet.getRow(2).getCell(7).value)).toContain('<img src=x onerror=alert(1)>')
    expect(sheet.getRow(2).getCell(7).type).toBe(ExcelJS.ValueType.String)
  })

  it('lists newest first in pages, with an exact total, and filters by user, record kind and text', async () => {
    const app = await tempApp()
    for (const code of ['VP', 'TTR', 'HCTP'])
      await app.ok('units:create', { code, name: `Phòng ${code}`, kindCode: 'department' })
    const who = { id: 7, username: 'LeTan_1', displayName: 'Lễ tân', roles: ['reception' as const] }
    await app.dataSource.transaction((m) =>
      writeAuditEntries(
        m,
        who,
        'visits:checkIn',
        [{ entity: 'visit', entityId: '42', changes: { note: 'x' } }],
        true,
        new Date(),
      ),
    )
    const all = await app.ok('audit:list', {})
    expect(all.total).toBe(4)
    const ids = all.items.map((e) => e.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    expect(all.items[0]).toMatchObject({ userId: 7, userName: 'LeTan_1', entity: 'visit', entityId: '42' })
    const second = await app.ok('audit:list', { page: 2, pageSize: 3 })
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 })
    expect(second.items.map((e) => e.id)).toEqual(ids.slice(3))
    const total = async (q: Parameters<typeof app.ok<'audit:list'>>[1]) =>
      (await app.ok('audit:list', q)).total
    expect(await total({ userId: 7 })).toBe(1)
    expect(await total({ entity: 'unit' })).toBe(3)
    // Route and user name match regardless of (ASCII) case; the record id only exactly.
    expect(await total({ q: 'UNITS:create' })).toBe(3)
    expect(await total({ q: 'letan_1' })).toBe(1)
    expect(await total({ q: '42' })).toBe(1)
    expect(await total({ q: '4' })).toBe(0)
    // LIKE's wildcards are plain characters in the filter.
    expect(await total({ q: '%' })).toBe(0)
    expect(await total({ q: 'letan%1' })).toBe(0)
  })
})
