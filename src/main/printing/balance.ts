import type { TextStyle } from './measure'
import { lineWidth } from './measure'

/** Room left for what our measure leaves out (kerning across spaces): a line we fit, pdfmake fits. */
const SLACK = 0.98

const wordsOf = (phrase: string) => phrase.split(/\s+/).filter(Boolean)

/** "CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC": the parts of a phrase between its commas, each keeping its comma. */
const commaParts = (phrase: string) => phrase.split(/(?<=,)\s+/)

/**
 * Tokens (each a run of words kept on one line) into lines of at most `limit` points: the fewest
 * lines, and of those the split whose longest line is shortest. A token wider than the limit
 * gets a line of its own (pdfmake wraps it).
 */
function split(tokens: string[][], limit: number, style: TextStyle): string[][] {
  const best: Array<{ lines: number; longest: number; from: number } | undefined> = [
    { lines: 0, longest: 0, from: -1 },
  ]
  for (let j = 1; j <= tokens.length; j++)
    for (let i = j - 1; i >= 0; i--) {
      const width = lineWidth(tokens.slice(i, j).flat(), style)
      if (width > limit && j - i > 1) break
      const before = best[i]!
      const candidate = { lines: before.lines + 1, longest: Math.max(before.longest, width), from: i }
      const current = best[j]
      if (
        !current ||
        candidate.lines < current.lines ||
        (candidate.lines === current.lines && candidate.longest < current.longest)
      )
        best[j] = candidate
    }
  const lines: string[][] = []
  for (let j = tokens.length; j > 0; j = best[j]!.from) lines.unshift(tokens.slice(best[j]!.from, j).flat())
  return lines
}

/**
 * The lines of a centred title or subject. Breaks fall between the given phrases when that
 * costs no extra line (a phrase too wide for a line breaks after its commas, then between its
 * words), and the lines are balanced: no short word sits alone on the last line, no phrase is
 * cut that need not be.
 */
export function balancedLines(phrases: string[], width: number, style: TextStyle): string[] {
  const limit = width * SLACK
  const fits = (text: string) => lineWidth(wordsOf(text), style) <= limit
  const whole = phrases.flatMap((p) =>
    fits(p)
      ? [wordsOf(p)]
      : commaParts(p).flatMap((part) => (fits(part) ? [wordsOf(part)] : wordsOf(part).map((w) => [w]))),
  )
  const byWord = phrases.flatMap((p) => wordsOf(p).map((w) => [w]))
  const kept = split(whole, limit, style)
  const loose = split(byWord, limit, style)
  return (kept.length <= loose.length ? kept : loose).map((line) => line.join(' '))
}
