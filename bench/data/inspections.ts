import type { InspectionDto, PlanDto } from '@shared/inspections/schemas'
import { scoreOf } from '@shared/inspections/schemas'

const SECTIONS = ['Nội dung kiểm tra', 'Phòng dịch tại nơi làm việc', 'Kiểm soát khách đến làm việc']
const ITEMS = [
  'Việc chỉ đạo, điều hành và ban hành văn bản để tổ chức, triển khai thực hiện phòng, chống dịch COVID-19',
  'Việc tuyên truyền, quán triệt về phòng, chống dịch COVID-19 đến công chức, viên chức, người lao động',
  'Có tủ thuốc của cơ quan, đơn vị',
  'Tự test nhanh COVID-19 theo mẫu gộp hằng tuần đối với 3–5% cán bộ, nhân viên và khách đến làm việc',
  'Đeo khẩu trang tại nơi làm việc và nơi công cộng',
  'Có lịch trực phòng, chống dịch và phân công người trực',
]

/** A finalised inspection as the minutes print it: `items` checklist lines, `recommendations` of them. */
export function sampleInspection(
  id: number,
  items: number,
  recommendations: number,
  unitName: string,
): InspectionDto {
  const list = Array.from({ length: items }, (_, i) => {
    const result = i % 9 === 4 ? ('fail' as const) : i % 13 === 7 ? ('na' as const) : ('pass' as const)
    return {
      id: id * 1000 + i,
      section: SECTIONS[Math.floor((i * SECTIONS.length) / items)]!,
      text: i < ITEMS.length ? ITEMS[i]! : `${ITEMS[i % ITEMS.length]} (mục ${i + 1})`,
      result,
      note: i % 3 === 0 ? 'Đơn vị đã có văn bản triển khai, lưu đầy đủ hồ sơ theo quy định.' : null,
      severity: result === 'fail' ? ('fix' as const) : null,
      photos: [],
    }
  })
  return {
    id,
    planId: 1,
    planReference: '1023/KH-STP',
    unitId: id,
    unitName,
    kind: 'inspection',
    unannounced: id % 4 === 0,
    date: `2021-${String(11 + (id % 2)).padStart(2, '0')}-${String(1 + (id % 28)).padStart(2, '0')}`,
    startTime: '08:30',
    endTime: '10:45',
    location: `Trụ sở ${unitName}`,
    team: [
      {
        role: 'head',
        fullName: 'Trần Văn Minh',
        title: 'Phó Giám đốc Sở',
        unitId: null,
        unitName: 'Sở Tư pháp',
      },
      {
        role: 'member',
        fullName: 'Nguyễn Thị Thu Hằng',
        title: 'Chánh Văn phòng',
        unitId: null,
        unitName: null,
      },
      { role: 'secretary', fullName: 'Lê Thị Hoa', title: 'Chuyên viên', unitId: null, unitName: null },
    ],
    representatives: [{ fullName: 'Nguyễn Thị Bích Liên', title: 'Trưởng Văn phòng' }],
    copies: 2,
    templateId: 1,
    templateName: 'Phiếu kiểm tra công tác phòng, chống dịch COVID-19',
    templateVersion: 1,
    items: list,
    strengths:
      'Đơn vị triển khai kịp thời các văn bản chỉ đạo; bố trí khu vực đo thân nhiệt và sát khuẩn tại cổng.',
    shortcomings:
      'Sổ theo dõi khách đến liên hệ công tác ghi chưa đầy đủ số điện thoại; chưa test nhanh định kỳ.',
    violations: [
      {
        id: id * 1000,
        offenderKind: 'person',
        offender: 'Ông Phạm Văn Tài, nhân viên bảo vệ',
        description: 'Không đeo khẩu trang khi tiếp khách tại cổng',
        handling: 'Nhắc nhở, yêu cầu chấn chỉnh ngay',
        handlingState: 'decided',
        photos: [],
      },
    ],
    recommendations: Array.from({ length: recommendations }, (_, i) => ({
      id: id * 1000 + i,
      inspectionId: id,
      content: `Khắc phục tồn tại số ${i + 1}: bổ sung hồ sơ, cập nhật sổ theo dõi và báo cáo kết quả về Sở`,
      ownerUnitId: null,
      ownerName: unitName,
      dueDate: '2021-12-31',
      status: i % 3 === 0 ? 'done' : 'open',
      statusDate: i % 3 === 0 ? '2021-12-20' : null,
      evidence: null,
      evidenceFiles: [],
    })),
    conclusion:
      'Đơn vị cơ bản thực hiện tốt công tác phòng, chống dịch COVID-19; cần khắc phục ngay các tồn tại nêu trên.',
    status: 'final',
    minutesYear: 2021,
    minutesNumber: id,
    versions: [],
    signedScans: [],
    score: scoreOf(list.map((x) => x.result)),
  }
}

export function samplePlan(units: number): PlanDto {
  return {
    id: 1,
    number: 1023,
    symbol: 'KH-STP',
    reference: '1023/KH-STP',
    issuedOn: '2021-11-01',
    title: 'kiểm tra công tác phòng, chống dịch COVID-19 tại các đơn vị thuộc Sở',
    kind: 'inspection',
    periodFrom: '2021-11-01',
    periodTo: '2021-12-31',
    unitCount: units,
    inspectedCount: units,
    purpose: null,
    unitIds: [],
    targets: [
      {
        label: '100% phòng, đơn vị thuộc Sở',
        kindCode: 'department',
        parentUnitId: null,
        percent: 100,
        unitCount: units,
        targeted: units,
        inspected: units,
      },
      {
        label: '50% tổ chức hành nghề công chứng',
        kindCode: 'notary_office',
        parentUnitId: null,
        percent: 50,
        unitCount: 20,
        targeted: 10,
        inspected: 7,
      },
    ],
    team: [
      { role: 'head', fullName: 'Trần Văn Minh', title: 'Phó Giám đốc Sở', unitId: null, unitName: null },
    ],
    dueUnits: [],
  }
}
