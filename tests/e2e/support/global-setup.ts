import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/**
 * Starts the built browser preview (out/main/preview.js) on a fresh temporary database and
 * hands its URL (with the per-run secret) to the tests through the environment.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'spd-e2e-'))
  const child = spawn(process.execPath, [resolve(__dirname, '../../../out/main/preview.js')], {
    env: { ...process.env, SPD_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview did not start:\n${output}`)), 30_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /PREVIEW_URL (\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolveUrl(match[1])
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => reject(new Error(`preview exited with ${code}:\n${output}`)))
  })
  process.env.SPD_PREVIEW_URL = url
  process.env.SPD_E2E_DATA_DIR = dataDir
  return async () => {
    child.kill('SIGTERM')
    await new Promise((done) => child.once('exit', done))
    rmSync(dataDir, { recursive: true, force: true })
  }
}
