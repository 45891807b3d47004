import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const SET_ASIDE_NAME =
  /^so-phong-dich\.before-restore-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?\.sqlite$/

/** The folder beside the store where a restore sets the replaced file aside. */
export const SET_ASIDE_FOLDER = 'before-restore'

/**
 * The copies a restore set aside hold whatever the store held then, values erased since
 * included, so they follow the backups' rule: at most `keep` of them, and none older than `keep`
 * days (what the oldest of `keep` daily backups is). A file that cannot be deleted is retried
 * with the next backup. Returns the names deleted.
 */
export function pruneSetAside(folder: string, keep: number, now: Date): string[] {
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch {
    return []
  }
  const found = names.flatMap((name) => {
    const m = SET_ASIDE_NAME.exec(name)
    if (!m) return []
    const [, y, mo, d, h, mi, s, seq] = m
    // Names carry Vietnam time (backupStamp), UTC+7 all year.
    const at = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}+07:00`)
    return [{ name, at, seq: Number(seq ?? 1) }]
  })
  found.sort((a, b) => b.at - a.at || b.seq - a.seq)
  const oldest = now.getTime() - keep * 86_400_000
  const deleted: string[] = []
  found.forEach((f, i) => {
    if (i < keep && f.at >= oldest) return
    try {
      for (const suffix of ['-wal', '-shm', '']) rmSync(join(folder, f.name + suffix), { force: true })
      deleted.push(f.name)
    } catch {
      // open elsewhere: the next backup tries again
    }
  })
  return deleted
}
