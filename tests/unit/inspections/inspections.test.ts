import { existsSync, readdirSync, renameSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAppCore } from '@main/app-core'
import { AuditRecorder } from '@main/audit/trail'
import { silentLogger } from '@main/core/logger'
import { Session } from '@main/core/session'
import { finaliseInspection } from '@main/inspections/minutes-lifecycle'
import { planResults } from '@main/inspections/plans'
import { permissionsOf } from '@shared/contract'
import type { RouteInput } from '@shared/contract'
import type { InspectionDto } from '@shared/inspections/schemas'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { databaseFingerprint } from '../helpers/fingerprint'
import { inspectPdf } from '../helpers/pdf'
import { failAuditOf, onServer, storedNames, urlOf } from '../helpers/attachments'
import { INSPECTION_SAMPLE, PASSWORD, PLAN_SAMPLE, PNG_1PX } from '../helpers/route-samples'

const HEAD = { role: 'head' as const, fullName: 'Trần Văn Minh', title: 'Phó Giám đốc Sở' }
const SECRETARY = { role: 'secretary' as const, fullName: 'Lê Thị Hoa', title: 'Chuyên viên' }

async function withUnits(): Promise<TempApp & { units: Record<string, number> }> {
  const app = await tempApp()
  const units: Record<string, number> = {}
  units.so = (await app.ok('units:create', { code: 'SO', name: 'Sở Tư pháp', kindCode: 'agency' })).id
  for (const [code, name] of [
    ['VP', 'Văn phòng Sở'],
    ['TTR', 'Thanh tra Sở'],
    ['HCTP', 'Phòng Hành chính tư pháp'],
    ['PBPL', 'Phòng Phổ biến pháp luật'],
  ] as const)
    units[code] = (
      await app.ok('units:create', { code, name, kindCode: 'department', parentId: units.so })
    ).id
  units.vpcc = (
    await app.ok('units:create', {
      code: 'VPCC-NTBL',
      name: 'Văn phòng công chứng Nguyễn Thị Bích Liên',
      kindCode: 'notary_office',
    })
  ).id
  return Object.assign(app, { units })
}

async function create(app: TempApp, input: Partial<RouteInput<'inspections:create'>> = {}) {
  return app.ok('inspections:create', {
    ...(INSPECTION_SAMPLE as RouteInput<'inspections:create'>),
    team: [HEAD, SECRETARY],
    ...input,
  })
}

/** The full edit form of an inspection, every item answered `result`. */
function form(i: InspectionDto, result: 'pass' | 'fail' | 'na' = 'pass'): RouteInput<'inspections:update'> {
  return {
    id: i.id,
    planId: i.planId,
    unitId: i.unitId,
    kind: i.kind,
    unannounced: i.unannounced,
    date: i.date,
    startTime: i.startTime,
    endTime: i.endTime,
    location: i.location,
    team: i.team,
    representatives: i.representatives,
    items: i.items.map((x) => ({
      id: x.id,
      result,
      note: x.note,
      severity: result === 'fail' ? ('fix' as const) : null,
    })),
    strengths: i.strengths,
    shortcomings: i.shortcomings,
    violations: i.violations,
    recommendations: i.recommendations,
    conclusion: i.conclusion,
  }
}

async function answered(app: TempApp, input: Partial<RouteInput<'inspections:create'>> = {}) {
  const draft = await create(app, input)
  return app.ok('inspections:update', form(draft))
}

describe('templates', () => {
  it('ships the default checklist: the seven contents of the plan, then the workplace rules', async () => {
    const app = await tempApp()
    const [template] = await app.ok('templates:list', {})
    expect(template).toMatchObject({ code: 'mac-dinh', version: 1, latest: true })
    expect(template!.items).toHaveLength(14)
    expect(template!.items.slice(0, 7).every((i) => i.section === 'Nội dung kiểm tra')).toBe(true)
    const texts = template!.items.map((i) => i.text).join('\n')
    for (const words of [
      'chỉ đạo, điều hành',
      'tuyên truyền',
      'dịch vụ công trực tuyến',
      'thông tin, báo cáo',
    ])
      expect(texts).toContain(words)
    for (const words of [
      'tủ thuốc',
      'mẫu gộp',
      '3–5%',
      'khẩu trang',
      'khai báo y tế',
      'lịch trực',
      '50 người',
    ])
      expect(texts).toContain(words)
  })

  it('editing a template adds a version; an inspection keeps the version it was made from', async () => {
    const app = await withUnits()
    const before = await create(app, { unitId: app.units.VP })
    const v2 = await app.ok('templates:save', {
      baseId: before.templateId,
      name: 'Phiếu kiểm tra (sửa đổi)',
      items: [
        { section: 'Chung', text: 'Có tủ thuốc' },
        { section: 'Chung', text: 'Có lịch trực' },
      ],
    })
    expect(v2).toMatchObject({ code: 'mac-dinh', version: 2, latest: true })
    const list = await app.ok('templates:list', {})
    expect(list.find((t) => t.version === 1)).toMatchObject({ latest: false })
    expect(list.find((t) => t.version === 1)!.items).toHaveLength(14)

    const kept = await app.ok('inspections:get', { id: before.id })
    expect(kept).toMatchObject({ templateVersion: 1 })
    expect(kept.items).toHaveLength(14)
    const after = await create(app, { unitId: app.units.TTR })
    expect(after).toMatchObject({ templateVersion: 2, templateName: 'Phiếu kiểm tra (sửa đổi)' })
    expect(after.items.map((i) => i.text)).toEqual(['Có tủ thuốc', 'Có lịch trực'])
  })
})

describe('the lifecycle of minutes', () => {
  it('refuses to finalise while an item is unanswered, and saves nothing', async () => {
    const app = await withUnits()
    const draft = await create(app)
    const before = await databaseFingerprint(app.dataSource)
    const result = await app.call('inspections:finalise', { id: draft.id })
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'validation',
        fieldErrors: { items: expect.stringContaining('14') },
      }),
    })
    expect(await databaseFingerprint(app.dataSource)).toEqual(before)
  })

  it('numbers minutes per year of the minutes, in order, without gaps', async () => {
    const app = await withUnits()
    const a = await answered(app, { date: '2021-11-15' })
    const b = await answered(app, { date: '2021-12-01' })
    const c = await answered(app, { date: '2022-01-05' })
    const draft = await answered(app, { date: '2021-12-20' })
    expect((await app.ok('inspections:finalise', { id: b.id })).minutesNumber).toBe(1)
    expect((await app.ok('inspections:finalise', { id: c.id })).minutesNumber).toBe(1)
    const third = await app.ok('inspections:finalise', { id: a.id })
    expect(third).toMatchObject({ status: 'final', minutesYear: 2021, minutesNumber: 2 })
    expect((await app.ok('inspections:get', { id: draft.id })).minutesNumber).toBeNull()
  })

  it('gives racing finalisations distinct consecutive numbers, and finalises one inspection once', async () => {
    const app = await withUnits()
    const drafts = []
    for (let i = 0; i < 6; i++) drafts.push(await answered(app))
    const results = await Promise.all(
      [...drafts, drafts[0]!].map((d) => app.call('inspections:finalise', { id: d.id })),
    )
    const ok = results.filter((r) => r.ok)
    expect(ok).toHaveLength(6)
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, error: expect.objectContaining({ code: 'conflict' }) },
    ])
    const numbers = ok.map((r) => (r.ok ? r.data.minutesNumber : 0)).sort((x, y) => x! - y!)
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6])
    expect(await app.dataSource.query(`SELECT COUNT(*) AS n FROM minutes_versions`)).toEqual([{ n: 6 }])
  })

  it('refuses the second of two finalisations that both saw the draft, and keeps one version', async () => {
    const app = await withUnits()
    const draft = await answered(app)
    // Two seats with no write queue between them (two PCs on one server): both read the draft
    // before either writes; only the status-guarded update decides.
    const seat = () => ({
      m: app.dataSource.manager,
      now: new Date(),
      audit: new AuditRecorder(),
      userId: null,
    })
    const results = await Promise.allSettled([
      finaliseInspection(seat(), draft.id),
      finaliseInspection(seat(), draft.id),
    ])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'conflict' } })
    expect(await app.dataSource.query(`SELECT inspection_id, version FROM minutes_versions`)).toEqual([
      { inspection_id: draft.id, version: 1 },
    ])
    expect(await app.ok('inspections:get', { id: draft.id })).toMatchObject({
      status: 'final',
      minutesNumber: 1,
    })
  })

  it('locks finalised minutes: edits and photos are refused and nothing changes', async () => {
    const app = await withUnits()
    const final = await app.ok('inspections:finalise', { id: (await answered(app)).id })
    const before = await databaseFingerprint(app.dataSource)
    const edit = await app.call('inspections:update', { ...form(final), conclusion: 'Sửa sau khi ký' })
    expect(edit).toEqual({ ok: false, error: expect.objectContaining({ code: 'conflict' }) })
    const photo = await app.call('inspections:addPhoto', {
      inspectionId: final.id,
      itemId: final.items[0]!.id,
      fileName: 'a.png',
      base64: PNG_1PX,
    })
    expect(photo).toEqual({ ok: false, error: expect.objectContaining({ code: 'conflict' }) })
    expect(await app.call('inspections:finalise', { id: final.id })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'conflict' }),
    })
    expect(await databaseFingerprint(app.dataSource)).toEqual(before)
  })

  it('a correction adds a version with its reason, keeps the number, and both versions print', async () => {
    const app = await withUnits()
    const final = await app.ok('inspections:finalise', {
      id: (await answered(app, { unitId: app.units.vpcc })).id,
    })
    const corrected = await app.ok('inspections:correct', {
      ...form(final),
      endTime: '11:15',
      conclusion: 'Đơn vị thực hiện tốt công tác phòng, chống dịch.',
      reason: 'Ghi nhầm giờ kết thúc',
    })
    expect(corrected.minutesNumber).toBe(final.minutesNumber)
    expect(corrected.versions).toEqual([
      expect.objectContaining({ version: 1, reason: null }),
      expect.objectContaining({ version: 2, reason: 'Ghi nhầm giờ kết thúc' }),
    ])
    const v1 = inspectPdf(
      Buffer.from((await app.ok('inspections:minutesPdf', { id: final.id, version: 1 })).base64, 'base64'),
    )
    const v2 = inspectPdf(
      Buffer.from((await app.ok('inspections:minutesPdf', { id: final.id })).base64, 'base64'),
    )
    expect(v1.plain).toContain('10 giờ 30 phút')
    expect(v1.plain).not.toContain('Bản đính chính')
    expect(v2.plain).toContain('11 giờ 15 phút')
    expect(v2.plain.replace(/\s+/g, ' ')).toContain('Lý do: Ghi nhầm giờ kết thúc')
    // A correction is only for finalised minutes.
    const draft = await create(app)
    expect(await app.call('inspections:correct', { ...form(draft), reason: 'Thử' })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'conflict' }),
    })
    // What was finalised cannot be rewritten underneath.
    await expect(app.dataSource.query(`UPDATE minutes_versions SET reason = 'x'`)).rejects.toThrow(
      /append-only/,
    )
  })

  it('a save rewrites only what the form changed, and answers as a fresh read does', async () => {
    const app = await withUnits()
    const draft = await answered(app)
    const rows = (table: string) =>
      app.dataSource.query(`SELECT id FROM ${table} WHERE inspection_id = ${draft.id} ORDER BY id`)
    const team = await rows('team_members')
    const representatives = await rows('inspection_representatives')
    const items = form(draft).items
    // Two answers changed alike, one otherwise, the rest as they were.
    items[0] = { ...items[0]!, result: 'fail', note: 'Chưa bố trí nước rửa tay', severity: 'fix' }
    items[2] = { ...items[2]!, result: 'fail', note: 'Chưa bố trí nước rửa tay', severity: 'fix' }
    items[4] = { ...items[4]!, result: 'na' }
    const saved = await app.ok('inspections:update', { ...form(draft), items })
    expect(saved).toEqual(await app.ok('inspections:get', { id: draft.id }))
    expect(saved.items.map((i) => [i.result, i.note, i.severity])).toEqual(
      items.map((i) => [i.result, i.note, i.severity]),
    )
    // An unchanged team and list of representatives keep their rows.
    expect(await rows('team_members')).toEqual(team)
    expect(await rows('inspection_representatives')).toEqual(representatives)
    const changed = await app.ok('inspections:update', {
      ...form(saved),
      items,
      team: [HEAD, { ...SECRETARY, fullName: 'Phạm Thị Thu' }],
      representatives: [],
    })
    expect(changed.team.map((t) => t.fullName)).toEqual([HEAD.fullName, 'Phạm Thị Thu'])
    expect(changed.representatives).toEqual([])
    expect(changed).toEqual(await app.ok('inspections:get', { id: draft.id }))
  })

  it("refuses a save naming another inspection's violation or recommendation, or an unknown unit, and changes nothing", async () => {
    const app = await withUnits()
    const other = await app.ok('inspections:update', {
      ...form(await create(app)),
      violations: [{ offenderKind: 'unit', offender: 'Văn phòng Sở', description: 'Không có tủ thuốc' }],
      recommendations: [{ content: 'Mua tủ thuốc', dueDate: '2021-12-15' }],
    })
    const draft = await create(app)
    const before = await databaseFingerprint(app.dataSource)
    const foreignViolation = await app.call('inspections:update', {
      ...form(draft),
      violations: [{ ...other.violations[0]! }],
    })
    expect(foreignViolation).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'validation',
        fieldErrors: { 'violations.0.id': expect.any(String) },
      }),
    })
    const foreignRecommendation = await app.call('inspections:update', {
      ...form(draft),
      recommendations: [{ ...other.recommendations[0]! }],
    })
    expect(foreignRecommendation).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'validation',
        fieldErrors: { 'recommendations.0.id': expect.any(String) },
      }),
    })
    // A unit changed on the form is checked again; the one it had is kept by its foreign key.
    const unknownUnit = await app.call('inspections:update', { ...form(draft), unitId: 9999 })
    expect(unknownUnit).toEqual({
      ok: false,
      error: expect.objectContaining({ fieldErrors: { unitId: 'Đơn vị không tồn tại' } }),
    })
    expect(await databaseFingerprint(app.dataSource)).toEqual(before)
  })

  it('finalising and correcting answer the minutes as a fresh read gives them, versions listed', async () => {
    const app = await withUnits()
    const final = await app.ok('inspections:finalise', { id: (await answered(app)).id })
    expect(final).toEqual(await app.ok('inspections:get', { id: final.id }))
    const corrected = await app.ok('inspections:correct', {
      ...form(final),
      endTime: '11:15',
      reason: 'Ghi nhầm giờ kết thúc',
    })
    expect(corrected).toEqual(await app.ok('inspections:get', { id: final.id }))
    expect(corrected.versions.map((v) => v.version)).toEqual([1, 2])
  })

  it('scores the applicable items met and asks a severity for each one not met', async () => {
    const app = await withUnits()
    const draft = await create(app)
    const input = form(draft)
    input.items[0] = { id: draft.items[0]!.id, result: 'fail', severity: 'serious', note: 'Chưa có tủ thuốc' }
    input.items[1] = { id: draft.items[1]!.id, result: 'na' }
    const saved = await app.ok('inspections:update', input)
    expect(saved.score).toBe(92.3)
    expect(saved.items[0]).toMatchObject({ result: 'fail', severity: 'serious', note: 'Chưa có tủ thuốc' })
    const noSeverity = await app.call('inspections:update', {
      ...input,
      items: input.items.map((x, i) => (i === 0 ? { ...x, severity: null } : x)),
    })
    expect(noSeverity).toEqual({
      ok: false,
      error: expect.objectContaining({ fieldErrors: { 'items.0.severity': expect.any(String) } }),
    })
    const failed = await app.ok('inspections:list', { result: 'notMet', status: 'all' })
    expect(failed.total).toBe(0)
    await app.ok('inspections:finalise', { id: draft.id })
    expect((await app.ok('inspections:list', { result: 'notMet' })).items).toEqual([
      expect.objectContaining({ id: draft.id, failedCount: 1, score: 92.3 }),
    ])
  })

  it('names the missing unit and plan number in words', async () => {
    const app = await withUnits()
    const noUnit = await app.call('inspections:create', {
      ...(INSPECTION_SAMPLE as RouteInput<'inspections:create'>),
      unitId: 0,
    })
    expect(noUnit).toEqual({
      ok: false,
      error: expect.objectContaining({ fieldErrors: { unitId: 'Chọn đơn vị được kiểm tra' } }),
    })
    const noNumber = await app.call('plans:create', {
      ...(PLAN_SAMPLE as RouteInput<'plans:create'>),
      number: 0,
    })
    expect(noNumber).toEqual({
      ok: false,
      error: expect.objectContaining({ fieldErrors: { number: expect.stringMatching(/số kế hoạch/) } }),
    })
  })

  it('wants exactly one team head', async () => {
    const app = await withUnits()
    const twoHeads = await app.call('inspections:create', {
      ...(INSPECTION_SAMPLE as RouteInput<'inspections:create'>),
      team: [HEAD, { ...HEAD, fullName: 'Nguyễn Văn Bình' }],
    })
    expect(twoHeads).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'validation',
        fieldErrors: { team: expect.stringMatching(/Trưởng đoàn/) },
      }),
    })
  })
})

describe('plans and coverage', () => {
  it('shows inspected / targeted per target and the units still due', async () => {
    const app = await withUnits()
    const plan = await app.ok('plans:create', {
      ...(PLAN_SAMPLE as RouteInput<'plans:create'>),
      unitIds: [app.units.VP!, app.units.TTR!, app.units.vpcc!],
      targets: [
        { label: '50% phòng thuộc Sở', kindCode: 'department', parentUnitId: app.units.so, percent: 50 },
        { label: '100% tổ chức hành nghề công chứng', kindCode: 'notary_office', percent: 100 },
      ],
      team: [HEAD],
    })
    expect(plan.targets.map((t) => [t.unitCount, t.targeted, t.inspected])).toEqual([
      [4, 2, 0],
      [1, 1, 0],
    ])
    expect(plan.dueUnits.map((u) => u.name)).toHaveLength(3)

    const visit = await answered(app, { planId: plan.id, unitId: app.units.VP })
    await answered(app, { planId: plan.id, unitId: app.units.TTR })
    await app.ok('inspections:finalise', { id: visit.id })
    const progress = await app.ok('plans:get', { id: plan.id })
    expect(progress.targets.map((t) => [t.targeted, t.inspected])).toEqual([
      [2, 1],
      [1, 0],
    ])
    expect(progress.dueUnits.map((u) => u.name).sort()).toEqual(
      ['Thanh tra Sở', 'Văn phòng công chứng Nguyễn Thị Bích Liên'].sort(),
    )
    expect(progress.inspectedCount).toBe(1)
    expect((await app.ok('plans:list', { q: 'phong chong dich' })).items).toEqual([
      expect.objectContaining({ reference: '1023/KH-STP', unitCount: 3, inspectedCount: 1 }),
    ])
    expect((await app.ok('inspections:list', { planId: plan.id })).total).toBe(2)
    expect((await app.ok('inspections:list', { unitId: app.units.VP })).total).toBe(1)
  })

  it('reads every finalised inspection of a plan whole for its report, in date order', async () => {
    const app = await withUnits()
    const plan = await app.ok('plans:create', {
      ...(PLAN_SAMPLE as RouteInput<'plans:create'>),
      unitIds: [app.units.VP!, app.units.TTR!, app.units.vpcc!],
    })
    const later = await create(app, {
      planId: plan.id,
      unitId: app.units.VP,
      date: '2021-12-01',
      representatives: [{ fullName: 'Nguyễn Văn An', title: 'Chánh Văn phòng' }],
    })
    const earlier = await create(app, { planId: plan.id, unitId: app.units.TTR, team: [HEAD] })
    await create(app, { planId: plan.id, unitId: app.units.vpcc })
    await app.ok('inspections:update', {
      ...form(later),
      violations: [{ offenderKind: 'unit', offender: 'Văn phòng Sở', description: 'Không có tủ thuốc' }],
      recommendations: [{ content: 'Mua tủ thuốc', dueDate: '2021-12-15' }],
    })
    await app.ok('inspections:update', {
      ...form(earlier),
      recommendations: [
        { content: 'Lập lịch trực', dueDate: '2021-12-01' },
        { content: 'Tuyên truyền', dueDate: null },
      ],
    })
    await app.ok('inspections:addPhoto', {
      inspectionId: later.id,
      itemId: later.items[2]!.id,
      caption: 'Phòng tiếp dân',
      fileName: 'a.png',
      base64: PNG_1PX,
    })
    await app.ok('inspections:finalise', { id: later.id })
    await app.ok('inspections:finalise', { id: earlier.id })

    const { inspections } = await planResults(app.dataSource.manager, plan.id)
    expect(inspections).toEqual([
      await app.ok('inspections:get', { id: earlier.id }),
      await app.ok('inspections:get', { id: later.id }),
    ])
    const [first, second] = inspections
    expect(first!.recommendations.map((r) => r.content)).toEqual(['Lập lịch trực', 'Tuyên truyền'])
    expect(first!.team.map((t) => t.fullName)).toEqual([HEAD.fullName])
    expect([first!.representatives, first!.violations]).toEqual([[], []])
    expect(first!.items.flatMap((i) => i.photos)).toEqual([])
    expect(second!.recommendations.map((r) => r.content)).toEqual(['Mua tủ thuốc'])
    expect(second!.team.map((t) => t.fullName)).toEqual([HEAD.fullName, SECRETARY.fullName])
    expect(second!.representatives).toEqual([{ fullName: 'Nguyễn Văn An', title: 'Chánh Văn phòng' }])
    expect(second!.items[2]!.photos.map((p) => p.caption)).toEqual(['Phòng tiếp dân'])
    expect([first!.items.length, second!.items.length]).toEqual([14, 14])
  })

  it('refuses a second plan with the same number in the same year', async () => {
    const app = await withUnits()
    await app.ok('plans:create', { ...(PLAN_SAMPLE as RouteInput<'plans:create'>), unitIds: [] })
    const again = await app.call('plans:create', {
      ...(PLAN_SAMPLE as RouteInput<'plans:create'>),
      unitIds: [],
    })
    expect(again).toEqual({
      ok: false,
      error: expect.objectContaining({ fieldErrors: { number: expect.any(String) } }),
    })
    await app.ok('plans:create', {
      ...(PLAN_SAMPLE as RouteInput<'plans:create'>),
      unitIds: [],
      issuedOn: '2022-01-10',
      periodFrom: '2022-01-10',
    })
  })
})

describe('roles', () => {
  it('lets the team do everything, the office read and follow up, and nobody else in', () => {
    const inspector = permissionsOf(['inspector'])
    for (const p of [
      'inspections.read',
      'inspections.write',
      'inspectionTemplates.manage',
      'recommendations.follow',
    ] as const)
      expect(inspector.has(p)).toBe(true)
    const office = permissionsOf(['office'])
    expect([...office].filter((p) => /inspection|recommendation/.test(p)).sort()).toEqual([
      'inspections.read',
      'recommendations.follow',
    ])
    for (const role of ['admin', 'reception'] as const)
      expect([...permissionsOf([role])].filter((p) => /inspection|recommendation/.test(p))).toEqual([])
  })
})

describe('recommendations', () => {
  it('refuses a recommendation due before the inspection, on its field, and writes nothing', async () => {
    const app = await withUnits()
    const draft = await create(app, { unitId: app.units.vpcc, date: '2021-11-15' })
    const recommendations = [
      { content: 'Lập lịch trực', dueDate: '2021-11-15' },
      { content: 'Bổ sung tủ thuốc', dueDate: '2021-11-14' },
    ]
    const refused = await app.call('inspections:update', { ...form(draft), recommendations })
    expect(refused).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'validation',
        fieldErrors: { 'recommendations.1.dueDate': 'Hạn thực hiện không được trước ngày kiểm tra' },
      }),
    })
    expect((await app.ok('inspections:get', { id: draft.id })).recommendations).toEqual([])

    // Moving the inspection after a due date already stored is refused the same way.
    const saved = await app.ok('inspections:update', {
      ...form(draft),
      recommendations: [recommendations[0]!],
    })
    await app.ok('inspections:finalise', { id: draft.id })
    const corrected = await app.call('inspections:correct', {
      ...form(saved),
      date: '2021-11-16',
      reason: 'Sai ngày',
    })
    expect(corrected).toEqual({
      ok: false,
      error: expect.objectContaining({
        fieldErrors: { 'recommendations.0.dueDate': 'Hạn thực hiện không được trước ngày kiểm tra' },
      }),
    })
  })

  it('lists overdue ones of finalised minutes, and the office follows them up after finalising', async () => {
    const app = await withUnits()
    const draft = await create(app, { unitId: app.units.vpcc })
    const withRecs = await app.ok('inspections:update', {
      ...form(draft),
      recommendations: [
        { content: 'Bổ sung tủ thuốc', ownerName: 'Văn phòng công chứng', dueDate: '2021-11-30' },
        { content: 'Lập lịch trực', ownerUnitId: app.units.vpcc, dueDate: '2021-12-31' },
        { content: 'Tiếp tục tuyên truyền' },
      ],
    })
    expect((await app.ok('recommendations:overdue', { asOf: '2021-12-15' })).total).toBe(0)
    await app.ok('inspections:finalise', { id: draft.id })
    const overdue = await app.ok('recommendations:overdue', { asOf: '2021-12-15' })
    expect(overdue.items).toEqual([
      expect.objectContaining({ content: 'Bổ sung tủ thuốc', daysOverdue: 15, minutesNumber: 1 }),
    ])

    // The office (Văn phòng) may follow up but not edit the minutes.
    await app.ok('users:create', {
      username: 'van.phong',
      displayName: 'Văn phòng Sở',
      roles: ['office'],
      password: PASSWORD,
      confirm: PASSWORD,
    })
    const office = new Session()
    expect(
      (await app.router.dispatch('auth:login', { username: 'van.phong', password: PASSWORD }, office)).ok,
    ).toBe(true)
    const followed = await app.router.dispatch(
      'recommendations:follow',
      {
        id: withRecs.recommendations[0]!.id,
        status: 'done',
        statusDate: '2021-12-10',
        evidence: 'Đã mua tủ thuốc',
      },
      office,
    )
    expect(followed).toEqual({ ok: true, data: expect.objectContaining({ status: 'done' }) })
    expect(
      await app.router.dispatch('inspections:update', { ...form(draft), conclusion: 'x' }, office),
    ).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) })
    expect(
      (await app.ok('recommendations:overdue', { asOf: '2022-02-01' })).items.map((r) => r.content),
    ).toEqual(['Lập lịch trực'])
    const trail = await app.ok('audit:list', { entity: 'recommendation' })
    expect(trail.items[0]!.changes).toMatchObject({ status: { before: 'open', after: 'done' } })
  })
})

/** A start of the app on `file` (or the same server), as after a crash or a restart. */
async function reopen(file: string, close = true, url?: string) {
  const core = await createAppCore({ file, url, logger: silentLogger })
  if (close) await core.close()
  return core
}

describe('photos', () => {
  it('keeps images with the inspection (files, or rows on a server), refuses other files, prints them in an appendix', async () => {
    const app = await withUnits()
    const draft = await create(app)
    const notImage = await app.call('inspections:addPhoto', {
      inspectionId: draft.id,
      itemId: draft.items[0]!.id,
      fileName: 'virus.png',
      base64: Buffer.from('MZ this is not a picture').toString('base64'),
    })
    expect(notImage).toEqual({
      ok: false,
      error: expect.objectContaining({ fieldErrors: { base64: expect.any(String) } }),
    })
    const other = await create(app)
    const wrongItem = await app.call('inspections:addPhoto', {
      inspectionId: draft.id,
      itemId: other.items[0]!.id,
      fileName: 'a.png',
      base64: PNG_1PX,
    })
    expect(wrongItem).toEqual({ ok: false, error: expect.objectContaining({ code: 'validation' }) })

    const photo = await app.ok('inspections:addPhoto', {
      inspectionId: draft.id,
      itemId: draft.items[7]!.id,
      caption: 'Tủ thuốc tại phòng tiếp dân',
      fileName: 'tu-thuoc.png',
      base64: PNG_1PX,
    })
    expect(photo.mimeType).toBe('image/png')
    expect(await storedNames(app, draft.id)).toHaveLength(1)
    // A server keeps the bytes in its table: nothing in this PC's data folder.
    expect(existsSync(join(app.dir, 'attachments'))).toBe(!onServer(app))
    const [row] = (await app.dataSource.query(`SELECT file FROM inspection_photos`)) as Array<{
      file: string
    }>
    expect(row!.file).toMatch(/^attachments\/\d+\/[0-9a-f-]+\.png$/)

    const pdf = inspectPdf(
      Buffer.from((await app.ok('inspections:minutesPdf', { id: draft.id })).base64, 'base64'),
    )
    expect(pdf.plain).toContain('PHỤ LỤC')
    expect(pdf.plain.replace(/\s+/g, ' ')).toContain('Ảnh 1. Tủ thuốc tại phòng tiếp dân')

    await app.ok('inspections:removePhoto', { id: photo.id })
    expect(await storedNames(app, draft.id)).toEqual([])
  })

  it('keeps one photo when the same picture is sent again for the same item (a retry)', async () => {
    const app = await withUnits()
    const draft = await create(app)
    const item = draft.items[3]!.id
    const send = (caption: string, base64 = PNG_1PX, itemId = item) =>
      app.ok('inspections:addPhoto', { inspectionId: draft.id, itemId, caption, fileName: 'a.png', base64 })
    const first = await send('Bàn khử khuẩn')
    expect(await send('Bàn khử khuẩn')).toEqual(first)
    expect(await send('Chụp lại')).toEqual(first)
    // Another picture, or the same one on another item, is a photo of its own.
    const other = Buffer.from(PNG_1PX, 'base64')
    other.writeUInt8(other.readUInt8(other.length - 13) ^ 1, other.length - 13)
    expect((await send('Ảnh khác', other.toString('base64'))).id).not.toBe(first.id)
    expect((await send('Mục khác', PNG_1PX, draft.items[4]!.id)).id).not.toBe(first.id)

    const got = await app.ok('inspections:get', { id: draft.id })
    expect(got.items[3]!.photos.map((p) => p.caption)).toEqual(['Bàn khử khuẩn', 'Ảnh khác'])
    expect(await storedNames(app, draft.id)).toHaveLength(3)
  })

  it('leaves no photo when the transaction fails after its bytes were written', async () => {
    const app = await withUnits()
    const draft = await create(app)
    // The audit line is the last write of the transaction, long after the bytes and the row.
    await failAuditOf(app, 'inspections:addPhoto')
    const failed = await app.call('inspections:addPhoto', {
      inspectionId: draft.id,
      itemId: draft.items[0]!.id,
      fileName: 'a.png',
      base64: PNG_1PX,
    })
    expect(failed).toEqual({ ok: false, error: expect.objectContaining({ code: 'internal' }) })
    expect(await app.dataSource.query(`SELECT id FROM inspection_photos`)).toEqual([])
    if (onServer(app)) {
      // The bytes were a row of the failed transaction: nothing is left, nothing to sweep.
      expect(await app.dataSource.query(`SELECT file FROM attachment_contents`)).toEqual([])
      expect(existsSync(join(app.dir, 'attachments'))).toBe(false)
      return
    }
    const folder = join(app.dir, 'attachments', String(draft.id))
    // Only the pending file is left, which no row will ever name…
    const left = readdirSync(folder)
    expect(left).toEqual([expect.stringMatching(/^\.[0-9a-f-]+\.png\.tmp$/)])

    // …and the next start removes it once it is an hour old.
    await app.close()
    await reopen(app.file)
    expect(readdirSync(folder)).toEqual(left)
    const old = new Date(Date.now() - 2 * 3600_000)
    utimesSync(join(folder, left[0]!), old, old)
    await reopen(app.file)
    expect(readdirSync(folder)).toEqual([])
  })

  it('gives a committed photo its final name at start if a crash came before the rename', async () => {
    const app = await withUnits()
    const draft = await create(app)
    const photo = await app.ok('inspections:addPhoto', {
      inspectionId: draft.id,
      itemId: draft.items[0]!.id,
      fileName: 'a.png',
      base64: PNG_1PX,
    })
    if (onServer(app)) {
      // No file to rename on a server: a start with another data folder shows the photo.
      const other = await reopen(join(app.dir, 'other', 'test.sqlite'), false, urlOf(app))
      try {
        const shown = await other.router.dispatch('inspections:photo', { id: photo.id }, app.session)
        expect(shown).toMatchObject({ ok: true, data: { base64: PNG_1PX } })
      } finally {
        await other.close()
      }
      return
    }
    const folder = join(app.dir, 'attachments', String(draft.id))
    const [name] = readdirSync(folder)
    await app.close()
    renameSync(join(folder, name!), join(folder, `.${name}.tmp`))
    const old = new Date(Date.now() - 2 * 3600_000)
    utimesSync(join(folder, `.${name}.tmp`), old, old)
    const core = await reopen(app.file, false)
    try {
      expect(readdirSync(folder)).toEqual([name])
      const shown = await core.router.dispatch('inspections:photo', { id: photo.id }, app.session)
      expect(shown).toMatchObject({ ok: true, data: { base64: PNG_1PX } })
    } finally {
      await core.close()
    }
  })

  it('deletes a draft with its photos, but never finalised minutes', async () => {
    const app = await withUnits()
    const draft = await create(app)
    await app.ok('inspections:addPhoto', {
      inspectionId: draft.id,
      itemId: draft.items[0]!.id,
      fileName: 'a.png',
      base64: PNG_1PX,
    })
    expect(await storedNames(app, draft.id)).toHaveLength(1)
    await app.ok('inspections:delete', { id: draft.id })
    expect(await storedNames(app, draft.id)).toHaveLength(0)
    expect(await app.call('inspections:get', { id: draft.id })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'not_found' }),
    })
    const final = await app.ok('inspections:finalise', { id: (await answered(app)).id })
    expect(await app.call('inspections:delete', { id: final.id })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'conflict' }),
    })
  })
})

describe('lists, filters and paging', () => {
  const plan = (number: number, issuedOn: string, title: string) =>
    ({
      ...PLAN_SAMPLE,
      number,
      issuedOn,
      periodFrom: issuedOn,
      title,
      unitIds: [],
    }) as RouteInput<'plans:create'>

  it('lists plans newest first, a page at a time, and finds them by words typed without diacritics', async () => {
    const app = await withUnits()
    await app.ok('plans:create', {
      ...plan(1, '2021-10-01', 'Kiểm tra công tác phòng, chống dịch'),
      unitIds: [app.units.VP!],
    })
    await app.ok('plans:create', plan(2, '2021-11-01', 'Giám sát tiêm chủng vắc xin'))
    await app.ok('plans:create', plan(3, '2021-12-01', 'Kiểm tra tủ thuốc'))
    const all = await app.ok('plans:list', {})
    expect(all.total).toBe(3)
    expect(all.items.map((p) => [p.reference, p.unitCount, p.inspectedCount])).toEqual([
      ['3/KH-STP', 0, 0],
      ['2/KH-STP', 0, 0],
      ['1/KH-STP', 1, 0],
    ])
    expect(await app.ok('plans:list', { page: 2, pageSize: 2 })).toMatchObject({
      total: 3,
      items: [expect.objectContaining({ reference: '1/KH-STP' })],
    })
    expect((await app.ok('plans:list', { q: 'tiem chung' })).items.map((p) => p.reference)).toEqual([
      '2/KH-STP',
    ])
    expect((await app.ok('plans:list', { q: 'KIEM TRA' })).total).toBe(2)
    expect(await app.ok('plans:list', { q: 'dau gia' })).toMatchObject({ total: 0, items: [] })
  })

  it('updates a plan under its own number, and refuses the number another plan of the year holds', async () => {
    const app = await withUnits()
    const first = await app.ok('plans:create', plan(1, '2021-10-01', 'Kế hoạch một'))
    const second = await app.ok('plans:create', plan(2, '2021-12-31', 'Kế hoạch hai'))
    const renamed = await app.ok('plans:update', {
      ...plan(1, '2021-10-01', 'Kế hoạch một (sửa)'),
      id: first.id,
    })
    expect(renamed).toMatchObject({ reference: '1/KH-STP', title: 'Kế hoạch một (sửa)' })
    const taken = await app.call('plans:update', { ...plan(1, '2021-12-31', 'Kế hoạch hai'), id: second.id })
    expect(taken).toEqual({
      ok: false,
      error: expect.objectContaining({ fieldErrors: { number: expect.any(String) } }),
    })
    expect((await app.ok('plans:get', { id: second.id })).number).toBe(2)
  })

  it('filters inspections by status, dates and result, newest first, a page at a time', async () => {
    const app = await withUnits()
    const met = await answered(app, { date: '2021-11-15', unannounced: true })
    const draft = await answered(app, { date: '2021-12-01' })
    const notMet = await create(app, { date: '2021-12-10' })
    const failing = form(notMet)
    failing.items[0] = { id: notMet.items[0]!.id, result: 'fail', severity: 'fix', note: null }
    await app.ok('inspections:update', failing)
    await app.ok('inspections:finalise', { id: met.id })
    await app.ok('inspections:finalise', { id: notMet.id })

    const ids = async (q: RouteInput<'inspections:list'>) =>
      (await app.ok('inspections:list', q)).items.map((i) => i.id)
    const all = await app.ok('inspections:list', {})
    expect(all.total).toBe(3)
    expect(all.items.map((i) => [i.id, i.unannounced, i.score, i.failedCount])).toEqual([
      [notMet.id, false, 92.9, 1],
      [draft.id, false, 100, 0],
      [met.id, true, 100, 0],
    ])
    expect(await ids({ status: 'draft' })).toEqual([draft.id])
    expect(await ids({ status: 'final' })).toEqual([notMet.id, met.id])
    expect(await ids({ from: '2021-11-20' })).toEqual([notMet.id, draft.id])
    expect(await ids({ to: '2021-11-30' })).toEqual([met.id])
    expect(await ids({ from: '2021-12-01', to: '2021-12-01' })).toEqual([draft.id])
    expect(await ids({ result: 'met' })).toEqual([met.id])
    expect(await ids({ result: 'notMet' })).toEqual([notMet.id])
    expect(await app.ok('inspections:list', { page: 2, pageSize: 2 })).toMatchObject({
      total: 3,
      items: [expect.objectContaining({ id: met.id, minutesNumber: 1, minutesYear: 2021 })],
    })
    expect(await app.ok('inspections:get', { id: met.id })).toMatchObject({ unannounced: true })
  })

  it('pages the overdue list, oldest due first, and counts all of it', async () => {
    const app = await withUnits()
    const draft = await create(app, { unitId: app.units.vpcc })
    await app.ok('inspections:update', {
      ...form(draft),
      recommendations: [
        { content: 'Lập lịch trực', dueDate: '2021-12-31' },
        { content: 'Bổ sung tủ thuốc', dueDate: '2021-11-20' },
        { content: 'Tuyên truyền', dueDate: '2021-11-25' },
        { content: 'Báo cáo', dueDate: '2022-03-01' },
      ],
    })
    await app.ok('inspections:finalise', { id: draft.id })
    const first = await app.ok('recommendations:overdue', { asOf: '2022-01-10', pageSize: 2 })
    expect(first.total).toBe(3)
    expect(first.items.map((r) => [r.content, r.daysOverdue, r.unitName])).toEqual([
      ['Bổ sung tủ thuốc', 51, 'Văn phòng công chứng Nguyễn Thị Bích Liên'],
      ['Tuyên truyền', 46, 'Văn phòng công chứng Nguyễn Thị Bích Liên'],
    ])
    const second = await app.ok('recommendations:overdue', { asOf: '2022-01-10', pageSize: 2, page: 2 })
    expect(second.items).toEqual([
      expect.objectContaining({
        content: 'Lập lịch trực',
        minutesNumber: 1,
        minutesYear: 2021,
        daysOverdue: 10,
      }),
    ])
  })

  it('gives a new template the next code at version 1, listed after the default', async () => {
    const app = await tempApp()
    const items = [{ section: 'Chung', text: 'Có tủ thuốc' }]
    expect(await app.ok('templates:save', { name: 'Phiếu giám sát', items })).toMatchObject({
      code: 'mau-2',
      version: 1,
      latest: true,
    })
    await app.ok('templates:save', { name: 'Phiếu nhanh', items })
    expect((await app.ok('templates:list', {})).map((t) => [t.code, t.version, t.items.length])).toEqual([
      ['mac-dinh', 1, 14],
      ['mau-2', 1, 1],
      ['mau-3', 1, 1],
    ])
  })
})
