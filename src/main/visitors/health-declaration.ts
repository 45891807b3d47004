import type { EntityManager } from 'typeorm'
import type { Content } from 'pdfmake/interfaces'
import type { FileDownload } from '@shared/audit/schemas'
import type { AgencySettings } from '@shared/settings/schemas'
import { SYMPTOMS, symptomLabels } from '@shared/visitors/schemas'
import type { IdType, VisitDto } from '@shared/visitors/schemas'
import { formatDate, formatDateTime } from '@shared/text/dates'
import { renderPdf } from '../printing/pdf'
import { listTable, officialDocument, paragraph, signatureBlocks } from '../printing/official-document'
import { VisitorEntity } from './entities'

const ID_TYPE_NAMES: Record<IdType, string> = {
  cccd: 'Căn cước công dân',
  cmnd: 'Chứng minh nhân dân',
  passport: 'Hộ chiếu',
  none: 'Không có giấy tờ',
}
const GENDER_NAMES = { male: 'Nam', female: 'Nữ' } as const

/** The sentence every Vietnamese health declaration ends with, above the declarer's signature. */
const PLEDGE =
  'Tôi cam kết những thông tin trên là đúng sự thật, tôi hiểu rằng nếu cung cấp sai thông tin có thể dẫn đến những hậu quả nghiêm trọng và bị xử lý theo quy định của pháp luật.'

const line = (label: string, value: string | null | undefined): Content => ({
  text: [{ text: `${label}: `, bold: true }, value || '.'.repeat(30)],
  lineHeight: 1.05,
  margin: [0, 0, 0, 3],
})

const answer = (yes: boolean | null): [string, string] =>
  yes === null ? ['', ''] : yes ? ['X', ''] : ['', 'X']

/**
 * The paper health declaration (tờ khai y tế) some offices still file: everything the desk
 * recorded at check-in, for the visitor to read and sign. It carries the whole ID number, so
 * the route records each print in the audit trail.
 */
export async function healthDeclarationPdf(
  m: EntityManager,
  visit: VisitDto,
  agency: AgencySettings,
): Promise<FileDownload> {
  const visitor = await m.getRepository(VisitorEntity).findOneByOrFail({ id: visit.visitorId })
  const idType = visitor.idType as IdType
  const questions: Array<[string, boolean | null]> = [
    ...SYMPTOMS.map((s): [string, boolean] => [`Có ${symptomLabels[s]} không?`, visit.symptoms.includes(s)]),
    ['Trong 14 ngày qua, có tiếp xúc với F0, F1 không?', visit.contactWithCase],
    ['Trong 14 ngày qua, có đến từ vùng có ca bệnh COVID-19 không?', visit.fromCaseArea],
    ['Đã khai báo y tế trên ứng dụng không?', visit.declaredOnApp],
  ]
  const doc = officialDocument({
    agency,
    date: new Date(visit.checkedInAt),
    title: 'TỜ KHAI Y TẾ',
    subject: 'Dành cho khách đến liên hệ công tác',
    content: [
      { text: 'I. THÔNG TIN NGƯỜI KHAI', bold: true, margin: [0, 0, 0, 4] },
      line('Họ và tên', visitor.fullName),
      {
        columns: [
          line('Ngày sinh', formatDate(visitor.dateOfBirth)),
          line('Giới tính', visitor.gender ? GENDER_NAMES[visitor.gender as 'male' | 'female'] : null),
        ],
      },
      {
        columns: [
          line(`Số ${ID_TYPE_NAMES[idType]}`, idType === 'none' ? '—' : visitor.idNumber),
          line('Điện thoại', visitor.phone),
        ],
      },
      { columns: [line('Địa chỉ', visitor.address), line('Cơ quan, tổ chức', visitor.organisation)] },
      { text: 'II. LÀM VIỆC TẠI CƠ QUAN', bold: true, margin: [0, 4, 0, 3] },
      { columns: [line('Đến đơn vị', visit.hostUnitName), line('Gặp', visit.hostPerson)] },
      line('Nội dung', visit.purpose),
      {
        columns: [
          line('Giờ vào', formatDateTime(visit.checkedInAt)),
          line(
            'Nhiệt độ đo tại cơ quan',
            visit.temperature === null ? null : `${String(visit.temperature).replace('.', ',')} °C`,
          ),
        ],
      },
      { text: 'III. KHAI BÁO Y TẾ', bold: true, margin: [0, 4, 0, 3] },
      listTable(
        ['STT', 'Nội dung', 'Có', 'Không'],
        questions.map(([q, yes], i) => [String(i + 1), q, ...answer(yes)]),
        [28, '*', 36, 44],
        ['center', 'left', 'center', 'center'],
      ),
      { text: '', margin: [0, 0, 0, 4] },
      paragraph(PLEDGE),
      // Closer to the pledge than a letter's signatures, so the form stays one page.
      {
        ...(signatureBlocks([
          { post: 'Người tiếp nhận' },
          { post: 'Người khai', note: '(Ký, ghi rõ họ tên)', name: visitor.fullName },
        ]) as object),
        margin: [0, 4, 0, 0],
      } as Content,
    ],
  })
  return {
    fileName: `to-khai-y-te-${visit.id}.pdf`,
    mimeType: 'application/pdf',
    base64: (await renderPdf(doc)).toString('base64'),
  }
}
