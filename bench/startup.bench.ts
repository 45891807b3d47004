import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import { chromiumExecutable } from '../tests/e2e/support/chromium'
import { percentile, report } from './report'

export const name = 'startup'

const ROOT = resolve(__dirname, '..')
const PREVIEW = join(ROOT, 'out/main/preview.js')
const RUNS = 7
const TARGET = { serverReadyMs: 400, firstScreenMs: 500, initialKb: 900 }
const ADMIN = { username: 'quantri', displayName: 'Nguyễn Văn Quản', password: 'mat-khau-dai-8' }

interface Started {
  child: ChildProcess
  url: URL
  /** Process start (spawn) to the PREVIEW_URL line: the store is open and the server listens. */
  readyMs: number
  /** CPU the process used until then (Linux), which a busy machine does not inflate as it does wall time. */
  readyCpuMs: number | null
}

/** User + system CPU time of a process so far, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

function startPreview(dataDir: string): Promise<Started> {
  const startedAt = performance.now()
  const child = spawn(process.execPath, [PREVIEW], {
    env: { ...process.env, SPD_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  return new Promise((done, fail) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /PREVIEW_URL (\S+)/.exec(output)
      if (match?.[1])
        done({
          child,
          url: new URL(match[1]),
          readyMs: performance.now() - startedAt,
          readyCpuMs: cpuMs(child.pid),
        })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => fail(new Error(`preview exited with ${code}:\n${output}`)))
  })
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((done) => child.once('exit', done))
  child.kill('SIGTERM')
  await exited
}

async function call(url: URL, route: string, input: unknown = {}): Promise<void> {
  const response = await fetch(`${url.origin}/api/${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-SPD-Secret': url.searchParams.get('k') ?? '' },
    body: JSON.stringify(input),
  })
  const body = (await response.json()) as { ok: boolean }
  if (!body.ok) throw new Error(`${route}: ${JSON.stringify(body)}`)
}

/**
 * Cold start of the browser preview on a store that already has data: the process until it
 * listens, then a fresh browser page (empty cache) until the sign-in card has the focus.
 */
export async function run(): Promise<void> {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/ensure-build.mjs')], { stdio: 'inherit' })
  if (build.status !== 0) throw new Error('build failed')
  const dataDir = mkdtempSync(join(tmpdir(), 'spd-bench-startup-'))
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  })
  try {
    const seed = await startPreview(dataDir)
    await call(seed.url, 'auth:setup', { ...ADMIN, confirm: ADMIN.password })
    await call(seed.url, 'sample:load')
    await stop(seed.child)

    const ready: number[] = []
    const firstScreen: number[] = []
    const initialKb: number[] = []
    const readyCpu: number[] = []
    const screenCpu: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const started = await startPreview(dataDir)
      try {
        ready.push(started.readyMs)
        if (started.readyCpuMs !== null) readyCpu.push(started.readyCpuMs)
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
        const page = await context.newPage()
        const cdp = await context.newCDPSession(page)
        await cdp.send('Performance.enable')
        const navigatedAt = performance.now()
        await page.goto(started.url.toString(), { waitUntil: 'commit' })
        await page.waitForFunction(
          () =>
            document.querySelector('[data-testid="login-card"]') !== null &&
            (document.activeElement as HTMLInputElement | null)?.name === 'username',
          undefined,
          { polling: 'raf' },
        )
        firstScreen.push(performance.now() - navigatedAt)
        const { metrics } = await cdp.send('Performance.getMetrics')
        const task = metrics.find((m) => m.name === 'TaskDuration')
        if (task) screenCpu.push(task.value * 1000)
        const bytes = await page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .filter((e) => new URL(e.name).pathname.endsWith('.js'))
            .reduce((sum, e) => sum + (e as PerformanceResourceTiming).decodedBodySize, 0),
        )
        initialKb.push(bytes / 1024)
        await context.close()
      } finally {
        await stop(started.child)
      }
    }
    const readyMs = percentile(ready, 50)
    const firstMs = percentile(firstScreen, 50)
    const kb = Math.max(...initialKb)
    report('startup.server_ready', readyMs, 'ms')
    report('startup.server_ready.max', Math.max(...ready), 'ms')
    report('startup.first_screen', firstMs, 'ms')
    report('startup.first_screen.max', Math.max(...firstScreen), 'ms')
    report('startup.renderer_initial_kb', kb, 'KB')
    // Wall time on a machine shared with other work mostly measures the wait for a CPU; these do not.
    if (readyCpu.length) report('startup.server_ready_cpu', percentile(readyCpu, 50), 'ms')
    if (screenCpu.length) report('startup.first_screen_main_thread', percentile(screenCpu, 50), 'ms')
    const verdicts: string[] = []
    let allMet = true
    const judge = (label: string, met: boolean, text: string) => {
      allMet &&= met
      verdicts.push(`${label} ${met ? 'MET' : 'MISSED'} (${text})`)
    }
    judge(
      `server ready ≤ ${TARGET.serverReadyMs} ms`,
      readyMs <= TARGET.serverReadyMs,
      `${readyMs.toFixed(0)} ms`,
    )
    judge(
      `first screen ≤ ${TARGET.firstScreenMs} ms`,
      firstMs <= TARGET.firstScreenMs,
      `${firstMs.toFixed(0)} ms`,
    )
    judge(`initial JavaScript ≤ ${TARGET.initialKb} KB`, kb <= TARGET.initialKb, `${kb.toFixed(0)} KB`)
    console.log(
      `startup: targets ${allMet ? 'MET' : 'MISSED'} (median of ${RUNS} cold starts): ${verdicts.join('; ')}`,
    )
  } finally {
    await browser.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
