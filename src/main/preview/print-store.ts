import { randomBytes } from 'node:crypto'

/** How long a printout waits for its tab to fetch it. */
export const PRINT_TTL_MS = 60_000

interface Held {
  fileName: string
  bytes: Buffer
  expires: number
}

/**
 * PDFs handed to the preview for printing in a new tab. A tab cannot send the secret header,
 * so each PDF gets its own unguessable token instead: served once, then forgotten, and
 * forgotten anyway after PRINT_TTL_MS.
 */
export function printStore(now: () => number = Date.now) {
  const held = new Map<string, Held>()
  const sweep = (): void => {
    for (const [token, entry] of held) if (entry.expires <= now()) held.delete(token)
  }
  return {
    put(fileName: string, bytes: Buffer): string {
      sweep()
      const token = randomBytes(24).toString('base64url')
      held.set(token, { fileName, bytes, expires: now() + PRINT_TTL_MS })
      return token
    },
    take(token: string): { fileName: string; bytes: Buffer } | null {
      sweep()
      const entry = held.get(token)
      held.delete(token)
      return entry ? { fileName: entry.fileName, bytes: entry.bytes } : null
    },
    get size(): number {
      sweep()
      return held.size
    },
  }
}
