import { generator } from './people'

/** Fifty host units of a provincial department (Sở) and its centres, as the reception desk lists them. */
export const UNIT_NAMES = [
  'Văn phòng Sở',
  'Thanh tra Sở',
  'Phòng Tổ chức cán bộ',
  'Phòng Kế hoạch – Tài chính',
  'Phòng Hành chính tư pháp',
  'Phòng Bổ trợ tư pháp',
  'Phòng Xây dựng và kiểm tra văn bản',
  'Phòng Phổ biến, giáo dục pháp luật',
  'Phòng Quản lý xử lý vi phạm hành chính',
  'Phòng Hộ tịch, quốc tịch',
  'Phòng Lý lịch tư pháp',
  'Phòng Công chứng số 1',
  'Phòng Công chứng số 2',
  'Phòng Công chứng số 3',
  'Trung tâm Trợ giúp pháp lý nhà nước',
  'Trung tâm Dịch vụ đấu giá tài sản',
  'Bộ phận Một cửa',
  'Bộ phận Tiếp công dân',
  'Bộ phận Văn thư – Lưu trữ',
  'Bộ phận Quản trị',
  'Phòng Công nghệ thông tin',
  'Phòng Pháp chế',
  'Phòng Quản lý giá',
  'Phòng Quản lý ngân sách',
  'Phòng Tài chính đầu tư',
  'Phòng Tài chính doanh nghiệp',
  'Phòng Quản lý công sản',
  'Phòng Thanh tra – Kiểm tra',
  'Phòng Cải cách hành chính',
  'Phòng Thi đua – Khen thưởng',
  'Phòng Đăng ký kinh doanh',
  'Phòng Đấu thầu, thẩm định',
  'Phòng Tổng hợp, quy hoạch',
  'Phòng Kinh tế ngành',
  'Phòng Văn hoá – Xã hội',
  'Phòng Khoa giáo',
  'Phòng Hợp tác quốc tế',
  'Phòng Quản lý đô thị',
  'Phòng Quản lý xây dựng',
  'Phòng Quản lý nhà và thị trường bất động sản',
  'Phòng Kinh tế và vật liệu xây dựng',
  'Phòng Giám định chất lượng',
  'Trung tâm Kiểm định xây dựng',
  'Trung tâm Phát triển quỹ đất',
  'Văn phòng Đăng ký đất đai',
  'Trung tâm Công nghệ thông tin tài nguyên',
  'Trung tâm Quan trắc môi trường',
  'Chi cục Bảo vệ môi trường',
  'Chi cục Quản lý đất đai',
  'Ban Quản lý dự án',
]

const COMPANY_KIND = ['Công ty TNHH', 'Công ty Cổ phần', 'Doanh nghiệp tư nhân', 'Công ty TNHH MTV']
const TRADE = [
  'Xây dựng',
  'Thương mại Dịch vụ',
  'Tư vấn Thiết kế',
  'Vận tải',
  'Đầu tư Phát triển',
  'Thực phẩm',
  'Điện nước',
  'Môi trường',
  'Bất động sản',
  'Phần mềm',
]
const BRAND = [
  'Mekong',
  'Tây Đô',
  'Hoàng Long',
  'Phú Cường',
  'Thành Đạt',
  'Minh Phát',
  'Sao Việt',
  'An Phú',
  'Cửu Long',
  'Hưng Thịnh',
  'Đại Dương',
  'Tân Tiến',
  'Việt Á',
  'Hòa Bình',
  'Ninh Kiều',
]
const PUBLIC_BODY = [
  'UBND Phường An Cư',
  'UBND Phường Xuân Khánh',
  'UBND Phường Hưng Lợi',
  'UBND Phường Cái Khế',
  'UBND Phường Tân An',
  'UBND Xã Mỹ Khánh',
  'UBND Xã Giai Xuân',
  'UBND Quận Ninh Kiều',
  'UBND Quận Bình Thủy',
  'UBND Quận Cái Răng',
  'UBND Huyện Phong Điền',
  'UBND Huyện Cờ Đỏ',
  'Trường THPT Châu Văn Liêm',
  'Trường THCS Đoàn Thị Điểm',
  'Bệnh viện Đa khoa Trung ương Cần Thơ',
  'Ngân hàng Nông nghiệp chi nhánh Ninh Kiều',
  'Văn phòng công chứng Trần Hưng Đạo',
  'Văn phòng luật sư Nguyễn Trãi',
  'Văn phòng công chứng Hùng Vương',
  'Báo Cần Thơ',
  'Công an Quận Ninh Kiều',
]

const PURPOSES = [
  'Nộp hồ sơ công chứng',
  'Nhận kết quả hồ sơ',
  'Liên hệ công tác',
  'Họp',
  'Giao văn bản',
  'Xin cấp phiếu lý lịch tư pháp',
  'Đăng ký hộ tịch',
  'Khiếu nại, tố cáo',
  'Tư vấn pháp luật',
  'Đấu giá tài sản',
  'Giao hàng',
  'Sửa chữa thiết bị',
  'Phỏng vấn, báo chí',
  'Nộp hồ sơ dự thầu',
  'Thẩm định dự án',
]

// Province codes that open a 12-digit CCCD (Cần Thơ, TP.HCM, Hà Nội, Đà Nẵng and the Mekong Delta).
const PROVINCE_CODES = [
  '092',
  '092',
  '092',
  '079',
  '001',
  '048',
  '089',
  '093',
  '086',
  '094',
  '091',
  '087',
  '095',
]

export interface VisitorSeed {
  fullName: string
  idType: 'cccd' | 'cmnd' | 'passport' | 'none'
  idNumber: string | null
  dateOfBirth: string | null
  gender: 'male' | 'female' | null
  phone: string | null
  address: string | null
  organisation: string | null
}

/**
 * Visitors as the desk records them: 80% show a chip ID card (CCCD, whose 12 digits encode the
 * province, sex, century and birth year), some an old 9-digit CMND or a passport, a few nothing.
 * Every ID number is unique, as the store's index requires.
 */
export function visitorSource(seed: number) {
  const g = generator(seed)
  const { random, pick } = g
  const used = new Set<string>()
  const digits = (n: number) => {
    let s = ''
    for (let i = 0; i < n; i++) s += Math.floor(random() * 10)
    return s
  }
  const unique = (make: () => string) => {
    for (;;) {
      const v = make()
      if (!used.has(v)) {
        used.add(v)
        return v
      }
    }
  }
  const phone = () => `0${pick(['3', '7', '8', '9', '9', '9'])}${digits(8)}`
  const organisation = () => {
    const r = random()
    if (r < 0.55) return `${pick(COMPANY_KIND)} ${pick(TRADE)} ${pick(BRAND)}`
    return pick(PUBLIC_BODY)
  }
  const next = (): VisitorSeed => {
    const fullName = g.fullName()
    // The middle name usually tells: "Thị" is a woman, "Văn" a man; others could be either.
    const gender: 'male' | 'female' = / Thị /.test(fullName)
      ? 'female'
      : / Văn /.test(fullName) || random() < 0.5
        ? 'male'
        : 'female'
    const year = 1950 + Math.floor(random() * 55)
    const month = 1 + Math.floor(random() * 12)
    const day = 1 + Math.floor(random() * 28)
    const dateOfBirth = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    const r = random()
    let idType: VisitorSeed['idType']
    let idNumber: string | null
    if (r < 0.8) {
      idType = 'cccd'
      const sexCentury = (year >= 2000 ? 2 : 0) + (gender === 'female' ? 1 : 0)
      idNumber = unique(
        () => `${pick(PROVINCE_CODES)}${sexCentury}${String(year % 100).padStart(2, '0')}${digits(6)}`,
      )
    } else if (r < 0.88) {
      idType = 'cmnd'
      idNumber = unique(() => `3${digits(8)}`)
    } else if (r < 0.92) {
      idType = 'passport'
      idNumber = unique(() => `${pick(['B', 'C', 'N'])}${digits(7)}`)
    } else {
      idType = 'none'
      idNumber = null
    }
    const carded = idType === 'cccd' || idType === 'cmnd'
    return {
      fullName,
      idType,
      idNumber,
      dateOfBirth: carded ? dateOfBirth : null,
      gender: carded || random() < 0.5 ? gender : null,
      phone: random() < 0.85 ? phone() : null,
      address: carded || random() < 0.3 ? g.address() : null,
      organisation: random() < 0.35 ? organisation() : null,
    }
  }
  return { next, random, pick, fullName: g.fullName }
}

export { PURPOSES }
