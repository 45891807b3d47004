/**
 * Test-only: `SPD_NOW=2026-11-23T15:30:00+07:00` starts the browser preview's clock at that
 * instant (it then runs on in real time), so E2E tests can submit a report "after 15:00"
 * whatever the hour. Only the preview entry (src/main/preview.ts) reads it; the Electron entry
 * always runs on the real clock.
 */
export function previewClock(
  value: string | undefined,
  realNow: () => number = Date.now,
): (() => number) | undefined {
  if (!value) return undefined
  const start = Date.parse(value)
  if (Number.isNaN(start)) throw new Error(`SPD_NOW is not a date-time: ${value}`)
  const bootedAt = realNow()
  return () => start + (realNow() - bootedAt)
}
