import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '@main/audit/chain'
import { readStoreFile } from '../helpers/store-file'

/**
 * Power-cut drill: a child process checks visitors in through the real core, one transaction
 * each, and is killed with SIGKILL at a random moment, 50 times on the same file. After each
 * kill the file must pass SQLite's integrity check and hold every check-in that was acknowledged.
 */

const ROOT = resolve(__dirname, '../../..')
const RUNS = 50
const MAX_ACKS = 40
/** Fixed, so a failure can be replayed; CRASH_SEED=… tries another schedule. */
const SEED = Number(process.env.CRASH_SEED ?? 20_260_101)

/** mulberry32: small, seeded, good enough to pick kill moments. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

interface Run {
  prefix: string
  acked: string[]
  /** Milliseconds from spawn to READY (core open), or null if killed before. */
  readyMs: number | null
  signal: NodeJS.Signals | null
  stderr: string
}

type Kill = { ackTarget: number } | { delayMs: number }

let dir: string
let bundle: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spd-crash-'))
  bundle = join(dir, 'crash-writer.cjs')
  // tsx takes ~2.4 s per start here and its CLI runs the script in a grandchild that a
  // SIGKILL of the spawned process does not reach; one esbuild bundle run by node starts in
  // ~0.8 s and is the process we kill.
  const started = performance.now()
  await build({
    entryPoints: [join(__dirname, 'crash-writer.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    tsconfig: join(ROOT, 'tsconfig.node.json'),
    logLevel: 'silent',
  })
  console.log(`CRASH bundle built in ${Math.round(performance.now() - started)} ms`)
})

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** Spawns the writer and SIGKILLs it after `ackTarget` ACKs, or after `delayMs` from spawn. */
function crashRun(file: string, prefix: string, kill: Kill): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, [bundle, file, prefix], {
      cwd: ROOT,
      // The bundle lives in a temp folder; its packages come from the project's node_modules.
      env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const run: Run = { prefix, acked: [], readyMs: null, signal: null, stderr: '' }
    let buffered = ''
    let killed = false
    const killNow = () => {
      if (killed) return
      killed = true
      child.kill('SIGKILL')
    }
    const timer = 'delayMs' in kill ? setTimeout(killNow, kill.delayMs) : undefined
    // A writer that never gets going must not hang the suite.
    const guard = setTimeout(killNow, 20_000)

    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk
      let newline: number
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline)
        buffered = buffered.slice(newline + 1)
        if (line === 'READY') run.readyMs = performance.now() - started
        else if (line.startsWith('ACK ')) {
          run.acked.push(line.slice(4))
          if ('ackTarget' in kill && run.acked.length >= kill.ackTarget) killNow()
        }
      }
    })
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => (run.stderr += chunk))
    child.on('error', reject)
    // 'close' waits for stdout to drain: every ACK the child wrote before dying is counted.
    child.on('close', (_code, signal) => {
      clearTimeout(timer)
      clearTimeout(guard)
      run.signal = signal
      resolveRun(run)
    })
  })
}

describe('crash safety of committed writes', () => {
  it(`keeps every acknowledged check-in and a sound file across ${RUNS} SIGKILLs`, async () => {
    const random = prng(SEED)
    const file = join(dir, 'crash.sqlite')
    const runs: Run[] = []
    const started = performance.now()

    for (let i = 0; i < RUNS; i++) {
      // Two runs in three stop after a number of commits; the rest at a moment that may fall
      // during start-up: the first run's migrations, or recovery of the previous crash's WAL.
      const kill: Kill =
        random() < 2 / 3
          ? { ackTarget: 1 + Math.floor(random() * MAX_ACKS) }
          : { delayMs: Math.floor(random() * 1_200) }
      const run = await crashRun(file, `R${i}`, kill)
      runs.push(run)
      expect(run.signal, `run ${i} ended by itself:\n${run.stderr}`).toBe('SIGKILL')
      expect(run.stderr).toBe('')
      if ('ackTarget' in kill) expect(run.acked.length).toBeGreaterThanOrEqual(kill.ackTarget)

      const acked = runs.flatMap((r) => r.acked)
      if (!existsSync(file)) {
        expect(acked).toEqual([])
        continue
      }
      // Read-only: the next writer, not this check, meets the WAL the kill left behind.
      const db = new Database(file, { readonly: true, fileMustExist: true })
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        expect(db.pragma('foreign_key_check')).toEqual([])
        const codes = new Set(
          (db.prepare('SELECT note FROM visits').all() as Array<{ note: string }>).map((r) => r.note),
        )
        expect(acked.filter((code) => !codes.has(code))).toEqual([])
        // Commits are sequential: each run left visits 0…n-1 with n its ACKs, or one more
        // whose commit landed just before the kill.
        for (const r of runs) {
          const mine = [...codes].filter((code) => code.startsWith(`${r.prefix}-`))
          expect([r.acked.length, r.acked.length + 1]).toContain(mine.length)
          for (let n = 0; n < mine.length; n++) expect(codes.has(`${r.prefix}-${n}`)).toBe(true)
        }
        // A visit, its visitor and its audit entries share one transaction: never one without the others.
        const orphans = db
          .prepare(
            `SELECT
                 (SELECT COUNT(*) FROM visits v WHERE NOT EXISTS (SELECT 1 FROM audit_log a
                    WHERE a.route = 'visits:checkIn' AND a.entity = 'visit' AND a.entity_id = CAST(v.id AS TEXT))) AS visits,
                 (SELECT COUNT(*) FROM audit_log a WHERE a.route = 'visits:checkIn' AND a.entity = 'visit' AND NOT EXISTS
                    (SELECT 1 FROM visits v WHERE CAST(v.id AS TEXT) = a.entity_id)) AS audit,
                 (SELECT COUNT(*) FROM visitors p WHERE NOT EXISTS (SELECT 1 FROM visits v WHERE v.visitor_id = p.id)) AS visitors`,
          )
          .get()
        expect(orphans).toEqual({ visits: 0, audit: 0, visitors: 0 })
      } finally {
        db.close()
      }
      // The audit chain is written in the same transactions, so no kill breaks it.
      expect(await readStoreFile(file, (m) => verifyAuditChain(m, new Date()))).toMatchObject({
        ok: true,
        firstBreak: null,
      })
    }

    // Last, with a writable connection: the full-text index is sound and covers exactly the
    // visitors. (rank 0: the index indexes ' ' || search_key, not the column itself, so FTS5's
    // content comparison, rank 1, fails on any database, crashed or not.)
    const db = new Database(file)
    try {
      expect(() =>
        db.prepare(`INSERT INTO visitors_search(visitors_search, rank) VALUES ('integrity-check', 0)`).run(),
      ).not.toThrow()
      const unindexed = db
        .prepare(
          `SELECT
               (SELECT COUNT(*) FROM visitors p WHERE p.id NOT IN (SELECT id FROM visitors_search_docsize)) AS missing,
               (SELECT COUNT(*) FROM visitors_search_docsize d WHERE d.id NOT IN (SELECT id FROM visitors)) AS stale`,
        )
        .get()
      expect(unindexed).toEqual({ missing: 0, stale: 0 })
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      db.close()
    }

    const total = runs.reduce((sum, r) => sum + r.acked.length, 0)
    const ready = runs.flatMap((r) => (r.readyMs === null ? [] : [r.readyMs])).sort((a, b) => a - b)
    const median = ready[Math.floor(ready.length / 2)] ?? 0
    console.log(`CRASH runs ${RUNS} acked ${total}`)
    console.log(
      `CRASH seed ${SEED}; killed before ready ${RUNS - ready.length}; ` +
        `writer start median ${Math.round(median)} ms; total ${Math.round(performance.now() - started)} ms`,
    )
    expect(total).toBeGreaterThan(0)
  }, 180_000)
})
