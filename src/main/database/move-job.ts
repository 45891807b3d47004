import type { DatabaseServerInput, MoveProgress } from '@shared/database/schemas'
import { seatMsg } from '@shared/database/messages'
import { AppError, INTERNAL_ERROR } from '../core/errors'
import type { Host } from '../core/router'
import { dataFolderOf, storeEngine } from '../db/data-source'
import { openPostgres } from '../db/postgres/data-source'
import { MoveRefusedError, moveStore } from '../db/move/move-store'
import { asFormError, connectionFor, refuseIfOverridden, testServer } from './service'
import { moveAttachmentFiles } from './move-attachments'

const IDLE: MoveProgress = { state: 'idle', done: 0, total: 0, table: null, message: null }

/** The last move of each seat, polled by the progress bar while the move route runs. */
const progressOf = new WeakMap<Host['seat'], MoveProgress>()

export const moveProgress = (host: Host): MoveProgress => progressOf.get(host.seat) ?? IDLE

/**
 * Copies this PC's file into the empty server database and, when every table matches, switches
 * this seat to the server. The route runs alone, so nothing writes to the file meanwhile.
 */
export async function moveToServer(host: Host, input: DatabaseServerInput): Promise<MoveProgress> {
  refuseIfOverridden()
  if (storeEngine(host.dataSource()) !== 'sqlite') throw AppError.conflict(seatMsg.notOnFile)
  if (progressOf.get(host.seat)?.state === 'running') throw AppError.conflict(seatMsg.moveRunning)
  const connection = connectionFor(host.seat, input)
  const tested = await testServer(host.seat, input)
  if (!tested.empty) throw AppError.conflict(seatMsg.targetNotEmpty)
  const set = (p: Partial<MoveProgress>) => progressOf.set(host.seat, { ...moveProgress(host), ...p })
  progressOf.set(host.seat, { ...IDLE, state: 'running' })
  try {
    const target = await openPostgres(connection, true)
    let checks
    const missing: string[] = []
    try {
      checks = await moveStore({
        source: host.dataSource(),
        target,
        attachments: moveAttachmentFiles(dataFolderOf(host.dataSource()), missing),
        onProgress: ({ table, done, total }) => set({ table, done, total }),
      })
    } finally {
      await target.destroy()
    }
    await host.seat.switchStore(connection)
    const { password: _password, ...server } = input
    host.seat.config.saveServer(server, connection.password)
    const rows = checks.reduce((n, c) => n + c.rows, 0)
    set({ state: 'done', table: null, message: seatMsg.moved(rows, checks.length, missing.length) })
    return moveProgress(host)
  } catch (error) {
    const refusal = refusalOf(error)
    set({ state: 'failed', message: refusal instanceof AppError ? refusal.message : INTERNAL_ERROR.message })
    throw refusal
  }
}

function refusalOf(error: unknown): unknown {
  if (error instanceof MoveRefusedError)
    return AppError.conflict(
      error.reason === 'notEmpty' ? seatMsg.targetNotEmpty : seatMsg.mismatch(error.table ?? ''),
    )
  return asFormError(error)
}
