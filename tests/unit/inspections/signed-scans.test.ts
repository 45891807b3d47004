import { existsSync, readdirSync, renameSync, utimesSync } from 'node:fs'
import { extname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAppCore } from '@main/app-core'
import { silentLogger } from '@main/core/logger'
import { Session } from '@main/core/session'
import type { Role, RouteInput, RouteName } from '@shared/contract'
import { MAX_DOCUMENT_BYTES } from '@shared/inspections/schemas'
import type { InspectionDto } from '@shared/inspections/schemas'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { INSPECTION_SAMPLE, PASSWORD, PNG_1PX } from '../helpers/route-samples'
import { onServer, storedNames, urlOf } from '../helpers/attachments'

/** A small PDF by its first bytes, different for each `n`. */
const pdf = (n = 0) => Buffer.from(`%PDF-1.4\n% trang ${n}\n%%EOF\n`).toString('base64')
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]).toString('base64')

/** Minutes with two recommendations, every item met; finalised unless `draft`. */
async function minutes(app: TempApp, draft = false): Promise<InspectionDto> {
  if ((await app.ok('units:list', {})).total === 0)
    await app.ok('units:create', { code: 'SO', name: 'Sở Tư pháp', kindCode: 'agency' })
  const created = await app.ok('inspections:create', INSPECTION_SAMPLE as RouteInput<'inspections:create'>)
  const updated = await app.ok('inspections:update', {
    ...(created as unknown as RouteInput<'inspections:update'>),
    items: created.items.map((x) => ({ id: x.id, result: 'pass' as const, note: null, severity: null })),
    recommendations: [
      { content: 'Bổ sung tủ thuốc', ownerName: 'Văn phòng Sở', dueDate: '2021-11-30' },
      { content: 'Lập lịch trực', ownerName: 'Văn phòng Sở', dueDate: '2021-12-31' },
    ],
  })
  return draft ? updated : app.ok('inspections:finalise', { id: created.id })
}

/** A signed-in session of a new account with `roles`. */
async function signedIn(app: TempApp, username: string, displayName: string, roles: Role[]) {
  await app.ok('users:create', { username, displayName, roles, password: PASSWORD, confirm: PASSWORD })
  const session = new Session()
  expect((await app.router.dispatch('auth:login', { username, password: PASSWORD }, session)).ok).toBe(true)
  return <N extends RouteName>(name: N, input: RouteInput<N>) => app.router.dispatch(name, input, session)
}

const refusal = (field: string) => ({
  ok: false,
  error: expect.objectContaining({ code: 'validation', fieldErrors: { [field]: expect.any(String) } }),
})

describe('signed scans of finalised minutes', () => {
  it('takes several files, lists them with name, size, date and who, opens and removes them (audited)', async () => {
    const app = await tempApp()
    const final = await minutes(app)
    const as = await signedIn(app, 'doan.kiem.tra', 'Trần Văn Minh', ['inspector'])
    const first = await as('inspections:addSignedScan', {
      inspectionId: final.id,
      fileName: 'bien-ban-trang-1.pdf',
      base64: pdf(1),
    })
    const second = await as('inspections:addSignedScan', {
      inspectionId: final.id,
      fileName: 'trang-2.jpg',
      base64: JPEG,
    })
    expect(first).toMatchObject({ ok: true })
    expect(second).toMatchObject({ ok: true })
    const got = await app.ok('inspections:get', { id: final.id })
    expect(got.signedScans).toEqual([
      {
        id: expect.any(Number),
        fileName: 'bien-ban-trang-1.pdf',
        mimeType: 'application/pdf',
        byteSize: Buffer.from(pdf(1), 'base64').length,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        createdByName: 'Trần Văn Minh',
      },
      expect.objectContaining({ fileName: 'trang-2.jpg', mimeType: 'image/jpeg', byteSize: 9 }),
    ])
    // Stored like the photos: a random name in the inspection's attachments folder (or its row on a server).
    // Random names: ordered by their extension, so the check does not depend on which UUID sorts first.
    const byExtension = (a: string, b: string) => extname(a).localeCompare(extname(b)) || a.localeCompare(b)
    expect((await storedNames(app, final.id)).sort(byExtension)).toEqual([
      expect.stringMatching(/^[0-9a-f-]{36}\.jpg$/),
      expect.stringMatching(/^[0-9a-f-]{36}\.pdf$/),
    ])

    const opened = await app.ok('inspections:signedScan', { id: got.signedScans[0]!.id })
    expect(opened).toEqual({ fileName: 'bien-ban-trang-1.pdf', mimeType: 'application/pdf', base64: pdf(1) })

    await app.ok('inspections:removeSignedScan', { id: got.signedScans[0]!.id })
    expect((await app.ok('inspections:get', { id: final.id })).signedScans.map((s) => s.fileName)).toEqual([
      'trang-2.jpg',
    ])
    expect(await storedNames(app, final.id)).toEqual([expect.stringMatching(/\.jpg$/)])
    const trail = await app.ok('audit:list', { entity: 'signedScan' })
    expect(trail.total).toBe(3)
    expect(trail.items[0]!.changes).toMatchObject({ fileName: { before: 'bien-ban-trang-1.pdf' } })
  })

  it('checks the type by the first bytes, not the name, and refuses more than 20 MB', async () => {
    const app = await tempApp()
    const final = await minutes(app)
    const add = (fileName: string, bytes: Buffer) =>
      app.call('inspections:addSignedScan', {
        inspectionId: final.id,
        fileName,
        base64: bytes.toString('base64'),
      })
    expect(await add('bien-ban.pdf', Buffer.from('MZ\x90\x00 not a scan at all'))).toEqual(refusal('base64'))
    // A PNG's name on junk bytes, and a PDF's name on a ZIP.
    expect(await add('bien-ban.png', Buffer.from('junk bytes, not an image'))).toEqual(refusal('base64'))
    expect(await add('bien-ban.pdf', Buffer.from('PK\x03\x04 a zip'))).toEqual(refusal('base64'))
    const pdfHead = Buffer.from('%PDF-1.7\n')
    const sized = (n: number) => Buffer.concat([pdfHead, Buffer.alloc(n - pdfHead.length, 0x20)])
    expect(await add('qua-lon.pdf', sized(MAX_DOCUMENT_BYTES + 1))).toEqual(refusal('base64'))
    expect(await add('vua-du.pdf', sized(MAX_DOCUMENT_BYTES))).toMatchObject({
      ok: true,
      data: { mimeType: 'application/pdf', byteSize: MAX_DOCUMENT_BYTES },
    })
    // The name says PDF, the bytes say PNG: stored and served as what it is.
    expect(await add('anh.pdf', Buffer.from(PNG_1PX, 'base64'))).toMatchObject({
      ok: true,
      data: { mimeType: 'image/png' },
    })
    expect((await app.ok('inspections:get', { id: final.id })).signedScans).toHaveLength(2)
  })

  it('refuses a draft, and a reader may open but not attach or remove', async () => {
    const app = await tempApp()
    const draft = await minutes(app, true)
    const refused = await app.call('inspections:addSignedScan', {
      inspectionId: draft.id,
      fileName: 'bien-ban.pdf',
      base64: pdf(),
    })
    expect(refused).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'conflict', message: expect.stringMatching(/đã hoàn thành/) }),
    })
    expect(existsSync(join(app.dir, 'attachments', String(draft.id)))).toBe(false)

    const final = await minutes(app)
    const scan = await app.ok('inspections:addSignedScan', {
      inspectionId: final.id,
      fileName: 'bien-ban.pdf',
      base64: pdf(),
    })
    const office = await signedIn(app, 'van.phong', 'Văn phòng Sở', ['office'])
    expect(await office('inspections:signedScan', { id: scan.id })).toMatchObject({ ok: true })
    for (const attempt of [
      office('inspections:addSignedScan', { inspectionId: final.id, fileName: 'x.pdf', base64: pdf(2) }),
      office('inspections:removeSignedScan', { id: scan.id }),
    ])
      expect(await attempt).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) })
  })

  it('gives a committed scan its final name at start if a crash came before the rename', async () => {
    const app = await tempApp()
    const final = await minutes(app)
    const scan = await app.ok('inspections:addSignedScan', {
      inspectionId: final.id,
      fileName: 'bien-ban.pdf',
      base64: pdf(),
    })
    if (onServer(app)) {
      // No file to rename on a server: a start with another data folder opens the scan.
      const other = await createAppCore({
        file: join(app.dir, 'other', 'test.sqlite'),
        url: urlOf(app),
        logger: silentLogger,
      })
      try {
        const shown = await other.router.dispatch('inspections:signedScan', { id: scan.id }, app.session)
        expect(shown).toMatchObject({ ok: true, data: { base64: pdf() } })
      } finally {
        await other.close()
      }
      return
    }
    const folder = join(app.dir, 'attachments', String(final.id))
    const [name] = readdirSync(folder)
    await app.close()
    renameSync(join(folder, name!), join(folder, `.${name}.tmp`))
    const old = new Date(Date.now() - 2 * 3600_000)
    utimesSync(join(folder, `.${name}.tmp`), old, old)
    const core = await createAppCore({ file: app.file, logger: silentLogger })
    try {
      expect(readdirSync(folder)).toEqual([name])
      const shown = await core.router.dispatch('inspections:signedScan', { id: scan.id }, app.session)
      expect(shown).toMatchObject({ ok: true, data: { base64: pdf() } })
    } finally {
      await core.close()
    }
  })

  it('marks in the list the minutes that have their signed copy', async () => {
    const app = await tempApp()
    const signed = await minutes(app)
    const unsigned = await minutes(app)
    await app.ok('inspections:addSignedScan', { inspectionId: signed.id, fileName: 'a.pdf', base64: pdf(1) })
    await app.ok('inspections:addSignedScan', { inspectionId: signed.id, fileName: 'b.pdf', base64: pdf(2) })
    const list = await app.ok('inspections:list', {})
    const count = (id: number) => list.items.find((i) => i.id === id)!.signedScanCount
    expect([count(signed.id), count(unsigned.id)]).toEqual([2, 0])
  })
})

describe('evidence of a follow-up', () => {
  it('the office attaches evidence while following up; it is listed with the recommendation and opens', async () => {
    const app = await tempApp()
    const final = await minutes(app)
    const [rec, other] = final.recommendations
    const office = await signedIn(app, 'van.phong', 'Văn phòng Sở', ['office'])
    const added = await office('recommendations:addEvidence', {
      recommendationId: rec!.id,
      fileName: 'bao-cao-khac-phuc.pdf',
      base64: pdf(7),
    })
    expect(added).toMatchObject({
      ok: true,
      data: { mimeType: 'application/pdf', createdByName: 'Văn phòng Sở' },
    })
    await office('recommendations:addEvidence', {
      recommendationId: rec!.id,
      fileName: 'tu-thuoc.png',
      base64: PNG_1PX,
    })
    const followed = await office('recommendations:follow', {
      id: rec!.id,
      status: 'done',
      statusDate: '2021-11-25',
      evidence: 'Đã mua tủ thuốc, có hóa đơn kèm theo',
    })
    expect(followed).toMatchObject({
      ok: true,
      data: {
        status: 'done',
        evidence: 'Đã mua tủ thuốc, có hóa đơn kèm theo',
        evidenceFiles: [{ fileName: 'bao-cao-khac-phuc.pdf' }, { fileName: 'tu-thuoc.png' }],
      },
    })
    const got = await app.ok('inspections:get', { id: final.id })
    expect(got.recommendations.map((r) => r.evidenceFiles.map((f) => f.fileName))).toEqual([
      ['bao-cao-khac-phuc.pdf', 'tu-thuoc.png'],
      [],
    ])
    // Evidence is not a signed scan of the minutes.
    expect(got.signedScans).toEqual([])
    const evidenceId = got.recommendations[0]!.evidenceFiles[0]!.id
    expect(await app.ok('recommendations:evidence', { id: evidenceId })).toMatchObject({ base64: pdf(7) })
    expect(await app.call('inspections:signedScan', { id: evidenceId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
    // Still due, the other one lists its (empty) evidence among the overdue.
    const overdue = await app.ok('recommendations:overdue', { asOf: '2022-02-01' })
    expect(overdue.items).toEqual([expect.objectContaining({ id: other!.id, evidenceFiles: [] })])

    expect(
      await office('recommendations:addEvidence', {
        recommendationId: rec!.id,
        fileName: 'x.pdf',
        base64: 'bm90IGEgZmlsZQ==',
      }),
    ).toEqual(refusal('base64'))
    await office('recommendations:removeEvidence', { id: evidenceId })
    expect(
      (await app.ok('inspections:get', { id: final.id })).recommendations[0]!.evidenceFiles,
    ).toHaveLength(1)
    expect((await app.ok('audit:list', { entity: 'evidenceFile' })).total).toBe(3)
  })

  it('refuses evidence on a draft, and a correction keeps a recommendation that has evidence', async () => {
    const app = await tempApp()
    const draft = await minutes(app, true)
    expect(
      await app.call('recommendations:addEvidence', {
        recommendationId: draft.recommendations[0]!.id,
        fileName: 'a.pdf',
        base64: pdf(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } })

    const final = await minutes(app)
    await app.ok('recommendations:addEvidence', {
      recommendationId: final.recommendations[0]!.id,
      fileName: 'a.pdf',
      base64: pdf(),
    })
    const corrected = await app.call('inspections:correct', {
      ...(final as unknown as RouteInput<'inspections:correct'>),
      items: final.items.map((x) => ({ id: x.id, result: x.result, note: x.note, severity: x.severity })),
      recommendations: final.recommendations.slice(1),
      reason: 'Bỏ kiến nghị trùng',
    })
    expect(corrected).toEqual(refusal('recommendations'))
    expect((await app.ok('inspections:get', { id: final.id })).recommendations).toHaveLength(2)
  })
})
