import type { Column, Content } from 'pdfmake/interfaces'
import type { AgencySettings } from '@shared/settings/schemas'
import type { FileDownload } from '@shared/audit/schemas'
import {
  TEAM_ROLES,
  followUpLabels,
  planKindLabels,
  resultLabels,
  severityLabels,
  teamRoleLabels,
} from '@shared/inspections/schemas'
import type { InspectionDto, PlanDto, TeamMemberDto } from '@shared/inspections/schemas'
import { formatDate, vietnamDay, vietnamDayStart } from '@shared/text/dates'
import { renderPdf } from '../printing/pdf'
import {
  MARGINS,
  listTable,
  officialDocument,
  paragraph,
  recipients,
  sentence,
  signatureBlock,
  signatureBlocks,
} from '../printing/official-document'
import type { OfficialDocumentOptions, SignatureBlock } from '../printing/official-document'

const PDF_MIME = 'application/pdf'
const CONTENT_WIDTH = 595.28 - MARGINS[0] - MARGINS[2]

/** A numbered heading inside the body: bold, indented like a paragraph. */
const heading = (text: string): Content => ({
  text,
  bold: true,
  alignment: 'justify',
  leadingIndent: 36,
  margin: [0, 0, 0, 6],
})

/** `label: value` with the label in bold, as a body paragraph. */
const labelled = (label: string, value: string): Content => ({
  text: [{ text: `${label}: `, bold: true }, value],
  alignment: 'justify',
  leadingIndent: 36,
  margin: [0, 0, 0, 6],
})

/** `08:30` → `08 giờ 30 phút` */
const clock = (hhmm: string) => `${hhmm.slice(0, 2)} giờ ${hhmm.slice(3, 5)} phút`

/** `2021-02-07` → `ngày 07 tháng 02 năm 2021` (months 1–2 with a leading zero, as the decree writes them). */
function longDate(day: string): string {
  const [y, m, d] = day.split('-')
  const month = Number(m)
  return `ngày ${d} tháng ${month <= 2 ? m : String(month)} năm ${y}`
}

const person = (t: { fullName: string; title: string | null; unitName?: string | null }) =>
  [t.fullName, t.title, t.unitName].filter(Boolean).join(', ')

const headOf = (team: TeamMemberDto[]) => team.find((t) => t.role === 'head') ?? null
const secretaryOf = (team: TeamMemberDto[]) => team.find((t) => t.role === 'secretary') ?? null

/** The subject in its two phrases (what, and where), so a line breaks between them if it can. */
export function minutesSubject(i: Pick<InspectionDto, 'kind' | 'unannounced' | 'unitName'>): string[] {
  const verb = i.kind === 'supervision' ? 'Giám sát' : i.unannounced ? 'Kiểm tra đột xuất' : 'Kiểm tra'
  return [`${verb} công tác phòng, chống dịch COVID-19`, `tại ${i.unitName}`]
}

const twoDigits = (n: number) => String(n).padStart(2, '0')

/** The closing words: read out, agreed, signed, and how many copies each side keeps. */
function closing(i: InspectionDto): string {
  const end = i.endTime ? clock(i.endTime) : '… giờ …'
  const team = i.kind === 'supervision' ? 'Đoàn giám sát' : 'Đoàn kiểm tra'
  const kept =
    i.copies % 2 === 0
      ? `mỗi bên giữ ${twoDigits(i.copies / 2)} bản`
      : `đơn vị được kiểm tra giữ 01 bản, ${team} giữ ${twoDigits(i.copies - 1)} bản`
  return (
    `Biên bản kết thúc vào hồi ${end} cùng ngày, đã được đọc lại cho các thành viên cùng nghe, thống nhất và ký tên. ` +
    `Biên bản được lập thành ${twoDigits(i.copies)} bản, có giá trị pháp lý như nhau, ${kept}./.`
  )
}

/**
 * A signature for everyone who attended: the unit's representatives on the left, the team on the
 * right (head first, then deputies, members, the secretary), one pair to a row, each row kept
 * whole on a page. A unit without a recorded representative still gets a block to sign.
 */
function signatures(i: InspectionDto): Content[] {
  const left: SignatureBlock[] = (i.representatives.length ? i.representatives : [null]).map((r) => ({
    post: r?.title ?? 'Người đại diện',
    name: r?.fullName ?? null,
  }))
  const team = [...i.team].sort((a, b) => TEAM_ROLES.indexOf(a.role) - TEAM_ROLES.indexOf(b.role))
  const right: SignatureBlock[] = team.map((t) => ({ post: teamRoleLabels[t.role], name: t.fullName }))
  const sides = [
    'Đại diện đơn vị được kiểm tra',
    i.kind === 'supervision' ? 'Đại diện Đoàn giám sát' : 'Đại diện Đoàn kiểm tra',
  ]
  return Array.from({ length: Math.max(left.length, right.length) }, (_, n): Content => ({
    columns: [left[n], right[n]].map((b, side): Column => ({
      width: '*',
      stack: [
        ...(n === 0
          ? [
              {
                text: sides[side]!.toUpperCase(),
                bold: true,
                alignment: 'center',
                margin: [0, 0, 0, 4],
              } as Content,
            ]
          : []),
        signatureBlock(b ?? { post: '' }),
      ],
    })),
    margin: [0, n === 0 ? 18 : 16, 0, 0] as [number, number, number, number],
    unbreakable: true,
  }))
}

/** The photos appendix: each photo with its caption and what it shows. */
function appendix(i: InspectionDto, images: Map<number, string>): Content[] {
  const photos = [
    ...i.items.flatMap((item, n) =>
      item.photos.map((p) => ({ ...p, about: `Nội dung ${n + 1}: ${item.text}` })),
    ),
    ...i.violations.flatMap((v, n) =>
      v.photos.map((p) => ({ ...p, about: `Vi phạm ${n + 1}: ${v.offender}` })),
    ),
  ]
  if (!photos.length) return []
  return [
    {
      text: 'PHỤ LỤC: ẢNH CHỤP TẠI BUỔI KIỂM TRA',
      bold: true,
      fontSize: 14,
      alignment: 'center',
      pageBreak: 'before',
      margin: [0, 0, 0, 12],
    },
    ...photos.map((p, n): Content => {
      const image = images.get(p.id)
      const caption = `Ảnh ${n + 1}. ${p.caption ? `${p.caption} — ` : ''}${p.about}`
      return {
        stack: [
          image
            ? { image, fit: [CONTENT_WIDTH, 300], alignment: 'center' }
            : { text: '(Không tìm thấy tệp ảnh)', italics: true, alignment: 'center' },
          { text: caption, italics: true, fontSize: 12, alignment: 'center', margin: [0, 4, 0, 14] },
        ],
        unbreakable: true,
      }
    }),
  ]
}

export interface MinutesOptions {
  /** The version printed, with the reason of a correction. */
  version?: { number: number; reason: string | null } | null
}

/** The minutes (biên bản) in Mẫu 1.9 order, in the official format; drafts carry a DỰ THẢO watermark. */
export function minutesDocument(
  i: InspectionDto,
  agency: AgencySettings,
  images: Map<number, string>,
  options: MinutesOptions = {},
) {
  return officialDocument(minutesLayout(i, agency, images, options))
}

/** What the minutes say and how, for the PDF and the Word file alike. */
export function minutesLayout(
  i: InspectionDto,
  agency: AgencySettings,
  images: Map<number, string>,
  options: MinutesOptions = {},
): OfficialDocumentOptions {
  const head = headOf(i.team)
  const secretary = secretaryOf(i.team)
  const draft = i.status === 'draft'
  const sections = [...new Set(i.items.map((x) => x.section))]
  const passed = i.items.filter((x) => x.result === 'pass').length
  const applicable = passed + i.items.filter((x) => x.result === 'fail').length
  let itemNo = 0
  const checklist: Content[] = sections.flatMap((section, s) => [
    heading(`6.1.${s + 1}. ${section}`),
    ...i.items
      .filter((x) => x.section === section)
      .map((x): Content => {
        itemNo += 1
        const result = x.result
          ? `${resultLabels[x.result]}${x.severity ? ` (mức độ: ${severityLabels[x.severity].toLowerCase()})` : ''}`
          : 'chưa đánh giá'
        // The full stop and the space after it go in the bold run: justification spreads a
        // line's slack between runs, and opened a gap between a bold result and its full stop.
        return {
          text: [
            `${itemNo}. ${sentence(x.text)} Kết quả: `,
            { text: x.note ? `${result}. ` : `${result}.`, bold: true },
            ...(x.note ? [sentence(x.note)] : []),
          ],
          alignment: 'justify',
          leadingIndent: 36,
          margin: [0, 0, 0, 6],
        }
      }),
  ])
  const score =
    i.score === null
      ? 'Chưa có nội dung nào được đánh giá.'
      : `Tỷ lệ nội dung đạt: ${String(i.score).replace('.', ',')}% (${passed}/${applicable} nội dung áp dụng).`
  const list = (lines: string[], empty: string): Content[] =>
    lines.length ? lines.map((line, n) => paragraph(`${n + 1}. ${line}`)) : [paragraph(empty)]
  const content: Content[] = [
    ...(options.version && options.version.number > 1
      ? [
          {
            text: `Bản đính chính (phiên bản ${options.version.number}). Lý do: ${options.version.reason ?? ''}`,
            italics: true,
            alignment: 'justify' as const,
            margin: [0, 0, 0, 6] as [number, number, number, number],
          },
        ]
      : []),
    ...(i.planReference ? [paragraph(`Thực hiện Kế hoạch số ${i.planReference};`)] : []),
    labelled('1. Thời gian bắt đầu', `${clock(i.startTime)}, ${longDate(i.date)}.`),
    labelled('2. Địa điểm', `${i.location ?? i.unitName}.`),
    heading('3. Thành phần tham dự:'),
    paragraph(`a) ${i.kind === 'supervision' ? 'Đoàn giám sát' : 'Đoàn kiểm tra'}:`),
    ...i.team.map((t) => paragraph(`- ${teamRoleLabels[t.role]}: ${person(t)};`)),
    paragraph('b) Đại diện đơn vị được kiểm tra:'),
    ...(i.representatives.length
      ? i.representatives.map((r) => paragraph(`- ${person(r)};`))
      : [paragraph('- Không có.')]),
    labelled('4. Chủ trì', head ? `${head.fullName}, Trưởng đoàn.` : ''),
    labelled('5. Thư ký', secretary ? `${secretary.fullName}.` : 'không có.'),
    heading('6. Nội dung:'),
    heading('6.1. Kết quả kiểm tra theo các nội dung'),
    ...checklist,
    paragraph(score),
    heading('6.2. Ưu điểm'),
    paragraph(i.strengths ? sentence(i.strengths) : 'Không có.'),
    heading('6.3. Tồn tại, hạn chế'),
    paragraph(i.shortcomings ? sentence(i.shortcomings) : 'Không có.'),
    heading('6.4. Vi phạm và xử lý'),
    ...list(
      i.violations.map(
        (v) =>
          `${v.offender} (${v.offenderKind === 'person' ? 'cá nhân' : 'đơn vị'}): ${sentence(v.description)}${
            v.handling
              ? ` Hình thức xử lý ${v.handlingState === 'decided' ? 'đã quyết định' : 'đề nghị'}: ${sentence(v.handling)}`
              : ''
          }`,
      ),
      'Không phát hiện vi phạm.',
    ),
    heading('6.5. Kiến nghị'),
    ...list(
      i.recommendations.map(
        (r) =>
          `${sentence(r.content)}${r.ownerName ? ` Đơn vị thực hiện: ${sentence(r.ownerName)}` : ''}${
            r.dueDate ? ` Thời hạn: ${formatDate(vietnamDayStart(r.dueDate))}.` : ''
          }`,
      ),
      'Không có kiến nghị.',
    ),
    heading('6.6. Kết luận'),
    paragraph(i.conclusion ? sentence(i.conclusion) : ''),
    paragraph(closing(i)),
    ...signatures(i),
    recipients([`- ${i.unitName};`, '- Thành viên Đoàn;', '- Lưu: VT, Hồ sơ.']),
    ...appendix(i, images),
  ]
  return {
    agency,
    number: { value: draft ? null : i.minutesNumber, typeCode: 'BB' },
    date: vietnamDayStart(i.date),
    title: 'BIÊN BẢN',
    subject: minutesSubject(i),
    content,
    watermark: draft ? 'DỰ THẢO' : undefined,
  }
}

export function minutesFileName(i: InspectionDto, version?: number | null): string {
  const stem =
    i.status === 'draft' ? `du-thao-bien-ban-${i.id}` : `bien-ban-${i.minutesNumber}-${i.minutesYear}`
  return `${stem}${version && version > 1 ? `-v${version}` : ''}.pdf`
}

export async function minutesPdf(
  i: InspectionDto,
  agency: AgencySettings,
  images: Map<number, string>,
  options: MinutesOptions = {},
): Promise<FileDownload> {
  const bytes = await renderPdf(minutesDocument(i, agency, images, options))
  return {
    fileName: minutesFileName(i, options.version?.number),
    mimeType: PDF_MIME,
    base64: bytes.toString('base64'),
  }
}

/**
 * A title as it reads inside a sentence ("về kiểm tra công tác…"): the first letter lowered,
 * unless the first word is an abbreviation (UBND, COVID-19) or starts a name (Sở Tư pháp,
 * Covid), known by a second capital in the word or a capital on the next word.
 */
export function inSentence(title: string): string {
  const [first = '', second = ''] = title.trim().split(/\s+/)
  const capital = (c: string | undefined) => !!c && c !== c.toLowerCase()
  const name = /^covid/i.test(first) || capital(second[0])
  if ([...first].filter(capital).length > 1 || name) return title.trim()
  return title.trim().replace(/^./u, (c) => c.toLowerCase())
}

/** A recommendation's state in the report; one past its due date and not done says so. */
function followUpText(r: InspectionDto['recommendations'][number], today: string): string {
  const overdue =
    r.status !== 'done' && r.dueDate && r.dueDate < today
      ? `, quá hạn ${Math.round((Date.parse(today) - Date.parse(r.dueDate)) / 86_400_000)} ngày`
      : ''
  const since = r.statusDate ? ` (${formatDate(vietnamDayStart(r.statusDate))})` : ''
  return `${followUpLabels[r.status]}${since}${overdue}`
}

const pct = (n: number, of: number) =>
  of ? `${String(Math.round((n / of) * 1000) / 10).replace('.', ',')}%` : '—'

/** Báo cáo kết quả kiểm tra: per unit results, scores, violations and recommendations of one plan. */
export function planReportDocument(
  plan: PlanDto,
  inspections: InspectionDto[],
  agency: AgencySettings,
  now: Date,
) {
  return officialDocument(planReportLayout(plan, inspections, agency, now))
}

/** The plan report's content and header, for the PDF and the Word file alike. */
export function planReportLayout(
  plan: PlanDto,
  inspections: InspectionDto[],
  agency: AgencySettings,
  now: Date,
): OfficialDocumentOptions {
  const finals = inspections.filter((i) => i.status === 'final')
  const minutes = (i: InspectionDto) =>
    `${String(i.minutesNumber).padStart(2, '0')}/BB-${agency.agencySymbol}`
  const head = headOf(plan.team) ?? finals.map((i) => headOf(i.team)).find(Boolean) ?? null
  const period = `từ ngày ${formatDate(vietnamDayStart(plan.periodFrom))} ${
    plan.periodTo
      ? `đến ngày ${formatDate(vietnamDayStart(plan.periodTo))}`
      : 'đến khi tình hình dịch ổn định'
  }`
  const content: Content[] = [
    paragraph(
      `Thực hiện Kế hoạch số ${plan.reference} ngày ${formatDate(vietnamDayStart(plan.issuedOn))} về ${inSentence(plan.title)}, ${period}, Đoàn ${planKindLabels[plan.kind].toLowerCase()} đã tiến hành ${finals.length} cuộc ${planKindLabels[plan.kind].toLowerCase()} tại ${new Set(finals.map((i) => i.unitId)).size} đơn vị${plan.unitCount ? ` trong tổng số ${plan.unitCount} đơn vị thuộc phạm vi kế hoạch` : ''}. Kết quả như sau:`,
    ),
    heading('I. TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU'),
    plan.targets.length
      ? listTable(
          ['Chỉ tiêu', 'Tỷ lệ yêu cầu', 'Số đơn vị phải kiểm tra', 'Đã kiểm tra', 'Tỷ lệ thực hiện'],
          plan.targets.map((t) => [
            t.label,
            `${t.percent}%`,
            String(t.targeted),
            String(t.inspected),
            pct(t.inspected, t.targeted),
          ]),
          ['*', 50, 70, 56, 62],
          ['left', 'right', 'right', 'right', 'right'],
        )
      : paragraph('Kế hoạch không đặt chỉ tiêu theo loại đơn vị.'),
    { text: '', margin: [0, 0, 0, 6] },
    heading('II. KẾT QUẢ KIỂM TRA TỪNG ĐƠN VỊ'),
    listTable(
      ['STT', 'Đơn vị', 'Ngày', 'Biên bản', 'Tỷ lệ đạt', 'Chưa đạt', 'Vi phạm', 'Kiến nghị'],
      finals.map((i, n) => [
        String(n + 1),
        i.unitName,
        formatDate(vietnamDayStart(i.date)),
        minutes(i),
        i.score === null ? '—' : `${String(i.score).replace('.', ',')}%`,
        String(i.items.filter((x) => x.result === 'fail').length),
        String(i.violations.length),
        String(i.recommendations.length),
      ]),
      [24, '*', 58, 62, 44, 40, 38, 44],
      ['center', 'left', 'left', 'left', 'right', 'right', 'right', 'right'],
    ),
    { text: '', margin: [0, 0, 0, 6] },
    heading('III. VI PHẠM VÀ XỬ LÝ'),
    ...(finals.some((i) => i.violations.length)
      ? finals.flatMap((i) =>
          i.violations.map((v) =>
            paragraph(
              `- ${i.unitName} (Biên bản số ${minutes(i)}): ${v.offender} — ${v.description}${v.handling ? `; xử lý: ${v.handling}` : ''}.`,
            ),
          ),
        )
      : [paragraph('Không phát hiện vi phạm.')]),
    heading('IV. KIẾN NGHỊ VÀ TÌNH HÌNH KHẮC PHỤC'),
    finals.some((i) => i.recommendations.length)
      ? listTable(
          ['Đơn vị', 'Kiến nghị', 'Đơn vị thực hiện', 'Thời hạn', 'Tình trạng'],
          finals.flatMap((i) =>
            i.recommendations.map((r) => [
              i.unitName,
              r.content,
              r.ownerName ?? '',
              r.dueDate ? formatDate(vietnamDayStart(r.dueDate)) : '',
              followUpText(r, vietnamDay(now)),
            ]),
          ),
          [80, '*', 76, 56, 96],
        )
      : paragraph('Không có kiến nghị.'),
    { text: '', margin: [0, 0, 0, 6] },
    heading('V. ĐƠN VỊ CHƯA ĐƯỢC KIỂM TRA'),
    paragraph(plan.dueUnits.length ? plan.dueUnits.map((u) => u.name).join('; ') + '.' : 'Không còn.'),
    signatureBlocks([{ post: '' }, { post: 'Trưởng đoàn', name: head?.fullName }]),
    recipients(['- Lãnh đạo Sở;', '- Các đơn vị được kiểm tra;', '- Lưu: VT, Hồ sơ.']),
  ]
  return {
    agency,
    number: { value: null, typeCode: 'BC' },
    date: now,
    title: 'BÁO CÁO',
    subject: [`Kết quả ${planKindLabels[plan.kind].toLowerCase()}`, `theo Kế hoạch số ${plan.reference}`],
    content,
  }
}

export const planReportFileName = (plan: PlanDto) => `bao-cao-ket-qua-${plan.number}-${plan.symbol}.pdf`

export async function planReportPdf(
  plan: PlanDto,
  inspections: InspectionDto[],
  agency: AgencySettings,
  now: Date,
): Promise<FileDownload> {
  const bytes = await renderPdf(planReportDocument(plan, inspections, agency, now))
  return {
    fileName: planReportFileName(plan),
    mimeType: PDF_MIME,
    base64: bytes.toString('base64'),
  }
}
