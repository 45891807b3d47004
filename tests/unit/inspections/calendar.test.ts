import { describe, expect, it } from 'vitest'
import type { RouteInput } from '@shared/contract'
import type { CalendarEntryDto } from '@shared/inspections/calendar'
import type { InspectionDto } from '@shared/inspections/schemas'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { INSPECTION_SAMPLE, PLAN_SAMPLE } from '../helpers/route-samples'

const MINH = { role: 'head' as const, fullName: 'Trần Văn Minh', title: 'Phó Giám đốc Sở' }
const ANH = { role: 'head' as const, fullName: 'Nguyễn Thị Ánh', title: 'Chánh Thanh tra' }
const HOA = { role: 'head' as const, fullName: 'Lê Thị Hoa', title: 'Chuyên viên' }

/** The clock the app reads, moved by the tests: a Vietnamese day at 10:00. */
let clock = 0
const at = (iso: string) => (clock = new Date(iso).getTime())

async function arrange() {
  at('2021-12-10T10:00:00+07:00')
  const app = await tempApp(undefined, () => clock)
  const unit = async (code: string, name: string, address?: string) =>
    (await app.ok('units:create', { code, name, kindCode: 'department', address })).id
  const units = {
    a: await unit('A', 'Phòng Hành chính tư pháp', '12 Lê Lợi, TP Huế'),
    b: await unit('B', 'Phòng Bổ trợ tư pháp'),
    c: await unit('C', 'Thanh tra Sở'),
    d: await unit('D', 'Văn phòng Sở'),
  }
  const p1 = await app.ok('plans:create', {
    ...(PLAN_SAMPLE as RouteInput<'plans:create'>),
    periodFrom: '2021-11-01',
    periodTo: '2021-11-30',
    unitIds: [units.a, units.b, units.c],
    targets: [],
    team: [MINH],
  })
  const p2 = await app.ok('plans:create', {
    ...(PLAN_SAMPLE as RouteInput<'plans:create'>),
    number: 1100,
    periodFrom: '2021-11-20',
    periodTo: '2022-01-15',
    unitIds: [units.d],
    targets: [],
    team: [ANH],
  })
  return { app, units, p1, p2 }
}

async function draft(app: TempApp, input: Partial<RouteInput<'inspections:create'>>) {
  return app.ok('inspections:create', {
    ...(INSPECTION_SAMPLE as RouteInput<'inspections:create'>),
    ...input,
  })
}

/** Every item answered (`fails` of them not met), then finalised. */
async function finalised(app: TempApp, input: Partial<RouteInput<'inspections:create'>>, fails = 0) {
  const i: InspectionDto = await draft(app, input)
  await app.ok('inspections:update', {
    ...i,
    items: i.items.map((x, n) => ({
      id: x.id,
      result: n < fails ? ('fail' as const) : ('pass' as const),
      note: null,
      severity: n < fails ? ('fix' as const) : null,
    })),
  })
  return app.ok('inspections:finalise', { id: i.id })
}

const brief = (e: CalendarEntryDto) => `${e.kind} ${e.from}..${e.to} ${e.unitName}`

describe('the inspections calendar', () => {
  it('shows done, planned and overdue at the edges of the month, against the plan period and today', async () => {
    const { app, units, p1, p2 } = await arrange()
    const done = await finalised(app, { planId: p1.id, unitId: units.a, date: '2021-11-30', team: [MINH] })
    const late = await draft(app, { planId: p1.id, unitId: units.c, date: '2021-12-01', team: [MINH] })
    const surprise = await draft(app, { unitId: units.b, date: '2021-12-31', team: [HOA] })
    await draft(app, { unitId: units.b, date: '2022-01-01', team: [HOA] })

    const nov = await app.ok('inspections:calendar', { month: '2021-11' })
    expect(nov).toMatchObject({ first: '2021-11-01', last: '2021-11-30', today: '2021-12-10' })
    expect(nov.entries.map(brief)).toEqual([
      'planned 2021-11-20..2021-11-30 Văn phòng Sở',
      'done 2021-11-30..2021-11-30 Phòng Hành chính tư pháp',
      'overdue 2021-11-30..2021-11-30 Phòng Bổ trợ tư pháp',
      'overdue 2021-11-30..2021-11-30 Thanh tra Sở',
    ])
    const byUnit = new Map(nov.entries.map((e) => [e.unitId, e]))
    expect(byUnit.get(units.a)).toMatchObject({
      inspectionId: done.id,
      minutesNumber: 1,
      planReference: '1023/KH-STP',
    })
    // The unit whose visit is still a draft after the period opens that draft.
    expect(byUnit.get(units.c)!.inspectionId).toBe(late.id)
    expect(byUnit.get(units.b)!.inspectionId).toBeNull()
    expect(byUnit.get(units.d)).toMatchObject({ planId: p2.id, inspectionId: null })

    const dec = await app.ok('inspections:calendar', { month: '2021-12' })
    expect(dec.entries.map(brief)).toEqual([
      'planned 2021-12-01..2021-12-01 Thanh tra Sở',
      'planned 2021-12-01..2021-12-31 Văn phòng Sở',
      'planned 2021-12-31..2021-12-31 Phòng Bổ trợ tư pháp',
    ])
    expect(dec.entries[2]!.inspectionId).toBe(surprise.id)
    const jan = await app.ok('inspections:calendar', { month: '2022-01' })
    expect(jan.entries.map(brief)).toEqual([
      'planned 2022-01-01..2022-01-01 Phòng Bổ trợ tư pháp',
      'planned 2022-01-01..2022-01-15 Văn phòng Sở',
    ])
  })

  it('keeps a unit planned through the last day of the period, overdue from the next Vietnamese day', async () => {
    const { app } = await arrange()
    at('2021-11-30T23:59:00+07:00')
    const last = await app.ok('inspections:calendar', { month: '2021-11' })
    expect(last.today).toBe('2021-11-30')
    expect(last.entries.filter((e) => e.planReference === '1023/KH-STP').map(brief)).toEqual([
      'planned 2021-11-01..2021-11-30 Phòng Bổ trợ tư pháp',
      'planned 2021-11-01..2021-11-30 Phòng Hành chính tư pháp',
      'planned 2021-11-01..2021-11-30 Thanh tra Sở',
    ])
    // 17:00 UTC on the 30th is already 1 December in Hà Nội.
    at('2021-11-30T17:00:00Z')
    const next = await app.ok('inspections:calendar', { month: '2021-11' })
    expect(next.today).toBe('2021-12-01')
    expect(next.entries.filter((e) => e.planReference === '1023/KH-STP').map((e) => e.kind)).toEqual([
      'overdue',
      'overdue',
      'overdue',
    ])
  })

  it('filters by a team member typed without diacritics, through the plan team or the inspection team', async () => {
    const { app, units, p1 } = await arrange()
    await finalised(app, { planId: p1.id, unitId: units.a, date: '2021-11-15', team: [MINH] })
    await draft(app, { unitId: units.d, date: '2021-11-16', team: [HOA] })

    const all = await app.ok('inspections:calendar', { month: '2021-11' })
    expect(all.members).toEqual(['Lê Thị Hoa', 'Nguyễn Thị Ánh', 'Trần Văn Minh'])
    const minh = await app.ok('inspections:calendar', { month: '2021-11', member: '  tran van MINH ' })
    expect(minh.entries.map(brief)).toEqual([
      'done 2021-11-15..2021-11-15 Phòng Hành chính tư pháp',
      'overdue 2021-11-30..2021-11-30 Phòng Bổ trợ tư pháp',
      'overdue 2021-11-30..2021-11-30 Thanh tra Sở',
    ])
    const hoa = await app.ok('inspections:calendar', { month: '2021-11', member: 'le thi hoa' })
    expect(hoa.entries.map(brief)).toEqual(['planned 2021-11-16..2021-11-16 Văn phòng Sở'])
    const anh = await app.ok('inspections:calendar', { month: '2021-11', member: 'nguyen thi anh' })
    expect(anh.entries.map(brief)).toEqual(['planned 2021-11-20..2021-11-30 Văn phòng Sở'])
    // A part of a name is not a person: nobody is picked.
    const part = await app.ok('inspections:calendar', { month: '2021-11', member: 'van' })
    expect(part.entries).toEqual([])
    expect(part.members).toHaveLength(3)
  })

  it("opens on main's current month, and refuses a month that is not yyyy-mm, on its field", async () => {
    const { app } = await arrange()
    expect(await app.ok('inspections:calendar', {})).toMatchObject({ month: '2021-12', first: '2021-12-01' })
    const refused = await app.call('inspections:calendar', { month: '2021-13' })
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error.fieldErrors).toEqual({ month: 'Chọn tháng' })
  })
})

describe("a unit's history of inspections", () => {
  it('lists every inspection of the unit, newest first, with its minutes number and score', async () => {
    const { app, units, p1 } = await arrange()
    const older = await finalised(app, { unitId: units.a, date: '2021-10-05', kind: 'supervision' }, 1)
    const newer = await finalised(app, { planId: p1.id, unitId: units.a, date: '2021-11-30' })
    const sameDay = await draft(app, { unitId: units.a, date: '2021-11-30' })
    await finalised(app, { unitId: units.b, date: '2021-11-29' })

    const history = await app.ok('inspections:unitHistory', { unitId: units.a })
    expect(
      history.map((h) => [h.id, h.date, h.kind, h.status, h.minutesNumber, h.score, h.planReference]),
    ).toEqual([
      [sameDay.id, '2021-11-30', 'inspection', 'draft', null, null, null],
      [newer.id, '2021-11-30', 'inspection', 'final', 2, 100, '1023/KH-STP'],
      [older.id, '2021-10-05', 'supervision', 'final', 1, 92.9, null],
    ])
    expect(await app.ok('inspections:unitHistory', { unitId: units.c })).toEqual([])
    const missing = await app.call('inspections:unitHistory', { unitId: 999 })
    expect(missing.ok || missing.error.code).toBe('not_found')
  })
})

describe('the location of a new inspection', () => {
  it("starts from the unit's address, keeps what the form typed, and stays empty without an address", async () => {
    const { app, units } = await arrange()
    expect((await draft(app, { unitId: units.a })).location).toBe('12 Lê Lợi, TP Huế')
    expect((await draft(app, { unitId: units.a, location: 'Hội trường UBND tỉnh' })).location).toBe(
      'Hội trường UBND tỉnh',
    )
    expect((await draft(app, { unitId: units.b })).location).toBeNull()
  })
})
