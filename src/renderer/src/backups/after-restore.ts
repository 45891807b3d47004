import type { RestoreResult } from '@shared/backups/schemas'

const KEY = 'spd.restored'

/** A restore signs everyone out and swaps the data under the page: start it again from scratch. */
export function reloadAfterRestore(result: RestoreResult): void {
  sessionStorage.setItem(KEY, JSON.stringify(result))
  window.location.reload()
}

/** What the last restore did, once, for the notice shown after the reload. */
export function takeRestoreNotice(): RestoreResult | null {
  const raw = sessionStorage.getItem(KEY)
  sessionStorage.removeItem(KEY)
  if (!raw) return null
  try {
    return JSON.parse(raw) as RestoreResult
  } catch {
    return null
  }
}

export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`
}
