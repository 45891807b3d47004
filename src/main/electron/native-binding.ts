import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The Electron-ABI build of better-sqlite3. node_modules keeps the Node-ABI build for tests and
 * the preview; the app loads this one through better-sqlite3's `nativeBinding` option.
 */
export function electronSqliteBinding(
  isPackaged: boolean,
  resourcesPath: string,
  appPath: string,
): string | null {
  const file = isPackaged
    ? join(resourcesPath, 'native', 'better_sqlite3.node')
    : join(appPath, 'build', 'native', 'electron', 'better_sqlite3.node')
  return existsSync(file) ? file : null
}
