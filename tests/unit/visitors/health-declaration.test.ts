import { describe, expect, it } from 'vitest'
import { AuditLineEntity } from '@main/audit/entities'
import { tempApp } from '../helpers/temp-app'
import { inspectPdf } from '../helpers/pdf'

describe('the paper health declaration', () => {
  it('is pre-filled from the check-in, with the whole ID number, the answers ticked and the pledge to sign; each print is audited', async () => {
    const app = await tempApp()
    const unit = await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
    const visit = await app.ok('visits:checkIn', {
      visitor: {
        fullName: 'Trần Thị Bình',
        idType: 'cccd',
        idNumber: '092199000111',
        dateOfBirth: '1985-02-02',
        gender: 'female',
        phone: '0912345678',
        address: 'Cái Răng, Cần Thơ',
      },
      hostUnitId: unit.id,
      hostPerson: 'Ông Lê Văn Tâm',
      purpose: 'Nộp hồ sơ công chứng',
      health: {
        temperature: 36.8,
        symptoms: [],
        contactWithCase: false,
        fromCaseArea: false,
        declaredOnApp: true,
      },
    })
    const file = await app.ok('visits:healthDeclarationPdf', { id: visit.id })
    expect(file).toMatchObject({ fileName: `to-khai-y-te-${visit.id}.pdf`, mimeType: 'application/pdf' })
    const pdf = inspectPdf(Buffer.from(file.base64, 'base64'))
    expect(pdf.pages).toBe(1)
    const text = pdf.plain.replace(/\s+/g, ' ')
    for (const expected of [
      'TỜ KHAI Y TẾ',
      'Dành cho khách đến liên hệ công tác',
      'Họ và tên: Trần Thị Bình',
      'Ngày sinh: 02/02/1985',
      'Giới tính: Nữ',
      'Số Căn cước công dân: 092199000111',
      'Điện thoại: 0912345678',
      'Đến đơn vị: Văn phòng Sở',
      'Gặp: Ông Lê Văn Tâm',
      'Nội dung: Nộp hồ sơ công chứng',
      'Nhiệt độ đo tại cơ quan: 36,8 °C',
      'Tôi cam kết những thông tin trên là đúng sự thật',
      'NGƯỜI KHAI',
    ])
      expect(text).toContain(expected)
    // Each answer ticked in its column: "Không" for every screening question, "Có" for the app.
    const rows = pdf.text().split('\n')
    const columnOfX = (q: string) => {
      const row = rows.find((r) => r.includes(q)) ?? ''
      expect(row.match(/X/g), q).toHaveLength(1)
      return row.lastIndexOf('X')
    }
    const no = columnOfX('Có sốt không?')
    for (const q of ['Có ho không?', 'Có khó thở không?', 'có đến từ vùng']) expect(columnOfX(q)).toBe(no)
    expect(columnOfX('Đã khai báo y tế trên ứng dụng')).toBeLessThan(no)

    const trail = await app.dataSource
      .getRepository(AuditLineEntity)
      .findBy({ route: 'visits:healthDeclarationPdf' })
    expect(trail).toEqual([expect.objectContaining({ entity: 'visit', entityId: String(visit.id) })])
    expect(trail[0]!.changes).toContain('In tờ khai y tế')
  })
})
