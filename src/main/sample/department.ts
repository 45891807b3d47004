/**
 * A realistic Department of Justice (Sở Tư pháp) with the units and supervised organisations
 * named in the source texts. Loaded only on request, into an empty unit list, and marked as
 * sample so it can be removed again without touching real records.
 */
export interface SampleUnit {
  code: string
  name: string
  kindCode: string
  parent?: string
  address?: string
  headName?: string
  headTitle?: string
  phone?: string
  email?: string
}

export const SAMPLE_UNITS: SampleUnit[] = [
  {
    code: 'STP',
    name: 'Sở Tư pháp thành phố Cần Thơ',
    kindCode: 'agency',
    address: '27 Hòa Bình, phường Tân An, quận Ninh Kiều, Cần Thơ',
    headName: 'Trần Văn Minh',
    headTitle: 'Giám đốc Sở',
    phone: '0292 3820 456',
    email: 'stp@cantho.gov.vn',
  },
  {
    code: 'VP',
    name: 'Văn phòng Sở',
    kindCode: 'department',
    parent: 'STP',
    headName: 'Lê Thị Thu Hà',
    headTitle: 'Chánh Văn phòng',
    phone: '0292 3820 457',
  },
  {
    code: 'TTR',
    name: 'Thanh tra Sở',
    kindCode: 'department',
    parent: 'STP',
    headName: 'Phạm Quốc Dũng',
    headTitle: 'Chánh Thanh tra',
  },
  {
    code: 'HCTP',
    name: 'Phòng Hành chính tư pháp và Bổ trợ tư pháp',
    kindCode: 'department',
    parent: 'STP',
    headName: 'Nguyễn Thị Ngọc Ánh',
    headTitle: 'Trưởng phòng',
  },
  {
    code: 'XDKTVB',
    name: 'Phòng Xây dựng và kiểm tra văn bản',
    kindCode: 'department',
    parent: 'STP',
    headName: 'Đỗ Minh Khoa',
    headTitle: 'Trưởng phòng',
  },
  {
    code: 'PBGDPL',
    name: 'Phòng Phổ biến giáo dục pháp luật',
    kindCode: 'department',
    parent: 'STP',
    headName: 'Huỳnh Thị Kim Loan',
    headTitle: 'Trưởng phòng',
  },
  {
    code: 'TTDVDG',
    name: 'Trung tâm Dịch vụ đấu giá tài sản',
    kindCode: 'auction_center',
    parent: 'STP',
    address: '106 Trần Hưng Đạo, phường An Nghiệp, quận Ninh Kiều, Cần Thơ',
    headName: 'Võ Thanh Tùng',
    headTitle: 'Giám đốc',
    phone: '0292 3731 225',
  },
  {
    code: 'TTTGPL',
    name: 'Trung tâm Trợ giúp pháp lý nhà nước',
    kindCode: 'public_service',
    parent: 'STP',
    headName: 'Trương Thị Mỹ Hạnh',
    headTitle: 'Giám đốc',
  },
  {
    code: 'VPCC-NTBL',
    name: 'Văn phòng công chứng Nguyễn Thị Bích Liên',
    kindCode: 'notary_office',
    parent: 'STP',
    address: '88 Nguyễn Văn Cừ, phường An Hòa, quận Ninh Kiều, Cần Thơ',
    headName: 'Nguyễn Thị Bích Liên',
    headTitle: 'Trưởng Văn phòng',
    phone: '0939 112 233',
  },
  {
    code: 'VPCC-24H',
    name: 'Văn phòng công chứng 24h',
    kindCode: 'notary_office',
    parent: 'STP',
    headName: 'Lâm Văn Phúc',
    headTitle: 'Trưởng Văn phòng',
    phone: '0907 456 789',
  },
  {
    code: 'VPCC-NK',
    name: 'Văn phòng công chứng Ninh Kiều',
    kindCode: 'notary_office',
    parent: 'STP',
    headName: 'Châu Ngọc Đào',
    headTitle: 'Trưởng Văn phòng',
  },
  {
    code: 'PCC-1',
    name: 'Phòng Công chứng số 1',
    kindCode: 'public_service',
    parent: 'STP',
    headName: 'Bùi Thị Ênh',
    headTitle: 'Trưởng phòng',
  },
]
