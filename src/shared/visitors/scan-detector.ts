import { looksLikeScan } from './cccd-qr'

/** Key presses closer together than this are a machine typing, not a person. */
export const MAX_GAP_MS = 50
/** A CCCD QR text is far longer than this; shorter bursts are fast typists or autocomplete. */
const MIN_SCAN_LENGTH = 20

export type ScanResult = { kind: 'scan'; text: string } | { kind: 'enter'; text: string }

/**
 * Tells a handheld scanner in keyboard mode from a person at the same field: the scanner types
 * the whole QR text in one burst (every key < ~50 ms after the previous) ending in Enter, and a
 * CCCD QR always holds `|`. A burst that is plainly another QR (a link, a bank QR) is a scan too,
 * so the desk can say what it is not. Fed with key events; knows nothing of the DOM.
 */
export class ScanDetector {
  private text = ''
  private burst = ''
  private last = Number.NEGATIVE_INFINITY

  constructor(private readonly maxGapMs = MAX_GAP_MS) {}

  push(key: string, time: number): ScanResult | null {
    const gap = time - this.last
    this.last = time
    if (key === 'Enter') {
      const burst = gap <= this.maxGapMs ? this.burst : ''
      const result: ScanResult =
        burst.length >= MIN_SCAN_LENGTH && (burst.includes('|') || looksLikeScan(burst))
          ? { kind: 'scan', text: burst }
          : { kind: 'enter', text: this.text }
      this.reset()
      return result
    }
    if (key === 'Backspace') {
      this.text = this.text.slice(0, -1)
      this.burst = ''
      return null
    }
    // Shift, arrows, F-keys: names longer than one character are not typed text.
    if ([...key].length !== 1) return null
    if (gap > this.maxGapMs) this.burst = ''
    this.burst += key
    this.text += key
    return null
  }

  reset(): void {
    this.text = ''
    this.burst = ''
    this.last = Number.NEGATIVE_INFINITY
  }
}

/**
 * A scanner in virtual COM-port mode sends each code as UTF-8 text ending in CR (some add LF);
 * chunks arrive split anywhere. Gives back whole, non-empty lines.
 */
export class LineBuffer {
  private rest = ''

  push(chunk: string): string[] {
    const parts = (this.rest + chunk).split(/\r\n|\r|\n/)
    this.rest = parts.pop() ?? ''
    return parts.map((p) => p.trim()).filter(Boolean)
  }
}
