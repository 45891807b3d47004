import type { FileDownload } from '@shared/audit/schemas'
import type { AgencySettings } from '@shared/settings/schemas'
import type { RapidRoundDto } from '@shared/rapid-tests/schemas'
import { TEST_RESULTS, testResultLabels } from '@shared/rapid-tests/schemas'
import { formatDate, formatDateTime, vietnamDayStart } from '@shared/text/dates'
import { renderPdf } from '../printing/pdf'
import { listTable, officialDocument, paragraph, listSignatures } from '../printing/official-document'

const day = (d: string) => formatDate(vietnamDayStart(d))

/** The title in its phrases: a printed title breaks between them, not inside one. */
export function roundTitle(round: RapidRoundDto): string[] {
  return [
    'DANH SÁCH TEST NHANH KHÁNG NGUYÊN SARS-CoV-2',
    'THEO MẪU GỘP',
    `TUẦN TỪ NGÀY ${day(round.weekStart)} ĐẾN NGÀY ${day(round.weekEnd)}`,
  ]
}

/** A box the sampler ticks by hand when the person's sample is taken. */
const TICK_BOX = '□'

/** "Tổng số 3 mẫu gộp (1 âm tính, 1 dương tính, 1 chưa có kết quả); số người dương tính khi test riêng: 1 …" */
function resultsLine(round: RapidRoundDto): string {
  const pools = TEST_RESULTS.map((r) => ({ r, n: round.pools.filter((p) => p.result === r).length }))
    .filter((x) => x.n > 0)
    .map((x) => `${x.n} ${testResultLabels[x.r].toLowerCase()}`)
  const pending = round.pools.filter((p) => p.result === null).length
  const positives = round.samples.filter((s) => s.individualResult === 'positive').length
  const tested = round.samples.filter((s) => s.individualResult !== null).length
  const states = [...pools, ...(pending ? [`${pending} chưa có kết quả`] : [])]
  return (
    `Tổng số ${round.pools.length} mẫu gộp${states.length ? ` (${states.join(', ')})` : ''}; ` +
    `số người dương tính khi test riêng: ${positives}${tested ? ` (trên ${tested} người đã test riêng)` : ''}.`
  )
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
        TICK_BOX,
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
      listTable(
        ['STT', 'Đã lấy mẫu', 'Họ và tên', 'Đơn vị', 'Mẫu gộp', 'Kết quả mẫu gộp', 'Kết quả test riêng'],
        rows,
        [24, 36, '*', 86, 66, 76, 78],
        ['center', 'center'],
      ),
      { text: resultsLine(round), margin: [0, 8, 0, 4] },
      listSignatures(agency),
    ],
  })
  return {
    fileName: `test-nhanh-tuan-${round.weekStart}.pdf`,
    mimeType: 'application/pdf',
    base64: (await renderPdf(doc)).toString('base64'),
  }
}
