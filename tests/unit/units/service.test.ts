import { describe, expect, it } from 'vitest'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'

const base = { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' }

async function unitCount(app: TempApp): Promise<number> {
  const [{ n }] = (await app.dataSource.query('SELECT COUNT(*) AS n FROM units')) as [{ n: number }]
  return n
}

describe('units', () => {
  it('creates a unit, normalising code, phone and email', async () => {
    const app = await tempApp()
    const unit = await app.ok('units:create', {
      ...base,
      code: ' vpcc-ntbl ',
      phone: '0292.3820 123',
      email: ' VP@CanTho.gov.vn ',
      address: '',
    })
    expect(unit).toMatchObject({
      code: 'VPCC-NTBL',
      name: 'Văn phòng Sở',
      kindName: 'Phòng chuyên môn, nghiệp vụ',
      phone: '02923820123',
      email: 'vp@cantho.gov.vn',
      address: null,
      active: true,
      parentId: null,
    })
    expect(await app.ok('units:get', { id: unit.id })).toEqual(unit)
  })

  it('edits a unit and keeps its id', async () => {
    const app = await tempApp()
    const unit = await app.ok('units:create', base)
    const edited = await app.ok('units:update', {
      ...base,
      id: unit.id,
      name: 'Văn phòng Sở Tư pháp',
      headName: 'Lê Thị Hà',
    })
    expect(edited.id).toBe(unit.id)
    expect(edited.name).toBe('Văn phòng Sở Tư pháp')
    expect(edited.headName).toBe('Lê Thị Hà')
  })

  it.each([
    [{ code: '' }, 'code', 'Không được để trống'],
    [{ code: 'VP CC' }, 'code', 'Mã chỉ gồm chữ không dấu'],
    [{ code: 'VĂN' }, 'code', 'Mã chỉ gồm chữ không dấu'],
    [{ name: '   ' }, 'name', 'Không được để trống'],
    [{ name: 'x'.repeat(201) }, 'name', 'Không quá 200 ký tự'],
    [{ phone: '12345' }, 'phone', 'Số điện thoại không hợp lệ'],
    [{ phone: '0123 456 789' }, 'phone', 'Số điện thoại không hợp lệ'],
    [{ phone: '091234567' }, 'phone', 'Số điện thoại không hợp lệ'],
    [{ email: 'vp@' }, 'email', 'Địa chỉ email không hợp lệ'],
    [{ kindCode: '' }, 'kindCode', 'Chọn loại đơn vị'],
    [{ kindCode: 'no_such_kind' }, 'kindCode', 'Chọn loại đơn vị'],
    [{ parentId: 999 }, 'parentId', 'Đơn vị cấp trên không tồn tại'],
    [{ parentId: -1 }, 'parentId', 'Giá trị không hợp lệ'],
  ])('refuses %j with a Vietnamese message on %s and writes nothing', async (patch, field, message) => {
    const app = await tempApp()
    const result = await app.call('units:create', { ...base, ...patch } as never)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('validation')
    expect(result.error.fieldErrors[field]).toContain(message)
    expect(await unitCount(app)).toBe(0)
  })

  it('accepts Vietnamese mobile, landline and +84 numbers', async () => {
    const app = await tempApp()
    for (const [i, phone] of [
      '0912 345 678',
      '0292 3820 123',
      '+84 912 345 678',
      '(0292) 3.820.123',
    ].entries()) {
      const unit = await app.ok('units:create', { ...base, code: `U${i}`, phone })
      expect(unit.phone).toMatch(/^(\+84|0)\d+$/)
    }
  })

  it('refuses a duplicate code, whatever its case, on the code field', async () => {
    const app = await tempApp()
    await app.ok('units:create', base)
    const result = await app.call('units:create', { ...base, code: 'vp', name: 'Khác' })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'validation', fieldErrors: { code: 'Mã đơn vị này đã có' } },
    })
    expect(await unitCount(app)).toBe(1)
  })

  it('refuses to make a unit its own ancestor', async () => {
    const app = await tempApp()
    const root = await app.ok('units:create', {
      ...base,
      code: 'STP',
      name: 'Sở Tư pháp',
      kindCode: 'agency',
    })
    const child = await app.ok('units:create', { ...base, parentId: root.id })
    const grandchild = await app.ok('units:create', {
      ...base,
      code: 'TO1',
      name: 'Tổ 1',
      parentId: child.id,
    })
    for (const parentId of [root.id, child.id, grandchild.id]) {
      const result = await app.call('units:update', {
        ...base,
        code: 'STP',
        name: 'Sở Tư pháp',
        kindCode: 'agency',
        id: root.id,
        parentId,
      })
      expect(result).toMatchObject({
        ok: false,
        error: { fieldErrors: { parentId: expect.stringContaining('cấp dưới') } },
      })
    }
    expect((await app.ok('units:get', { id: root.id })).parentId).toBeNull()
  })

  it('deactivates instead of deleting, and guards the tree', async () => {
    const app = await tempApp()
    const root = await app.ok('units:create', {
      ...base,
      code: 'STP',
      name: 'Sở Tư pháp',
      kindCode: 'agency',
    })
    const child = await app.ok('units:create', { ...base, parentId: root.id })
    const refused = await app.call('units:setActive', { id: root.id, active: false })
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect((await app.ok('units:setActive', { id: child.id, active: false })).active).toBe(false)
    expect((await app.ok('units:setActive', { id: root.id, active: false })).active).toBe(false)
    expect(await app.call('units:setActive', { id: child.id, active: true })).toMatchObject({
      ok: false,
      error: { fieldErrors: { parentId: 'Đơn vị cấp trên đã ngừng hoạt động' } },
    })
    expect(await unitCount(app)).toBe(2)
    const active = await app.ok('units:list', {})
    expect(active.total).toBe(0)
    const all = await app.ok('units:list', { active: 'all' })
    expect(all.items.map((u) => u.code).sort()).toEqual(['STP', 'VP'])
  })

  it('refuses an inactive parent for a new unit', async () => {
    const app = await tempApp()
    const old = await app.ok('units:create', { ...base, code: 'OLD', name: 'Cũ' })
    await app.ok('units:setActive', { id: old.id, active: false })
    const result = await app.call('units:create', { ...base, parentId: old.id })
    expect(result).toMatchObject({
      ok: false,
      error: { fieldErrors: { parentId: 'Đơn vị cấp trên đã ngừng hoạt động' } },
    })
  })

  it('answers not_found for a missing unit', async () => {
    const app = await tempApp()
    expect(await app.call('units:get', { id: 42 })).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await app.call('units:update', { ...base, id: 42 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
  })

  it('adds a unit kind and uses it', async () => {
    const app = await tempApp()
    await app.ok('unitKinds:create', { code: 'district_committee', name: 'UBND cấp huyện' })
    const unit = await app.ok('units:create', {
      ...base,
      code: 'UBND-NK',
      name: 'UBND quận Ninh Kiều',
      kindCode: 'district_committee',
    })
    expect(unit.kindName).toBe('UBND cấp huyện')
    expect(await app.call('unitKinds:create', { code: 'district_committee', name: 'x' })).toMatchObject({
      ok: false,
    })
  })
})

describe('unit search and sort', () => {
  async function seeded(): Promise<TempApp> {
    const app = await tempApp()
    const names: Array<[string, string, string]> = [
      ['HCM', 'Chi nhánh Hồ Chí Minh', 'other'],
      ['TTDVDG', 'Trung tâm Dịch vụ đấu giá tài sản', 'auction_center'],
      ['VPCC-NTBL', 'Văn phòng công chứng Nguyễn Thị Bích Liên', 'notary_office'],
      ['DUC', 'Phòng Đức Hòa', 'department'],
      ['AN', 'Phòng An Bình', 'department'],
      ['ANH', 'Phòng Ánh Dương', 'department'],
      ['BA', 'Phòng Bà Rịa', 'department'],
      ['EE', 'Phòng Ê Đê', 'department'],
    ]
    for (const [code, name, kindCode] of names) await app.ok('units:create', { code, name, kindCode })
    return app
  }

  it.each([
    ['ho chi minh', ['HCM']],
    ['Hồ Chí Minh', ['HCM']],
    ['dau gia', ['TTDVDG']],
    ['đấu giá', ['TTDVDG']],
    ['nguyen thi', ['VPCC-NTBL']],
    ['ntbl', ['VPCC-NTBL']],
    ['duc', ['DUC']],
    ['d', ['DUC', 'EE', 'TTDVDG', 'ANH']],
    ['ba', ['BA']],
    ['an binh', ['AN']],
    ['zzz', []],
    ['"; DROP TABLE units; --', []],
    ['100%_', []],
  ])('"%s" finds %j', async (q, codes) => {
    const app = await seeded()
    const page = await app.ok('units:list', { q, pageSize: 100 })
    expect(page.items.map((u) => u.code).sort()).toEqual([...codes].sort())
    expect(page.total).toBe(codes.length)
  })

  it('sorts names in Vietnamese order and pages', async () => {
    const app = await seeded()
    const page = await app.ok('units:list', { kindCode: 'department', pageSize: 3 })
    expect(page.total).toBe(5)
    expect(page.items.map((u) => u.name)).toEqual(['Phòng An Bình', 'Phòng Ánh Dương', 'Phòng Bà Rịa'])
    const next = await app.ok('units:list', { kindCode: 'department', pageSize: 3, page: 2 })
    expect(next.items.map((u) => u.name)).toEqual(['Phòng Đức Hòa', 'Phòng Ê Đê'])
    const desc = await app.ok('units:list', { kindCode: 'department', order: 'desc', pageSize: 1 })
    expect(desc.items[0]?.name).toBe('Phòng Ê Đê')
  })

  it('filters by kind', async () => {
    const app = await seeded()
    const page = await app.ok('units:list', { kindCode: 'notary_office' })
    expect(page.items.map((u) => u.code)).toEqual(['VPCC-NTBL'])
  })

  it('keeps the search index in step with edits', async () => {
    const app = await seeded()
    const [unit] = (await app.ok('units:list', { q: 'ho chi minh' })).items
    await app.ok('units:update', { id: unit!.id, code: 'HCM', name: 'Chi nhánh Cần Thơ', kindCode: 'other' })
    expect((await app.ok('units:list', { q: 'ho chi minh' })).total).toBe(0)
    expect((await app.ok('units:list', { q: 'can tho' })).items.map((u) => u.code)).toEqual(['HCM'])
  })
})

describe('unit list filters and options', () => {
  it('lists inactive units apart, sorts by code or kind, names each parent, and leaves inactive units out of the options unless asked', async () => {
    const app = await tempApp()
    const root = await app.ok('units:create', { code: 'STP', name: 'Sở Tư pháp', kindCode: 'agency' })
    await app.ok('units:create', {
      code: 'VP',
      name: 'Văn phòng Sở',
      kindCode: 'department',
      parentId: root.id,
    })
    const old = await app.ok('units:create', { code: 'CU', name: 'Phòng cũ', kindCode: 'department' })
    await app.ok('units:setActive', { id: old.id, active: false })

    const inactive = await app.ok('units:list', { active: 'inactive' })
    expect(inactive.items.map((u) => [u.code, u.active])).toEqual([['CU', false]])
    expect(inactive.total).toBe(1)
    const byCode = await app.ok('units:list', { active: 'all', sort: 'code', order: 'desc' })
    expect(byCode.items.map((u) => u.code)).toEqual(['VP', 'STP', 'CU'])
    expect(byCode.total).toBe(3)
    const byKind = await app.ok('units:list', { sort: 'kind' })
    expect(byKind.items.map((u) => [u.code, u.kindName, u.parentName])).toEqual([
      ['STP', 'Cơ quan (Sở)', null],
      ['VP', 'Phòng chuyên môn, nghiệp vụ', 'Sở Tư pháp'],
    ])

    expect((await app.ok('units:options', {})).map((u) => u.code)).toEqual(['STP', 'VP'])
    const all = await app.ok('units:options', { includeInactive: true })
    expect(all).toEqual([
      { id: old.id, code: 'CU', name: 'Phòng cũ', kindCode: 'department', parentId: null, active: false },
      { id: root.id, code: 'STP', name: 'Sở Tư pháp', kindCode: 'agency', parentId: null, active: true },
      expect.objectContaining({ code: 'VP', parentId: root.id, active: true }),
    ])
  })
})
