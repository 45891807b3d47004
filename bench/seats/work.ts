import type { Result } from '@shared/contract'
import type { InspectionDto, PlanDto } from '@shared/inspections/schemas'
import type { CheckInInput, VisitDto } from '@shared/visitors/schemas'
import type { AppCore } from '@main/app-core'
import { systemSession } from '@main/core/session'
import { PURPOSES, UNIT_NAMES } from '../data/visits'
import type { VisitorSeed } from '../data/visits'
import { seededRandom } from '../report'

const UNITS = 20
/** A desk checks the oldest visitor out once this many of its own are inside. */
const INSIDE_AT_MOST = 10

/** What every seat was told, and how long each answer took. */
export class Tally {
  checkins: Array<{ visitId: number; visitorId: number }> = []
  checkouts: number[] = []
  finalised: Array<{ id: number; year: number; number: number }> = []
  checkinMs: number[] = []
  checkoutMs: number[] = []
  finaliseMs: number[] = []
  conflicts = 0
  /** Route → how many times it answered `internal`. */
  internal = new Map<string, number>()
  otherErrors = new Map<string, number>()
}

/** One seat's call through its own router; a failure is tallied and answered as null. */
export async function call<T>(core: AppCore, route: string, input: unknown, tally: Tally): Promise<T | null> {
  const result = (await core.router.dispatch(route, input, session)) as Result<T>
  if (result.ok) return result.data
  if (result.error.code === 'internal') tally.internal.set(route, (tally.internal.get(route) ?? 0) + 1)
  else if (result.error.code === 'conflict') tally.conflicts++
  else {
    const key = `${route} ${result.error.code}: ${result.error.message}`
    tally.otherErrors.set(key, (tally.otherErrors.get(key) ?? 0) + 1)
  }
  return null
}
const session = systemSession()

async function timed<T>(times: number[], fn: () => Promise<T>): Promise<T> {
  const start = performance.now()
  const out = await fn()
  times.push(performance.now() - start)
  return out
}

/**
 * A reception desk: checks visitors in (new ones, and half the time one of its own who came
 * before) and out again, as fast as its answers come, until `end`.
 */
export async function desk(
  core: AppCore,
  seat: number,
  unitIds: number[],
  next: () => VisitorSeed,
  end: number,
  tally: Tally,
): Promise<void> {
  const random = seededRandom(100 + seat)
  const inside: Array<{ visitId: number; visitor: VisitorSeed }> = []
  const left: VisitorSeed[] = []
  for (let i = 0; performance.now() < end; i++) {
    if (inside.length >= INSIDE_AT_MOST || (inside.length > 0 && random() < 0.45)) {
      const [out] = inside.splice(Math.floor(random() * inside.length), 1)
      const visit = await timed(tally.checkoutMs, () =>
        call<VisitDto>(core, 'visits:checkOut', { id: out!.visitId }, tally),
      )
      if (visit) tally.checkouts.push(visit.id)
      left.push(out!.visitor)
      continue
    }
    const visitor =
      left.length && random() < 0.5 ? left.splice(Math.floor(random() * left.length), 1)[0]! : next()
    const input: CheckInInput = {
      visitor,
      hostUnitId: unitIds[Math.floor(random() * unitIds.length)]!,
      purpose: PURPOSES[i % PURPOSES.length]!,
      badgeNumber: `K-${seat}${String(i % 100).padStart(2, '0')}`,
      health: {
        temperature: 36.5,
        symptoms: [],
        contactWithCase: false,
        fromCaseArea: false,
        declaredOnApp: true,
      },
      confirmInside: true,
    }
    const visit = await timed(tally.checkinMs, () => call<VisitDto>(core, 'visits:checkIn', input, tally))
    if (!visit) continue
    tally.checkins.push({ visitId: visit.id, visitorId: visit.visitorId })
    inside.push({ visitId: visit.id, visitor })
  }
}

const HEAD = { role: 'head', fullName: 'Trần Văn Minh', title: 'Phó Giám đốc Sở' }

/** An office PC: drafts the minutes of an inspection, answers its checklist and finalises it, until `end`. */
export async function office(
  core: AppCore,
  seat: number,
  planId: number,
  unitIds: number[],
  end: number,
  tally: Tally,
) {
  const random = seededRandom(200 + seat)
  while (performance.now() < end) {
    const draft = await call<InspectionDto>(
      core,
      'inspections:create',
      {
        planId,
        unitId: unitIds[Math.floor(random() * unitIds.length)]!,
        kind: 'inspection',
        date: '2021-11-15',
        startTime: '08:30',
        team: [HEAD, { role: 'secretary', fullName: 'Lê Thị Hoa', title: 'Chuyên viên' }],
        representatives: [{ fullName: 'Nguyễn Văn An', title: 'Chánh Văn phòng' }],
      },
      tally,
    )
    if (!draft) continue
    const answered = await call(
      core,
      'inspections:update',
      { ...draft, items: draft.items.map((x) => ({ id: x.id, result: 'pass' })) },
      tally,
    )
    if (!answered) continue
    const final = await timed(tally.finaliseMs, () =>
      call<InspectionDto>(core, 'inspections:finalise', { id: draft.id }, tally),
    )
    if (final) tally.finalised.push({ id: final.id, year: final.minutesYear!, number: final.minutesNumber! })
  }
}

/** The office's units and one inspection plan, made through the first seat's routes. */
export async function setUp(core: AppCore, tally: Tally): Promise<{ unitIds: number[]; planId: number }> {
  const need = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`setting up: ${what} refused`)
    return value
  }
  const unitIds: number[] = []
  for (let u = 0; u < UNITS; u++) {
    const input = {
      code: `DV${String(u + 1).padStart(2, '0')}`,
      name: UNIT_NAMES[u]!,
      kindCode: 'department',
    }
    unitIds.push(need(await call<{ id: number }>(core, 'units:create', input, tally), 'a unit').id)
  }
  const plan = need(
    await call<PlanDto>(
      core,
      'plans:create',
      {
        number: 1023,
        symbol: 'KH-STP',
        issuedOn: '2021-11-01',
        title: 'Kiểm tra công tác phòng, chống dịch COVID-19',
        kind: 'inspection',
        periodFrom: '2021-11-01',
        periodTo: null,
        unitIds,
        targets: [{ label: '100% đơn vị', kindCode: 'department', percent: 100 }],
        team: [HEAD],
      },
      tally,
    ),
    'the plan',
  )
  return { unitIds, planId: plan.id }
}
