import { describe, expect, it } from 'vitest'
import type { Handlers } from '@main/core/router'
import { silentLogger } from '@main/core/logger'
import type { Logger } from '@main/core/logger'
import { handlers } from '@main/routes'
import { receptionJobs } from '@main/visitors/schedule'
import { staffJobs } from '@main/staff/schedule'
import { JobRunEntity } from '@main/jobs/entities'
import { contract } from '@shared/contract'
import type { RouteName } from '@shared/contract'
import { twoSeats } from '../helpers/seats'
import { routerOver, tempApp } from '../helpers/temp-app'

describe('daily jobs on two seats', () => {
  it('each daily job runs once a day for the office, whichever seats run them at once', async () => {
    const ran: string[] = []
    const logger: Logger = { ...silentLogger, info: (message) => ran.push(message) }
    let now = Date.parse('2026-11-20T03:00:00Z')
    const clock = () => now
    const { a, b } = await twoSeats(logger, clock)
    const schedules = [a, b, a, b].map((seat) => [
      receptionJobs(seat.router, logger, clock),
      staffJobs(seat.router, logger, clock),
    ])
    const runAll = () => Promise.all(schedules.flat().map((run) => run()))
    const purges = () => ran.filter((m) => m.startsWith('retention purge:')).length

    await runAll()
    expect(purges()).toBe(2)
    await runAll()
    expect(purges()).toBe(2)
    now += 86_400_000
    await runAll()
    expect(purges()).toBe(4)
    const claims = await a.dataSource.getRepository(JobRunEntity).find({ order: { day: 'ASC', name: 'ASC' } })
    expect(claims.map((c) => `${c.day} ${c.name}`)).toEqual([
      '2026-11-20 purgeStaff',
      '2026-11-20 purgeVisitors',
      '2026-11-21 purgeStaff',
      '2026-11-21 purgeVisitors',
    ])
  })
})

const EXPORTS: Array<[RouteName, object]> = [
  ['visits:rollCallPdf', {}],
  ['audit:export', {}],
  ['staff:exportXlsx', {}],
]

describe('exports and printouts are reads', () => {
  it.each(EXPORTS)(
    '%s renders while a long write holds the writer, then records its audit line',
    async (name, input) => {
      const app = await tempApp()
      let rendered!: () => void
      const renderedNow = new Promise<void>((resolve) => (rendered = resolve))
      const real = handlers[name] as (i: unknown, c: unknown) => Promise<unknown>
      const watched = {
        ...handlers,
        [name]: async (i: unknown, c: unknown) => {
          const file = await real(i, c)
          rendered()
          return file
        },
      } as Handlers
      const router = routerOver(app, watched)
      let release!: () => void
      let started!: () => void
      const holding = new Promise<void>((resolve) => (started = resolve))
      const held = router.runJob(
        'longWrite',
        () =>
          new Promise<void>((resolve) => {
            release = resolve
            started()
          }),
      )
      // On a server the job's transaction begins over the network: wait until it holds the writer.
      await holding
      const exported = router.dispatch(name, input, app.session)
      // A write route would wait for the writer here, and this would never resolve.
      await renderedNow
      release()
      await held
      expect(await exported).toMatchObject({ ok: true, data: { fileName: expect.any(String) } })
      const trail = await app.ok('audit:list', { q: name, pageSize: 10 })
      expect(trail.items.map((l) => l.route)).toEqual([name])
    },
    30_000,
  )

  it('every export and printout route is declared a read', () => {
    const exports = (Object.keys(contract) as RouteName[]).filter((n) => /(Xlsx|Pdf|Docx|:export)$/.test(n))
    expect(exports.length).toBeGreaterThanOrEqual(17)
    expect(exports.filter((n) => contract[n].kind !== 'read')).toEqual([])
  })
})
