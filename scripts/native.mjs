// Builds better-sqlite3 for Electron's ABI into build/native/electron/, leaving node_modules'
// Node-ABI build (used by tests, benchmarks and the browser preview) untouched.
// Needs the Electron headers, so it needs internet on first run (cached by node-gyp after).
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version
const outDir = join(root, 'build/native/electron')
const target = join(outDir, 'better_sqlite3.node')
const stamp = join(outDir, 'electron-version.txt')

if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === electronVersion) {
  console.log(`better-sqlite3 for Electron ${electronVersion} is up to date: ${target}`)
  process.exit(0)
}

const work = join(root, 'build/native/.work')
rmSync(work, { recursive: true, force: true })
mkdirSync(work, { recursive: true })
cpSync(join(root, 'node_modules/better-sqlite3'), join(work, 'better-sqlite3'), {
  recursive: true,
  filter: (src) => !src.includes(`${'better-sqlite3'}/build`),
})

const bundledGyp = join(
  dirname(process.execPath),
  '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
)
const [command, prefix] = existsSync(bundledGyp)
  ? [process.execPath, [bundledGyp]]
  : ['npx', ['--yes', 'node-gyp']]
const env = { ...process.env }
// A machine-wide nodedir (pointing at Node's headers) would silently build for the wrong ABI.
delete env.npm_config_nodedir
delete env.NPM_CONFIG_NODEDIR
const result = spawnSync(
  command,
  [
    ...prefix,
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: join(work, 'better-sqlite3'), stdio: 'inherit', env },
)
if (result.status !== 0) {
  console.error(
    `Could not build better-sqlite3 for Electron ${electronVersion} (the Electron headers must be downloadable). ` +
      'The browser preview and the tests do not need this build.',
  )
  process.exit(1)
}
mkdirSync(outDir, { recursive: true })
cpSync(join(work, 'better-sqlite3/build/Release/better_sqlite3.node'), target)
writeFileSync(stamp, `${electronVersion}\n`)
rmSync(work, { recursive: true, force: true })
console.log(`Built ${target}`)
