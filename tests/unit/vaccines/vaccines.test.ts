import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { databaseFingerprint } from '../helpers/fingerprint'
import { inspectPdf } from '../helpers/pdf'
import { DEFAULT_AGENCY_SETTINGS } from '@shared/settings/schemas'
import { NAME_LINE } from '@main/printing/official-document'
import { workbookBase64 } from '../helpers/xlsx-files'
import { VACCINATION_HEADERS } from '../helpers/vaccine-samples'
import { todayInVietnam } from '@shared/staff/schemas'
import type { RegistrationInput } from '@shared/vaccines/schemas'

interface World extends TempApp {
  vp: number
  tt: number
  an: number
  binh: number
  round: number
}

const tomorrow = () => {
  const d = new Date(`${todayInVietnam()}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

async function world(clock?: () => number): Promise<World> {
  const app = await tempApp(undefined, clock)
  const vp = (await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })).id
  const tt = (await app.ok('units:create', { code: 'TTR', name: 'Thanh tra Sở', kindCode: 'department' })).id
  const an = (
    await app.ok('staff:create', {
      unitId: vp,
      fullName: 'Nguyễn Văn An',
      idNumber: '001099000001',
      dateOfBirth: '1985-04-12',
      category: 'cong_chuc',
    })
  ).id
  const binh = (
    await app.ok('staff:create', {
      unitId: tt,
      fullName: 'Trần Thị Bình',
      idNumber: '001199000002',
      category: 'vien_chuc',
    })
  ).id
  const round = (
    await app.ok('vaccineRounds:save', { name: 'Đợt 1', openedOn: '2021-07-01', deadline: todayInVietnam() })
  ).id
  return Object.assign(app, { vp, tt, an, binh, round })
}

const fieldErrors = async (app: TempApp, input: RegistrationInput) => {
  const result = await app.call('vaccinations:create', input)
  expect(result.ok, JSON.stringify(result)).toBe(false)
  return result.ok ? {} : result.error.fieldErrors
}

describe('editable lists', () => {
  it('starts with the seven vaccines and the nine priority groups of Nghị quyết 21/NQ-CP, and takes new names once', async () => {
    const app = await tempApp()
    expect((await app.ok('vaccines:list', {})).map((v) => v.name)).toEqual([
      'AstraZeneca',
      'Pfizer-BioNTech',
      'Moderna',
      'Sinopharm Vero Cell',
      'Sputnik V',
      'Abdala',
      'Hayat-Vax',
    ])
    const groups = await app.ok('priorityGroups:list', {})
    expect(groups).toHaveLength(9)
    expect(groups[0]!.name).toMatch(/^Lực lượng tuyến đầu/)
    const added = await app.ok('vaccines:save', { name: 'Covaxin' })
    expect(added).toMatchObject({ name: 'Covaxin', active: true, builtin: false })
    const again = await app.call('vaccines:save', { name: 'covaxin' })
    expect(again.ok).toBe(false)
    if (!again.ok) expect(again.error.fieldErrors.name).toMatch(/đã có/)
    await app.ok('vaccines:save', { id: added.id, name: 'Covaxin', active: false })
    expect((await app.ok('vaccines:list', {})).find((v) => v.id === added.id)!.active).toBe(false)
  })
})

describe('editable lists, in their order', () => {
  it('adds a name at the end of its list, where a priority group’s place is its number', async () => {
    const app = await tempApp()
    const added = await app.ok('priorityGroups:save', { name: 'Nhóm bổ sung của tỉnh' })
    const groups = await app.ok('priorityGroups:list', {})
    expect(groups).toHaveLength(10)
    expect(groups.at(-1)).toEqual({
      id: added.id,
      name: 'Nhóm bổ sung của tỉnh',
      active: true,
      builtin: false,
    })
    expect(groups[0]).toMatchObject({ active: true, builtin: true })
    const renamed = await app.ok('priorityGroups:save', {
      id: added.id,
      name: 'Nhóm của tỉnh',
      active: false,
    })
    expect(renamed).toEqual({ id: added.id, name: 'Nhóm của tỉnh', active: false, builtin: false })
    expect((await app.ok('priorityGroups:list', {})).map((g) => g.id)).toEqual(groups.map((g) => g.id))
    const missing = await app.call('vaccines:save', { id: 999, name: 'Không có' })
    expect(missing.ok).toBe(false)
    if (!missing.ok) expect(missing.error.code).toBe('not_found')
  })
})

describe('dose rules', () => {
  it('needs the earlier doses, in order, and refuses a dose before the previous one', async () => {
    const app = await world()
    expect((await fieldErrors(app, { roundId: app.round, staffId: app.an, dose: 2 })).priorDoses).toMatch(
      /Chưa có thông tin mũi 1/,
    )
    const backwards = await fieldErrors(app, {
      roundId: app.round,
      staffId: app.an,
      dose: 3,
      priorDoses: [
        { dose: 1, givenOn: '2021-09-01' },
        { dose: 2, givenOn: '2021-08-01' },
      ],
    })
    expect(backwards['priorDoses.1.givenOn']).toMatch(/phải sau mũi 1 \(01\/09\/2021\)/)
    const early = await fieldErrors(app, {
      roundId: app.round,
      staffId: app.an,
      dose: 2,
      priorDoses: [{ dose: 1, vaccineId: 1, givenOn: '2021-08-01' }],
      status: 'vaccinated',
      vaccinatedOn: '2021-07-15',
    })
    expect(early.vaccinatedOn).toMatch(/phải sau mũi 1/)
    const ok = await app.ok('vaccinations:create', {
      roundId: app.round,
      staffId: app.an,
      dose: 2,
      vaccineId: 1,
      priorDoses: [{ dose: 1, vaccineId: 1, givenOn: '2021-08-01' }],
      status: 'vaccinated',
      vaccinatedOn: '2021-10-20',
    })
    expect(ok.doses.map((d) => [d.dose, d.givenOn, d.registrationId !== null])).toEqual([
      [1, '2021-08-01', false],
      [2, '2021-10-20', true],
    ])
  })

  it('refuses a dose date in the future', async () => {
    const app = await world()
    const errors = await fieldErrors(app, {
      roundId: app.round,
      staffId: app.an,
      dose: 1,
      status: 'vaccinated',
      vaccinatedOn: tomorrow(),
    })
    expect(errors.vaccinatedOn).toMatch(/tương lai/)
    const prior = await fieldErrors(app, {
      roundId: app.round,
      staffId: app.an,
      dose: 2,
      priorDoses: [{ dose: 1, givenOn: tomorrow() }],
    })
    expect(prior['priorDoses.0.givenOn']).toMatch(/tương lai/)
  })

  it('refuses the same dose twice for one person, across rounds, and a second form in one round', async () => {
    const app = await world()
    await app.ok('vaccinations:create', {
      roundId: app.round,
      staffId: app.an,
      dose: 1,
      status: 'vaccinated',
      vaccinatedOn: '2021-08-01',
    })
    const sameRound = await fieldErrors(app, { roundId: app.round, staffId: app.an, dose: 2 })
    expect(sameRound.staffId).toMatch(/đã có phiếu trong Đợt 1/)
    const round2 = (
      await app.ok('vaccineRounds:save', { name: 'Đợt 2', openedOn: '2021-09-01', deadline: '2021-09-10' })
    ).id
    const twice = await fieldErrors(app, { roundId: round2, staffId: app.an, dose: 1 })
    expect(twice.dose).toMatch(/Mũi 1 đã tiêm ngày 01\/08\/2021/)
    const conflict = await fieldErrors(app, {
      roundId: round2,
      staffId: app.an,
      dose: 2,
      priorDoses: [{ dose: 1, givenOn: '2021-08-02' }],
    })
    expect(conflict['priorDoses.0.givenOn']).toMatch(/Mũi 1 đã ghi nhận ngày 01\/08\/2021/)
    // The known dose repeated with its date is fine: the form may show what is on record.
    const next = await app.ok('vaccinations:create', {
      roundId: round2,
      staffId: app.an,
      dose: 2,
      priorDoses: [{ dose: 1, givenOn: '2021-08-01' }],
    })
    expect(next.doses).toHaveLength(1)
  })

  it('takes a given dose back when the status changes, so it can be recorded again', async () => {
    const app = await world()
    const r = await app.ok('vaccinations:create', {
      roundId: app.round,
      staffId: app.an,
      dose: 1,
      status: 'vaccinated',
      vaccinatedOn: '2021-08-01',
    })
    const back = await app.ok('vaccinations:update', {
      id: r.id,
      dose: 1,
      status: 'postponed',
      statusReason: 'Nhập nhầm',
    })
    expect(back.doses).toEqual([])
  })
})

describe('contraindications', () => {
  it('cannot be scheduled while contraindicated, until the contraindication is cleared with a reason', async () => {
    const app = await world()
    const r = await app.ok('vaccinations:create', {
      roundId: app.round,
      staffId: app.an,
      dose: 1,
      anaphylaxis: 'yes',
      status: 'contraindicated',
      statusReason: 'Phản vệ độ 3 với thành phần vắc xin',
    })
    const same = await app.call('vaccinations:update', { id: r.id, dose: 1, status: 'registered' })
    expect(same.ok).toBe(false)
    if (!same.ok) expect(same.error.fieldErrors.status).toMatch(/chống chỉ định/)
    const round2 = (
      await app.ok('vaccineRounds:save', { name: 'Đợt 2', openedOn: '2021-09-01', deadline: '2021-09-10' })
    ).id
    const other = await fieldErrors(app, { roundId: round2, staffId: app.an, dose: 1 })
    expect(other.status).toMatch(/Đợt 1: Phản vệ độ 3/)
    // Declining or postponing is not scheduling.
    expect(
      (
        await app.call('vaccinations:create', {
          roundId: round2,
          staffId: app.an,
          dose: 1,
          status: 'declined',
          statusReason: 'Không đủ điều kiện',
        })
      ).ok,
    ).toBe(true)

    const cleared = await app.ok('vaccinations:clearContraindication', {
      id: r.id,
      reason: 'Hội chẩn bệnh viện tỉnh: tiêm được loại vắc xin khác',
    })
    expect(cleared.contraindicationClearedAt).not.toBeNull()
    const scheduled = await app.ok('vaccinations:update', {
      id: r.id,
      dose: 1,
      vaccineId: 2,
      status: 'registered',
      desiredOn: tomorrow(),
    })
    expect(scheduled.status).toBe('registered')
    const twice = await app.call('vaccinations:clearContraindication', { id: r.id, reason: 'Lần nữa' })
    expect(twice.ok).toBe(false)
  })
})

describe('rounds and consolidation', () => {
  it('counts by unit × status × dose and names the units that have not answered by the deadline', async () => {
    const app = await world()
    const khac = (
      await app.ok('units:create', { code: 'PHC', name: 'Phòng Hành chính tư pháp', kindCode: 'department' })
    ).id
    await app.ok('vaccinations:create', { roundId: app.round, staffId: app.an, dose: 1 })
    await app.ok('vaccinations:create', {
      roundId: app.round,
      staffId: app.binh,
      dose: 2,
      priorDoses: [{ dose: 1, givenOn: '2021-07-05' }],
      status: 'vaccinated',
      vaccinatedOn: '2021-08-05',
    })
    const c = await app.ok('vaccinations:consolidate', { roundId: app.round })
    expect(c.cells).toEqual(
      expect.arrayContaining([
        { unitId: app.vp, status: 'registered', dose: 1, count: 1 },
        { unitId: app.tt, status: 'vaccinated', dose: 2, count: 1 },
      ]),
    )
    expect(c.totals.registrations).toBe(2)
    expect(c.totals.byStatus.vaccinated).toBe(1)
    expect(c.missing.map((u) => u.unitName)).toEqual(['Phòng Hành chính tư pháp'])
    expect(c.deadlinePassed).toBe(false)
    // A unit with nobody to register answers too; taking it back puts it on the list again.
    await app.ok('vaccineRounds:setSubmitted', {
      roundId: app.round,
      unitId: khac,
      submitted: true,
      note: 'Không có ai',
    })
    expect((await app.ok('vaccinations:consolidate', { roundId: app.round })).missing).toEqual([])
    await app.ok('vaccineRounds:setSubmitted', { roundId: app.round, unitId: khac, submitted: false })
    expect((await app.ok('vaccinations:consolidate', { roundId: app.round })).missing).toHaveLength(1)
  })

  it('lists the rounds newest first with their registrations and the units that answered', async () => {
    const app = await world()
    const later = (
      await app.ok('vaccineRounds:save', { name: 'Đợt 2', openedOn: '2021-09-01', deadline: '2021-09-10' })
    ).id
    await app.ok('vaccinations:create', { roundId: app.round, staffId: app.an, dose: 1 })
    await app.ok('vaccinations:create', { roundId: app.round, staffId: app.binh, dose: 1 })
    await app.ok('vaccineRounds:setSubmitted', { roundId: later, unitId: app.tt, submitted: true })
    await app.ok('vaccineRounds:save', {
      id: app.round,
      name: 'Đợt 1',
      openedOn: '2021-07-01',
      deadline: '2021-07-10',
      closed: true,
    })
    const rounds = await app.ok('vaccineRounds:list', {})
    expect(rounds.map((r) => [r.name, r.registrations, r.unitsResponded, r.closed])).toEqual([
      ['Đợt 2', 0, 1, false],
      ['Đợt 1', 2, 2, true],
    ])
    const unknown = await app.call('vaccinations:consolidate', { roundId: 999 })
    expect(unknown.ok).toBe(false)
  })

  it('keeps the first time a unit’s list was received, and refuses an unknown unit', async () => {
    let now = Date.parse('2021-07-05T02:00:00.000Z')
    const app = await world(() => now)
    await app.ok('vaccinations:create', { roundId: app.round, staffId: app.an, dose: 1 })
    const received = (c: { units: Array<{ unitId: number; submittedAt: string | null }> }) =>
      c.units.find((u) => u.unitId === app.vp)!.submittedAt
    now = Date.parse('2021-07-05T02:01:00.000Z')
    const again = await app.ok('vaccineRounds:setSubmitted', {
      roundId: app.round,
      unitId: app.vp,
      submitted: true,
      note: 'Gửi bổ sung',
    })
    expect(received(again)).toBe('2021-07-05T02:00:00.000Z')
    await app.ok('vaccineRounds:setSubmitted', { roundId: app.round, unitId: app.vp, submitted: false })
    const anew = await app.ok('vaccineRounds:setSubmitted', {
      roundId: app.round,
      unitId: app.vp,
      submitted: true,
    })
    expect(received(anew)).toBe('2021-07-05T02:01:00.000Z')
    const unknown = await app.call('vaccineRounds:setSubmitted', {
      roundId: app.round,
      unitId: 999,
      submitted: true,
    })
    expect(unknown.ok).toBe(false)
    if (!unknown.ok) expect(unknown.error.fieldErrors.unitId).toMatch(/không tồn tại/)
  })

  it('still counts a unit closed since, if it answered or has someone in the round', async () => {
    const app = await world()
    const khac = (
      await app.ok('units:create', { code: 'PHC', name: 'Phòng Hành chính tư pháp', kindCode: 'department' })
    ).id
    await app.ok('vaccinations:create', { roundId: app.round, staffId: app.an, dose: 1 })
    await app.ok('units:setActive', { id: app.vp, active: false })
    await app.ok('units:setActive', { id: khac, active: false })
    const c = await app.ok('vaccinations:consolidate', { roundId: app.round })
    expect(c.units.map((u) => [u.unitName, u.registrations])).toEqual([
      ['Thanh tra Sở', 0],
      ['Văn phòng Sở', 1],
    ])
    await app.ok('units:setActive', { id: khac, active: true })
    await app.ok('vaccineRounds:setSubmitted', { roundId: app.round, unitId: khac, submitted: true })
    await app.ok('units:setActive', { id: khac, active: false })
    expect((await app.ok('vaccinations:consolidate', { roundId: app.round })).units).toHaveLength(3)
  })

  it('counts a list received after the deadline day as late', async () => {
    const app = await world()
    const past = (
      await app.ok('vaccineRounds:save', { name: 'Đợt cũ', openedOn: '2021-07-01', deadline: '2021-07-10' })
    ).id
    await app.ok('vaccinations:create', { roundId: past, staffId: app.an, dose: 1 })
    const c = await app.ok('vaccinations:consolidate', { roundId: past })
    expect(c.deadlinePassed).toBe(true)
    expect(c.units.find((u) => u.unitId === app.vp)).toMatchObject({ late: true, registrations: 1 })
    expect(c.missing.map((u) => u.unitName).sort()).toEqual(['Thanh tra Sở', 'Văn phòng Sở'])
  })

  it('refuses changes to a closed round', async () => {
    const app = await world()
    await app.ok('vaccineRounds:save', {
      id: app.round,
      name: 'Đợt 1',
      openedOn: '2021-07-01',
      deadline: '2021-07-10',
      closed: true,
    })
    const result = await app.call('vaccinations:create', { roundId: app.round, staffId: app.an, dose: 1 })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/đã khoá/)
  })

  it('lists and searches the round without diacritics, by unit, status and dose', async () => {
    const app = await world()
    await app.ok('vaccinations:create', { roundId: app.round, staffId: app.an, dose: 1 })
    await app.ok('vaccinations:create', {
      roundId: app.round,
      staffId: app.binh,
      dose: 1,
      status: 'declined',
      statusReason: 'Không muốn',
    })
    expect(
      (await app.ok('vaccinations:list', { roundId: app.round, q: 'binh' })).items.map((r) => r.staffName),
    ).toEqual(['Trần Thị Bình'])
    expect((await app.ok('vaccinations:list', { roundId: app.round, status: 'registered' })).total).toBe(1)
    expect((await app.ok('vaccinations:list', { roundId: app.round, unitId: app.tt })).total).toBe(1)
    expect((await app.ok('vaccinations:list', { roundId: app.round, dose: 2 })).total).toBe(0)
  })
})

describe('registrations as stored', () => {
  it('pages the round’s list by unit then name, with the exact total, and finds by a word’s first letter', async () => {
    const app = await world()
    const cuc = (
      await app.ok('staff:create', {
        unitId: app.vp,
        fullName: 'Lê Thị Cúc',
        idNumber: '001199000003',
        category: 'cong_chuc',
      })
    ).id
    for (const staffId of [cuc, app.an, app.binh])
      await app.ok('vaccinations:create', { roundId: app.round, staffId, dose: 1 })
    const names = async (q: Partial<{ q: string; page: number; pageSize: number; unitId: number }>) => {
      const page = await app.ok('vaccinations:list', { roundId: app.round, ...q })
      return { total: page.total, names: page.items.map((r) => r.staffName) }
    }
    expect(await names({})).toEqual({ total: 3, names: ['Trần Thị Bình', 'Nguyễn Văn An', 'Lê Thị Cúc'] })
    expect(await names({ page: 2, pageSize: 1 })).toEqual({ total: 3, names: ['Nguyễn Văn An'] })
    expect(await names({ page: 4, pageSize: 1 })).toEqual({ total: 3, names: [] })
    expect(await names({ q: 'c' })).toEqual({ total: 1, names: ['Lê Thị Cúc'] })
    expect(await names({ q: 'THI' })).toEqual({ total: 2, names: ['Trần Thị Bình', 'Lê Thị Cúc'] })
    expect(await names({ q: 'thi', unitId: app.vp })).toEqual({ total: 1, names: ['Lê Thị Cúc'] })
    expect(await names({ q: 'khong co ai' })).toEqual({ total: 0, names: [] })
  })

  it('names the lists’ entries and the doses, and refuses ids not in the lists', async () => {
    const app = await world()
    const r = await app.ok('vaccinations:create', {
      roundId: app.round,
      staffId: app.an,
      dose: 3,
      vaccineId: 3,
      priorityGroupId: 2,
      reaction: false,
      priorDoses: [
        { dose: 1, vaccineId: 1, givenOn: '2021-07-05' },
        { dose: 2, givenOn: '2021-08-05' },
      ],
    })
    const groups = await app.ok('priorityGroups:list', {})
    expect(r).toMatchObject({
      staffName: 'Nguyễn Văn An',
      idNumber: '001099000001',
      dateOfBirth: '1985-04-12',
      unitName: 'Văn phòng Sở',
      vaccineName: 'Moderna',
      priorityGroupName: groups[1]!.name,
      reaction: false,
    })
    expect(await app.ok('vaccinations:staffDoses', { staffId: app.an })).toEqual([
      { dose: 1, vaccineId: 1, vaccineName: 'AstraZeneca', givenOn: '2021-07-05', registrationId: null },
      { dose: 2, vaccineId: null, vaccineName: null, givenOn: '2021-08-05', registrationId: null },
    ])
    const errors = await fieldErrors(app, {
      roundId: app.round,
      staffId: app.binh,
      dose: 2,
      vaccineId: 999,
      priorityGroupId: 999,
      priorDoses: [{ dose: 1, vaccineId: 999, givenOn: '2021-07-05' }],
    })
    expect(errors).toMatchObject({
      vaccineId: expect.stringMatching(/vắc xin/),
      priorityGroupId: expect.stringMatching(/nhóm ưu tiên/),
      'priorDoses.0.vaccineId': expect.stringMatching(/vắc xin/),
    })
    const missing = await app.call('vaccinations:get', { id: 999 })
    expect(missing.ok).toBe(false)
  })

  it('starts a new contraindication uncleared, even on a form cleared before', async () => {
    const app = await world()
    const r = await app.ok('vaccinations:create', {
      roundId: app.round,
      staffId: app.an,
      dose: 1,
      status: 'contraindicated',
      statusReason: 'Sốt cao',
    })
    await app.ok('vaccinations:clearContraindication', { id: r.id, reason: 'Đã hết sốt' })
    await app.ok('vaccinations:update', { id: r.id, dose: 1, status: 'postponed', statusReason: 'Chờ lịch' })
    const again = await app.ok('vaccinations:update', {
      id: r.id,
      dose: 1,
      status: 'contraindicated',
      statusReason: 'Phản vệ',
    })
    expect(again).toMatchObject({ contraindicationClearedAt: null, contraindicationClearedReason: null })
    const scheduled = await app.call('vaccinations:update', { id: r.id, dose: 1, status: 'registered' })
    expect(scheduled.ok).toBe(false)
    if (!scheduled.ok) expect(scheduled.error.fieldErrors.status).toMatch(/chống chỉ định/)
  })
})

describe('exports', () => {
  it('prints the consolidated list as an official PDF with both signature blocks', async () => {
    const app = await world()
    await app.ok('vaccinations:create', {
      roundId: app.round,
      staffId: app.an,
      dose: 1,
      vaccineId: 2,
      priorityGroupId: 4,
    })
    const file = await app.ok('vaccinations:exportPdf', { roundId: app.round })
    const pdf = inspectPdf(Buffer.from(file.base64, 'base64'))
    const text = pdf.plain.replace(/\s+/g, ' ')
    expect(pdf.width).toBeGreaterThan(pdf.height)
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    expect(text).toContain('ĐĂNG KÝ TIÊM VẮC XIN PHÒNG COVID-19')
    expect(text).toContain('Nguyễn Văn An')
    expect(text).toContain('Pfizer-BioNTech')
    expect(text).toContain('NGƯỜI LẬP BIỂU')
    expect(text).toContain('THỦ TRƯỞNG ĐƠN VỊ')
    expect(text).toMatch(/Tổng số: 1 người/)
    // The title breaks between its phrases ("… VẮC XIN PHÒNG" / "COVID-19" when filled line by line).
    const lines = pdf
      .text(1)
      .split('\n')
      .map((l) => l.trim())
    const title = lines.findIndex((l) => l.startsWith('DANH SÁCH'))
    expect(lines.slice(title, title + 2)).toEqual([
      'DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC, NGƯỜI LAO ĐỘNG',
      'ĐĂNG KÝ TIÊM VẮC XIN PHÒNG COVID-19',
    ])
    // A dotted line under each signature title, for the name to be written.
    const all = pdf
      .text()
      .split('\n')
      .map((l) => l.trim())
    const posts = all.findIndex((l) => l.includes('NGƯỜI LẬP BIỂU'))
    expect(all[posts]).toContain('THỦ TRƯỞNG ĐƠN VỊ')
    expect(
      all
        .slice(posts + 1)
        .find(Boolean)!
        .split(/\s+/),
    ).toEqual([NAME_LINE, NAME_LINE])
  })

  it('names the signers: the agency’s from the settings, a unit’s head on that unit’s list', async () => {
    const app = await world()
    await app.ok('vaccinations:create', { roundId: app.round, staffId: app.an, dose: 1 })
    await app.ok('settings:updateAgency', {
      ...DEFAULT_AGENCY_SETTINGS,
      compilerName: 'Trần Thị Bình',
      headName: 'Nguyễn Văn Giám',
    })
    const unit = (await app.ok('units:options', {})).find((u) => u.id === app.vp)!
    await app.ok('units:update', {
      id: app.vp,
      code: 'VP',
      name: unit.name,
      kindCode: 'department',
      headName: 'Lê Chánh Văn',
    })
    const namesUnder = async (unitId?: number) => {
      const file = await app.ok('vaccinations:exportPdf', {
        roundId: app.round,
        ...(unitId ? { unitId } : {}),
      })
      const lines = inspectPdf(Buffer.from(file.base64, 'base64'))
        .text()
        .split('\n')
        .map((l) => l.trim())
      return lines
        .slice(lines.findIndex((l) => l.includes('NGƯỜI LẬP BIỂU')) + 1)
        .find(Boolean)!
        .split(/\s{2,}/)
    }
    expect(await namesUnder()).toEqual(['Trần Thị Bình', 'Nguyễn Văn Giám'])
    expect(await namesUnder(app.vp)).toEqual([NAME_LINE, 'Lê Chánh Văn'])
  })

  it('exports the counts, the list and the units missing as a workbook, and audits it', async () => {
    const app = await world()
    await app.ok('vaccinations:create', {
      roundId: app.round,
      staffId: app.an,
      dose: 1,
      insuranceNumber: 'HC4010123456789',
    })
    const file = await app.ok('vaccinations:exportXlsx', { roundId: app.round })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
    expect(book.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Danh sách', 'Chưa gửi đúng hạn'])
    const list = book.getWorksheet('Danh sách')!
    expect(list.getRow(3).getCell(2).value).toBe('Nguyễn Văn An')
    expect(list.getRow(3).getCell(5).value).toBe('001099000001')
    expect(list.getRow(3).getCell(12).value).toBe('HC4010123456789')
    expect(book.getWorksheet('Chưa gửi đúng hạn')!.getRow(2).getCell(1).value).toBe('Thanh tra Sở')
    const trail = await app.ok('audit:list', { entity: 'vaccineRound' })
    expect(JSON.stringify(trail.items)).toContain('Xuất danh sách đăng ký tiêm')
  })
})

describe('import of a unit’s list', () => {
  it('shows every bad row and imports nothing, then imports the fixed file all at once', async () => {
    const app = await world()
    const rows = (bad: boolean) => [
      [
        1,
        'Nguyễn Văn An',
        '001099000001',
        bad ? 'mũi 7' : 2,
        'Pfizer',
        4,
        'AstraZeneca',
        '05/08/2021',
        'Không',
      ],
    ]
    const before = await databaseFingerprint(app.dataSource)
    const badFile = await workbookBase64(VACCINATION_HEADERS, [
      ...rows(true),
      [2, 'Trần Thị Bình', '001199000002', 1, '', '', '', '', ''],
      [3, 'Lê Văn Lạ', '001099000099', 1, '', '', '', '', ''],
    ])
    const preview = await app.ok('vaccinations:importPreview', {
      roundId: app.round,
      unitId: app.vp,
      base64: badFile,
    })
    expect(preview.errorRows).toBe(3)
    expect(preview.rows[0]!.errors.join()).toMatch(/Mũi đăng ký: “mũi 7” không hợp lệ/)
    expect(preview.rows[1]!.errors.join()).toMatch(/thuộc đơn vị Thanh tra Sở/)
    expect(preview.rows[2]!.errors.join()).toMatch(/không có trong danh sách cán bộ/)
    const refused = await app.call('vaccinations:importConfirm', {
      roundId: app.round,
      unitId: app.vp,
      base64: badFile,
    })
    expect(refused.ok).toBe(false)
    expect(await databaseFingerprint(app.dataSource)).toEqual(before)

    const goodFile = await workbookBase64(VACCINATION_HEADERS, rows(false))
    expect(
      (await app.ok('vaccinations:importPreview', { roundId: app.round, unitId: app.vp, base64: goodFile }))
        .errorRows,
    ).toBe(0)
    expect(
      await app.ok('vaccinations:importConfirm', {
        roundId: app.round,
        unitId: app.vp,
        fileName: 'vp.xlsx',
        base64: goodFile,
      }),
    ).toEqual({ imported: 1 })
    const [r] = (await app.ok('vaccinations:list', { roundId: app.round })).items
    expect(r).toMatchObject({
      staffName: 'Nguyễn Văn An',
      dose: 2,
      vaccineName: 'Pfizer-BioNTech',
      status: 'registered',
    })
    const detail = await app.ok('vaccinations:get', { id: r!.id })
    expect(detail.doses).toEqual([
      expect.objectContaining({ dose: 1, vaccineName: 'AstraZeneca', givenOn: '2021-08-05' }),
    ])
    const c = await app.ok('vaccinations:consolidate', { roundId: app.round })
    expect(c.units.find((u) => u.unitId === app.vp)!.submittedAt).not.toBeNull()
  })

  it('takes only people still working, into an open round and a unit in activity', async () => {
    const app = await world()
    await app.ok('staff:update', {
      id: app.an,
      fullName: 'Nguyễn Văn An',
      idNumber: '001099000001',
      dateOfBirth: '1985-04-12',
      category: 'cong_chuc',
      active: false,
    })
    const file = await workbookBase64(VACCINATION_HEADERS, [
      [1, 'Nguyễn Văn An', '001099000001', 1, '', '', '', '', ''],
    ])
    const preview = await app.ok('vaccinations:importPreview', {
      roundId: app.round,
      unitId: app.vp,
      base64: file,
    })
    expect(preview.rows[0]!.errors.join()).toMatch(/không có trong danh sách cán bộ đang công tác/)
    expect((await fieldErrors(app, { roundId: app.round, staffId: app.an, dose: 1 })).staffId).toMatch(
      /đang công tác/,
    )
    await app.ok('units:setActive', { id: app.tt, active: false })
    await app.ok('vaccineRounds:save', {
      id: app.round,
      name: 'Đợt 1',
      openedOn: '2021-07-01',
      deadline: '2021-07-10',
      closed: true,
    })
    const refused = await app.call('vaccinations:importPreview', {
      roundId: app.round,
      unitId: app.tt,
      base64: file,
    })
    expect(refused.ok).toBe(false)
    if (!refused.ok)
      expect(refused.error.fieldErrors).toEqual({
        roundId: 'Đợt đăng ký đã khoá',
        unitId: 'Chọn đơn vị đang hoạt động',
      })
  })

  it('applies the dose rules to the file’s rows too', async () => {
    const app = await world()
    const file = await workbookBase64(VACCINATION_HEADERS, [
      [1, 'Nguyễn Văn An', '001099000001', 3, '', '', 'AstraZeneca', '05/08/2021', ''],
    ])
    const preview = await app.ok('vaccinations:importPreview', {
      roundId: app.round,
      unitId: app.vp,
      base64: file,
    })
    expect(preview.rows[0]!.errors.join()).toMatch(/Chưa có thông tin mũi 2/)
  })

  it('reads “nhắc lại 1” as the third dose, after the two on record', async () => {
    const app = await world()
    const file = await workbookBase64(VACCINATION_HEADERS, [
      [1, 'Nguyen Van An', '001099000001', 'nhắc lại 1', 'moderna', '', '', '', ''],
    ])
    await app.ok('vaccinations:create', {
      roundId: app.round,
      staffId: app.an,
      dose: 2,
      priorDoses: [{ dose: 1, givenOn: '2021-07-02' }],
      status: 'vaccinated',
      vaccinatedOn: '2021-09-02',
    })
    const round2 = (
      await app.ok('vaccineRounds:save', {
        name: 'Đợt 2',
        openedOn: '2021-12-01',
        deadline: todayInVietnam(),
      })
    ).id
    expect(
      await app.ok('vaccinations:importConfirm', { roundId: round2, unitId: app.vp, base64: file }),
    ).toEqual({
      imported: 1,
    })
    const [r] = (await app.ok('vaccinations:list', { roundId: round2 })).items
    expect(r).toMatchObject({ dose: 3, vaccineName: 'Moderna' })
  })

  it('offers a template the import recognises', async () => {
    const app = await world()
    const template = await app.ok('vaccinations:importTemplate', {})
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(template.base64, 'base64') as unknown as ArrayBuffer)
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Đăng ký tiêm',
      'Hướng dẫn',
      'Vắc xin',
      'Nhóm ưu tiên',
    ])
    const sheet = book.getWorksheet('Đăng ký tiêm')!
    const header = (sheet.getRow(3).values as string[]).filter(Boolean)
    const row = header.map((h) =>
      h.startsWith('Họ và tên')
        ? 'Nguyễn Văn An'
        : h.startsWith('Số CCCD')
          ? '001099000001'
          : h.startsWith('Mũi đăng ký')
            ? '1'
            : '',
    )
    sheet.addRow(row)
    const filled = Buffer.from(await book.xlsx.writeBuffer()).toString('base64')
    expect(
      await app.ok('vaccinations:importConfirm', { roundId: app.round, unitId: app.vp, base64: filled }),
    ).toEqual({
      imported: 1,
    })
  })
})
