import { afterEach, describe, expect, it, vi } from 'vitest'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { personSortKey } from '@main/staff/service'
import { todayInVietnam } from '@shared/staff/schemas'
import { permissionsOf } from '@shared/contract'

async function withUnits(): Promise<TempApp & { vp: number; tt: number }> {
  const app = await tempApp()
  const vp = await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
  const tt = await app.ok('units:create', { code: 'TTR', name: 'Thanh tra Sở', kindCode: 'department' })
  return Object.assign(app, { vp: vp.id, tt: tt.id })
}

const an = (unitId: number) => ({
  unitId,
  fullName: 'Nguyễn Văn An',
  idNumber: '001 099 012 345',
  dateOfBirth: '1985-04-12',
  gender: 'male' as const,
  phone: '0912 345 678',
  position: 'Chuyên viên',
  category: 'cong_chuc' as const,
})

afterEach(() => {
  vi.useRealTimers()
})

describe('staff records', () => {
  it('creates a staff member with a cleaned ID number and phone, and a first line of unit history', async () => {
    const app = await withUnits()
    const staff = await app.ok('staff:create', an(app.vp))
    expect(staff).toMatchObject({
      unitId: app.vp,
      unitName: 'Văn phòng Sở',
      idNumber: '001099012345',
      phone: '0912345678',
      active: true,
      category: 'cong_chuc',
    })
    const detail = await app.ok('staff:get', { id: staff.id })
    expect(detail.history).toEqual([
      expect.objectContaining({ fromUnitId: null, toUnitId: app.vp, movedOn: todayInVietnam() }),
    ])
  })

  it('refuses an ID number already held by an active staff member, and allows it once that one left', async () => {
    const app = await withUnits()
    const first = await app.ok('staff:create', an(app.vp))
    const again = await app.call('staff:create', { ...an(app.tt), fullName: 'Nguyễn Văn Ân' })
    expect(again.ok).toBe(false)
    if (!again.ok) {
      expect(again.error.code).toBe('validation')
      expect(again.error.fieldErrors.idNumber).toContain('Nguyễn Văn An')
    }
    await app.ok('staff:update', { ...an(app.vp), id: first.id, active: false })
    const rehired = await app.ok('staff:create', an(app.tt))
    expect(rehired.unitId).toBe(app.tt)
    // The one who left cannot come back active while the ID is in use.
    const back = await app.call('staff:update', { ...an(app.vp), id: first.id, active: true })
    expect(back.ok).toBe(false)
    if (!back.ok) expect(back.error.fieldErrors.idNumber).toBeTruthy()
  })

  it('refuses bad fields with Vietnamese messages next to each field', async () => {
    const app = await withUnits()
    const result = await app.call('staff:create', {
      ...an(app.vp),
      idNumber: '12345',
      dateOfBirth: '2099-01-01',
      category: 'quan_ly' as never,
      phone: '12ab',
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(Object.keys(result.error.fieldErrors).sort()).toEqual([
      'category',
      'dateOfBirth',
      'idNumber',
      'phone',
    ])
    expect(result.error.fieldErrors.idNumber).toMatch(/12 chữ số/)
  })

  it('refuses an unknown or inactive unit', async () => {
    const app = await withUnits()
    await app.ok('units:setActive', { id: app.tt, active: false })
    for (const unitId of [app.tt, 999]) {
      const result = await app.call('staff:create', { ...an(unitId) })
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.fieldErrors.unitId).toBeTruthy()
    }
    expect((await app.ok('staff:list', { active: 'all' })).total).toBe(0)
  })

  it('moves a staff member between units and keeps the history in date order', async () => {
    const app = await withUnits()
    const staff = await app.ok('staff:create', an(app.vp))
    const today = todayInVietnam()
    const moved = await app.ok('staff:move', {
      id: staff.id,
      unitId: app.tt,
      movedOn: today,
      reason: 'Điều động',
    })
    expect(moved.unitId).toBe(app.tt)
    expect(moved.history.map((h) => [h.fromUnitName, h.toUnitName, h.reason])).toEqual([
      [null, 'Văn phòng Sở', null],
      ['Văn phòng Sở', 'Thanh tra Sở', 'Điều động'],
    ])
    const same = await app.call('staff:move', { id: staff.id, unitId: app.tt, movedOn: today })
    expect(same.ok).toBe(false)
    const earlier = await app.call('staff:move', { id: staff.id, unitId: app.vp, movedOn: '2020-01-01' })
    expect(earlier.ok).toBe(false)
    if (!earlier.ok) expect(earlier.error.fieldErrors.movedOn).toBeTruthy()
    const future = await app.call('staff:move', { id: staff.id, unitId: app.vp, movedOn: '2999-01-01' })
    expect(future.ok).toBe(false)
    if (!future.ok) expect(future.error.fieldErrors.movedOn).toBeTruthy()
  })

  it('searches without diacritics, filters by unit and category, sorts by given name', async () => {
    const app = await withUnits()
    await app.ok('staff:create', an(app.vp))
    await app.ok('staff:create', {
      ...an(app.tt),
      fullName: 'Trần Thị Bình',
      idNumber: '001199000002',
      category: 'vien_chuc',
    })
    await app.ok('staff:create', {
      ...an(app.vp),
      fullName: 'Lê Đức Anh',
      idNumber: '001199000003',
      category: 'hop_dong',
    })
    expect((await app.ok('staff:list', { q: 'binh' })).items.map((s) => s.fullName)).toEqual([
      'Trần Thị Bình',
    ])
    expect((await app.ok('staff:list', { q: 'duc' })).items.map((s) => s.fullName)).toEqual(['Lê Đức Anh'])
    expect((await app.ok('staff:list', { q: '0003' })).items.map((s) => s.fullName)).toEqual(['Lê Đức Anh'])
    expect((await app.ok('staff:list', { unitId: app.vp })).items.map((s) => s.fullName)).toEqual([
      'Nguyễn Văn An',
      'Lê Đức Anh',
    ])
    expect((await app.ok('staff:list', { category: 'vien_chuc' })).total).toBe(1)
    expect((await app.ok('staff:list', {})).items.map((s) => s.fullName)).toEqual([
      'Nguyễn Văn An',
      'Lê Đức Anh',
      'Trần Thị Bình',
    ])
  })

  it('lists who left apart, sorts by unit or by last change, and pages', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-23T03:00:00Z'))
    const app = await withUnits()
    await app.ok('staff:create', an(app.vp))
    await app.ok('staff:create', { ...an(app.tt), fullName: 'Trần Thị Bình', idNumber: '001199000002' })
    const cuong = await app.ok('staff:create', {
      ...an(app.vp),
      fullName: 'Lê Văn Cường',
      idNumber: '001199000003',
    })
    vi.setSystemTime(new Date('2026-11-23T03:05:00Z'))
    await app.ok('staff:update', {
      ...an(app.vp),
      id: cuong.id,
      fullName: 'Lê Văn Cường',
      idNumber: '001199000003',
      active: false,
    })

    const left = await app.ok('staff:list', { active: 'inactive' })
    expect(left.items.map((s) => [s.fullName, s.active])).toEqual([['Lê Văn Cường', false]])
    expect((await app.ok('staff:list', { active: 'all' })).total).toBe(3)
    // Units in name order (Thanh tra before Văn phòng), then given names.
    const byUnit = await app.ok('staff:list', { active: 'all', sort: 'unit' })
    expect(byUnit.items.map((s) => s.fullName)).toEqual(['Trần Thị Bình', 'Nguyễn Văn An', 'Lê Văn Cường'])
    const newest = await app.ok('staff:list', {
      active: 'all',
      sort: 'updatedAt',
      order: 'desc',
      pageSize: 1,
    })
    expect(newest.items.map((s) => s.fullName)).toEqual(['Lê Văn Cường'])
    expect(newest.total).toBe(3)
    const second = await app.ok('staff:list', { sort: 'name', pageSize: 1, page: 2 })
    expect(second.items.map((s) => s.fullName)).toEqual(['Trần Thị Bình'])
    expect(second.total).toBe(2)
  })

  it('orders names by the given name first', () => {
    const names = ['Trần Thị Bình', 'Lê Văn Anh', 'Nguyễn Văn An', 'Đỗ Ánh']
    expect([...names].sort((a, b) => (personSortKey(a) < personSortKey(b) ? -1 : 1))).toEqual([
      'Nguyễn Văn An',
      'Lê Văn Anh',
      'Đỗ Ánh',
      'Trần Thị Bình',
    ])
  })

  it('records changes in the audit trail with personal fields masked', async () => {
    const app = await withUnits()
    const staff = await app.ok('staff:create', an(app.vp))
    await app.ok('staff:update', {
      ...an(app.vp),
      id: staff.id,
      position: 'Phó Chánh Văn phòng',
      active: true,
    })
    const trail = await app.ok('audit:list', { entity: 'staff' })
    const text = JSON.stringify(trail.items)
    // The position names one person within a unit: masked like the name.
    expect(text).toContain('"position":{"before":"C***** v***","after":"P** C**** V** p****"}')
    expect(text).not.toContain('Phó Chánh Văn phòng')
    expect(text).not.toContain('001099012345')
    expect(text).not.toContain('Nguyễn Văn An')
  })

  it('belongs to the office role, not to the other roles', () => {
    const mine = ['staff.read', 'staff.write', 'vaccines.read', 'vaccines.write'] as const
    for (const p of mine) expect(permissionsOf(['office']).has(p)).toBe(true)
    for (const role of ['admin', 'reception', 'inspector'] as const)
      for (const p of mine) expect(permissionsOf([role]).has(p)).toBe(false)
  })
})
