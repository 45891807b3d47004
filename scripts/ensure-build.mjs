// Builds out/ with electron-vite unless it is newer than every input, so `npm test` builds once:
// the unit tests of the built preview (tests/unit/preview/built.test.ts) and the E2E suite
// both run this, whichever comes first builds.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const OUTPUTS = [
  'out/main/index.js',
  'out/main/preview.js',
  'out/preload/index.js',
  'out/renderer/index.html',
]
const INPUT_FILES = [
  'electron.vite.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.base.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
]

/** Newest mtime under a folder, folders included (a deleted file changes its folder's mtime). */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  let latest = stat.mtimeMs
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)))
  return latest
}

function stale() {
  const paths = OUTPUTS.map((p) => join(root, p))
  if (!paths.every((p) => existsSync(p))) return true
  const built = Math.min(...paths.map((p) => statSync(p).mtimeMs))
  const inputs = Math.max(newest(join(root, 'src')), ...INPUT_FILES.map((f) => newest(join(root, f))))
  return inputs > built
}

if (stale()) {
  const cli = join(root, 'node_modules/electron-vite/bin/electron-vite.js')
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' })
  process.exit(result.status ?? 1)
}
