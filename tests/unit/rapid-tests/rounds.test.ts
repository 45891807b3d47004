import { describe, expect, it } from 'vitest'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { databaseFingerprint } from '../helpers/fingerprint'
import { inspectPdf } from '../helpers/pdf'
import { NAME_LINE } from '@main/printing/official-document'

/** A store with units of the given staff sizes, on a settable clock (a Monday morning by default). */
async function department(sizes: number[], start = '2026-11-16T08:00:00+07:00') {
  let now = Date.parse(start)
  const app = await tempApp(undefined, () => now)
  app.sessions.idleMinutes = 1_000_000
  const units: number[] = []
  let person = 0
  for (const [i, size] of sizes.entries()) {
    const unit = await app.ok('units:create', {
      code: `DV${i + 1}`,
      name: `Đơn vị số ${i + 1}`,
      kindCode: 'department',
    })
    units.push(unit.id)
    for (let k = 0; k < size; k++) {
      person++
      await app.ok('staff:create', {
        unitId: unit.id,
        fullName: `Cán bộ ${person}`,
        idNumber: `0010990${String(person).padStart(5, '0')}`,
        category: 'cong_chuc',
      })
    }
  }
  return { app, units, setNow: (iso: string) => (now = Date.parse(iso)) }
}

const staffIds = (round: { samples: Array<{ staffId: number | null }> }) =>
  round.samples.map((s) => s.staffId).filter((id): id is number => id !== null)

async function visitor(app: TempApp, unitId: number, idNumber: string, fullName: string) {
  const visit = await app.ok('visits:checkIn', {
    visitor: { fullName, idType: 'cccd', idNumber },
    hostUnitId: unitId,
    health: { temperature: 36.5, symptoms: [], contactWithCase: false, fromCaseArea: false },
  })
  return visit.visitorId
}

describe('weekly rapid-test rounds', () => {
  it('draws the set share of active staff, one per unit at least, and keeps the seed', async () => {
    const { app, units } = await department([60, 30, 2])
    const round = await app.ok('rapidTests:draw', { seed: 424242 })
    expect(round).toMatchObject({
      weekStart: '2026-11-16',
      weekEnd: '2026-11-22',
      seed: 424242,
      samplePercent: 3,
    })
    expect(round.eligibleCount).toBe(92)
    expect(round.samples).toHaveLength(3) // ceil(92 × 3 %) = 3, and 3 units
    const units3 = new Set(round.samples.map((s) => s.unitName))
    expect(units3.size).toBe(units.length)

    await app.ok('rapidTests:updateSettings', { samplePercent: 5, poolSize: 4 })
    await app.ok('rapidTests:discard', { id: round.id })
    const more = await app.ok('rapidTests:draw', { seed: 424242 })
    expect(more.samples).toHaveLength(5) // ceil(92 × 5 %)
    expect(more.poolSize).toBe(4)
  })

  it('reproduces a draw from its stored seed on the same staff', async () => {
    const first = await department([40, 25, 9])
    const second = await department([40, 25, 9])
    const a = await first.app.ok('rapidTests:draw', {})
    const b = await second.app.ok('rapidTests:draw', { seed: a.seed })
    expect(staffIds(b)).toEqual(staffIds(a))
  })

  it('does not draw last week’s people again where the unit has others, and draws one round per week', async () => {
    const { app, setNow } = await department([50, 20, 1])
    const week1 = await app.ok('rapidTests:draw', { seed: 1 })
    const before = await databaseFingerprint(app.dataSource)
    expect(await app.call('rapidTests:draw', { seed: 2 })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    })
    expect(await app.call('rapidTests:draw', { weekStart: '2026-11-23' })).toMatchObject({
      ok: false,
      error: { fieldErrors: { weekStart: expect.any(String) } },
    })
    expect(await databaseFingerprint(app.dataSource)).toEqual(before)
    setNow('2026-11-24T09:00:00+07:00')
    for (let seed = 2; seed < 12; seed++) {
      const week2 = await app.ok('rapidTests:draw', { seed })
      expect(week2.weekStart).toBe('2026-11-23')
      const again = week2.samples.filter((s) => week1.samples.some((p) => p.staffId === s.staffId))
      // Only the unit of one person is drawn two weeks running.
      expect(again.map((s) => s.unitName)).toEqual(['Đơn vị số 3'])
      await app.ok('rapidTests:discard', { id: week2.id })
    }
  })

  it('adds visitors let in that week, pools everyone evenly, and refuses visitors from another week', async () => {
    const { app, units, setNow } = await department([120, 80])
    const round = await app.ok('rapidTests:draw', { seed: 3 }) // 6 staff
    const an = await visitor(app, units[0]!, '001099012345', 'Nguyễn Văn An')
    const binh = await visitor(app, units[1]!, '001099012346', 'Trần Thị Bình')
    expect(
      (await app.ok('rapidTests:visitorCandidates', { id: round.id })).map((c) => c.fullName).sort(),
    ).toEqual(['Nguyễn Văn An', 'Trần Thị Bình'])
    setNow('2026-11-24T09:00:00+07:00')
    const nextWeek = await visitor(app, units[0]!, '001099012347', 'Lê Văn Cường')
    const refused = await app.call('rapidTests:addVisitors', {
      roundId: round.id,
      visitorIds: [an, nextWeek],
    })
    expect(refused).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'visitorIds.1': expect.any(String) } },
    })
    const withVisitors = await app.ok('rapidTests:addVisitors', { roundId: round.id, visitorIds: [an, binh] })
    expect(withVisitors.samples).toHaveLength(8)
    expect((await app.ok('rapidTests:list', {}))[0]).toMatchObject({
      staffCount: 6,
      visitorCount: 2,
      poolCount: 0,
    })

    const pooled = await app.ok('rapidTests:formPools', { roundId: round.id })
    expect(pooled.pools.map((p) => p.sampleIds.length)).toEqual([4, 4])
    // Staff of one unit sit side by side; visitors come last.
    const order = pooled.pools.flatMap((p) =>
      p.sampleIds.map((id) => pooled.samples.find((s) => s.id === id)!),
    )
    expect(order.map((s) => s.kind)).toEqual([...Array(6).fill('staff'), 'visitor', 'visitor'])
    expect(await app.call('rapidTests:formPools', { roundId: round.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    })
  })

  it('lists the people of a positive pool for individual tests and records their results', async () => {
    const { app } = await department([150, 100])
    await app.ok('rapidTests:updateSettings', { samplePercent: 5, poolSize: 5 })
    const round = await app.ok('rapidTests:draw', { seed: 11 }) // 13 staff → pools 5, 4, 4
    let state = await app.ok('rapidTests:formPools', { roundId: round.id })
    expect(state.pools.map((p) => p.sampleIds.length)).toEqual([5, 4, 4])
    const [first, second] = state.pools
    const inFirst = first!.sampleIds[0]!
    const inSecond = second!.sampleIds[0]!

    const negative = await app.ok('rapidTests:poolResult', { poolId: second!.id, result: 'negative' })
    expect(negative.pools[1]).toMatchObject({ result: 'negative', testedAt: expect.any(String) })
    const notPositive = await app.call('rapidTests:individualResult', {
      sampleId: inSecond,
      result: 'negative',
    })
    expect(notPositive).toMatchObject({ ok: false, error: { code: 'conflict' } })

    const positive = await app.ok('rapidTests:poolResult', { poolId: first!.id, result: 'positive' })
    expect(positive.pools[0]!.result).toBe('positive')
    state = await app.ok('rapidTests:individualResult', { sampleId: inFirst, result: 'positive' })
    const person = state.samples.find((s) => s.id === inFirst)!
    expect(person).toMatchObject({ individualResult: 'positive', poolNumber: 1 })
    expect(person.individualTestedAt).not.toBeNull()

    // The pool's result cannot be turned round once its people have their own results.
    const flip = await app.call('rapidTests:poolResult', { poolId: first!.id, result: 'negative' })
    expect(flip).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await app.call('rapidTests:discard', { id: round.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    })

    const pdf = inspectPdf(
      Buffer.from((await app.ok('rapidTests:roundPdf', { id: round.id })).base64, 'base64'),
    )
    const text = pdf.plain.replace(/\s+/g, ' ')
    expect(text).toContain('DANH SÁCH TEST NHANH KHÁNG NGUYÊN SARS-CoV-2 THEO MẪU GỘP')
    expect(text).toContain('TUẦN TỪ NGÀY 16/11/2026 ĐẾN NGÀY 22/11/2026')
    expect(text).toContain('mã tái lập 11')
    expect(text).toContain('Dương tính (16/11/2026)')
    expect(text).toContain(person.fullName)

    const [summary] = await app.ok('rapidTests:list', {})
    expect(summary).toMatchObject({
      staffCount: 13,
      poolCount: 3,
      pendingPools: 1,
      positivePools: 1,
      positives: 1,
    })
  })

  it('records each unit’s medicine cabinet and refuses a check date in the future', async () => {
    const { app, units } = await department([1, 1])
    expect((await app.ok('medicineCabinets:list', {})).map((c) => c.hasCabinet)).toEqual([null, null])
    await app.ok('medicineCabinets:save', {
      unitId: units[0]!,
      hasCabinet: true,
      checkedOn: '2026-11-15',
      note: 'Đủ thuốc',
    })
    await app.ok('medicineCabinets:save', { unitId: units[1]!, hasCabinet: false })
    const future = await app.call('medicineCabinets:save', {
      unitId: units[1]!,
      hasCabinet: true,
      checkedOn: '2026-11-17',
    })
    expect(future).toMatchObject({ ok: false, error: { fieldErrors: { checkedOn: expect.any(String) } } })
    const list = await app.ok('medicineCabinets:list', {})
    expect(list.map((c) => [c.unitName, c.hasCabinet, c.checkedOn])).toEqual([
      ['Đơn vị số 1', true, '2026-11-15'],
      ['Đơn vị số 2', false, null],
    ])
  })

  it('updates a unit’s medicine cabinet in place and audits what changed', async () => {
    const { app, units } = await department([1])
    await app.ok('medicineCabinets:save', { unitId: units[0]!, hasCabinet: true, note: 'Đủ thuốc' })
    const again = await app.ok('medicineCabinets:save', {
      unitId: units[0]!,
      hasCabinet: false,
      checkedOn: '2026-11-16',
    })
    expect(again).toMatchObject({ hasCabinet: false, checkedOn: '2026-11-16', note: null })
    expect(await app.ok('medicineCabinets:list', {})).toEqual([again])
    const trail = await app.ok('audit:list', { q: '' })
    const edit = trail.items.filter((e) => e.route === 'medicineCabinets:save')[0]!
    expect(edit.changes).toMatchObject({ hasCabinet: { before: true, after: false } })
    expect(await app.call('medicineCabinets:save', { unitId: 999, hasCabinet: true })).toMatchObject({
      ok: false,
      error: { fieldErrors: { unitId: expect.any(String) } },
    })
  })

  it('prints a box to tick for each person, the results counted, titles whole and a line for each signer', async () => {
    const { app } = await department([150, 100])
    await app.ok('rapidTests:updateSettings', { samplePercent: 5, poolSize: 5 })
    const round = await app.ok('rapidTests:draw', { seed: 11 }) // 13 staff → pools 5, 4, 4
    const [first, second] = (await app.ok('rapidTests:formPools', { roundId: round.id })).pools
    await app.ok('rapidTests:poolResult', { poolId: first!.id, result: 'positive' })
    await app.ok('rapidTests:poolResult', { poolId: second!.id, result: 'negative' })
    await app.ok('rapidTests:individualResult', { sampleId: first!.sampleIds[0]!, result: 'positive' })
    await app.ok('rapidTests:individualResult', { sampleId: first!.sampleIds[1]!, result: 'negative' })
    const pdf = inspectPdf(
      Buffer.from((await app.ok('rapidTests:roundPdf', { id: round.id })).base64, 'base64'),
    )
    const text = pdf.plain.replace(/\s+/g, ' ')
    expect(text).toContain('STT Đã lấy mẫu Họ và tên')
    expect(text.match(/□/g)).toHaveLength(13)
    expect(text).toContain(
      'Tổng số 3 mẫu gộp (1 âm tính, 1 dương tính, 1 chưa có kết quả); ' +
        'số người dương tính khi test riêng: 1 (trên 2 người đã test riêng).',
    )
    // The title breaks only between its phrases.
    const lines = pdf
      .text(1)
      .split('\n')
      .map((l) => l.trim())
    const at = lines.findIndex((l) => l.startsWith('DANH SÁCH'))
    const phrases = [
      'DANH SÁCH TEST NHANH KHÁNG NGUYÊN SARS-CoV-2',
      'THEO MẪU GỘP',
      'TUẦN TỪ NGÀY 16/11/2026 ĐẾN NGÀY 22/11/2026',
    ]
    const title = lines.slice(
      at,
      lines.findIndex((l, i) => i > at && !l),
    )
    expect(title.join(' ')).toBe(phrases.join(' '))
    const ends = new Set(phrases.map((_, i) => phrases.slice(0, i + 1).join(' ').length))
    let end = 0
    for (const line of title) expect(ends.has((end += (end ? 1 : 0) + line.length))).toBe(true)
    // A dotted line under each signature title for the name.
    const all = pdf
      .text()
      .split('\n')
      .map((l) => l.trim())
    const posts = all.findIndex((l) => l.includes('NGƯỜI LẬP BIỂU'))
    expect(all[posts]).toContain('THỦ TRƯỞNG ĐƠN VỊ')
    expect(all.slice(posts + 1).find(Boolean)).toMatch(
      new RegExp(`^${NAME_LINE.replace(/\./g, '\\.')}\\s+${NAME_LINE.replace(/\./g, '\\.')}$`),
    )
  })
})
