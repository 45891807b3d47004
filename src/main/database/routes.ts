import type { Handlers } from '../core/router'
import { pingStore } from '../db/data-source'
import { connectServer, seatStatus, testServer, useLocalFile } from './service'
import { moveProgress, moveToServer } from './move-job'

type DatabaseHandlers = Pick<Handlers, `database:${string}` & keyof Handlers>

const where = (s: { host: string; port: number; database: string }) => `${s.host}:${s.port}/${s.database}`

export const databaseHandlers: DatabaseHandlers = {
  'database:status': async (_input, { host }) => seatStatus(host),
  'database:test': (input, { host }) => testServer(host.seat, input),
  'database:connect': async (input, { host, audit }) => {
    const status = await connectServer(host, input)
    audit.note('database', null, `Máy này chuyển sang dùng máy chủ dữ liệu ${where(input)}`)
    return status
  },
  'database:useLocal': async (_input, { host, audit }) => {
    const status = await useLocalFile(host)
    audit.note('database', null, `Máy này chuyển về dùng dữ liệu riêng ${status.localFile}`)
    return status
  },
  'database:move': async (input, { host, audit }) => {
    const progress = await moveToServer(host, input)
    audit.note(
      'database',
      null,
      `Chuyển dữ liệu của máy này lên máy chủ ${where(input)}: ${progress.message}`,
    )
    return progress
  },
  'database:moveProgress': async (_input, { host }) => moveProgress(host),
  // A lost server fails this read; the router answers it as `unreachable`.
  'database:retry': async (_input, { host }) => {
    await pingStore(host.dataSource())
    return true
  },
}
