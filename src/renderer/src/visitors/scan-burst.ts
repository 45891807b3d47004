import { onMounted, onUnmounted } from 'vue'
import { MAX_GAP_MS, ScanDetector } from '@shared/visitors/scan-detector'

type TextField = HTMLInputElement | HTMLTextAreaElement

const isTextField = (el: EventTarget | null): el is TextField =>
  el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement

/** A CCCD's QR text from its start: nobody types 12 digits, a `|` and six more fields by hand. */
const CARD_TEXT = /\d{12}\|(?:[^|]*\|){5}/

interface Typed {
  /** The field's value before this insertion. */
  before: string
  data: string
}

/**
 * A keyboard-mode scanner types wherever the cursor is. While the check-in screen is open, a scan
 * typed into any field other than the scan field (`skip`) is taken back out of that field, which
 * keeps the value it had before, and handed to `onScan` whole: the text is read from
 * `beforeinput`, so neither the field's length limit nor an input method cuts it. A scan is the
 * timing detector's fast burst, or a CCCD's text in what was typed since the field got the
 * cursor (a busy PC can space a scanner's keys wider than a burst allows).
 */
export function useScanBurst(skip: (el: Element) => boolean, onScan: (text: string) => void): void {
  const detector = new ScanDetector()
  let field: TextField | null = null
  let typed: Typed[] = []
  /** Index in `typed` where the current fast burst began. */
  let burstStart = 0
  let last = Number.NEGATIVE_INFINITY

  function onBeforeInput(event: Event): void {
    const e = event as InputEvent
    if (!isTextField(e.target) || skip(e.target)) return
    if (e.target !== field) {
      field = e.target
      typed = []
      detector.reset()
    }
    if (!e.data) return
    if (e.timeStamp - last > MAX_GAP_MS) burstStart = typed.length
    last = e.timeStamp
    typed.push({ before: e.target.value, data: e.data })
    for (const ch of e.data) detector.push(ch, e.timeStamp)
  }

  /** Where the scan began in what was typed, and its text; null when nothing was scanned. */
  function scanned(timing: boolean): { from: number; text: string } | null {
    const all = typed.map((t) => t.data).join('')
    const card = CARD_TEXT.exec(all)
    if (card) {
      let offset = 0
      const from = typed.findIndex((t) => (offset += t.data.length) > card.index)
      return { from, text: all.slice(card.index) }
    }
    return timing
      ? {
          from: burstStart,
          text: typed
            .slice(burstStart)
            .map((t) => t.data)
            .join(''),
        }
      : null
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.target !== field || !field) return
    if (event.key === 'Backspace' || event.key === 'Delete') {
      typed = []
      detector.reset()
      return
    }
    if (event.key !== 'Enter') return
    const scan = scanned(detector.push('Enter', event.timeStamp)?.kind === 'scan')
    if (!scan) return
    // Before the form sees the Enter: it must not save what the scan left in the field.
    event.preventDefault()
    event.stopPropagation()
    field.value = typed[scan.from]!.before
    field.dispatchEvent(new Event('input', { bubbles: true }))
    typed = []
    onScan(scan.text)
  }

  function onFocusIn(): void {
    field = null
    typed = []
    detector.reset()
  }

  onMounted(() => {
    document.addEventListener('beforeinput', onBeforeInput, true)
    document.addEventListener('keydown', onKeyDown, true)
    document.addEventListener('focusin', onFocusIn, true)
  })
  onUnmounted(() => {
    document.removeEventListener('beforeinput', onBeforeInput, true)
    document.removeEventListener('keydown', onKeyDown, true)
    document.removeEventListener('focusin', onFocusIn, true)
  })
}
