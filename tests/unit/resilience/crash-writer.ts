/**
 * Child process of crash.sqlite.test.ts: opens the real app core on the given file and checks visitors
 * in at the reception desk forever, one transaction each (a visitor, a visit, the index, the
 * audit trail). `ACK <code>` on stdout means that check-in committed; the parent kills this
 * process with SIGKILL at a random moment and checks what survived.
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
  const units = await core.router.dispatch('units:options', {}, session)
  if (!units.ok) throw new Error(`units:options failed: ${JSON.stringify(units.error)}`)
  let unit = (units.data as Array<{ id: number; code: string }>).find((u) => u.code === 'SANH')?.id
  if (!unit) {
    const created = await core.router.dispatch(
      'units:create',
      { code: 'SANH', name: 'Sảnh tiếp dân', kindCode: 'other' },
      session,
    )
    if (!created.ok) throw new Error(`units:create failed: ${JSON.stringify(created.error)}`)
    unit = (created.data as { id: number }).id
  }
  writeSync(1, 'READY\n')
  for (let i = 0; ; i++) {
    const code = `${prefix}-${i}`
    const result = await core.router.dispatch(
      'visits:checkIn',
      {
        visitor: { fullName: `Nguyễn Văn Khách ${i}`, idType: 'none' },
        hostUnitId: unit,
        note: code,
        health: { temperature: 36.5, symptoms: [], contactWithCase: false, fromCaseArea: false },
      },
      session,
    )
    if (!result.ok) throw new Error(`visits:checkIn ${code} failed: ${JSON.stringify(result.error)}`)
    // Synchronous, so the line is in the pipe before the next transaction starts.
    writeSync(1, `ACK ${code}\n`)
  }
}

main().catch((error: unknown) => {
  writeSync(2, `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
