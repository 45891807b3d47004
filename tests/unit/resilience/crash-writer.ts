/**
 * Child process of crash.test.ts: opens the real app core on the given file and creates units
 * forever, one transaction each. `ACK <code>` on stdout means that unit's transaction committed;
 * the parent kills this process with SIGKILL at a random moment and checks what survived.
 *
 *   tsx --tsconfig tsconfig.node.json tests/unit/resilience/crash-writer.ts <dbfile> <prefix>
 */
import { writeSync } from 'node:fs'
import { createAppCore } from '@main/app-core'
import { silentLogger } from '@main/core/logger'
import { systemSession } from '@main/core/session'

async function main(): Promise<void> {
  const [file, prefix] = process.argv.slice(2)
  if (!file || !prefix) throw new Error('usage: crash-writer <dbfile> <prefix>')
  const core = await createAppCore({ file, logger: silentLogger })
  const session = systemSession()
  writeSync(1, 'READY\n')
  for (let i = 0; ; i++) {
    const code = `${prefix}-${i}`
    const result = await core.router.dispatch(
      'units:create',
      { code, name: `Đơn vị ${i}`, kindCode: 'other' },
      session,
    )
    if (!result.ok) throw new Error(`units:create ${code} failed: ${JSON.stringify(result.error)}`)
    // Synchronous, so the line is in the pipe before the next transaction starts.
    writeSync(1, `ACK ${code}\n`)
  }
}

main().catch((error: unknown) => {
  writeSync(2, `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
