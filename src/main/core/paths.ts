import { chmodSync, mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** Folder name under the OS application-data folder; ASCII so Windows shares and USB copies never trip on it. */
export const APP_FOLDER = 'SoPhongDich'

/**
 * Where the database, logs and backups live. Electron passes app.getPath('appData'); the
 * preview computes the same folder so both open the same file. SPD_DATA_DIR overrides (tests).
 */
export function resolveDataDir(appData = defaultAppDataDir(), env: NodeJS.ProcessEnv = process.env): string {
  return env.SPD_DATA_DIR ? env.SPD_DATA_DIR : join(appData, APP_FOLDER)
}

/** Same rule as Electron's app.getPath('appData'). */
export function defaultAppDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support')
  return env.XDG_CONFIG_HOME ?? join(homedir(), '.config')
}

const posix = process.platform !== 'win32'

/** A folder only this user can open (0700 on POSIX; Windows' per-user profile ACLs do that job). */
export function privateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  try {
    if (posix) chmodSync(folder, 0o700)
  } catch {
    // a folder someone else owns (a share): created or not, its owner sets who may open it
  }
}

/** A file only this user can read (0600 on POSIX); a missing file is left alone. */
export function privateFile(file: string): void {
  if (!posix) return
  try {
    chmodSync(file, 0o600)
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error
  }
}
