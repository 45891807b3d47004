import { describe, expect, it } from 'vitest'
import { defaultTraceWindow } from '@shared/visitors/schemas'
import { searchKeyOf } from '@shared/text/search-key'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { inspectPdf } from '../helpers/pdf'
import { sqlValue } from '../helpers/sql'

const T = (hhmm: string, day = '2026-11-10') => new Date(`${day}T${hhmm}:00+07:00`).toISOString()

async function office() {
  const app = await tempApp()
  const vp = (await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })).id
  const tt = (await app.ok('units:create', { code: 'TT', name: 'Thanh tra Sở', kindCode: 'department' })).id
  const people = new Map<string, number>()
  /** One visit at exact times; a name is one person (their ID number is derived from it). */
  const visit = async (
    name: string,
    unit: number,
    inAt: string,
    outAt: string | null,
    outcome = 'admitted',
  ) => {
    let person = people.get(name)
    if (!person) {
      const id = String(100000000000 + people.size)
      person = await sqlValue<number>(
        app,
        `INSERT INTO visitors (full_name, id_type, id_number, phone, search_key, created_at, updated_at)
         VALUES (?, 'cccd', ?, '0912345678', ?, ?, ?) RETURNING id`,
        name,
        id,
        searchKeyOf(name),
        inAt,
        inAt,
      )
      people.set(name, person)
    }
    return sqlValue<number>(
      app,
      `INSERT INTO visits (visitor_id, host_unit_id, checked_in_at, checked_out_at, outcome, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      person,
      unit,
      inAt,
      outAt,
      outcome,
      inAt,
      inAt,
    )
  }
  return Object.assign(app, { vp, tt, visit, people })
}

const trace = (app: TempApp, input: Record<string, unknown>) =>
  app.ok('visits:trace', { from: T('00:00', '2026-11-01'), to: T('23:59', '2026-11-20'), ...input } as never)

describe('contact tracing', () => {
  it('lists everyone whose visit overlapped the case at the same unit, and no one else', async () => {
    const app = await office()
    const caseVisit = await app.visit('Ca Bệnh', app.vp, T('09:00'), T('10:00'))
    await app.visit('Trùng Một Phần', app.vp, T('09:30'), T('11:00'))
    await app.visit('Nằm Trong', app.vp, T('09:10'), T('09:20'))
    await app.visit('Bao Trùm', app.vp, T('08:00'), T('12:00'))
    await app.visit('Chạm Đầu', app.vp, T('08:00'), T('09:00'))
    await app.visit('Chạm Cuối', app.vp, T('10:00'), T('10:30'))
    await app.visit('Đơn Vị Khác', app.tt, T('09:00'), T('10:00'))
    await app.visit('Hôm Khác', app.vp, T('09:00', '2026-11-11'), T('10:00', '2026-11-11'))
    await app.visit('Ca Bệnh', app.vp, T('14:00', '2026-11-25'), T('15:00', '2026-11-25'))

    const result = await trace(app, { visitorId: app.people.get('Ca Bệnh') })
    expect(result.caseName).toBe('Ca Bệnh')
    expect(result.exposures).toEqual([
      {
        visitId: caseVisit,
        hostUnitId: app.vp,
        hostUnitName: 'Văn phòng Sở',
        from: T('09:00'),
        to: T('10:00'),
      },
    ])
    const byName = Object.fromEntries(result.contacts.map((c) => [c.fullName, c.overlapMinutes]))
    expect(byName).toEqual({ 'Bao Trùm': 60, 'Nằm Trong': 10, 'Trùng Một Phần': 30 })
    expect(result.contacts.map((c) => c.fullName)).toEqual(['Bao Trùm', 'Nằm Trong', 'Trùng Một Phần'])
    expect(result.contacts[0]).toMatchObject({
      idNumber: expect.stringMatching(/^\d{12}$/),
      phone: '0912345678',
    })
    expect(result.unitsTouched).toEqual([{ id: app.vp, name: 'Văn phòng Sở' }])
  })

  it('lists the active staff of the units the case visited, not of other units or who left', async () => {
    const app = await office()
    const staff = (fullName: string, unitId: number, idNumber: string) =>
      app.ok('staff:create', { unitId, fullName, idNumber, category: 'cong_chuc', phone: '0987654321' })
    await staff('Trần Thị Văn Thư', app.vp, '001199000001')
    await staff('Âu Văn Chánh', app.vp, '001199000002')
    await staff('Lê Văn Thanh Tra', app.tt, '001199000003')
    const left = await staff('Phạm Đã Nghỉ', app.vp, '001199000004')
    await app.ok('staff:update', { ...left, active: false } as never)
    await app.visit('Ca Bệnh', app.vp, T('09:00'), T('10:00'))

    const result = await trace(app, { visitorId: app.people.get('Ca Bệnh') })
    expect(result.staff.map((s) => [s.fullName, s.unitName, s.phone])).toEqual([
      ['Âu Văn Chánh', 'Văn phòng Sở', '0987654321'],
      ['Trần Thị Văn Thư', 'Văn phòng Sở', '0987654321'],
    ])
    const pdf = inspectPdf(
      Buffer.from(
        (
          await app.ok('visits:tracePdf', {
            visitorId: app.people.get('Ca Bệnh'),
            from: T('00:00', '2026-11-01'),
            to: T('23:59', '2026-11-20'),
          } as never)
        ).base64,
        'base64',
      ),
    )
    expect(pdf.plain.replace(/\s+/g, ' ')).toContain('Trần Thị Văn Thư')
    expect(pdf.plain).not.toContain('Lê Văn Thanh Tra')
  })

  it('counts visits across midnight, visits still open (until now), and refused ones (15 minutes at the gate)', async () => {
    const app = await office()
    await app.visit('Ca Đêm', app.vp, T('23:30', '2026-11-10'), T('00:30', '2026-11-11'))
    await app.visit('Trực Đêm', app.vp, T('22:00', '2026-11-10'), T('23:45', '2026-11-10'))
    await app.visit('Sáng Sớm', app.vp, T('00:15', '2026-11-11'), T('02:00', '2026-11-11'))
    await app.visit('Vẫn Trong', app.vp, T('20:00', '2026-11-10'), null)
    await app.visit('Bị Từ Chối', app.vp, T('00:20', '2026-11-11'), null, 'refused')
    await app.visit('Từ Chối Sớm', app.vp, T('23:00', '2026-11-10'), null, 'refused')

    const result = await trace(app, { visitorId: app.people.get('Ca Đêm') })
    const byName = Object.fromEntries(result.contacts.map((c) => [c.fullName, c.overlapMinutes]))
    expect(byName).toEqual({ 'Trực Đêm': 15, 'Sáng Sớm': 15, 'Vẫn Trong': 60, 'Bị Từ Chối': 10 })
    expect(result.contacts.find((c) => c.fullName === 'Vẫn Trong')?.checkedOutAt).toBeNull()
    expect(result.contacts.find((c) => c.fullName === 'Bị Từ Chối')?.refused).toBe(true)
  })

  it('cuts the case to the window, and finds a typed-in case by ID number or by the units named', async () => {
    const app = await office()
    await app.visit('Ca Bệnh', app.vp, T('09:00'), T('10:00'))
    await app.visit('Khách Sớm', app.vp, T('09:00'), T('09:20'))
    await app.visit('Khách Muộn', app.vp, T('09:40'), T('10:00'))
    await app.visit('Ở Thanh Tra', app.tt, T('15:00'), T('15:30'))

    const windowed = await trace(app, {
      visitorId: app.people.get('Ca Bệnh'),
      from: T('09:30'),
      to: T('12:00'),
    })
    expect(windowed.contacts.map((c) => c.fullName)).toEqual(['Khách Muộn'])

    const byId = await trace(app, { caseName: 'Ca bệnh F0 số 12', caseIdNumber: '100000000000' })
    expect(byId.caseName).toBe('Ca bệnh F0 số 12')
    expect(byId.contacts.map((c) => c.fullName)).toEqual(['Khách Sớm', 'Khách Muộn'])

    // Not a visitor: exposed at Thanh tra for the whole window.
    const byUnits = await trace(app, {
      caseName: 'Cán bộ X',
      hostUnitIds: [app.tt],
      from: T('14:00'),
      to: T('16:00'),
    })
    expect(byUnits.exposures).toMatchObject([{ visitId: null, hostUnitName: 'Thanh tra Sở' }])
    expect(byUnits.contacts.map((c) => [c.fullName, c.overlapMinutes])).toEqual([['Ở Thanh Tra', 30]])
  })

  it('uses the Ministry rule for the default window: 3 days before onset to the end of isolation day', () => {
    expect(defaultTraceWindow('2026-11-10', '2026-11-12')).toEqual({
      from: '2026-11-06T17:00:00.000Z',
      to: '2026-11-12T17:00:00.000Z',
    })
  })

  it('exports the contacts as .xlsx and an official PDF, and records who did', async () => {
    const app = await office()
    await app.visit('Ca Bệnh', app.vp, T('09:00'), T('10:00'))
    await app.visit('Nguyễn Thị Tiếp Xúc', app.vp, T('09:30'), T('11:00'))
    const input = {
      visitorId: app.people.get('Ca Bệnh'),
      from: T('00:00', '2026-11-01'),
      to: T('23:59', '2026-11-20'),
    }
    const pdf = await app.ok('visits:tracePdf', input as never)
    const read = inspectPdf(Buffer.from(pdf.base64, 'base64'))
    expect(read.text()).toContain('DANH SÁCH NGƯỜI TIẾP XÚC VỚI CA BỆNH')
    expect(read.plain.replace(/\s+/g, ' ')).toContain('Nguyễn Thị Tiếp Xúc')
    const xlsx = await app.ok('visits:traceXlsx', input as never)
    expect(xlsx.fileName).toBe('truy-vet-tiep-xuc.xlsx')
    const trail = await app.ok('audit:list', { q: 'visits:trace' })
    expect(trail.items.map((e) => (e.changes as { note: string }).note)).toEqual([
      'Xuất danh sách tiếp xúc của Ca Bệnh (1 người)',
      'In danh sách tiếp xúc của Ca Bệnh (1 người)',
    ])
  })
})
