// Builds out/ with electron-vite unless it is newer than every input, so `npm test` builds once:
// the unit tests of the built preview and the built Electron main (tests/unit/preview/built.test.ts,
// tests/unit/electron/built-main.sqlite.test.ts, run side by side by vitest) and the E2E suite
// all run this; whichever comes first builds while the others wait for it.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
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

// One build at a time: a build empties out/ first, so a caller that found it fresh while
// another was building could start a half-written bundle. mkdir is atomic; a lock left by a
// killed build is taken over once it is older than any build takes.
const LOCK = join(root, 'node_modules/.spd-build-lock')
const ABANDONED_MS = 10 * 60_000
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

function lock() {
  for (;;) {
    try {
      mkdirSync(LOCK)
      return
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
      const since = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()
      if (Date.now() - since > ABANDONED_MS) rmSync(LOCK, { recursive: true, force: true })
      else pause(200)
    }
  }
}

lock()
let status = 0
try {
  if (stale()) {
    const cli = join(root, 'node_modules/electron-vite/bin/electron-vite.js')
    status = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' }).status ?? 1
  }
} finally {
  rmSync(LOCK, { recursive: true, force: true })
}
process.exit(status)
