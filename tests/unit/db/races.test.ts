import { inject, describe, expect, it } from 'vitest'
import { createAppCore } from '@main/app-core'
import { silentLogger } from '@main/core/logger'
import type { Result, RouteInput, RouteName } from '@shared/contract'
import { unitMsg } from '@shared/units/schemas'
import { reportMsg } from '@shared/daily-reports/schemas'
import { inspectionMsg } from '@shared/inspections/schemas'
import { staffMsg } from '@shared/staff/schemas'
import { visitMsg } from '@shared/visitors/schemas'
import { rapidMsg } from '@shared/rapid-tests/schemas'
import { vietnamDay } from '@shared/text/dates'
import type { EntityManager } from 'typeorm'
import { AppError } from '@main/core/errors'
import { raceConflict } from '@main/core/race-conflicts'
import { UnitEntity } from '@main/units/entities'
import { DailyReportEntity } from '@main/daily-reports/entities'
import { InspectionPlanEntity } from '@main/inspections/entities'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { INSPECTION_SAMPLE, PLAN_SAMPLE, REPORT } from '../helpers/route-samples'

/**
 * Two seats writing the same thing at the same instant, 100 rounds per rule. On PostgreSQL each
 * seat is its own app core with its own connection pool on one database, as two PCs of an
 * office are. An SQLite file has one writing process (its seat is the PC), so there the two
 * seats are concurrent calls into one core: the rules must hold the same way, answered the same.
 */
const ROUNDS = 100
const onPostgres = Boolean(inject('postgres'))

interface Seat {
  call<N extends RouteName>(name: N, input: RouteInput<N>): Promise<Result<unknown>>
}

async function twoSeats(): Promise<{ app: TempApp; a: Seat; b: Seat }> {
  const app = await tempApp()
  if (!onPostgres) return { app, a: app, b: app }
  const url = (app.dataSource.options as { url?: string }).url!
  const core = await createAppCore({ file: `${app.file}-seat-b`, url, logger: silentLogger })
  // Closed before the first core, whose database the helper then drops.
  const close = app.close.bind(app)
  app.close = async () => {
    await core.close()
    await close()
  }
  return {
    app,
    a: app,
    b: { call: (name, input) => core.router.dispatch(name, input, app.session) },
  }
}

type Answer = Result<unknown>
const won = (answers: Answer[]) => answers.filter((r) => r.ok)
const lost = (answers: Answer[]) => answers.filter((r) => !r.ok).map((r) => (r.ok ? null : r.error))

/**
 * Of two answers, one saved and one refused exactly as one seat refuses the same call made
 * after the first (`single`): the same code, message and fields, and never `internal`.
 */
function oneWinner(answers: Answer[], single: Answer, expected: { code: string; message: string }) {
  expect(single.ok ? 'ok' : single.error).toMatchObject(expected)
  expect(answers.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['ok', expected.code].sort())
  expect(lost(answers)[0]).toEqual(single.ok ? null : single.error)
}

const count = async (app: TempApp, sql: string, parameters: unknown[] = []) => {
  const placeholders = onPostgres ? parameters.map((_, i) => `$${i + 1}`) : parameters.map(() => '?')
  let n = 0
  const text = sql.replace(/\?/g, () => placeholders[n++]!)
  const [row] = (await app.dataSource.query(text, parameters)) as Array<{ n: number | string }>
  return Number(row!.n)
}

describe('a unique constraint hit by a write that checked too early', () => {
  it('answers the refusal of the check it slipped past, by constraint, on either engine', async () => {
    const app = await tempApp()
    await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
    await app.ok('dailyReports:submit', { unitId: 1, reportDate: '2021-11-01', ...REPORT })
    await app.ok('plans:create', PLAN_SAMPLE as never)
    const hit = async (write: (m: EntityManager) => Promise<unknown>) => {
      const error = await app.dataSource.transaction(write).then(
        () => null,
        (e: unknown) => e,
      )
      return raceConflict(app.dataSource, error)?.toData()
    }
    const units = (m: EntityManager) => m.getRepository(UnitEntity)
    const unit = await units(app.dataSource.manager).findOneByOrFail({ id: 1 })
    expect(await hit((m) => units(m).insert({ ...unit, id: undefined }))).toEqual(
      AppError.validation({ code: unitMsg.codeTaken }).toData(),
    )
    const report = await app.dataSource.getRepository(DailyReportEntity).findOneByOrFail({ id: 1 })
    expect(await hit((m) => m.getRepository(DailyReportEntity).insert({ ...report, id: undefined }))).toEqual(
      AppError.conflict(reportMsg.duplicate, { reportDate: reportMsg.duplicate }).toData(),
    )
    // An index on an expression (the plan's year): SQLite names the index, not columns.
    const plan = await app.dataSource.getRepository(InspectionPlanEntity).findOneByOrFail({ id: 1 })
    expect(
      await hit((m) => m.getRepository(InspectionPlanEntity).insert({ ...plan, id: undefined })),
    ).toEqual(AppError.validation({ number: inspectionMsg.planNumberTaken }).toData())
    // Anything else stays an unexpected error.
    expect(await hit((m) => units(m).insert({ ...unit, id: undefined, code: 'X', kindCode: 'none' }))).toBe(
      undefined,
    )
  })
})

describe(
  `several seats writing at once (${onPostgres ? 'two cores on one PostgreSQL' : 'one SQLite core'})`,
  // A hundred rounds of real writes per rule: far past the default on a busy machine.
  { timeout: 180_000 },
  () => {
    it('unit codes: one unit per code, the other seat told the code is taken', async () => {
      const { app, a, b } = await twoSeats()
      for (let i = 0; i < ROUNDS; i++) {
        const unit = { code: `DV${i}`, name: `Đơn vị ${i}`, kindCode: 'other' } as const
        const answers = await Promise.all([a.call('units:create', unit), b.call('units:create', unit)])
        oneWinner(answers, await a.call('units:create', unit), { code: 'validation', message: VALIDATION })
        expect(lost(answers)[0]!.fieldErrors).toEqual({ code: unitMsg.codeTaken })
      }
      expect(await count(app, 'SELECT COUNT(*) AS n FROM units')).toBe(ROUNDS)
      expect(await count(app, 'SELECT COUNT(DISTINCT code) AS n FROM units')).toBe(ROUNDS)
    })

    it('staff: one active member per ID number, the other seat told who holds it', async () => {
      const { app, a, b } = await twoSeats()
      await app.ok('units:create', { code: 'SO', name: 'Sở Tư pháp', kindCode: 'department' })
      for (let i = 0; i < ROUNDS; i++) {
        const person = {
          unitId: 1,
          fullName: `Cán bộ ${i}`,
          idNumber: `0011990${String(i).padStart(5, '0')}`,
          dateOfBirth: '1990-02-03',
          gender: 'female',
          category: 'vien_chuc',
        } as const
        const answers = await Promise.all([a.call('staff:create', person), b.call('staff:create', person)])
        oneWinner(answers, await b.call('staff:create', person), { code: 'validation', message: VALIDATION })
        expect(lost(answers)[0]!.fieldErrors).toEqual({
          idNumber: staffMsg.idTaken(person.fullName, 'Sở Tư pháp'),
        })
      }
      expect(
        await count(app, 'SELECT COUNT(*) AS n FROM staff WHERE active = ?', [onPostgres ? true : 1]),
      ).toBe(ROUNDS)
    })

    it('daily reports: one per unit and day, the other seat sent to the submitted one', async () => {
      const { app, a, b } = await twoSeats()
      await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
      const today = Date.parse(`${vietnamDay(new Date())}T00:00:00Z`)
      for (let i = 0; i < ROUNDS; i++) {
        const report = {
          unitId: 1,
          reportDate: vietnamDay(new Date(today - i * 86_400_000 + 12 * 3_600_000)),
          ...REPORT,
        }
        const answers = await Promise.all([
          a.call('dailyReports:submit', report),
          b.call('dailyReports:submit', report),
        ])
        oneWinner(answers, await a.call('dailyReports:submit', report), {
          code: 'conflict',
          message: reportMsg.duplicate,
        })
      }
      expect(await count(app, 'SELECT COUNT(*) AS n FROM daily_reports')).toBe(ROUNDS)
      expect(await count(app, 'SELECT COUNT(DISTINCT report_date) AS n FROM daily_reports')).toBe(ROUNDS)
    })

    it('a daily report edited on two seats from one version: the second refused, the first kept whole', async () => {
      const { app, a, b } = await twoSeats()
      await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
      const { id } = (await app.ok('dailyReports:submit', { unitId: 1, ...REPORT })) as { id: number }
      for (let version = 1; version <= ROUNDS; version++) {
        // Figures that differ from the saved ones and from each other.
        const edit = (f1: number) => ({ id, version, ...REPORT, f1: f1 % 20 })
        const answers = await Promise.all([
          a.call('dailyReports:update', edit(2 * version)),
          b.call('dailyReports:update', edit(2 * version + 1)),
        ])
        oneWinner(answers, await b.call('dailyReports:update', edit(2 * version + 1)), {
          code: 'conflict',
          message: reportMsg.changedMeanwhile,
        })
        const saved = await app.ok('dailyReports:get', { id })
        expect(saved).toMatchObject({
          version: version + 1,
          f1: (won(answers)[0] as { data: { f1: number } }).data.f1,
        })
      }
      expect(await count(app, 'SELECT COUNT(*) AS n FROM daily_report_versions')).toBe(ROUNDS)
      expect(await count(app, 'SELECT COUNT(DISTINCT version) AS n FROM daily_report_versions')).toBe(ROUNDS)
    })

    it('minutes numbers: two finalisations at once take the next two numbers, one finalisation twice is refused', async () => {
      const { app, a, b } = await twoSeats()
      await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
      const { id: templateId } = (await app.ok('templates:save', {
        name: 'Phiếu ngắn',
        items: [{ section: 'Chung', text: 'Có tủ thuốc' }],
      })) as { id: number }
      const draft = async () => {
        const x = (await app.ok('inspections:create', { ...INSPECTION_SAMPLE, templateId } as never)) as {
          id: number
          items: Array<{ id: number }>
        }
        await app.ok('inspections:update', {
          ...INSPECTION_SAMPLE,
          id: x.id,
          items: x.items.map((item) => ({ id: item.id, result: 'pass' })),
          recommendations: [],
        } as never)
        return x.id
      }
      for (let i = 0; i < ROUNDS / 2; i++) {
        const [x, y] = [await draft(), await draft()]
        const answers = await Promise.all([
          a.call('inspections:finalise', { id: x }),
          b.call('inspections:finalise', { id: y }),
          b.call('inspections:finalise', { id: x }),
        ])
        expect(answers[1]!.ok, JSON.stringify(answers[1])).toBe(true)
        oneWinner([answers[0]!, answers[2]!], await a.call('inspections:finalise', { id: x }), {
          code: 'conflict',
          message: inspectionMsg.finalised,
        })
      }
      const numbers = (await app.dataSource.query(
        `SELECT minutes_number AS n FROM inspections WHERE minutes_year = 2021 ORDER BY minutes_number`,
      )) as Array<{ n: number }>
      // No number twice, none skipped.
      expect(numbers.map((r) => r.n)).toEqual(Array.from({ length: ROUNDS }, (_, i) => i + 1))
    })

    it('plan numbers: one plan per symbol, number and year, the other seat told the number is taken', async () => {
      const { app, a, b } = await twoSeats()
      await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
      for (let i = 1; i <= ROUNDS; i++) {
        const plan = { ...PLAN_SAMPLE, number: i } as never
        const answers = await Promise.all([a.call('plans:create', plan), b.call('plans:create', plan)])
        oneWinner(answers, await b.call('plans:create', plan), { code: 'validation', message: VALIDATION })
        expect(lost(answers)[0]!.fieldErrors).toEqual({ number: inspectionMsg.planNumberTaken })
      }
      expect(await count(app, 'SELECT COUNT(*) AS n FROM inspection_plans')).toBe(ROUNDS)
    })

    it('visitors: a first visit of one ID number on two seats makes one visitor, the other seat asked if it is a new visit', async () => {
      const { app, a, b } = await twoSeats()
      await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
      for (let i = 0; i < ROUNDS; i++) {
        const visit: RouteInput<'visits:checkIn'> = {
          visitor: {
            fullName: `Khách ${i}`,
            idType: 'cccd',
            idNumber: `0010990${String(i).padStart(5, '0')}`,
          },
          hostUnitId: 1,
          health: { temperature: 36.5, symptoms: [], contactWithCase: false, fromCaseArea: false },
        }
        const answers = await Promise.all([a.call('visits:checkIn', visit), b.call('visits:checkIn', visit)])
        const single = await b.call('visits:checkIn', visit)
        oneWinner(answers, single, { code: 'conflict', message: expect.stringContaining(insideQuestion) })
        expect(Object.keys(lost(answers)[0]!.fieldErrors)).toEqual(['confirmInside'])
      }
      expect(await count(app, 'SELECT COUNT(*) AS n FROM visitors')).toBe(ROUNDS)
      expect(await count(app, 'SELECT COUNT(*) AS n FROM visits')).toBe(ROUNDS)
    })

    it('check-out: one visit checked out on two seats at once is out once, the other seat told so', async () => {
      const { app, a, b } = await twoSeats()
      await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
      for (let i = 0; i < ROUNDS; i++) {
        const { id } = (await app.ok('visits:checkIn', {
          visitor: { fullName: `Khách ${i}`, idType: 'none' },
          hostUnitId: 1,
          health: { temperature: 36.5, symptoms: [], contactWithCase: false, fromCaseArea: false },
        })) as { id: number }
        const answers = await Promise.all([
          a.call('visits:checkOut', { id }),
          b.call('visits:checkOut', { id }),
        ])
        oneWinner(answers, await a.call('visits:checkOut', { id }), {
          code: 'conflict',
          message: visitMsg.alreadyOut,
        })
      }
      expect(await count(app, 'SELECT COUNT(*) AS n FROM visits WHERE checked_out_at IS NOT NULL')).toBe(
        ROUNDS,
      )
      // One audit line per check-out that happened.
      expect(
        await count(app, `SELECT COUNT(*) AS n FROM audit_log WHERE route = ?`, ['visits:checkOut']),
      ).toBe(ROUNDS)
    })

    it('rapid-test pools: formed on two seats at once, each person pooled once, the other seat told nobody waits', async () => {
      const { app, a, b } = await twoSeats()
      await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
      await app.ok('staff:create', STAFF_ONE)
      const { id: roundId } = (await app.ok('rapidTests:draw', { seed: 1 })) as { id: number }
      for (let i = 0; i < ROUNDS; i++) {
        const { visitorId } = (await app.ok('visits:checkIn', {
          visitor: { fullName: `Khách ${i}`, idType: 'none' },
          hostUnitId: 1,
          health: { temperature: 36.5, symptoms: [], contactWithCase: false, fromCaseArea: false },
        })) as { visitorId: number }
        if (i > 0) await app.ok('rapidTests:addVisitors', { roundId, visitorIds: [visitorId] })
        const answers = await Promise.all([
          a.call('rapidTests:formPools', { roundId }),
          b.call('rapidTests:formPools', { roundId }),
        ])
        oneWinner(answers, await a.call('rapidTests:formPools', { roundId }), {
          code: 'conflict',
          message: rapidMsg.nothingToPool,
        })
      }
      expect(await count(app, 'SELECT COUNT(*) AS n FROM rapid_test_pools')).toBe(ROUNDS)
      expect(await count(app, 'SELECT COUNT(DISTINCT number) AS n FROM rapid_test_pools')).toBe(ROUNDS)
      expect(await count(app, 'SELECT COUNT(*) AS n FROM rapid_test_samples WHERE pool_id IS NULL')).toBe(0)
    })

    it('templates: new templates saved at once get distinct codes, new versions of one template distinct numbers', async () => {
      const { app, a, b } = await twoSeats()
      const items = [{ section: 'Chung', text: 'Có tủ thuốc' }]
      for (let i = 0; i < ROUNDS / 2; i++) {
        const answers = await Promise.all([
          a.call('templates:save', { name: `Mẫu A${i}`, items }),
          b.call('templates:save', { name: `Mẫu B${i}`, items }),
          a.call('templates:save', { baseId: 1, name: `Mặc định A${i}`, items }),
          b.call('templates:save', { baseId: 1, name: `Mặc định B${i}`, items }),
        ])
        expect(answers.filter((r) => !r.ok)).toEqual([])
      }
      expect(
        await count(
          app,
          `SELECT COUNT(DISTINCT code) AS n FROM inspection_templates WHERE code <> 'mac-dinh'`,
        ),
      ).toBe(ROUNDS)
      const versions = (await app.dataSource.query(
        `SELECT version AS v FROM inspection_templates WHERE code = 'mac-dinh' ORDER BY version`,
      )) as Array<{ v: number }>
      expect(versions.map((r) => r.v)).toEqual(Array.from({ length: ROUNDS + 1 }, (_, i) => i + 1))
    })
  },
)

const STAFF_ONE = {
  unitId: 1,
  fullName: 'Trần Thị Bình',
  idNumber: '001199000001',
  dateOfBirth: '1990-02-03',
  gender: 'female',
  category: 'vien_chuc',
} as const
const VALIDATION = AppError.validation({}).message
const insideQuestion = visitMsg.inside('').split('(')[0]!
