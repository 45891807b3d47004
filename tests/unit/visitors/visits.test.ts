import ExcelJS from 'exceljs'
import { describe, expect, it, vi } from 'vitest'
import type { CheckInInput } from '@shared/visitors/schemas'
import { searchKeyOf } from '@shared/text/search-key'
import { maskIdNumber } from '@shared/visitors/cccd-qr'
import { vietnamDay } from '@shared/text/dates'
import { autoCheckOut } from '@main/visitors/check-out'
import { purgeExpiredVisitors } from '@main/visitors/retention'
import { lastCutoff, receptionJobs } from '@main/visitors/schedule'
import { silentLogger } from '@main/core/logger'
import { AuditRecorder } from '@main/audit/trail'
import { DEFAULT_RECEPTION_SETTINGS } from '@shared/settings/schemas'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { databaseFingerprint } from '../helpers/fingerprint'
import { sqlRun, sqlValue } from '../helpers/sql'
import { inspectPdf } from '../helpers/pdf'

const AN = { fullName: 'Nguyễn Văn An', idType: 'cccd' as const, idNumber: '001099012345' }

const HEALTHY = { temperature: 36.5, symptoms: [], contactWithCase: false, fromCaseArea: false }

/** Two units; screening off unless asked (its own tests below), so other rules are tested alone. */
async function withUnits(screeningRequired = false): Promise<TempApp & { vp: number; tt: number }> {
  const app = await tempApp()
  const vp = (await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })).id
  const tt = (await app.ok('units:create', { code: 'TT', name: 'Thanh tra Sở', kindCode: 'department' })).id
  await app.ok('settings:updateReception', { ...DEFAULT_RECEPTION_SETTINGS, screeningRequired })
  return Object.assign(app, { vp, tt })
}

const checkIn = (app: TempApp & { vp: number }, extra: Partial<CheckInInput> = {}) =>
  app.call('visits:checkIn', { visitor: AN, hostUnitId: app.vp, ...extra })

async function expectFieldError(
  result: Awaited<ReturnType<TempApp['call']>>,
  field: string,
  message: RegExp,
): Promise<void> {
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(result.error.fieldErrors[field], JSON.stringify(result.error)).toMatch(message)
}

describe('check-in', () => {
  it('registers a new visitor and shows them inside, ID masked in lists', async () => {
    const app = await withUnits()
    const visit = await app.ok('visits:checkIn', {
      visitor: { ...AN, phone: '0912 345 678', dateOfBirth: '1990-03-15', gender: 'male' },
      hostUnitId: app.vp,
      purpose: 'Nộp hồ sơ công chứng',
      badgeNumber: 'K-07',
      health: { temperature: 36.6, symptoms: [], declaredOnApp: true },
    })
    expect(visit).toMatchObject({
      visitorName: 'Nguyễn Văn An',
      idNumberMasked: '••••••••2345',
      phone: '0912345678',
      hostUnitName: 'Văn phòng Sở',
      outcome: 'admitted',
      checkedOutAt: null,
      temperature: 36.6,
      declaredOnApp: true,
    })
    const inside = await app.ok('visits:inside', {})
    expect(inside.count).toBe(1)
    expect(inside.items[0]?.id).toBe(visit.id)
  })

  it('recognises a returning visitor by ID number and keeps the stored accented name', async () => {
    const app = await withUnits()
    const first = await app.ok('visits:checkIn', {
      visitor: { ...AN, phone: '0912345678', address: 'Ninh Kiều' },
      hostUnitId: app.vp,
    })
    const out = await app.ok('visits:checkOut', { id: first.id })
    expect(out.checkedOutAt).not.toBeNull()
    expect(out).toEqual(await app.ok('visits:get', { id: first.id }))
    // A keyboard-mode scanner lost the diacritics; the new address waits for confirmation.
    const again = await app.ok('visits:checkIn', {
      visitor: { ...AN, fullName: 'Nguyen Van An', address: 'Cái Răng' },
      hostUnitId: app.tt,
    })
    expect(again.visitorId).toBe(first.visitorId)
    expect(again.visitorName).toBe('Nguyễn Văn An')
    expect((await app.ok('visitors:lookup', { idNumber: AN.idNumber })).visitor?.address).toBe('Ninh Kiều')
    await app.ok('visits:checkOut', { id: again.id })
    // Confirmed: the latest details win.
    await app.ok('visits:checkIn', {
      visitor: { ...AN, address: 'Cái Răng', phone: '0987654321' },
      hostUnitId: app.tt,
      updateVisitor: true,
    })
    const stored = (await app.ok('visitors:lookup', { idNumber: AN.idNumber })).visitor
    expect(stored).toMatchObject({ fullName: 'Nguyễn Văn An', address: 'Cái Răng', phone: '0987654321' })
    const history = await app.ok('visitors:history', { id: first.visitorId })
    expect(history.visits.map((v) => v.hostUnitName)).toEqual([
      'Thanh tra Sở',
      'Thanh tra Sở',
      'Văn phòng Sở',
    ])
  })

  it('answers a check-in with the visit exactly as it is stored', async () => {
    const app = await withUnits()
    const first = await app.ok('visits:checkIn', {
      visitor: { ...AN, phone: '0912345678', organisation: 'Công ty Luật Đông Á' },
      hostUnitId: app.vp,
      purpose: 'Nộp hồ sơ',
      badgeNumber: 'K-01',
      health: { ...HEALTHY, declaredOnApp: null },
      maskWorn: false,
    })
    expect(await app.ok('visits:get', { id: first.id })).toEqual(first)
    await app.ok('visits:checkOut', { id: first.id })
    const again = await app.ok('visits:checkIn', {
      visitor: { ...AN, fullName: 'NGUYEN VAN AN', phone: '0987654321' },
      hostUnitId: app.tt,
      health: { ...HEALTHY, symptoms: ['cough', 'cough'], contactWithCase: true },
      confirmRefusal: true,
      updateVisitor: true,
    })
    expect(again).toMatchObject({ outcome: 'refused', visitorName: 'NGUYEN VAN AN', phone: '0987654321' })
    expect(await app.ok('visits:get', { id: again.id })).toEqual(again)
    // Typed differently without confirming: the stored name stays, and the answer says so.
    const third = await app.ok('visits:checkIn', {
      visitor: { ...AN, fullName: 'Nguyễn Văn Ân', phone: null },
      hostUnitId: app.vp,
      health: HEALTHY,
    })
    expect(third).toMatchObject({ visitorName: 'NGUYEN VAN AN', phone: '0987654321' })
    expect(await app.ok('visits:get', { id: third.id })).toEqual(third)
  })

  it('refuses bad input with Vietnamese messages next to the field and writes nothing', async () => {
    const app = await withUnits()
    const before = await databaseFingerprint(app.dataSource)
    await expectFieldError(
      await checkIn(app, { visitor: { ...AN, idNumber: '00109901234' } }),
      'visitor.idNumber',
      /12 chữ số/,
    )
    await expectFieldError(
      await checkIn(app, { visitor: { ...AN, idType: 'cmnd', idNumber: '0123' } }),
      'visitor.idNumber',
      /9 chữ số/,
    )
    await expectFieldError(
      await checkIn(app, { visitor: { ...AN, idType: 'passport', idNumber: 'C-12' } }),
      'visitor.idNumber',
      /hộ chiếu/,
    )
    await expectFieldError(
      await checkIn(app, { visitor: { ...AN, phone: '12345' } }),
      'visitor.phone',
      /điện thoại/,
    )
    await expectFieldError(
      await checkIn(app, { health: { temperature: 3.7 } }),
      'health.temperature',
      /từ 34 đến 43 °C/,
    )
    await expectFieldError(
      await checkIn(app, { checkedInAt: new Date(Date.now() + 3_600_000).toISOString() }),
      'checkedInAt',
      /tương lai/,
    )
    await expectFieldError(
      await checkIn(app, { checkedInAt: new Date(Date.now() - 3_600_000).toISOString() }),
      'lateReason',
      /lý do/,
    )
    await expectFieldError(await checkIn(app, { hostUnitId: 999 }), 'hostUnitId', /không tồn tại/)
    await app.ok('units:setActive', { id: app.tt, active: false })
    const afterDeactivate = await databaseFingerprint(app.dataSource)
    await expectFieldError(await checkIn(app, { hostUnitId: app.tt }), 'hostUnitId', /ngừng hoạt động/)
    expect(await databaseFingerprint(app.dataSource)).toEqual(afterDeactivate)
    expect(before.visits).toEqual([])
  })

  it('accepts a late entry with its reason', async () => {
    const app = await withUnits()
    const at = new Date(Date.now() - 2 * 3_600_000).toISOString()
    const visit = await app.ok('visits:checkIn', {
      visitor: AN,
      hostUnitId: app.vp,
      checkedInAt: at,
      lateReason: 'Mất điện, ghi sổ tay',
    })
    expect(visit).toMatchObject({ checkedInAt: at, lateReason: 'Mất điện, ghi sổ tay' })
  })

  it('asks before refusing a visitor with fever, symptoms or contact, then records the refusal', async () => {
    const app = await withUnits()
    const first = await checkIn(app, { health: { temperature: 38.2, symptoms: ['cough'] } })
    expect(first.ok).toBe(false)
    if (first.ok) return
    expect(first.error.code).toBe('conflict')
    expect(first.error.fieldErrors.confirmRefusal).toMatch(/sốt 38.2 °C, ho/)
    expect((await databaseFingerprint(app.dataSource)).visits).toEqual([])

    const refused = await app.ok('visits:checkIn', {
      visitor: AN,
      hostUnitId: app.vp,
      health: { temperature: 38.2, symptoms: ['cough'] },
      confirmRefusal: true,
    })
    expect(refused).toMatchObject({
      outcome: 'refused',
      refusalReasons: 'sốt 38.2 °C, ho',
      checkedOutAt: null,
    })
    expect((await app.ok('visits:inside', {})).count).toBe(0)
    const out = await app.call('visits:checkOut', { id: refused.id })
    expect(out).toMatchObject({ ok: false, error: { code: 'conflict' } })

    const contact = await checkIn(app, {
      visitor: { fullName: 'Lê Thị Bé', idType: 'none' },
      health: { contactWithCase: true },
    })
    expect(contact.ok).toBe(false)
    if (!contact.ok) expect(contact.error.fieldErrors.confirmRefusal).toMatch(/tiếp xúc/)
    // 37.4 °C is not a fever.
    expect(
      (
        await checkIn(app, {
          visitor: { fullName: 'Lê Thị Bé', idType: 'none' },
          health: { temperature: 37.4 },
        })
      ).ok,
    ).toBe(true)
  })

  it('warns when the same person is already inside', async () => {
    const app = await withUnits()
    await app.ok('visits:checkIn', { visitor: AN, hostUnitId: app.vp })
    const again = await checkIn(app, { hostUnitId: app.tt })
    expect(again.ok).toBe(false)
    if (!again.ok) expect(again.error.fieldErrors.confirmInside).toMatch(/đang ở trong cơ quan/)
    expect((await checkIn(app, { hostUnitId: app.tt, confirmInside: true })).ok).toBe(true)
    expect((await app.ok('visits:inside', {})).count).toBe(2)
  })

  it('stops on the watchlist by ID number or by name without diacritics, and records the confirmation', async () => {
    const app = await withUnits()
    await app.ok('watchlist:create', { fullName: 'TRAN VAN BINH', reason: 'Gây rối ngày 02/11' })
    await app.ok('watchlist:create', { idNumber: AN.idNumber, reason: 'Giả mạo giấy tờ' })
    const byName = await app.call('visits:checkIn', {
      visitor: { fullName: 'Trần Văn Bình', idType: 'none' },
      hostUnitId: app.vp,
    })
    expect(byName.ok).toBe(false)
    if (!byName.ok) expect(byName.error.fieldErrors.confirmWatch).toMatch(/Gây rối ngày 02\/11/)
    const byId = await checkIn(app)
    expect(byId.ok).toBe(false)
    if (!byId.ok) expect(byId.error.fieldErrors.confirmWatch).toMatch(/Giả mạo giấy tờ/)

    const visit = await app.ok('visits:checkIn', { visitor: AN, hostUnitId: app.vp, confirmWatch: true })
    expect(visit.watchReason).toBe('Giả mạo giấy tờ')
    const trail = await app.ok('audit:list', { entity: 'visit' })
    expect(JSON.stringify(trail.items)).toContain('người trực đã xác nhận tiếp nhận')

    // A deactivated entry no longer stops anyone.
    const list = await app.ok('watchlist:list', {})
    const entry = list.find((w) => w.fullName === 'TRAN VAN BINH')!
    await app.ok('watchlist:update', {
      id: entry.id,
      fullName: entry.fullName,
      reason: entry.reason,
      active: false,
    })
    expect(
      (
        await app.call('visits:checkIn', {
          visitor: { fullName: 'Trần Văn Bình', idType: 'none' },
          hostUnitId: app.vp,
        })
      ).ok,
    ).toBe(true)
  })

  it('masks personal fields in the audit trail', async () => {
    const app = await withUnits()
    await app.ok('visits:checkIn', { visitor: { ...AN, phone: '0912345678' }, hostUnitId: app.vp })
    const trail = await app.ok('audit:list', { entity: 'visitor' })
    const text = JSON.stringify(trail.items)
    expect(text).not.toContain('Nguyễn Văn An')
    expect(text).not.toContain('001099012345')
    expect(text).toContain('N***** V** A*')
  })
})

describe('screening at the desk (on by default)', () => {
  it('refuses a check-in without temperature or screening answers, on each field, writing nothing', async () => {
    const app = await tempApp()
    expect((await app.ok('settings:getReception', {})).screeningRequired).toBe(true)
    const vp = (await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })).id
    const before = await databaseFingerprint(app.dataSource)
    const bare = await app.call('visits:checkIn', { visitor: AN, hostUnitId: vp })
    expect(bare.ok).toBe(false)
    if (!bare.ok)
      expect(bare.error.fieldErrors).toMatchObject({
        'health.temperature': 'Đo và nhập nhiệt độ của khách',
        'health.symptoms': 'Hỏi khách: có triệu chứng nào không?',
        'health.contactWithCase': 'Hỏi khách: có tiếp xúc với ca bệnh không?',
        'health.fromCaseArea': 'Hỏi khách: có đến từ vùng có ca bệnh không?',
      })
    // "No symptom" is an answer ([]); a missing answer (null) is not.
    const halfAsked = await app.call('visits:checkIn', {
      visitor: AN,
      hostUnitId: vp,
      health: { ...HEALTHY, contactWithCase: null },
    })
    expect(halfAsked.ok).toBe(false)
    if (!halfAsked.ok) expect(Object.keys(halfAsked.error.fieldErrors)).toEqual(['health.contactWithCase'])
    expect(await databaseFingerprint(app.dataSource)).toEqual(before)
    const visit = await app.ok('visits:checkIn', { visitor: AN, hostUnitId: vp, health: HEALTHY })
    expect(visit).toMatchObject({
      temperature: 36.5,
      symptoms: [],
      contactWithCase: false,
      outcome: 'admitted',
    })
  })

  it('accepts a check-in without screening once the office stops screening', async () => {
    const app = await withUnits(true)
    expect((await checkIn(app)).ok).toBe(false)
    await app.ok('settings:updateReception', { ...DEFAULT_RECEPTION_SETTINGS, screeningRequired: false })
    const visit = await app.ok('visits:checkIn', { visitor: AN, hostUnitId: app.vp })
    expect(visit).toMatchObject({
      temperature: null,
      symptoms: [],
      contactWithCase: false,
      fromCaseArea: false,
    })
  })
})

describe('what the card says beyond the number', () => {
  const CARD = { ...AN, oldIdNumber: '361234567', idIssueDate: '2021-08-10' }

  it('keeps the old CMND number and the issue date, shows them in the record, finds the visitor by the old number', async () => {
    const app = await withUnits()
    const visit = await app.ok('visits:checkIn', { visitor: CARD, hostUnitId: app.vp })
    const { visitor } = await app.ok('visitors:history', { id: visit.visitorId })
    // Masked like the card's number; the whole one only through the audited reveal.
    expect(visitor).toMatchObject({ oldIdNumberMasked: maskIdNumber('361234567'), idIssueDate: '2021-08-10' })
    expect(JSON.stringify(visitor)).not.toContain('361234567')
    expect(await app.ok('visitors:revealIdNumber', { id: visit.visitorId })).toEqual({
      idNumber: AN.idNumber,
      oldIdNumber: '361234567',
    })
    const found = await app.ok('visits:search', { q: '361234567' })
    expect(found.items.map((v) => v.visitorName)).toEqual(['Nguyễn Văn An'])
    expect((await app.ok('visitors:suggest', { q: '36123' })).map((v) => v.fullName)).toEqual([
      'Nguyễn Văn An',
    ])
    const trail = JSON.stringify((await app.ok('audit:list', { entity: 'visitor' })).items)
    expect(trail).not.toContain('361234567')
  })

  it('fills them in for a returning visitor who had none, and refuses an old number that is not 9 digits', async () => {
    const app = await withUnits()
    const first = await app.ok('visits:checkIn', { visitor: AN, hostUnitId: app.vp })
    await app.ok('visits:checkOut', { id: first.id })
    await app.ok('visits:checkIn', { visitor: CARD, hostUnitId: app.vp })
    expect((await app.ok('visitors:lookup', { idNumber: AN.idNumber })).visitor).toMatchObject({
      oldIdNumberMasked: maskIdNumber('361234567'),
      idIssueDate: '2021-08-10',
    })
    expect((await app.ok('visits:search', { q: '361234567' })).total).toBe(2)
    await expectFieldError(
      await checkIn(app, { visitor: { ...AN, oldIdNumber: '36123' } }),
      'visitor.oldIdNumber',
      /9 chữ số/,
    )
  })
})

describe('the lookup when an ID is read', () => {
  it('says whether the person is inside now, with the visit to check out', async () => {
    const app = await withUnits()
    expect(await app.ok('visitors:lookup', { idNumber: AN.idNumber })).toMatchObject({
      visitor: null,
      insideVisit: null,
    })
    const visit = await app.ok('visits:checkIn', { visitor: AN, hostUnitId: app.vp })
    const inside = await app.ok('visitors:lookup', { idNumber: AN.idNumber })
    expect(inside.insideVisit).toMatchObject({
      id: visit.id,
      hostUnitName: 'Văn phòng Sở',
      checkedOutAt: null,
    })
    await app.ok('visits:checkOut', { id: visit.id })
    expect((await app.ok('visitors:lookup', { idNumber: AN.idNumber })).insideVisit).toBeNull()
  })
})

describe('the watchlist', () => {
  it('lists ID numbers masked like every other list; the office opens an entry to see the whole number', async () => {
    const app = await withUnits()
    const created = await app.ok('watchlist:create', { idNumber: AN.idNumber, reason: 'Giả mạo giấy tờ' })
    expect(created).not.toHaveProperty('idNumber')
    const [listed] = await app.ok('watchlist:list', {})
    expect(listed).toMatchObject({ idNumberMasked: '••••••••2345', reason: 'Giả mạo giấy tờ' })
    expect(JSON.stringify(await app.ok('watchlist:list', {}))).not.toContain(AN.idNumber)
    expect(await app.ok('watchlist:get', { id: listed!.id })).toMatchObject({ idNumber: AN.idNumber })
  })
})

describe('check-out', () => {
  it('checks out now; refuses a second check-out, a time before check-in, and an edited time without reason', async () => {
    const app = await withUnits()
    const visit = await app.ok('visits:checkIn', { visitor: AN, hostUnitId: app.vp })
    await expectFieldError(
      await app.call('visits:checkOut', { id: visit.id, checkedOutAt: '2020-01-01T00:00:00Z', reason: 'x' }),
      'checkedOutAt',
      /trước giờ vào/,
    )
    const out = await app.ok('visits:checkOut', { id: visit.id })
    expect(out.checkedOutAt).not.toBeNull()
    expect(out.checkOutKind).toBe('manual')
    expect(await app.call('visits:checkOut', { id: visit.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Khách đã ra về rồi' },
    })
    expect((await app.ok('visits:inside', {})).count).toBe(0)

    const late = await app.ok('visits:checkIn', {
      visitor: { fullName: 'Phạm Thị Cúc', idType: 'none' },
      hostUnitId: app.vp,
      checkedInAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      lateReason: 'Nhập bù',
    })
    const earlier = new Date(Date.now() - 3_600_000).toISOString()
    await expectFieldError(
      await app.call('visits:checkOut', { id: late.id, checkedOutAt: earlier }),
      'reason',
      /lý do/,
    )
    expect(
      await app.ok('visits:checkOut', { id: late.id, checkedOutAt: earlier, reason: 'Quên bấm ra' }),
    ).toMatchObject({
      checkedOutAt: earlier,
      checkOutReason: 'Quên bấm ra',
    })
  })

  it('at closing time checks out exactly the visits the user confirmed', async () => {
    const app = await withUnits()
    const a = await app.ok('visits:checkIn', { visitor: AN, hostUnitId: app.vp })
    const b = await app.ok('visits:checkIn', {
      visitor: { fullName: 'Lê Văn Bảo', idType: 'none' },
      hostUnitId: app.tt,
    })
    const listed = (await app.ok('visits:inside', {})).items.map((v) => v.id)
    const newcomer = await app.ok('visits:checkIn', {
      visitor: { fullName: 'Hồ Thị Cam', idType: 'none' },
      hostUnitId: app.tt,
    })
    expect(await app.ok('visits:checkOutAll', { ids: listed })).toEqual({ count: 2 })
    const inside = await app.ok('visits:inside', {})
    expect(inside.items.map((v) => v.id)).toEqual([newcomer.id])
    expect((await app.ok('visits:get', { id: a.id })).checkOutKind).toBe('closing')
    expect((await app.ok('visits:get', { id: b.id })).checkOutKind).toBe('closing')
    expect(await app.ok('visits:checkOutAll', { ids: listed })).toEqual({ count: 0 })
  })

  it('at closing time never checks a visit out before it began', async () => {
    const app = await withUnits()
    // A desk clock a minute ahead of the server's: allowed, within the clock skew.
    const ahead = new Date(Date.now() + 60_000).toISOString()
    const visit = await app.ok('visits:checkIn', { visitor: AN, hostUnitId: app.vp, checkedInAt: ahead })
    expect(await app.ok('visits:checkOutAll', { ids: [visit.id] })).toEqual({ count: 1 })
    expect(await app.ok('visits:get', { id: visit.id })).toMatchObject({
      checkedInAt: ahead,
      checkedOutAt: ahead,
      checkOutKind: 'closing',
    })
  })

  it('lists who is inside one unit only, in the order they came', async () => {
    const app = await withUnits()
    const first = await app.ok('visits:checkIn', {
      visitor: { fullName: 'Lê Văn Bảo', idType: 'none' },
      hostUnitId: app.tt,
      checkedInAt: new Date(Date.now() - 60_000).toISOString(),
    })
    await app.ok('visits:checkIn', { visitor: AN, hostUnitId: app.vp })
    const second = await app.ok('visits:checkIn', {
      visitor: { fullName: 'Hồ Thị Cam', idType: 'none' },
      hostUnitId: app.tt,
    })
    const inside = await app.ok('visits:inside', { hostUnitId: app.tt })
    expect(inside).toMatchObject({ count: 2 })
    expect(inside.items.map((v) => v.id)).toEqual([first.id, second.id])
    expect((await app.ok('visits:inside', {})).count).toBe(3)
  })

  it('the automatic check-out closes visits that began before the cut-off, at the cut-off', async () => {
    const app = await withUnits()
    const early = await app.ok('visits:checkIn', {
      visitor: AN,
      hostUnitId: app.vp,
      checkedInAt: new Date(Date.now() - 5 * 3_600_000).toISOString(),
      lateReason: 'Nhập bù',
    })
    const recent = await app.ok('visits:checkIn', {
      visitor: { fullName: 'Lê Văn Bảo', idType: 'none' },
      hostUnitId: app.vp,
    })
    const cutoff = new Date(Date.now() - 3_600_000)
    const result = await app.dataSource.transaction((m) =>
      autoCheckOut({ m, now: new Date(), audit: new AuditRecorder(), userId: null }, cutoff),
    )
    expect(result).toEqual({ count: 1 })
    expect(await app.ok('visits:get', { id: early.id })).toMatchObject({
      checkedOutAt: cutoff.toISOString(),
      checkOutKind: 'automatic',
    })
    expect((await app.ok('visits:get', { id: recent.id })).checkedOutAt).toBeNull()
  })

  it('editing a finished visit needs a reason, which the audit trail keeps', async () => {
    const app = await withUnits()
    const visit = await app.ok('visits:checkIn', { visitor: AN, hostUnitId: app.vp, purpose: 'Hỏi thủ tục' })
    await app.ok('visits:checkOut', { id: visit.id })
    const edit = { id: visit.id, hostUnitId: app.tt, checkedInAt: visit.checkedInAt, checkedOutAt: null }
    await expectFieldError(await app.call('visits:edit', edit), 'reason', /lý do/)
    const edited = await app.ok('visits:edit', {
      ...edit,
      checkedOutAt: new Date().toISOString(),
      reason: 'Khách làm việc với Thanh tra',
    })
    expect(edited.hostUnitName).toBe('Thanh tra Sở')
    const trail = JSON.stringify((await app.ok('audit:list', { entity: 'visit' })).items)
    expect(trail).toContain('Lý do sửa: Khách làm việc với Thanh tra')
  })
  it('correcting a visit closed without a recorded time keeps the mark while that time stays', async () => {
    const app = await withUnits()
    const visit = await app.ok('visits:checkIn', {
      visitor: AN,
      hostUnitId: app.vp,
      checkedInAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      lateReason: 'Nhập bù',
    })
    await app.dataSource.transaction((m) => purgeExpiredVisitors(m, new Date(), 30))
    const closed = await app.ok('visits:get', { id: visit.id })
    expect(closed).toMatchObject({ checkOutUnrecorded: true, checkOutKind: 'automatic' })
    const edit = {
      id: visit.id,
      hostUnitId: app.vp,
      checkedInAt: visit.checkedInAt,
      checkedOutAt: closed.checkedOutAt,
      note: 'Khách để quên ô',
      reason: 'Ghi chú thêm',
    }
    expect(await app.ok('visits:edit', edit)).toMatchObject({
      checkOutUnrecorded: true,
      checkOutKind: 'automatic',
      note: 'Khách để quên ô',
    })
    const known = new Date(Date.parse(visit.checkedInAt) + 3_600_000).toISOString()
    expect(await app.ok('visits:edit', { ...edit, checkedOutAt: known })).toMatchObject({
      checkedOutAt: known,
      checkOutUnrecorded: false,
      checkOutKind: 'automatic',
    })
    expect(await app.ok('visits:edit', { ...edit, checkedOutAt: null })).toMatchObject({
      checkedOutAt: null,
      checkOutUnrecorded: false,
      checkOutKind: null,
    })
    const reopened = await app.ok('visits:edit', { ...edit, checkedOutAt: known })
    expect(reopened.checkOutKind).toBe('manual')
  })
})

describe('search', () => {
  async function visitors(app: TempApp & { vp: number; tt: number }) {
    const people = [
      { fullName: 'Nguyễn Văn An', idType: 'cccd' as const, idNumber: '001099012345', phone: '0912345678' },
      {
        fullName: 'Đặng Thị Đào',
        idType: 'cccd' as const,
        idNumber: '092199000111',
        organisation: 'Công ty Luật Đông Á',
      },
      { fullName: 'Trần Nguyên Khang', idType: 'none' as const },
    ]
    for (const [i, visitor] of people.entries())
      await app.ok('visits:checkIn', { visitor, hostUnitId: i === 1 ? app.tt : app.vp, confirmInside: true })
  }

  it('finds visits by name without diacritics, "d" for "đ", ID number, phone, organisation, unit and outcome', async () => {
    const app = await withUnits()
    await visitors(app)
    const names = async (q: Record<string, unknown>) =>
      (await app.ok('visits:search', q)).items.map((v) => v.visitorName)
    expect(await names({ q: 'nguyen van' })).toEqual(['Nguyễn Văn An'])
    expect(await names({ q: 'nguyen' })).toEqual(['Trần Nguyên Khang', 'Nguyễn Văn An'])
    expect(await names({ q: 'dang dao' })).toEqual(['Đặng Thị Đào'])
    expect(await names({ q: '0111' })).toEqual(['Đặng Thị Đào'])
    expect(await names({ q: '0912345678' })).toEqual(['Nguyễn Văn An'])
    expect(await names({ q: 'dong a' })).toEqual(['Đặng Thị Đào'])
    expect(await names({ hostUnitId: app.tt })).toEqual(['Đặng Thị Đào'])
    expect(await names({ outcome: 'refused' })).toEqual([])
    const [khang] = (await app.ok('visits:search', { q: 'khang' })).items
    expect(await names({ visitorId: khang!.visitorId })).toEqual(['Trần Nguyên Khang'])
    expect(await names({ q: 'nguyen', visitorId: khang!.visitorId, outcome: 'admitted' })).toEqual([
      'Trần Nguyên Khang',
    ])
    expect(await app.ok('visits:search', { q: 'khong ai ten nay' })).toMatchObject({ items: [], total: 0 })
    // The Vietnam day: from 17:00 UTC the UTC date is still yesterday there.
    const today = vietnamDay(Date.now())
    expect((await app.ok('visits:search', { from: '2020-01-01', to: '2020-12-31' })).total).toBe(0)
    expect((await app.ok('visits:search', { from: '2020-01-01', to: today })).total).toBe(3)
  })

  it('gives the same answer for a common name (walking visits) as for a rare one (through its visitors)', async () => {
    const app = await withUnits()
    const stamp = new Date().toISOString()
    await app.dataSource.transaction(async (m) => {
      for (let i = 0; i < 2100; i++) {
        const name = `Nguyễn Văn Số${i}`
        const id = await sqlValue<number>(
          m,
          `INSERT INTO visitors (full_name, id_type, search_key, created_at, updated_at) VALUES (?, 'none', ?, ?, ?) RETURNING id`,
          name,
          searchKeyOf(name),
          stamp,
          stamp,
        )
        await sqlRun(
          m,
          `INSERT INTO visits (visitor_id, host_unit_id, checked_in_at, checked_out_at, outcome, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'admitted', ?, ?)`,
          id,
          app.vp,
          new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
          new Date(Date.UTC(2026, 0, 1, 1, i)).toISOString(),
          stamp,
          stamp,
        )
      }
    })
    const common = await app.ok('visits:search', { q: 'nguyen van', pageSize: 5 })
    expect(common.total).toBe(2100)
    expect(common.items.map((v) => v.visitorName)).toEqual(
      [2099, 2098, 2097, 2096, 2095].map((i) => `Nguyễn Văn Số${i}`),
    )
    const rare = await app.ok('visits:search', { q: 'so2099' })
    expect(rare.items.map((v) => v.visitorName)).toEqual(['Nguyễn Văn Số2099'])
  })

  it('offers returning visitors as the receptionist types', async () => {
    const app = await withUnits()
    await visitors(app)
    const suggest = async (q: string) => (await app.ok('visitors:suggest', { q })).map((v) => v.fullName)
    expect(await suggest('dao')).toEqual(['Đặng Thị Đào'])
    expect(await suggest('0912')).toEqual(['Nguyễn Văn An'])
    expect(await suggest('2345')).toEqual(['Nguyễn Văn An'])
    // A phone number from its start, an ID number anywhere in it.
    expect(await suggest('2345678')).toEqual([])
    expect(await suggest('0921 990')).toEqual(['Đặng Thị Đào'])
  })
})

describe('time', () => {
  it('a check-in just after midnight in Vietnam belongs to that Vietnamese day', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(new Date('2026-11-22T17:30:00Z')) // 00:30 on 23/11 in Vietnam
      const app = await withUnits()
      await app.ok('visits:checkIn', { visitor: AN, hostUnitId: app.vp })
      expect((await app.ok('visits:search', { from: '2026-11-23', to: '2026-11-23' })).total).toBe(1)
      expect((await app.ok('visits:search', { from: '2026-11-22', to: '2026-11-22' })).total).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('the automatic check-out job', () => {
  it('finds the last time the clock showed the setting, in Vietnam time', () => {
    expect(lastCutoff(new Date('2026-11-23T02:00:00Z'), '17:30').toISOString()).toBe(
      '2026-11-22T10:30:00.000Z',
    )
    expect(lastCutoff(new Date('2026-11-23T11:00:00Z'), '17:30').toISOString()).toBe(
      '2026-11-23T10:30:00.000Z',
    )
    expect(lastCutoff(new Date('2026-11-22T17:10:00Z'), '00:05').toISOString()).toBe(
      '2026-11-22T17:05:00.000Z',
    )
  })

  it('checks out whoever was left inside at the last closing time; visitors who came after stay', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(new Date('2026-11-23T02:00:00Z')) // 09:00 in Vietnam
      const app = await withUnits()
      await app.ok('settings:updateReception', {
        retentionDays: 30,
        autoCheckOutTime: '17:30',
        scannerPort: null,
        screeningRequired: false,
      })
      const forgotten = await app.ok('visits:checkIn', {
        visitor: AN,
        hostUnitId: app.vp,
        checkedInAt: '2026-11-22T08:00:00+07:00',
        lateReason: 'Nhập bù sổ giấy',
      })
      const today = await app.ok('visits:checkIn', {
        visitor: { fullName: 'Lê Văn Bảo', idType: 'none' },
        hostUnitId: app.vp,
      })
      await receptionJobs(app.router, silentLogger)()
      expect(await app.ok('visits:get', { id: forgotten.id })).toMatchObject({
        checkedOutAt: '2026-11-22T10:30:00.000Z',
        checkOutKind: 'automatic',
      })
      expect((await app.ok('visits:get', { id: today.id })).checkedOutAt).toBeNull()
      const trail = await app.ok('audit:list', { q: 'job:autoCheckOut' })
      expect(trail.items).toHaveLength(1)
      expect(trail.items[0]).toMatchObject({ userName: 'system', entityId: String(forgotten.id) })
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('the day list for the health authority', () => {
  it('exports a real workbook: Vietnamese headers, full ID numbers, dates as dates, markup as text', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(new Date('2026-11-23T03:15:00Z')) // 10:15 in Vietnam
      const app = await withUnits()
      await app.ok('visits:checkIn', {
        visitor: { ...AN, dateOfBirth: '1990-03-15', gender: 'male', phone: '0912345678' },
        hostUnitId: app.vp,
        purpose: 'Công chứng hợp đồng',
        health: { ...HEALTHY, fromCaseArea: true },
      })
      await app.ok('visits:checkIn', {
        visitor: { fullName: '<img src=x onerror=alert(1)>', idType: 'none' },
        hostUnitId: app.tt,
        health: { ...HEALTHY, temperature: 38.5, symptoms: ['cough', 'soreThroat'], contactWithCase: true },
        confirmRefusal: true,
      })
      const file = await app.ok('visits:dayListXlsx', { from: '2026-11-23', to: '2026-11-23' })
      expect(file.fileName).toBe('danh-sach-khach-2026-11-23.xlsx')
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
      const sheet = book.worksheets[0]!
      expect(sheet.getRow(2).getCell(1).value).toBe('DANH SÁCH KHÁCH ĐẾN LIÊN HỆ CÔNG TÁC NGÀY 23/11/2026')
      const header = sheet.getRow(4).values as unknown[]
      expect(header.slice(1, 4)).toEqual(['STT', 'Họ và tên', 'Số CCCD/CMND/Hộ chiếu'])
      const first = sheet.getRow(5)
      expect(first.getCell(2).value).toBe('Nguyễn Văn An')
      expect(first.getCell(3).value).toBe('001099012345')
      expect(first.getCell(4).value).toEqual(new Date('1990-03-15T00:00:00Z'))
      // 10:15 on the office clock, whatever the PC's time zone.
      expect(first.getCell(12).value).toEqual(new Date('2026-11-23T10:15:00Z'))
      expect(first.getCell(12).numFmt).toBe('dd/mm/yyyy hh:mm')
      expect(header.slice(14, 19)).toEqual([
        'Nhiệt độ (°C)',
        'Triệu chứng',
        'Tiếp xúc F0/F1 (14 ngày)',
        'Từ vùng có ca bệnh (14 ngày)',
        'Ghi chú',
      ])
      expect((first.values as unknown[]).slice(14, 19)).toEqual([36.5, 'Không', 'Không', 'Có', ''])
      const second = sheet.getRow(6)
      expect(second.getCell(2).value).toBe('<img src=x onerror=alert(1)>')
      expect((second.values as unknown[]).slice(14, 19)).toEqual([
        38.5,
        'ho, đau họng',
        'Có',
        'Không',
        'Không cho vào, chuyển y tế: sốt 38.5 °C, ho, đau họng, tiếp xúc với ca bệnh trong 14 ngày',
      ])
      // The totals at the foot, as numbers.
      expect(sheet.getRow(8).values).toEqual([undefined, '', 'Tổng số lượt khách', 2])
      expect(sheet.getRow(9).values).toEqual([undefined, '', 'Không cho vào, chuyển y tế', 1])
      const trail = await app.ok('audit:list', { q: 'visits:dayListXlsx' })
      expect(trail.items[0]?.changes).toEqual({
        note: 'Xuất danh sách khách ngày 23/11/2026 (danh-sach-khach-2026-11-23.xlsx)',
      })
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('printed lists', () => {
  it('prints the day list, the roll-call list and the visitor slip with Vietnamese text and markup as text', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(new Date('2026-11-23T03:15:00Z'))
      const app = await withUnits()
      const an = await app.ok('visits:checkIn', {
        visitor: { ...AN, dateOfBirth: '1990-03-15' },
        hostUnitId: app.vp,
        badgeNumber: 'K-07',
        hostPerson: 'Chị Lan',
      })
      await app.ok('visits:checkIn', {
        visitor: {
          fullName: '<img src=x onerror=alert(1)>',
          idType: 'none',
          gender: 'female',
          organisation: 'Công ty Luật Đông Á',
        },
        hostUnitId: app.tt,
        health: { ...HEALTHY, temperature: 36.8 },
      })
      await app.ok('visits:checkIn', {
        visitor: { fullName: 'Lê Văn Sốt', idType: 'none' },
        hostUnitId: app.vp,
        health: { ...HEALTHY, temperature: 38.1 },
        confirmRefusal: true,
      })
      const file = await app.ok('visits:dayListPdf', { from: '2026-11-23', to: '2026-11-23' })
      expect(file).toMatchObject({ fileName: 'danh-sach-khach-2026-11-23.pdf', mimeType: 'application/pdf' })
      const day = inspectPdf(Buffer.from(file.base64, 'base64'))
      expect([day.width, day.height]).toEqual([841.89, 595.28])
      const text = day.text()
      for (const expected of [
        'SỞ TƯ PHÁP',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'DANH SÁCH KHÁCH ĐẾN LIÊN HỆ CÔNG TÁC NGÀY 23/11/2026',
        'Nguyễn Văn An',
        '001099012345',
        'Cần Thơ, ngày 23 tháng 11 năm 2026',
      ])
        expect(text).toContain(expected)
      const flat = text.replace(/\s+/g, ' ')
      for (const expected of [
        'giới tính',
        'Cơ quan, tổ',
        'Nhiệt',
        '1990',
        'Nữ',
        'Công ty Luật',
        '38.1',
        '36.8',
        'Tổng cộng: 3 lượt khách, trong đó 1 lượt không cho vào (chuyển y tế).',
      ])
        expect(flat).toContain(expected)
      // A narrow cell wraps it, but every character is there, as text.
      expect(day.plain.replace(/\s+/g, '')).toContain('<imgsrc=xonerror=alert(1)>')

      const roll = inspectPdf(Buffer.from((await app.ok('visits:rollCallPdf', {})).base64, 'base64')).text()
      expect(roll).toContain('DANH SÁCH KHÁCH ĐANG CÓ MẶT TẠI CƠ QUAN')
      expect(roll).toContain('Lúc 10:15 ngày 23/11/2026 — 2 khách')
      expect(roll).toMatch(/Thanh tra Sở[\s\S]*<img src=x onerror=alert\(1\)>/)
      expect(roll).toMatch(/Văn phòng Sở[\s\S]*1\. Nguyễn Văn An/)

      const slip = inspectPdf(Buffer.from((await app.ok('visits:slipPdf', { id: an.id })).base64, 'base64'))
      expect(slip.text()).toContain('PHIẾU KHÁCH')
      expect(slip.text()).toContain('Nguyễn Văn An')
      expect(slip.text()).toContain('K-07')
    } finally {
      vi.useRealTimers()
    }
  })
})
