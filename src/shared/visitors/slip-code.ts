/**
 * The QR printed on a visitor slip: the visit's id and its check-in instant. Scanned at the desk
 * (a keyboard-mode scanner types it into the scan field) it checks the visitor out; the instant
 * makes a slip of one visit useless for another, and a hand-typed number unlikely to match.
 */
const PREFIX = 'SPD-KHACH'
const SLIP = /^SPD-KHACH:(\d{1,12}):(\d{8}T\d{6})Z$/

const compactInstant = (iso: string): string => iso.slice(0, 19).replace(/[-:]/g, '')

export function slipCode(visit: { id: number; checkedInAt: string }): string {
  return `${PREFIX}:${visit.id}:${compactInstant(visit.checkedInAt)}Z`
}

export interface SlipScan {
  visitId: number
  /** Compact UTC check-in instant, compared with the visit's own. */
  checkedIn: string
}

/** The slip a scanned text comes from, or null when it is not a visitor slip. */
export function parseSlipCode(text: string): SlipScan | null {
  const match = SLIP.exec(
    text
      .replace(/^\uFEFF/, '')
      .trim()
      .toUpperCase(),
  )
  return match ? { visitId: Number(match[1]), checkedIn: match[2]! } : null
}

export const slipMatches = (scan: SlipScan, visit: { id: number; checkedInAt: string }): boolean =>
  scan.visitId === visit.id && scan.checkedIn === compactInstant(visit.checkedInAt)
