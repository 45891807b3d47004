// `npm start`: build, then run the Electron app; where the Electron binary cannot be had
// (no download possible), run the browser preview on the same database instead.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const electronDir = join(root, 'node_modules/electron')
const forcePreview = process.argv.includes('--preview')

function run(command, args) {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status === 0
}

/** Path of the Electron executable if it is on disk; never triggers Electron's lazy download itself. */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

function tryDownloadElectron() {
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: root,
    stdio: 'pipe',
    timeout: 120_000,
  })
  return result.status === 0
}

function startChild(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 0))
}

if (!run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']))
  process.exit(1)

let binary = forcePreview ? null : (electronBinary() ?? (tryDownloadElectron() ? electronBinary() : null))
if (binary && !run(process.execPath, [join(root, 'scripts/native.mjs')])) {
  console.log('Không dựng được thư viện SQLite cho Electron — mở bản xem trước trên trình duyệt thay thế.')
  binary = null
}

if (binary) {
  startChild(binary, [root])
} else {
  if (!forcePreview) {
    console.log(
      'Electron không có sẵn trên máy này (không tải được bản chạy Electron) — mở bản xem trước trên trình duyệt thay thế. ' +
        '(The Electron binary cannot be downloaded here: starting the browser preview instead.)',
    )
  }
  console.log('Open the PREVIEW_URL below in Chromium (Ctrl+C to stop):')
  if (!run(process.execPath, [join(root, 'scripts/ensure-native.mjs')])) process.exit(1)
  startChild(process.execPath, [
    join(root, 'out/main/preview.js'),
    ...process.argv.slice(2).filter((a) => a === '--recover'),
  ])
}
