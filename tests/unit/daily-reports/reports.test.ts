import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { RouteInput } from '@shared/contract'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { inspectPdf, wordsOfPage } from '../helpers/pdf'
import { sqlRun } from '../helpers/sql'
import { databaseFingerprint } from '../helpers/fingerprint'
import { AuditRecorder } from '@main/audit/trail'
import { DailyReportEntity } from '@main/daily-reports/entities'
import { updateDailyReport } from '@main/daily-reports/service'

/** A settable clock: Vietnam wall-clock times on one test day. */
function clock(start: string) {
  let now = Date.parse(start)
  return {
    now: () => now,
    set: (iso: string) => (now = Date.parse(iso)),
  }
}

const FIGURES = {
  staffTotal: 20,
  atOffice: 15,
  workingFromHome: 3,
  onLeave: 2,
  f0: 0,
  f1: 1,
  f2: 2,
  dose1: 20,
  dose2: 18,
  booster: 5,
  measures: 'Đo thân nhiệt, khai báo y tế',
  issues: null,
  reporterName: 'Trần Thị Bình',
}

async function setUp(start = '2026-11-16T08:00:00+07:00') {
  const time = clock(start)
  const app = await tempApp(undefined, time.now)
  // The fake clock jumps hours ahead: keep the test session from locking.
  app.sessions.idleMinutes = 1_000_000
  const unit = async (code: string, name: string) =>
    (await app.ok('units:create', { code, name, kindCode: 'department' })).id
  const office = await unit('VP', 'Văn phòng Sở')
  const inspectorate = await unit('TTR', 'Thanh tra Sở')
  const notary = await unit('CC', 'Phòng công chứng số 1')
  return { app, time, office, inspectorate, notary }
}

const submit = (app: TempApp, unitId: number, extra: Partial<RouteInput<'dailyReports:submit'>> = {}) =>
  app.call('dailyReports:submit', { unitId, ...FIGURES, ...extra })

describe('daily reports', () => {
  it('marks a report late only when first submitted after 15:00 Vietnam time', async () => {
    const { app, time, office, inspectorate, notary } = await setUp()
    time.set('2026-11-16T14:59:59+07:00')
    const onTime = await submit(app, office)
    time.set('2026-11-16T15:00:00+07:00')
    const atDeadline = await submit(app, inspectorate)
    time.set('2026-11-16T15:00:01+07:00')
    const late = await submit(app, notary)
    expect(onTime.ok && !onTime.data.late).toBe(true)
    expect(atDeadline.ok && !atDeadline.data.late).toBe(true)
    expect(late.ok && late.data.late).toBe(true)
    if (late.ok) expect(late.data.reportDate).toBe('2026-11-16')
  })

  it("files yesterday's report as late, refuses tomorrow's, and a second report for the same day", async () => {
    const { app, time, office } = await setUp()
    time.set('2026-11-17T09:00:00+07:00')
    const yesterday = await app.ok('dailyReports:submit', {
      unitId: office,
      ...FIGURES,
      reportDate: '2026-11-16',
    })
    expect(yesterday.late).toBe(true)
    const before = await databaseFingerprint(app.dataSource)
    const tomorrow = await submit(app, office, { reportDate: '2026-11-18' })
    expect(tomorrow).toMatchObject({
      ok: false,
      error: { code: 'validation', fieldErrors: { reportDate: expect.any(String) } },
    })
    const again = await submit(app, office, { reportDate: '2026-11-16' })
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await databaseFingerprint(app.dataSource)).toEqual(before)
  })

  it('uses the Vietnamese day: 23:30 UTC is already the next morning in Hanoi', async () => {
    const { app, time, office } = await setUp()
    time.set('2026-11-16T23:30:00Z')
    const report = await app.ok('dailyReports:submit', { unitId: office, ...FIGURES })
    expect(report.reportDate).toBe('2026-11-17')
    expect(report.late).toBe(false)
  })

  it('refuses figures that contradict each other, with the message on the field', async () => {
    const { app, office } = await setUp()
    const result = await submit(app, office, { atOffice: 19, workingFromHome: 2, dose2: 21, booster: 19 })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(Object.keys(result.error.fieldErrors).sort()).toEqual(['atOffice', 'dose2'])
    const boosters = await submit(app, office, { booster: 19 })
    expect(!boosters.ok && boosters.error.fieldErrors.booster).toMatch(/nhắc lại/)
  })

  it('refuses a report for an inactive unit', async () => {
    const { app, office } = await setUp()
    await app.ok('units:setActive', { id: office, active: false })
    const result = await submit(app, office)
    expect(result).toMatchObject({ ok: false, error: { fieldErrors: { unitId: expect.any(String) } } })
  })

  it('keeps every earlier version when a report is edited, and stays on time if first sent on time', async () => {
    const { app, time, office } = await setUp()
    time.set('2026-11-16T10:00:00+07:00')
    const first = await app.ok('dailyReports:submit', { unitId: office, ...FIGURES })
    time.set('2026-11-16T16:00:00+07:00')
    const second = await app.ok('dailyReports:update', { id: first.id, version: 1, ...FIGURES, f0: 1, f1: 3 })
    time.set('2026-11-16T17:00:00+07:00')
    const third = await app.ok('dailyReports:update', { id: first.id, version: 2, ...FIGURES, f0: 1, f1: 4 })
    expect(second.version).toBe(2)
    expect(third).toMatchObject({ version: 3, f0: 1, f1: 4, late: false, submittedAt: first.submittedAt })
    expect(third.versions.map((v) => [v.version, v.f1, v.savedAt])).toEqual([
      [2, 3, '2026-11-16T09:00:00.000Z'],
      [1, 1, '2026-11-16T03:00:00.000Z'],
    ])
    const audit = await app.ok('audit:list', { q: '' })
    expect(
      audit.items.some(
        (e) => e.route === 'dailyReports:update' && JSON.stringify(e.changes).includes('"f1"'),
      ),
    ).toBe(true)
    // The reporter is a person: the trail keeps the change, masked.
    const created = audit.items.find((e) => e.route === 'dailyReports:submit')!
    expect(JSON.stringify(created.changes)).toContain('T*** T** B***')
    expect(JSON.stringify(audit.items)).not.toContain('Trần Thị Bình')
  })

  it('refuses an edit made on an older version, and saves nothing when nothing changed', async () => {
    const { app, office } = await setUp()
    const first = await app.ok('dailyReports:submit', { unitId: office, ...FIGURES })
    await app.ok('dailyReports:update', { id: first.id, version: 1, ...FIGURES, f1: 3 })
    const stale = await app.call('dailyReports:update', { id: first.id, version: 1, ...FIGURES, f1: 5 })
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const same = await app.ok('dailyReports:update', { id: first.id, version: 2, ...FIGURES, f1: 3 })
    expect(same.version).toBe(2)
    expect(same.versions).toHaveLength(1)
  })

  it('refuses an edit when another edit of the same version lands between its read and its write', async () => {
    const { app, office } = await setUp()
    const first = await app.ok('dailyReports:submit', { unitId: office, ...FIGURES })
    const m = app.dataSource.manager
    // Another seat saves version 1 right after this edit has read the report.
    const racing = new Proxy(m, {
      get(target, prop, receiver) {
        if (prop !== 'getRepository') return Reflect.get(target, prop, receiver)
        return (entity: Parameters<typeof m.getRepository>[0]) => {
          const repo = target.getRepository(entity)
          if (entity !== DailyReportEntity) return repo
          return Object.assign(Object.create(repo) as typeof repo, {
            findOneBy: async (where: { id: number }) => {
              const row = await repo.findOneBy(where)
              await repo.update(where, { f2: 9, version: 2 })
              return row
            },
          })
        }
      },
    })
    const edit = updateDailyReport(
      { m: racing, now: new Date(), audit: new AuditRecorder(), userId: null },
      { id: first.id, version: 1, ...FIGURES, f1: 5, reporterName: 'Người sửa' },
    )
    await expect(edit).rejects.toMatchObject({ code: 'conflict' })
    const stored = await app.ok('dailyReports:get', { id: first.id })
    expect(stored).toMatchObject({ version: 2, f1: FIGURES.f1, f2: 9, reporterName: FIGURES.reporterName })
    expect(stored.versions).toEqual([])
  })

  it('takes ad-hoc reports any time, several a day, never late', async () => {
    const { app, time, office } = await setUp()
    time.set('2026-11-16T21:00:00+07:00')
    const adhoc = {
      unitId: office,
      content: 'Một công chức có kết quả dương tính',
      f0: 1,
      reporterName: 'An',
    }
    await app.ok('dailyReports:submitAdhoc', { ...adhoc, subject: 'Phát hiện F0' })
    await app.ok('dailyReports:submitAdhoc', { ...adhoc, subject: 'Truy vết F1', f0: 0, f1: 4 })
    const list = await app.ok('dailyReports:list', { kind: 'adhoc' })
    expect(list.items.map((r) => [r.subject, r.late])).toEqual([
      ['Truy vết F1', false],
      ['Phát hiện F0', false],
    ])
    const day = await app.ok('dailyReports:board', { date: '2026-11-16' })
    expect(day.adhoc).toHaveLength(2)
  })

  it('pages daily and ad-hoc reports together newest first, filtered by unit, days and kind', async () => {
    const { app, time, office, inspectorate } = await setUp('2026-11-14T08:00:00+07:00')
    const adhoc = (unitId: number) =>
      app.ok('dailyReports:submitAdhoc', {
        unitId,
        subject: 'Đột xuất',
        content: 'Nội dung',
        reporterName: 'An',
      })
    await submit(app, office)
    time.set('2026-11-14T09:00:00+07:00')
    await adhoc(inspectorate)
    time.set('2026-11-15T08:00:00+07:00')
    // Sent at the same instant: the ad-hoc report comes first.
    await submit(app, inspectorate)
    await adhoc(office)
    time.set('2026-11-16T10:00:00+07:00')
    await submit(app, office)
    await submit(app, inspectorate, { reportDate: '2026-11-13' })
    const all = await app.ok('dailyReports:list', {})
    expect(all.total).toBe(6)
    expect(all.items.map((r) => [r.reportDate, r.kind, r.unitName, r.late])).toEqual([
      ['2026-11-16', 'daily', 'Văn phòng Sở', false],
      ['2026-11-15', 'adhoc', 'Văn phòng Sở', false],
      ['2026-11-15', 'daily', 'Thanh tra Sở', false],
      ['2026-11-14', 'adhoc', 'Thanh tra Sở', false],
      ['2026-11-14', 'daily', 'Văn phòng Sở', false],
      ['2026-11-13', 'daily', 'Thanh tra Sở', true],
    ])
    const paged = []
    for (let page = 1; page <= 3; page++) {
      const one = await app.ok('dailyReports:list', { page, pageSize: 2 })
      expect(one).toMatchObject({ total: 6, page, pageSize: 2 })
      paged.push(...one.items)
    }
    expect(paged).toEqual(all.items)
    expect((await app.ok('dailyReports:list', { page: 4, pageSize: 2 })).items).toEqual([])
    const officeLately = await app.ok('dailyReports:list', {
      unitId: office,
      from: '2026-11-15',
      to: '2026-11-16',
    })
    expect(officeLately.total).toBe(2)
    expect(officeLately.items.map((r) => [r.reportDate, r.kind])).toEqual([
      ['2026-11-16', 'daily'],
      ['2026-11-15', 'adhoc'],
    ])
    const dailySince = await app.ok('dailyReports:list', { kind: 'daily', from: '2026-11-14' })
    expect(dailySince.items.map((r) => r.reportDate)).toEqual(['2026-11-16', '2026-11-15', '2026-11-14'])
    expect(dailySince.total).toBe(3)
    const until = await app.ok('dailyReports:list', { to: '2026-11-14', kind: 'adhoc' })
    expect(until.items.map((r) => [r.reportDate, r.unitName])).toEqual([['2026-11-14', 'Thanh tra Sở']])
    expect(until.total).toBe(1)
  })

  it('keeps a unit closed after it reported on that day’s board, and leaves it off later days', async () => {
    const { app, time, office, notary } = await setUp()
    time.set('2026-11-16T09:00:00+07:00')
    await submit(app, notary)
    await app.ok('units:setActive', { id: notary, active: false })
    const day = await app.ok('dailyReports:board', { date: '2026-11-16' })
    expect(day.counts).toEqual({ onTime: 1, late: 0, missing: 2 })
    expect(day.rows.find((r) => r.unitId === notary)).toMatchObject({ status: 'onTime', staffTotal: 20 })
    time.set('2026-11-17T09:00:00+07:00')
    const next = await app.ok('dailyReports:board', {})
    expect(next.rows.map((r) => r.unitId)).not.toContain(notary)
    expect(next.rows.find((r) => r.unitId === office)).toMatchObject({ status: 'missing', reportId: null })
    expect(next.counts).toEqual({ onTime: 0, late: 0, missing: 2 })
  })

  it('shows every active unit on the board as on time, late or missing, and flags the deadline', async () => {
    const { app, time, office, inspectorate, notary } = await setUp()
    await app.ok('units:create', { code: 'CU', name: 'Phòng đã giải thể', kindCode: 'department' })
    const closed = (await app.ok('units:list', { q: 'giai the' })).items[0]!.id
    await app.ok('units:setActive', { id: closed, active: false })
    time.set('2026-11-16T09:00:00+07:00')
    await submit(app, office)
    let today = await app.ok('dailyReports:board', {})
    expect(today).toMatchObject({ date: '2026-11-16', isToday: true, deadlinePassed: false })
    expect(today.counts).toEqual({ onTime: 1, late: 0, missing: 2 })
    time.set('2026-11-16T15:30:00+07:00')
    await submit(app, inspectorate)
    today = await app.ok('dailyReports:board', {})
    expect(today.deadlinePassed).toBe(true)
    expect(today.counts).toEqual({ onTime: 1, late: 1, missing: 1 })
    expect(Object.fromEntries(today.rows.map((r) => [r.unitId, r.status]))).toEqual({
      [office]: 'onTime',
      [inspectorate]: 'late',
      [notary]: 'missing',
    })
    expect(today.totals).toEqual({ staffTotal: 40, f0: 0, f1: 2, f2: 4 })
  })

  it('pre-fills a new report from the unit’s last one', async () => {
    const { app, time, office, notary } = await setUp()
    await submit(app, office, { staffTotal: 25, atOffice: 20 })
    time.set('2026-11-17T08:00:00+07:00')
    expect(await app.ok('dailyReports:prefill', { unitId: office })).toMatchObject({
      source: 'lastReport',
      staffTotal: 25,
      atOffice: 20,
      reporterName: 'Trần Thị Bình',
      dose1: 20,
      existingReportId: null,
    })
    expect(await app.ok('dailyReports:prefill', { unitId: notary })).toMatchObject({
      source: 'none',
      staffTotal: null,
    })
  })

  it('takes the staff total from the unit’s active staff, keeping last figures only where they still fit', async () => {
    const { app, time, office } = await setUp()
    await submit(app, office, {
      staffTotal: 25,
      atOffice: 20,
      workingFromHome: 3,
      onLeave: 2,
      dose1: 24,
      dose2: 20,
    })
    for (const [i, name] of ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'].entries())
      await app.ok('staff:create', {
        unitId: office,
        fullName: name,
        idNumber: `00109901234${i}`,
        category: 'cong_chuc',
      })
    time.set('2026-11-17T08:00:00+07:00')
    expect(await app.ok('dailyReports:prefill', { unitId: office })).toMatchObject({
      source: 'staff',
      staffTotal: 3,
      atOffice: null,
      dose1: null,
    })
  })

  it('counts doses from the vaccination records once the unit has any, as of the report day', async () => {
    const { app, time, office } = await setUp()
    await submit(app, office, { staffTotal: 25, dose1: 24, dose2: 20, booster: 3 })
    const staff: number[] = []
    for (const [i, name] of ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung'].entries())
      staff.push(
        (
          await app.ok('staff:create', {
            unitId: office,
            fullName: name,
            idNumber: `00109901234${i}`,
            category: 'cong_chuc',
          })
        ).id,
      )
    // Arranged straight in the store: the vaccination screens have their own tests.
    const dose = (staffId: number, n: number, day: string) =>
      sqlRun(
        app,
        `INSERT INTO vaccine_doses (staff_id, dose, given_on, created_at, updated_at) VALUES (?, ?, ?, 'x', 'x')`,
        staffId,
        n,
        day,
      )
    await dose(staff[0]!, 1, '2021-07-01')
    await dose(staff[0]!, 2, '2021-08-01')
    await dose(staff[0]!, 3, '2026-11-17')
    await dose(staff[1]!, 1, '2021-07-01')
    await dose(staff[1]!, 2, '2021-08-01')
    await dose(staff[2]!, 1, '2021-07-10')
    time.set('2026-11-17T08:00:00+07:00')
    expect(await app.ok('dailyReports:prefill', { unitId: office })).toMatchObject({
      source: 'vaccinations',
      staffTotal: 4,
      dose1: 3,
      dose2: 2,
      booster: 1,
    })
    // Yesterday's report counts only the doses given by then.
    expect(await app.ok('dailyReports:prefill', { unitId: office, reportDate: '2026-11-16' })).toMatchObject({
      dose1: 3,
      booster: 0,
      existingReportId: expect.any(Number),
    })
  })

  it('charts 30 days of F0/F1 and punctuality', async () => {
    const { app, time, office, inspectorate } = await setUp('2026-11-01T08:00:00+07:00')
    await submit(app, office, { f0: 1, f1: 2 })
    time.set('2026-11-02T16:00:00+07:00')
    await submit(app, office, { f1: 3 })
    await submit(app, inspectorate, { f1: 1 })
    time.set('2026-11-10T08:00:00+07:00')
    const points = await app.ok('dailyReports:trend', {})
    expect(points).toHaveLength(30)
    expect(points[29]!.date).toBe('2026-11-10')
    const byDay = Object.fromEntries(points.map((p) => [p.date, p]))
    expect(byDay['2026-11-01']).toMatchObject({ f0: 1, f1: 2, onTime: 1, late: 0, missing: 2 })
    expect(byDay['2026-11-02']).toMatchObject({ f0: 0, f1: 4, onTime: 0, late: 2, missing: 1 })
    expect(byDay['2026-11-05']).toMatchObject({ f0: 0, f1: 0, onTime: 0, late: 0, missing: 3 })
    // Before the first report ever, nobody was expected to report through the app.
    expect(byDay['2026-10-20']).toMatchObject({ onTime: 0, late: 0, missing: 0 })
  })

  it('summarises a day as .xlsx and as an official PDF, naming the units that did not report', async () => {
    const { app, time, office, inspectorate } = await setUp()
    time.set('2026-11-16T16:10:00+07:00')
    await submit(app, office, { f0: 1, issues: 'Thiếu khẩu trang' })
    await submit(app, inspectorate, { reportDate: '2026-11-16' })
    const xlsx = await app.ok('dailyReports:summaryXlsx', { date: '2026-11-16' })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(xlsx.base64, 'base64') as never)
    const cells = book.worksheets[0]!.getSheetValues().flatMap((row) =>
      Array.isArray(row) ? row.map((c) => String(c ?? '')) : [],
    )
    expect(cells).toContain('Phòng công chứng số 1')
    expect(cells).toContain('Chưa báo cáo')
    expect(cells).toContain('Muộn (16:10)')
    expect(cells.some((c) => c.startsWith('Đơn vị chưa báo cáo: Phòng công chứng số 1'))).toBe(true)
    const pdf = await app.ok('dailyReports:summaryPdf', { date: '2026-11-16' })
    const read = inspectPdf(Buffer.from(pdf.base64, 'base64'))
    expect(read.plain).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    expect(read.plain).toContain('BÁO CÁO TỔNG HỢP TÌNH HÌNH PHÒNG, CHỐNG DỊCH COVID-19 NGÀY 16/11/2026')
    expect(read.plain).toContain('Đơn vị chưa báo cáo: Phòng công chứng số 1')
    expect(read.plain).toContain('Thiếu khẩu trang')
    expect(read.plain).toContain('NGƯỜI LẬP BIỂU')
    const trail = await app.ok('audit:list', { q: '' })
    expect(trail.items.map((e) => e.route)).toEqual(
      expect.arrayContaining(['dailyReports:summaryXlsx', 'dailyReports:summaryPdf']),
    )
  })

  it('prints the day summary with one full stop to a sentence and the figures right-aligned', async () => {
    const { app, time, office, inspectorate } = await setUp()
    time.set('2026-11-16T14:00:00+07:00')
    await submit(app, office, {
      staffTotal: 137,
      atOffice: 120,
      dose1: 137,
      dose2: 130,
      measures: 'Đo thân nhiệt, khai báo y tế.',
      issues: 'Thiếu khẩu trang.',
    })
    await submit(app, inspectorate, {
      staffTotal: 9,
      atOffice: 5,
      workingFromHome: 2,
      onLeave: 2,
      dose1: 9,
      dose2: 8,
      measures: 'Họp giao ban trực tuyến',
    })
    await app.ok('dailyReports:submitAdhoc', {
      unitId: office,
      subject: 'Phát hiện F0.',
      content: 'Một công chức có kết quả dương tính',
      f0: 1,
      reporterName: 'An',
    })
    const read = inspectPdf(
      Buffer.from((await app.ok('dailyReports:summaryPdf', { date: '2026-11-16' })).base64, 'base64'),
    )
    const text = read.plain.replace(/\s+/g, ' ')
    expect(text).toContain('- Văn phòng Sở: Đo thân nhiệt, khai báo y tế. Khó khăn: Thiếu khẩu trang.')
    expect(text).toContain('- Thanh tra Sở: Họp giao ban trực tuyến.')
    expect(text).toContain('- 14:00, Văn phòng Sở: Phát hiện F0. Một công chức có kết quả dương tính.')
    expect(text).toContain('Đơn vị chưa báo cáo: Phòng công chứng số 1.')
    // Two full stops in a row (the dotted name lines are longer runs).
    expect(text).not.toMatch(/(?<!\.)\.\s*\.(?!\.)/)
    // The figures of each column end at the same x: rows of the two units and the totals.
    const words = wordsOfPage(read.bbox, 1)
    // A row by a word of its first cells (the table comes before the notes that name units too).
    const figuresOfRow = (word: string) => {
      const start = words.find((w) => w.text === word)!
      return words.filter((w) => Math.abs(w.yMin - start.yMin) < 1 && /^\d+$/.test(w.text)).slice(-10)
    }
    const rows = [figuresOfRow('Văn'), figuresOfRow('Thanh'), figuresOfRow('cộng')]
    expect(rows.map((r) => r.map((w) => w.text))).toEqual([
      ['137', '120', '3', '2', '0', '1', '2', '137', '130', '5'],
      ['9', '5', '2', '2', '0', '1', '2', '9', '8', '5'],
      ['146', '125', '5', '4', '0', '2', '4', '146', '138', '10'],
    ])
    for (let column = 0; column < 10; column++) {
      const ends = rows.map((r) => r[column]!.xMax)
      expect(Math.max(...ends) - Math.min(...ends)).toBeLessThan(0.5)
    }
  })

  it('removes the practice reports of sample units with the sample data, and keeps real ones', async () => {
    const app = await tempApp()
    await app.ok('sample:load', {})
    const sampleUnit = (await app.ok('units:options', {}))[0]!
    const real = await app.ok('units:create', { code: 'THAT', name: 'Đơn vị thật', kindCode: 'department' })
    await app.ok('dailyReports:submit', { unitId: sampleUnit.id, ...FIGURES })
    await app.ok('dailyReports:submitAdhoc', {
      unitId: sampleUnit.id,
      subject: 'Tập dượt',
      content: 'Thử nhập báo cáo',
      reporterName: 'An',
    })
    await app.ok('medicineCabinets:save', { unitId: sampleUnit.id, hasCabinet: true })
    await app.ok('dailyReports:submit', { unitId: real.id, ...FIGURES })
    await app.ok('sample:clear', {})
    const left = await app.ok('dailyReports:list', {})
    expect(left.items.map((r) => [r.kind, r.unitName])).toEqual([['daily', 'Đơn vị thật']])
    expect((await app.ok('units:options', {})).map((u) => u.name)).toEqual(['Đơn vị thật'])
  })
})
