import { describe, expect, it } from 'vitest'
import { parseSlipCode, slipCode } from '@shared/visitors/slip-code'
import { notCardMessage, parseCccdQr } from '@shared/visitors/cccd-qr'
import { tempApp } from '../helpers/temp-app'
import { readQrFromPdf } from '../helpers/qr'
import { SCREENED } from '../helpers/health'

async function deskWithVisit() {
  const app = await tempApp()
  const unit = await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
  const visit = await app.ok('visits:checkIn', {
    visitor: { fullName: 'Nguyễn Văn An', idType: 'cccd', idNumber: '001099012345' },
    hostUnitId: unit.id,
    health: SCREENED,
  })
  return { app, visit }
}

describe('the visitor slip checks its visit out by scan', () => {
  it('prints a QR of the visit that checks the visitor out when scanned at the desk', async () => {
    const { app, visit } = await deskWithVisit()
    const slip = await app.ok('visits:slipPdf', { id: visit.id })
    const scanned = readQrFromPdf(Buffer.from(slip.base64, 'base64'))
    expect(scanned).toBe(slipCode(visit))

    const out = await app.ok('visits:checkOutBySlip', { code: scanned! })
    expect(out).toMatchObject({ id: visit.id, checkOutKind: 'manual' })
    expect(out.checkedOutAt).not.toBeNull()
    expect((await app.ok('visits:inside', {})).count).toBe(0)

    // The same slip scanned again says the visitor has already left.
    const again = await app.call('visits:checkOutBySlip', { code: scanned! })
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Khách đã ra về rồi' } })
  })

  it('refuses a slip that matches no visit, in Vietnamese, and changes nothing', async () => {
    const { app, visit } = await deskWithVisit()
    const otherTime = slipCode({ id: visit.id, checkedInAt: '2020-01-01T00:00:00.000Z' })
    for (const code of [otherTime, slipCode({ ...visit, id: visit.id + 1 }), 'SPD-KHACH:abc'])
      expect(await app.call('visits:checkOutBySlip', { code })).toMatchObject({
        ok: false,
        error: { code: 'not_found', message: expect.stringContaining('phiếu khách không khớp') },
      })
    expect((await app.ok('visits:inside', {})).count).toBe(1)
  })

  it('reads only slip codes as slips: a chip ID card is still a card', () => {
    const code = slipCode({ id: 42, checkedInAt: '2026-12-01T01:30:05.123Z' })
    expect(code).toBe('SPD-KHACH:42:20261201T013005Z')
    expect(parseSlipCode(` ${code.toLowerCase()}\n`)).toEqual({ visitId: 42, checkedIn: '20261201T013005' })
    expect(parseSlipCode('001099012345|030099012|Nguyễn Văn An|01011999|Nam|Hà Nội|01012021')).toBeNull()
    expect(parseCccdQr(code).ok).toBe(false)
    expect(notCardMessage(code)).toContain('không phải mã trên CCCD')
  })
})
