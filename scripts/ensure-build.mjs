// Builds out/ with electron-vite unless it is newer than every input, so `npm test` builds once:
// the unit tests of the built preview and the built Electron main (tests/unit/preview/built.test.ts,
// tests/unit/electron/built-main.sqlite.test.ts, run side by side by vitest) and the E2E suite
// all run this; whichever comes first builds while the others wait for it.
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
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
// another was building could start a half-written bundle. mkdir is atomic; the holder's pid
// inside lets a waiter take over the lock of a build that was killed (Ctrl-C skips `finally`).
const LOCK = join(root, 'node_modules/.spd-build-lock')
const OWNER = join(LOCK, 'pid')
/** A lock with no pid yet is its holder's first instant; one this old lost its holder then. */
const ABANDONED_MS = 10 * 60_000
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

function alive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === 'EPERM'
  }
}

function ownerOf(dir) {
  try {
    return Number(readFileSync(join(dir, 'pid'), 'utf8'))
  } catch {
    return null
  }
}

/** Moves a dead holder's lock aside; false when another waiter got there first. */
function takeOver(deadPid) {
  const aside = `${LOCK}.${process.pid}`
  try {
    renameSync(LOCK, aside)
  } catch {
    return false
  }
  // Between reading the pid and the rename another waiter may have taken over: give it back.
  if (ownerOf(aside) !== deadPid) {
    try {
      renameSync(aside, LOCK)
    } catch {
      // Yet another lock stands there now: its holder builds; this one's holder finds its own gone.
    }
    return false
  }
  rmSync(aside, { recursive: true, force: true })
  return true
}

function lock() {
  let told = false
  for (;;) {
    try {
      mkdirSync(LOCK)
      writeFileSync(OWNER, String(process.pid))
      return
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
    }
    const pid = ownerOf(LOCK)
    const since = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()
    if (pid !== null ? !alive(pid) : Date.now() - since > ABANDONED_MS) {
      if (takeOver(pid)) continue
    } else if (!told) {
      told = true
      console.log(`waiting for the build process ${pid ?? '?'} started (${LOCK})`)
    }
    pause(200)
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
