import { describe, expect, it } from 'vitest'
import { looksLikeCccdQr, looksLikeScan, maskIdNumber, parseCccdQr } from '@shared/visitors/cccd-qr'
import { LineBuffer, ScanDetector } from '@shared/visitors/scan-detector'

const TODAY = new Date('2026-11-23T03:00:00Z')
const parse = (raw: string) => parseCccdQr(raw, TODAY)
const card = (raw: string) => {
  const result = parse(raw)
  if (!result.ok) throw new Error(result.message)
  return result
}
const error = (raw: string) => {
  const result = parse(raw)
  if (result.ok) throw new Error(`accepted ${raw}`)
  return result.message
}

const ADDRESS = 'Số 12 đường 3/2, Phường Xuân Khánh, Quận Ninh Kiều, Cần Thơ'

describe('the CCCD QR text', () => {
  it('keeps an empty old number in place: every | splits', () => {
    const { card: c, warnings } = card(`001099012345||Nguyễn Văn An|15031990|Nam|${ADDRESS}|10082021`)
    expect(c).toEqual({
      idNumber: '001099012345',
      oldIdNumber: null,
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '1990-03-15',
      gender: 'male',
      address: ADDRESS,
      issueDate: '2021-08-10',
    })
    expect(warnings).toEqual([])
  })

  it('reads the old 9-digit number, extra trailing fields, stray spaces and a Windows line end', () => {
    const { card: c } = card(
      `\uFEFF 092199000111 | 361234567 |  Đặng   Thị Đào |01011985|Nữ|${ADDRESS}|20042021|x|y\r\n`,
    )
    expect(c).toMatchObject({
      idNumber: '092199000111',
      oldIdNumber: '361234567',
      fullName: 'Đặng Thị Đào',
      gender: 'female',
      dateOfBirth: '1985-01-01',
    })
  })

  it('parses what a scanner that dropped the diacritics typed, and says so', () => {
    const result = card(
      '001099012345||Nguyen Van An|15031990|Nam|So 12 duong 3/2, Ninh Kieu, Can Tho|10082021',
    )
    expect(result.card).toMatchObject({ fullName: 'Nguyen Van An', gender: 'male' })
    expect(result.warnings[0]).toMatch(/mất dấu/)
    expect(card('001099012345||Tran Thi Be|15031990|NU|Can Tho|10082021').card.gender).toBe('female')
  })

  it('capitalises a name scanned in all capitals; composes decomposed marks (NFC)', () => {
    expect(card(`001099012345||NGUYỄN VĂN AN|15031990|Nam|${ADDRESS}|10082021`).card.fullName).toBe(
      'Nguyễn Văn An',
    )
    const decomposed = 'Nguyễn Văn An'.normalize('NFD')
    expect(card(`001099012345||${decomposed}|15031990|Nam|${ADDRESS}|10082021`).card.fullName).toBe(
      'Nguyễn Văn An',
    )
  })

  it('refuses dates that do not exist instead of rolling them over', () => {
    expect(error(`001099012345||Nguyễn Văn An|31022001|Nam|${ADDRESS}|10082021`)).toBe(
      'Ngày sinh không hợp lệ: 31/02/2001',
    )
    expect(error(`001099012345||Nguyễn Văn An|29022001|Nam|${ADDRESS}|10082021`)).toMatch(/29\/02\/2001/)
    expect(card(`001099012345||Nguyễn Văn An|29022000|Nam|${ADDRESS}|10082021`).card.dateOfBirth).toBe(
      '2000-02-29',
    )
    expect(error(`001099012345||Nguyễn Văn An|15031990|Nam|${ADDRESS}|32012021`)).toMatch(
      /Ngày cấp không hợp lệ/,
    )
    expect(error(`001099012345||Nguyễn Văn An|01012030|Nam|${ADDRESS}|10082021`)).toMatch(/tương lai/)
    expect(error(`001099012345||Nguyễn Văn An|15031990|Nam|${ADDRESS}|10081989`)).toMatch(/trước ngày sinh/)
  })

  it('refuses a birth date before 1900 and hidden characters in the name or address, as the form would', () => {
    expect(error(`001099012345||Nguyễn Văn An|31121899|Nam|${ADDRESS}|10082021`)).toBe(
      'Ngày sinh trước năm 1900 — có thể đã nhập nhầm: 31/12/1899',
    )
    for (const bad of ['\u202E', '\u0000', '\u001B', '\u200B'])
      expect(error(`001099012345||Nguyễn${bad} Văn An|15031990|Nam|${ADDRESS}|10082021`)).toMatch(/ký tự ẩn/)
    expect(error(`001099012345||Nguyễn Văn An|15031990|Nam|Số 12\u0007|10082021`)).toMatch(/ký tự ẩn/)
    expect(error(`001099012345||\u200B\u200C|15031990|Nam|${ADDRESS}|10082021`)).toBe('Mã QR không có họ tên')
  })

  it('is strict with the numbers', () => {
    expect(error(`00109901234||Nguyễn Văn An|15031990|Nam|${ADDRESS}|10082021`)).toMatch(/12 chữ số/)
    expect(error(`001099012345|36123456|Nguyễn Văn An|15031990|Nam|${ADDRESS}|10082021`)).toMatch(/9 chữ số/)
    expect(error(`001099012345||Nguyễn Văn An|15031990|Khác|${ADDRESS}|10082021`)).toMatch(/Giới tính/)
  })

  it('explains garbage clearly', () => {
    expect(error('')).toMatch(/Không đọc được mã QR/)
    expect(error('001099012345||Nguyễn Văn An|15031990|Nam|Cần Thơ')).toMatch(/6 trong 7 trường/)
  })

  it('says what a QR that is not a chip ID card is: a web link, a bank QR, Wi-Fi, or just not a card', () => {
    expect(error('https://dichvucong.gov.vn/p/home/dvc-trang-chu.html')).toBe(
      'Mã QR này là một đường dẫn trang web, không phải mã trên CCCD gắn chip. Hãy quét mã QR ở mặt trước thẻ CCCD.',
    )
    const vietQr =
      '00020101021238570010A000000727012700069704220113VQRQ000123450208QRIBFTTA53037045802VN6304ABCD'
    expect(error(vietQr)).toMatch(/^Mã QR này là mã thanh toán ngân hàng \(VietQR\), không phải mã trên CCCD/)
    expect(error('WIFI:T:WPA;S:SoTuPhap;P:12345678;;')).toMatch(/mã kết nối Wi-Fi, không phải mã trên CCCD/)
    expect(error('HS-2021-000123 nop ho so')).toMatch(/^Mã QR này không phải mã trên CCCD gắn chip/)
    expect(looksLikeScan('https://zalo.me/0912345678')).toBe(true)
    expect(looksLikeScan(vietQr)).toBe(true)
    expect(looksLikeScan('Nguyễn Văn An')).toBe(false)
  })

  it('tells a QR text from a name, and masks ID numbers', () => {
    expect(looksLikeCccdQr('001099012345||Nguyễn')).toBe(true)
    expect(looksLikeCccdQr('Nguyễn Văn An')).toBe(false)
    expect(looksLikeCccdQr('0912345678')).toBe(false)
    expect(maskIdNumber('001099012345')).toBe('••••••••2345')
  })
})

describe('telling a scanner from a person', () => {
  const feed = (detector: ScanDetector, text: string, start: number, gap: number) => {
    let t = start
    for (const ch of text) {
      expect(detector.push(ch, t)).toBeNull()
      t += gap
    }
    return detector.push('Enter', t)
  }
  const QR = `001099012345||Nguyen Van An|15031990|Nam|Can Tho|10082021`

  it('a fast burst with | ending in Enter is a scan', () => {
    expect(feed(new ScanDetector(), QR, 1000, 8)).toEqual({ kind: 'scan', text: QR })
  })

  it('a fast burst of a web link or a bank QR is a scan too (to be told it is not a card)', () => {
    const link = 'https://dichvucong.gov.vn/p/home'
    expect(feed(new ScanDetector(), link, 0, 6)).toEqual({ kind: 'scan', text: link })
  })

  it('slow typing, a fast burst without |, or a pause mid-way is typing', () => {
    expect(feed(new ScanDetector(), 'Nguyen Van An', 0, 180)).toEqual({
      kind: 'enter',
      text: 'Nguyen Van An',
    })
    expect(feed(new ScanDetector(), 'Nguyen Van An Binh Minh', 0, 5)).toMatchObject({ kind: 'enter' })
    // A pause near the end: the burst that ends in Enter is only the last few keys.
    const d = new ScanDetector()
    let t = 0
    for (const ch of QR.slice(0, -4)) d.push(ch, (t += 5))
    t += 400
    for (const ch of QR.slice(-4)) d.push(ch, (t += 5))
    expect(d.push('Enter', t + 5)).toMatchObject({ kind: 'enter', text: QR })
  })

  it('ignores modifier keys, follows Backspace, and starts afresh after Enter', () => {
    const d = new ScanDetector()
    d.push('Shift', 0)
    for (const [i, ch] of [...'Anh'].entries()) d.push(ch, 300 * (i + 1))
    d.push('Backspace', 1200)
    expect(d.push('Enter', 1500)).toEqual({ kind: 'enter', text: 'An' })
    expect(feed(d, QR, 5000, 3)).toEqual({ kind: 'scan', text: QR })
  })
})

describe('a scanner in COM-port mode', () => {
  it('gives whole lines ending in CR (or CRLF), however the chunks are cut, in UTF-8 as sent', () => {
    const lines = new LineBuffer()
    expect(lines.push('001099012345||Nguyễn V')).toEqual([])
    expect(lines.push('ăn An|15031990|Nam|Cần Thơ|10082021\r0920')).toEqual([
      '001099012345||Nguyễn Văn An|15031990|Nam|Cần Thơ|10082021',
    ])
    expect(lines.push('99000111||Đặng Thị Đào|01011985|Nữ|Cần Thơ|20042021\r\n\r')).toEqual([
      '092099000111||Đặng Thị Đào|01011985|Nữ|Cần Thơ|20042021',
    ])
  })
})
