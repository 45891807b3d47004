import { describe, expect, it } from 'vitest'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { databaseFingerprint } from '../helpers/fingerprint'
import { STAFF_HEADERS, staffRow, workbookBase64 } from '../helpers/xlsx-files'
import type { CellInput } from '../helpers/xlsx-files'
import { todayInVietnam } from '@shared/staff/schemas'
import { BUILTIN_VACCINES } from '../../../src/main/db/migrations/0006-vaccines'
import { matchVaccine } from '../../../src/main/vaccines/aliases'

async function withUnits(): Promise<TempApp> {
  const app = await tempApp()
  await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
  return app
}

/** STAFF_HEADERS and a staff row without the columns at `drop` (indexes into STAFF_HEADERS). */
const without = <T>(drop: number[], row: T[]): T[] => row.filter((_, i) => !drop.includes(i))
const CATEGORY = STAFF_HEADERS.indexOf('Loại cán bộ *')
const GENDER = STAFF_HEADERS.indexOf('Giới tính')

describe('a staff list with a column missing or named otherwise', () => {
  it('names the missing column instead of “no header row”, and refuses to import until it is placed', async () => {
    const app = await withUnits()
    const headers = without([CATEGORY], STAFF_HEADERS)
    const base64 = await workbookBase64(headers, [
      without([CATEGORY], staffRow(1, 'Nguyễn Văn An', '001099000001', 'VP')),
    ])
    const preview = await app.ok('staff:importPreview', { base64 })
    expect(preview.header.complete).toBe(false)
    expect(preview.header.missing).toContainEqual({
      key: 'category',
      label: 'Loại cán bộ',
      required: true,
      choices: ['Công chức', 'Viên chức', 'Người lao động', 'Hợp đồng'],
    })
    expect(preview.rows).toEqual([])
    const before = await databaseFingerprint(app.dataSource)
    const confirm = await app.call('staff:importConfirm', { base64 })
    expect(confirm.ok).toBe(false)
    if (!confirm.ok) expect(confirm.error.message).toMatch(/Tệp thiếu cột: Loại cán bộ/)
    expect(await databaseFingerprint(app.dataSource)).toEqual(before)
  })

  it('gives every row the default chosen for a missing category and gender', async () => {
    const app = await withUnits()
    const drop = [CATEGORY, GENDER]
    const base64 = await workbookBase64(without(drop, STAFF_HEADERS), [
      without(drop, staffRow(1, 'Nguyễn Văn An', '001099000001', 'VP')),
      without(drop, staffRow(2, 'Trần Thị Bình', '001199000002', 'VP')),
    ])
    const mapping = { defaults: { category: 'Viên chức', gender: 'Nữ' } }
    const preview = await app.ok('staff:importPreview', { base64, mapping })
    expect(preview.header.complete).toBe(true)
    expect(preview.header.missing.map((c) => c.key)).toEqual(['gender', 'category'])
    expect(preview.errorRows).toBe(0)
    expect(preview.rows[0]!.values.category).toBe('Viên chức')
    expect(await app.ok('staff:importConfirm', { base64, mapping })).toEqual({ imported: 2 })
    const list = await app.ok('staff:list', { sort: 'name' })
    expect(list.items.map((s) => [s.fullName, s.category, s.gender])).toEqual([
      ['Nguyễn Văn An', 'vien_chuc', 'female'],
      ['Trần Thị Bình', 'vien_chuc', 'female'],
    ])
  })

  it('reads a column under a header it does not know once the clerk maps it, on preview and confirm', async () => {
    const app = await withUnits()
    const headers = STAFF_HEADERS.map((h) => (h === 'Loại cán bộ *' ? 'Ngạch / loại hợp đồng' : h))
    const base64 = await workbookBase64(
      headers,
      [
        staffRow(1, 'Nguyễn Văn An', '001099000001', 'VP', { category: 'Hợp đồng' }),
        staffRow(2, 'Trần Thị Bình', '001199000002', 'VP', { category: 'Người lao động' }),
      ],
      { above: ['DANH SÁCH CÁN BỘ'] },
    )
    const first = await app.ok('staff:importPreview', { base64 })
    expect(first.header.complete).toBe(false)
    expect(first.header.unrecognised).toEqual([{ column: CATEGORY + 1, header: 'Ngạch / loại hợp đồng' }])
    const mapping = { columns: { category: CATEGORY + 1 } }
    const mapped = await app.ok('staff:importPreview', { base64, mapping })
    expect(mapped.errorRows).toBe(0)
    expect(mapped.rows.map((r) => r.values.category)).toEqual(['Hợp đồng', 'Người lao động'])
    expect(await app.ok('staff:importConfirm', { base64, mapping })).toEqual({ imported: 2 })
    const list = await app.ok('staff:list', { sort: 'name' })
    expect(list.items.map((s) => s.category)).toEqual(['hop_dong', 'nguoi_lao_dong'])
  })

  it('refuses a mapping to a column the header row does not have', async () => {
    const app = await withUnits()
    const base64 = await workbookBase64(without([CATEGORY], STAFF_HEADERS), [
      without([CATEGORY], staffRow(1, 'Nguyễn Văn An', '001099000001', 'VP')),
    ])
    const result = await app.call('staff:importPreview', { base64, mapping: { columns: { category: 40 } } })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.fieldErrors.base64).toMatch(/Cột đã chọn không có/)
  })
})

describe('the end of the table', () => {
  it('stops at the signature lines under the list instead of reading them as rows', async () => {
    const app = await withUnits()
    const sign = (col: number, text: string): CellInput[] => [...Array<CellInput>(col).fill(null), text]
    const base64 = await workbookBase64(STAFF_HEADERS, [
      staffRow(1, 'Nguyễn Văn An', '001099000001', 'VP'),
      staffRow(2, 'Trần Thị Bình', '001199000002', 'VP'),
      sign(6, 'Hà Nội, ngày 15 tháng 9 năm 2021'),
      [null, 'NGƯỜI LẬP BIỂU', null, null, null, null, 'THỦ TRƯỞNG ĐƠN VỊ'],
      [null, '(Ký, ghi rõ họ tên)', null, null, null, null, '(Ký tên, đóng dấu)'],
      [null, 'Lê Thị Lập', null, null, null, null, 'Phạm Văn Trưởng'],
    ])
    const preview = await app.ok('staff:importPreview', { base64 })
    expect(preview.rows.map((r) => r.values.fullName)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình'])
    expect(preview.errorRows).toBe(0)
  })

  it('stops at the first empty row after the data, and still reads a row without an ID number as a row', async () => {
    const app = await withUnits()
    const base64 = await workbookBase64(STAFF_HEADERS, [
      staffRow(1, 'Nguyễn Văn An', '001099000001', 'VP'),
      staffRow(2, 'Thủ Trưởng Thiếu Số', '', 'VP'),
      [],
      [null, 'Lê Thị Lập'],
    ])
    const preview = await app.ok('staff:importPreview', { base64 })
    expect(preview.rows.map((r) => r.values.fullName)).toEqual(['Nguyễn Văn An', 'Thủ Trưởng Thiếu Số'])
    expect(preview.rows[1]!.errors.join()).toMatch(/Số CCCD/)
  })
})

describe('the usual names of each vaccine', () => {
  const catalogue = BUILTIN_VACCINES.map((name, i) => ({ id: i + 1, name }))
  const named = (text: string) => matchVaccine(catalogue, text)?.name ?? null

  it('finds the seeded entry by brand, maker or short form, ignoring case, marks and spaces', () => {
    const cases: Array<[string, string]> = [
      ['Vero Cell', 'Sinopharm Vero Cell'],
      ['verocell', 'Sinopharm Vero Cell'],
      ['SINOPHARM', 'Sinopharm Vero Cell'],
      ['Comirnaty', 'Pfizer-BioNTech'],
      ['Pfizer', 'Pfizer-BioNTech'],
      ['pfizer biontech', 'Pfizer-BioNTech'],
      ['Spikevax', 'Moderna'],
      ['Vaxzevria', 'AstraZeneca'],
      ['AZ', 'AstraZeneca'],
      ['Astra Zeneca', 'AstraZeneca'],
      ['Gam-COVID-Vac', 'Sputnik V'],
      ['sputnik v', 'Sputnik V'],
      ['Hayat Vax', 'Hayat-Vax'],
      ['abdala', 'Abdala'],
    ]
    expect(cases.map(([text]) => [text, named(text)])).toEqual(cases)
    expect(named('Vắc xin lạ')).toBeNull()
  })

  it('finds an entry the office added (Covaxin, Janssen) by its other names', () => {
    const more = [...catalogue, { id: 20, name: 'Covaxin' }, { id: 21, name: 'Janssen' }]
    expect(matchVaccine(more, 'BBV152')?.id).toBe(20)
    expect(matchVaccine(more, 'Johnson & Johnson')?.id).toBe(21)
  })

  it('imports a unit’s list that writes “Vero Cell” and “Comirnaty”', async () => {
    const app = await withUnits()
    await app.ok('staff:create', {
      unitId: 1,
      fullName: 'Trần Thị Bình',
      idNumber: '001199000001',
      category: 'vien_chuc',
    })
    const round = await app.ok('vaccineRounds:save', {
      name: 'Đợt 1',
      openedOn: '2021-07-01',
      deadline: todayInVietnam(),
    })
    const base64 = await workbookBase64(
      ['STT', 'Họ và tên', 'Số CCCD', 'Mũi đăng ký', 'Vắc xin', 'Mũi 1 - Vắc xin', 'Mũi 1 - Ngày tiêm'],
      [[1, 'Trần Thị Bình', '001199000001', 2, 'Vero Cell', 'Comirnaty', '05/08/2021']],
    )
    const input = { roundId: round.id, unitId: 1, base64 }
    const preview = await app.ok('vaccinations:importPreview', input)
    expect(preview.rows[0]!.errors).toEqual([])
    await app.ok('vaccinations:importConfirm', input)
    const list = await app.ok('vaccinations:list', { roundId: round.id })
    expect(list.items[0]).toMatchObject({ vaccineName: 'Sinopharm Vero Cell' })
  })
})
