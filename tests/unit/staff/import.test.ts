import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { databaseFingerprint } from '../helpers/fingerprint'
import { STAFF_HEADERS, staffRow, workbookBase64 } from '../helpers/xlsx-files'

async function withUnits(): Promise<TempApp> {
  const app = await tempApp()
  await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
  await app.ok('units:create', { code: 'TTR', name: 'Thanh tra Sở', kindCode: 'department' })
  return app
}

const file = (rows: Parameters<typeof workbookBase64>[1], above?: string[]) =>
  workbookBase64(STAFF_HEADERS, rows, { above })

async function readBook(base64: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer)
  return book
}

describe('staff import', () => {
  it('lists every row’s problems and writes nothing', async () => {
    const app = await withUnits()
    await app.ok('staff:create', {
      unitId: 1,
      fullName: 'Ngô Văn Đã Có',
      idNumber: '001099000099',
      category: 'cong_chuc',
    })
    const base64 = await file(
      [
        staffRow(1, 'Nguyễn Văn An', '001099000001', 'VP'),
        staffRow(2, 'Trần Thị Bình', '12345', 'VP'),
        staffRow(3, 'Lê Văn Cường', '001099000003', 'PHONG-X'),
        staffRow(4, 'Phạm Thị Dung', '001099000004', 'TTR', { dateOfBirth: '31/02/1990' }),
        staffRow(5, 'Hoàng Văn Em', '001099000001', 'TTR'),
        staffRow(6, 'Vũ Thị Giang', '001099000099', 'VP'),
        staffRow(7, 'Đặng Văn Hùng', '001099000007', 'Thanh tra Sở', { category: 'Quản lý', gender: 'X' }),
        staffRow(8, '', '001099000008', 'VP'),
      ],
      ['SỞ TƯ PHÁP', 'DANH SÁCH CÁN BỘ ĐƠN VỊ'],
    )
    const before = await databaseFingerprint(app.dataSource)
    const preview = await app.ok('staff:importPreview', { base64 })
    expect(await databaseFingerprint(app.dataSource)).toEqual(before)
    expect(preview.total).toBe(8)
    const errorsOf = (row: number) => preview.rows.find((r) => r.row === row)!.errors.join(' | ')
    // Two lines above the header: data starts on sheet row 4.
    expect(errorsOf(4)).toMatch(/trùng với dòng 8/)
    expect(errorsOf(5)).toMatch(/Số CCCD: .*12 chữ số/)
    expect(errorsOf(6)).toMatch(/Đơn vị: .*“PHONG-X”/)
    expect(errorsOf(7)).toMatch(/Ngày sinh: “31\/02\/1990” không hợp lệ/)
    expect(errorsOf(8)).toMatch(/trùng với dòng 4/)
    expect(errorsOf(9)).toMatch(/đã có trong danh sách .*Ngô Văn Đã Có/)
    expect(errorsOf(10)).toMatch(/Loại cán bộ: “Quản lý”/)
    expect(errorsOf(10)).toMatch(/Giới tính: “X”/)
    expect(errorsOf(10)).not.toMatch(/Đơn vị/) // a unit named in full is found
    expect(errorsOf(11)).toMatch(/Họ và tên: Không được để trống/)
    expect(preview.errorRows).toBe(8)

    const confirm = await app.call('staff:importConfirm', { base64 })
    expect(confirm.ok).toBe(false)
    if (!confirm.ok) expect(confirm.error.message).toMatch(/Còn 8 dòng có lỗi: chưa nhập dòng nào/)
    expect(await databaseFingerprint(app.dataSource)).toEqual(before)
  })

  it('imports every row of a good file in one go, with each one’s first line of history', async () => {
    const app = await withUnits()
    const base64 = await file([
      staffRow(1, 'Nguyễn Văn An', '001099000001', 'VP', { dateOfBirth: new Date(Date.UTC(1985, 3, 12)) }),
      // Typed as a number, Excel dropped the leading zeros.
      staffRow(2, 'Trần Thị Bình', 1199000002, 'ttr', { gender: 'nữ', category: 'vien chuc' }),
      staffRow(3, 'Lê Văn Cường', '001 099 000 003', 'Văn phòng Sở', { dateOfBirth: '2/3/1990' }),
    ])
    const preview = await app.ok('staff:importPreview', { base64 })
    expect(preview.errorRows).toBe(0)
    expect(preview.rows[0]!.values.dateOfBirth).toBe('12/04/1985')
    expect(await app.ok('staff:importConfirm', { fileName: 'vp.xlsx', base64 })).toEqual({ imported: 3 })
    const list = await app.ok('staff:list', { sort: 'name' })
    expect(
      list.items.map((s) => [s.fullName, s.idNumber, s.unitName, s.category, s.gender, s.dateOfBirth]),
    ).toEqual([
      ['Nguyễn Văn An', '001099000001', 'Văn phòng Sở', 'cong_chuc', 'male', '1985-04-12'],
      ['Trần Thị Bình', '001199000002', 'Thanh tra Sở', 'vien_chuc', 'female', '1985-04-12'],
      ['Lê Văn Cường', '001099000003', 'Văn phòng Sở', 'cong_chuc', 'male', '1990-03-02'],
    ])
    const detail = await app.ok('staff:get', { id: list.items[0]!.id })
    expect(detail.history).toHaveLength(1)
    // The same file twice: every row is now a duplicate of an active staff member.
    const again = await app.ok('staff:importPreview', { base64 })
    expect(again.errorRows).toBe(3)
  })

  it('imports a file longer than one insert, each row with its own history line and audit entry', async () => {
    const app = await withUnits()
    const rows = Array.from({ length: 1_201 }, (_, i) =>
      staffRow(i + 1, `Cán Bộ Số ${i + 1}`, `0010990${String(i).padStart(5, '0')}`, i % 3 ? 'VP' : 'TTR'),
    )
    expect(await app.ok('staff:importConfirm', { base64: await file(rows) })).toEqual({ imported: 1_201 })
    const staff = (await app.dataSource.query(
      `SELECT s.id, s.id_number, s.unit_id, h.to_unit_id, h.from_unit_id,
         (SELECT COUNT(*) FROM staff_unit_history x WHERE x.staff_id = s.id) AS moves
       FROM staff s JOIN staff_unit_history h ON h.staff_id = s.id ORDER BY s.id`,
    )) as Array<{
      id: number
      id_number: string
      unit_id: number
      to_unit_id: number
      from_unit_id: null
      moves: number
    }>
    expect(staff).toHaveLength(1_201)
    staff.forEach((s, i) => {
      expect(s.id_number).toBe(`0010990${String(i).padStart(5, '0')}`)
      expect([s.unit_id, s.to_unit_id, s.from_unit_id, s.moves]).toEqual([
        i % 3 ? 1 : 2,
        i % 3 ? 1 : 2,
        null,
        1,
      ])
    })
    const audited = (await app.dataSource.query(
      `SELECT entity_id FROM audit_log WHERE route = 'staff:importConfirm' AND entity_id IS NOT NULL ORDER BY id`,
    )) as Array<{ entity_id: string }>
    expect(audited.map((a) => Number(a.entity_id))).toEqual(staff.map((s) => s.id))
  })

  it('checks again on confirm: a row that became a duplicate since the preview stops the import', async () => {
    const app = await withUnits()
    const base64 = await file([
      staffRow(1, 'Nguyễn Văn An', '001099000001', 'VP'),
      staffRow(2, 'Trần Thị Bình', '001199000002', 'VP'),
    ])
    expect((await app.ok('staff:importPreview', { base64 })).errorRows).toBe(0)
    await app.ok('staff:create', {
      unitId: 2,
      fullName: 'Người khác',
      idNumber: '001199000002',
      category: 'hop_dong',
    })
    const confirm = await app.call('staff:importConfirm', { base64 })
    expect(confirm.ok).toBe(false)
    expect((await app.ok('staff:list', {})).total).toBe(1)
  })

  it('refuses a file that is not a workbook, has no header or no rows', async () => {
    const app = await withUnits()
    const notXlsx = Buffer.from('Họ và tên;Số CCCD\nAn;001099000001').toString('base64')
    const noHeader = await workbookBase64(['Tên', 'Số'], [['An', '1']])
    const noRows = await file([])
    for (const [base64, message] of [
      [notXlsx, /Không đọc được tệp/],
      [noHeader, /Không tìm thấy dòng tiêu đề/],
      [noRows, /không có dòng dữ liệu/],
    ] as const) {
      const result = await app.call('staff:importPreview', { base64 })
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.error.code).toBe('validation')
        expect(result.error.message).toMatch(message)
        expect(result.error.fieldErrors.base64).toBeTruthy()
      }
    }
  })

  it('offers a template whose header the import recognises, with the units and categories listed', async () => {
    const app = await withUnits()
    const template = await app.ok('staff:importTemplate', {})
    expect(template.fileName).toBe('mau-danh-sach-can-bo.xlsx')
    const book = await readBook(template.base64)
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Danh sách cán bộ',
      'Hướng dẫn',
      'Đơn vị',
      'Loại cán bộ',
    ])
    const units = book.getWorksheet('Đơn vị')!
    expect(units.getRow(2).values).toEqual([undefined, 'TTR', 'Thanh tra Sở'])
    // Fill the template's first sheet below its header and import it.
    const sheet = book.getWorksheet('Danh sách cán bộ')!
    sheet.addRow(staffRow(1, 'Nguyễn Văn An', '001099000001', 'VP').map((v) => v ?? ''))
    const filled = Buffer.from(await book.xlsx.writeBuffer()).toString('base64')
    expect(await app.ok('staff:importConfirm', { base64: filled })).toEqual({ imported: 1 })
  })

  it('exports the list in the template’s columns, ID numbers as text, and the export is audited', async () => {
    const app = await withUnits()
    await app.ok('staff:create', {
      unitId: 1,
      fullName: 'Nguyễn Văn An',
      idNumber: '001099000001',
      dateOfBirth: '1985-04-12',
      category: 'cong_chuc',
    })
    const out = await app.ok('staff:exportXlsx', {})
    const sheet = (await readBook(out.base64)).worksheets[0]!
    const header = (sheet.getRow(3).values as unknown[]).slice(1)
    expect(header.slice(0, 10)).toEqual(STAFF_HEADERS.map((h) => h.replace(' *', '')))
    const row = sheet.getRow(4).values as unknown[]
    expect(row[2]).toBe('Nguyễn Văn An')
    expect(row[3]).toEqual(new Date('1985-04-12T00:00:00Z'))
    expect(row[5]).toBe('001099000001')
    expect(row[9]).toBe('VP')
    const trail = await app.ok('audit:list', { entity: 'staff' })
    expect(trail.items.some((e) => JSON.stringify(e.changes).includes('Xuất danh sách cán bộ'))).toBe(true)
    // And what was exported imports elsewhere as it is.
    const other = await withUnits()
    expect(await other.ok('staff:importConfirm', { base64: out.base64 })).toEqual({ imported: 1 })
  })
})
