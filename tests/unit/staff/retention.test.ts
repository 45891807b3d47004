import { afterEach, describe, expect, it, vi } from 'vitest'
import { staffJobs } from '@main/staff/schedule'
import { silentLogger } from '@main/core/logger'
import { StaffMemberEntity } from '@main/staff/entities'
import { tempApp } from '../helpers/temp-app'
import { sqlColumn, sqlRows, sqlRun } from '../helpers/sql'

const NOW = new Date('2026-11-23T03:00:00Z')
const DAY = 86_400_000

afterEach(() => {
  vi.useRealTimers()
})

/** An office with three staff; the clock is the test's. */
async function office() {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  const app = await tempApp()
  // The test's session would lock after 10 idle minutes while the clock jumps days.
  app.sessions.idleMinutes = 3_650 * 24 * 60
  const unitId = (await app.ok('units:create', { code: 'VP', name: 'Văn phòng', kindCode: 'department' })).id
  const hire = (fullName: string, idNumber: string) =>
    app.ok('staff:create', {
      unitId,
      fullName,
      idNumber,
      category: 'vien_chuc',
      phone: '0912345678',
      dateOfBirth: '1985-04-30',
      note: 'Con nhỏ',
    })
  const leave = async (id: number) => {
    const s = await app.ok('staff:get', { id })
    return app.ok('staff:update', { ...s, active: false } as never)
  }
  return { app, hire, leave, run: staffJobs(app.router, silentLogger) }
}

describe('the staff retention purge', () => {
  it('erases the personal fields of staff who left longer ago than the setting, and nothing else', async () => {
    const { app, hire, leave, run } = await office()
    const gone = await hire('Nguyễn Văn Đã Nghỉ', '001085000001')
    const recent = await hire('Trần Thị Mới Nghỉ', '001085000002')
    const working = await hire('Lê Văn Đang Làm', '001085000003')
    await app.ok('vaccineRounds:save', { name: 'Đợt 1', openedOn: '2026-11-01', deadline: '2026-11-30' })
    await app.ok('vaccinations:create', {
      roundId: 1,
      staffId: gone.id,
      dose: 1,
      vaccineId: 1,
      priorityGroupId: 4,
      insuranceNumber: 'DN4790123456789',
      conditionsNote: 'Tăng huyết áp',
      note: 'Gọi chồng chị khi cần',
    } as never)
    // Free text the forms do not reach in this test, written as a move and a postponement would.
    await sqlRun(
      app,
      `UPDATE vaccine_registrations SET occupation = 'Thủ quỹ', status = 'postponed',
         status_reason = 'Đang điều trị ung thư' WHERE staff_id = ?`,
      gone.id,
    )
    await sqlRun(app, `UPDATE staff SET position = 'Phó Chánh Văn phòng' WHERE id = ?`, gone.id)
    await sqlRun(
      app,
      `UPDATE staff_unit_history SET reason = 'Theo nguyện vọng vì con ốm' WHERE staff_id = ?`,
      gone.id,
    )
    await leave(gone.id)
    vi.setSystemTime(new Date(NOW.getTime() + 300 * DAY))
    await leave(recent.id)
    vi.setSystemTime(new Date(NOW.getTime() + 366 * DAY))
    await run()

    const row = (id: number) => app.dataSource.getRepository(StaffMemberEntity).findOneByOrFail({ id })
    expect(await row(gone.id)).toMatchObject({
      fullName: null,
      idNumber: null,
      dateOfBirth: null,
      phone: null,
      position: null,
      note: null,
      searchKey: '',
      active: false,
      anonymisedAt: expect.any(String),
    })
    expect(
      (
        await sqlRows(
          app,
          `SELECT dose, status, status_reason, occupation, insurance_number, conditions_note, note
           FROM vaccine_registrations WHERE staff_id = ?`,
          gone.id,
        )
      )[0],
    ).toEqual({
      dose: 1,
      status: 'postponed',
      status_reason: '(đã xoá)',
      occupation: null,
      insurance_number: null,
      conditions_note: null,
      note: null,
    })
    expect(await sqlColumn(app, 'SELECT reason FROM staff_unit_history WHERE staff_id = ?', gone.id)).toEqual(
      [null],
    )
    expect(await row(recent.id)).toMatchObject({ fullName: 'Trần Thị Mới Nghỉ', idNumber: '001085000002' })
    expect(await row(working.id)).toMatchObject({ fullName: 'Lê Văn Đang Làm', phone: '0912345678' })

    const shown = await app.ok('staff:get', { id: gone.id })
    expect(shown).toMatchObject({
      fullName: '(đã xoá thông tin cá nhân)',
      anonymised: true,
      unitName: 'Văn phòng',
    })
    expect((await app.ok('staff:list', { q: 'nguyen van da nghi', active: 'all' })).total).toBe(0)
    // The unit history stays, and the record cannot be brought back or edited.
    expect(shown.history.length).toBeGreaterThan(0)
    const refused = await app.call('staff:update', {
      ...shown,
      fullName: 'Nguyễn Văn Khác',
      idNumber: '001085000009',
      active: true,
    } as never)
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation' } })
    const trail = await app.ok('audit:list', { q: 'job:purgeStaff' })
    expect(trail.items[0]?.changes).toEqual({
      note: 'Xoá thông tin cá nhân của 1 cán bộ đã nghỉ (quá 365 ngày)',
    })
  })

  it('counts from the day they left, forgets it when they come back, and follows the setting', async () => {
    const { app, hire, leave, run } = await office()
    const s = await hire('Phạm Văn Quay Lại', '001085000004')
    await leave(s.id)
    vi.setSystemTime(new Date(NOW.getTime() + 100 * DAY))
    const back = await app.ok('staff:get', { id: s.id })
    await app.ok('staff:update', { ...back, active: true } as never)
    vi.setSystemTime(new Date(NOW.getTime() + 400 * DAY))
    await run()
    expect((await app.ok('staff:get', { id: s.id })).fullName).toBe('Phạm Văn Quay Lại')

    await leave(s.id)
    await app.ok('settings:updateSecurity', { idleMinutes: 10, staffRetentionDays: 30 })
    app.sessions.idleMinutes = 3_650 * 24 * 60
    vi.setSystemTime(new Date(NOW.getTime() + 429 * DAY))
    await staffJobs(app.router, silentLogger)()
    expect((await app.ok('staff:get', { id: s.id })).anonymised).toBe(false)
    vi.setSystemTime(new Date(NOW.getTime() + 431 * DAY))
    await run()
    expect((await app.ok('staff:get', { id: s.id })).anonymised).toBe(true)
  })

  it('keeps counting from the day they left when their record is edited afterwards', async () => {
    const { app, hire, leave, run } = await office()
    const s = await hire('Đỗ Văn Sửa Sau', '001085000005')
    await leave(s.id)
    vi.setSystemTime(new Date(NOW.getTime() + 200 * DAY))
    const left = await app.ok('staff:get', { id: s.id })
    await app.ok('staff:update', { ...left, note: 'Đã bàn giao hồ sơ' } as never)
    vi.setSystemTime(new Date(NOW.getTime() + 366 * DAY))
    await run()
    expect((await app.ok('staff:get', { id: s.id })).anonymised).toBe(true)
  })
})
