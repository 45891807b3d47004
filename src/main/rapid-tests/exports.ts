import type { FileDownload } from '@shared/audit/schemas'
import type { AgencySettings } from '@shared/settings/schemas'
import type { RapidRoundDto } from '@shared/rapid-tests/schemas'
import { testResultLabels } from '@shared/rapid-tests/schemas'
import { formatDate, formatDateTime, vietnamDayStart } from '@shared/text/dates'
import { renderPdf } from '../printing/pdf'
import { listTable, officialDocument, paragraph, signatureBlocks } from '../printing/official-document'

const day = (d: string) => formatDate(vietnamDayStart(d))

export function roundTitle(round: RapidRoundDto): string {
  return `DANH SÁCH TEST NHANH KHÁNG NGUYÊN SARS-CoV-2 THEO MẪU GỘP TUẦN TỪ NGÀY ${day(round.weekStart)} ĐẾN NGÀY ${day(round.weekEnd)}`
}

/**
 * The week's list for whoever takes the samples: people pool by pool, with the pool's result
 * and each individual result, and how the sample was drawn (so anyone can check it).
 */
export async function roundPdf(
  round: RapidRoundDto,
  agency: AgencySettings,
  now: Date,
): Promise<FileDownload> {
  const staff = round.samples.filter((s) => s.kind === 'staff').length
  const visitors = round.samples.length - staff
  const rows: string[][] = []
  let n = 0
  const groups = [
    ...round.pools.map((p) => ({
      label: `Mẫu gộp số ${p.number}`,
      result: p.result ? testResultLabels[p.result] : 'Chưa có kết quả',
      ids: p.sampleIds,
    })),
    {
      label: 'Chưa xếp mẫu gộp',
      result: '',
      ids: round.samples.filter((s) => s.poolId === null).map((s) => s.id),
    },
  ].filter((g) => g.ids.length)
  for (const g of groups)
    for (const id of g.ids) {
      const s = round.samples.find((x) => x.id === id)!
      rows.push([
        String(++n),
        s.fullName,
        s.kind === 'staff' ? (s.unitName ?? '') : `Khách${s.unitName ? ` (${s.unitName})` : ''}`,
        g.label,
        g.result,
        s.individualResult
          ? `${testResultLabels[s.individualResult]} (${formatDateTime(s.individualTestedAt).slice(0, 10)})`
          : '',
      ])
    }
  const doc = officialDocument({
    agency,
    date: now,
    title: roundTitle(round),
    content: [
      paragraph(
        `Chọn ngẫu nhiên ${staff}/${round.eligibleCount} cán bộ, công chức, viên chức, người lao động đang làm việc ` +
          `(${round.samplePercent}%, mỗi đơn vị ít nhất một người, mã tái lập ${round.seed}, chọn lúc ` +
          `${formatDateTime(round.drawnAt)})${visitors ? ` và ${visitors} khách đến liên hệ công tác trong tuần` : ''}; ` +
          `gộp tối đa ${round.poolSize} mẫu mỗi mẫu gộp.`,
      ),
      listTable(['STT', 'Họ và tên', 'Đơn vị', 'Mẫu gộp', 'Kết quả mẫu gộp', 'Kết quả test riêng'], rows, [
        24,
        '*',
        110,
        62,
        62,
        78,
      ]),
      signatureBlocks([{ post: 'Người lập biểu' }, { post: 'Thủ trưởng đơn vị' }]),
    ],
  })
  return {
    fileName: `test-nhanh-tuan-${round.weekStart}.pdf`,
    mimeType: 'application/pdf',
    base64: (await renderPdf(doc)).toString('base64'),
  }
}
