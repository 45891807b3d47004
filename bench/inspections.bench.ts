import { DEFAULT_AGENCY_SETTINGS } from '@shared/settings/schemas'
import { minutesDocument, planReportDocument } from '@main/inspections/minutes'
import { renderPdf } from '@main/printing/pdf'
import { sampleInspection, samplePlan } from './data/inspections'
import { percentile, report } from './report'

export const name = 'inspections'

const MINUTES_RUNS = 30
const MINUTES_P95_TARGET_MS = 400
const REPORT_TARGET_MS = 3_000

const verdict = (value: number, target: number) =>
  console.log(`  target ≤ ${target} ms: ${value <= target ? 'met' : 'NOT met'}`)

/**
 * The minutes of an inspection with 40 checklist items and 20 recommendations (about five
 * pages), built many times after a first run that loads the fonts; then a plan report over
 * 100 finalised inspections.
 */
export async function run(): Promise<void> {
  const minutes = sampleInspection(12, 40, 20, 'Văn phòng công chứng Nguyễn Thị Bích Liên')
  const build = () => renderPdf(minutesDocument(minutes, DEFAULT_AGENCY_SETTINGS, new Map()))
  await build()
  const times: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < MINUTES_RUNS; i++) {
    const started = performance.now()
    const cpuStarted = process.cpuUsage()
    await build()
    const used = process.cpuUsage(cpuStarted)
    times.push(performance.now() - started)
    cpu.push((used.user + used.system) / 1000)
  }
  report('minutes.pdf.p50', percentile(times, 50), 'ms')
  report('minutes.pdf.p95', percentile(times, 95), 'ms')
  verdict(percentile(times, 95), MINUTES_P95_TARGET_MS)
  // The process's own CPU time: wall time on a shared machine also counts other programs' turns.
  report('minutes.pdf.cpu.p50', percentile(cpu, 50), 'ms')
  report('minutes.pdf.cpu.p95', percentile(cpu, 95), 'ms')

  const inspections = Array.from({ length: 100 }, (_, i) =>
    sampleInspection(i + 1, 14, 3, `Đơn vị số ${i + 1} thuộc Sở Tư pháp`),
  )
  const started = performance.now()
  const bytes = await renderPdf(
    planReportDocument(
      samplePlan(100),
      inspections,
      DEFAULT_AGENCY_SETTINGS,
      new Date('2022-01-05T03:00:00Z'),
    ),
  )
  const elapsed = performance.now() - started
  report('plan_report.pdf_100', elapsed, 'ms')
  verdict(elapsed, REPORT_TARGET_MS)
  report('plan_report.pdf_100.size', Math.round(bytes.length / 1024), 'KiB')
}
