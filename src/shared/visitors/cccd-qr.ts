import { vietnamDay } from '../text/dates'
import { EARLIEST_BIRTH_DATE, msg } from '../validation/fields'
import { cleanText, hasHiddenCharacter } from '../validation/text'
/** What the QR code on a chip ID card (CCCD) says about its holder. */
export interface CccdCard {
  idNumber: string
  oldIdNumber: string | null
  fullName: string
  /** yyyy-mm-dd */
  dateOfBirth: string
  gender: 'male' | 'female'
  address: string
  /** yyyy-mm-dd */
  issueDate: string
}

export type CccdQrResult = { ok: true; card: CccdCard; warnings: string[] } | { ok: false; message: string }

const FIELDS = 7
const UNREADABLE =
  'Không đọc được mã QR trên CCCD. Hãy quét lại (giữ thẻ phẳng, đủ sáng) hoặc nhập tay thông tin khách.'

export const isCccdNumber = (v: string): boolean => /^\d{12}$/.test(v)
export const isCmndNumber = (v: string): boolean => /^\d{9}$/.test(v)
/** Vietnamese passports are a letter and 7 digits (C1234567); foreign ones 6–9 letters or digits. */
export const isPassportNumber = (v: string): boolean => /^[A-Z0-9]{6,9}$/.test(v)

/** Lists show an ID number by its last 4 digits only: `••••••••2345`. */
export function maskIdNumber(id: string): string {
  return `${'•'.repeat(Math.max(0, id.length - 4))}${id.slice(-4)}`
}

/** What a QR that is not a chip ID card most often is, in the words the receptionist reads. */
const NOT_A_CARD: Array<{ test: RegExp; what: string }> = [
  { test: /^(https?:\/\/|www\.)/i, what: 'một đường dẫn trang web' },
  // EMVCo merchant QR (VietQR, bank apps): the TLV text opens with payload format "000201".
  { test: /^000201/, what: 'mã thanh toán ngân hàng (VietQR)' },
  { test: /^WIFI:/i, what: 'mã kết nối Wi-Fi' },
  { test: /^(mailto:|tel:|sms(to)?:)/i, what: 'một địa chỉ liên lạc (email, điện thoại)' },
  { test: /^BEGIN:VCARD/i, what: 'một danh thiếp (vCard)' },
]
const NOT_A_CARD_TAIL = 'không phải mã trên CCCD gắn chip. Hãy quét mã QR ở mặt trước thẻ CCCD.'

/** Says what a scanned text is when it is plainly not a CCCD's QR; null when it may be one. */
export function notCardMessage(text: string): string | null {
  const t = text.replace(/^\uFEFF/, '').trim()
  const known = NOT_A_CARD.find((k) => k.test.test(t))
  if (known) return `Mã QR này là ${known.what}, ${NOT_A_CARD_TAIL}`
  return !t || t.includes('|') ? null : `Mã QR này ${NOT_A_CARD_TAIL}`
}

/** A scanned text worth parsing: a CCCD's QR, or one that is plainly something else (said so). */
export function looksLikeScan(text: string): boolean {
  const t = text.replace(/^\uFEFF/, '').trim()
  return looksLikeCccdQr(t) || NOT_A_CARD.some((k) => k.test.test(t))
}

/** Cheap test for the UI: a QR text starts with the 12-digit number and is split by `|`. */
export function looksLikeCccdQr(text: string): boolean {
  return /^\d{12}\|/.test(text.replace(/^\uFEFF/, '').trim())
}

/** ddmmyyyy → yyyy-mm-dd, or null for a date that does not exist (31022001 is not 3 March). */
function calendarDate(raw: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(raw)
  if (!m) return null
  const [, dd, mm, yyyy] = m as unknown as [string, string, string, string]
  const date = new Date(Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd)))
  if (
    date.getUTCFullYear() !== Number(yyyy) ||
    date.getUTCMonth() !== Number(mm) - 1 ||
    date.getUTCDate() !== Number(dd)
  )
    return null
  return `${yyyy}-${mm}-${dd}`
}

const shown = (raw: string) =>
  raw.length === 8 ? `${raw.slice(0, 2)}/${raw.slice(2, 4)}/${raw.slice(4)}` : raw

const VIETNAMESE_MARKS = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i

/** A name scanned in all capitals or all small letters gets capitals at word starts; others are kept. */
function properName(raw: string): string {
  const name = raw.normalize('NFC').replace(/\s+/g, ' ').trim()
  if (name !== name.toUpperCase() && name !== name.toLowerCase()) return name
  return name
    .toLowerCase()
    .split(' ')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ')
}

function gender(raw: string): 'male' | 'female' | null {
  const key = raw.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase()
  return key === 'nam' ? 'male' : key === 'nu' ? 'female' : null
}

/**
 * Parses the QR text of a CCCD: `CCCD|CMND|name|ddmmyyyy|gender|address|ddmmyyyy`. Every `|`
 * splits, so the usual empty old number (`…||Nguyễn…`) keeps the later fields in place. Lenient
 * with what scanners add (spaces, CR/LF, a BOM, trailing fields, lost diacritics), strict with
 * what matters (the digits, real calendar dates).
 */
export function parseCccdQr(raw: string, today: Date = new Date()): CccdQrResult {
  const text = raw
    .replace(/^\uFEFF/, '')
    .replace(/[\r\n\t]+/g, '')
    .trim()
  if (!text) return { ok: false, message: UNREADABLE }
  const notCard = notCardMessage(text)
  if (notCard) return { ok: false, message: notCard }
  const fields = text.split('|').map((f) => f.replace(/\s+/g, ' ').trim())
  if (fields.length < FIELDS)
    return { ok: false, message: `${UNREADABLE} (mã chỉ có ${fields.length} trong ${FIELDS} trường)` }
  const [idNumber, oldId, name, birth, sex, address, issued] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ]
  if (!isCccdNumber(idNumber))
    return { ok: false, message: `Số CCCD trong mã QR phải có 12 chữ số (đọc được: "${idNumber}")` }
  if (oldId && !isCmndNumber(oldId))
    return { ok: false, message: `Số CMND cũ trong mã QR phải có 9 chữ số (đọc được: "${oldId}")` }
  if (!cleanText(name)) return { ok: false, message: 'Mã QR không có họ tên' }
  if (hasHiddenCharacter(cleanText(name)) || hasHiddenCharacter(cleanText(address)))
    return { ok: false, message: `${UNREADABLE} (${msg.hiddenCharacter.toLowerCase()})` }
  const dateOfBirth = calendarDate(birth)
  if (!dateOfBirth) return { ok: false, message: `Ngày sinh không hợp lệ: ${shown(birth)}` }
  const todayIso = vietnamDay(today)
  if (dateOfBirth > todayIso) return { ok: false, message: `Ngày sinh ở tương lai: ${shown(birth)}` }
  if (dateOfBirth < EARLIEST_BIRTH_DATE) return { ok: false, message: `${msg.birthTooOld}: ${shown(birth)}` }
  const g = gender(sex)
  if (!g) return { ok: false, message: `Giới tính trong mã QR không rõ: "${sex}"` }
  const issueDate = calendarDate(issued)
  if (!issueDate) return { ok: false, message: `Ngày cấp không hợp lệ: ${shown(issued)}` }
  if (issueDate <= dateOfBirth)
    return { ok: false, message: `Ngày cấp ${shown(issued)} không thể trước ngày sinh` }

  const fullName = properName(cleanText(name))
  const warnings: string[] = []
  if (!VIETNAMESE_MARKS.test(`${fullName} ${address}`))
    warnings.push(
      'Máy quét có thể đã làm mất dấu tiếng Việt: hãy kiểm tra lại họ tên, địa chỉ (hoặc chuyển máy quét sang chế độ cổng COM).',
    )
  return {
    ok: true,
    card: {
      idNumber,
      oldIdNumber: oldId || null,
      fullName,
      dateOfBirth,
      gender: g,
      address: cleanText(address),
      issueDate,
    },
    warnings,
  }
}
