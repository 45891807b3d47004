import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'

/** The project folder, where out/ is built. */
export const ROOT = resolve(__dirname, '../../..')

/** Fresh out/ for what is tested: scripts/ensure-build.mjs, a no-op when nothing changed since the last build. */
export function ensureBuilt(): void {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/ensure-build.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`)
}
