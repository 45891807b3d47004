import { describe, expect, it } from 'vitest'
import { msg } from '@shared/validation/fields'
import { visitMsg } from '@shared/visitors/schemas'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { databaseFingerprint } from '../helpers/fingerprint'
import { SCREENED } from '../helpers/health'
import { sqlRows, sqlValue } from '../helpers/sql'

const AN = { fullName: 'Nguyễn Văn An', idType: 'cccd' as const, idNumber: '001099012345' }

async function withUnit(): Promise<TempApp & { vp: number }> {
  const app = await tempApp()
  const vp = (await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })).id
  return Object.assign(app, { vp })
}

async function refused(app: TempApp, name: Parameters<TempApp['call']>[0], input: unknown, field: string) {
  const before = await databaseFingerprint(app.dataSource)
  const result = await app.call(name, input as never)
  expect(result.ok).toBe(false)
  expect(await databaseFingerprint(app.dataSource)).toEqual(before)
  return result.ok
    ? ''
    : (result.error.fieldErrors[field] ?? `no error on ${field}: ${JSON.stringify(result.error)}`)
}

describe('text that is not text, at the routes', () => {
  it('refuses a name made only of zero-width characters as empty, and writes nothing', async () => {
    const app = await withUnit()
    for (const fullName of ['\u200B\u200C\u200D', '\u202E\u202C', ' \u2060\uFEFF '])
      expect(
        await refused(
          app,
          'visits:checkIn',
          { visitor: { ...AN, fullName }, hostUnitId: app.vp, health: SCREENED },
          'visitor.fullName',
        ),
      ).toBe(msg.required)
    expect(
      await refused(app, 'units:create', { code: 'X', name: '\u200B', kindCode: 'department' }, 'name'),
    ).toBe(msg.required)
  })

  it('refuses an RTL override, NUL, BEL, ESC or a lone surrogate with a field error, and writes nothing', async () => {
    const app = await withUnit()
    for (const bad of ['\u202E', '\u0000', '\u0007', '\u001B', '\uD800']) {
      const fullName = `Nguyễn${bad} Văn An`
      expect(
        await refused(
          app,
          'visits:checkIn',
          { visitor: { ...AN, fullName }, hostUnitId: app.vp, health: SCREENED },
          'visitor.fullName',
        ),
      ).toBe(msg.hiddenCharacter)
      expect(
        await refused(
          app,
          'staff:create',
          {
            unitId: app.vp,
            fullName,
            idNumber: '001199000001',
            category: 'vien_chuc',
          },
          'fullName',
        ),
      ).toBe(msg.hiddenCharacter)
      expect(
        await refused(
          app,
          'visits:checkIn',
          { visitor: AN, hostUnitId: app.vp, health: SCREENED, purpose: `Nộp${bad} hồ sơ` },
          'purpose',
        ),
      ).toBe(msg.hiddenCharacter)
    }
    expect(await sqlValue(app, 'SELECT COUNT(*) FROM visitors')).toBe(0)
  })

  it('stores a decomposed “Nguyễn” composed (NFC), so it matches the same name typed composed', async () => {
    const app = await withUnit()
    const visit = await app.ok('visits:checkIn', {
      visitor: { ...AN, fullName: 'Nguyễn Văn An'.normalize('NFD') },
      hostUnitId: app.vp,
      health: SCREENED,
    })
    expect(visit.visitorName).toBe('Nguyễn Văn An')
    const stored = await sqlValue<string>(app, 'SELECT full_name FROM visitors')
    expect(stored).toBe('Nguyễn Văn An')
    expect(stored).toBe(stored.normalize('NFC'))
  })

  it('keeps the line breaks of a multi-line note (CRLF made LF) and turns them into a space in a one-line field', async () => {
    const app = await withUnit()
    const visit = await app.ok('visits:checkIn', {
      visitor: AN,
      hostUnitId: app.vp,
      health: SCREENED,
      purpose: 'Nộp hồ sơ\ncông chứng',
      note: 'Dòng một\r\nDòng hai\n\tthụt lề',
    })
    const [row] = await sqlRows(app, 'SELECT purpose, note FROM visits WHERE id = ?', visit.id)
    expect(row).toEqual({ purpose: 'Nộp hồ sơ công chứng', note: 'Dòng một\nDòng hai\n\tthụt lề' })
  })

  it('refuses a birth date before 1900 and a check-in before 2020', async () => {
    const app = await withUnit()
    expect(
      await refused(
        app,
        'visits:checkIn',
        { visitor: { ...AN, dateOfBirth: '1899-12-31' }, hostUnitId: app.vp, health: SCREENED },
        'visitor.dateOfBirth',
      ),
    ).toBe(msg.birthTooOld)
    expect(
      await refused(
        app,
        'visits:checkIn',
        {
          visitor: AN,
          hostUnitId: app.vp,
          health: SCREENED,
          checkedInAt: '2019-12-31T08:00:00+07:00',
          lateReason: 'Nhập bù',
        },
        'checkedInAt',
      ),
    ).toBe(visitMsg.tooEarly)
    expect(
      await refused(
        app,
        'staff:create',
        {
          unitId: app.vp,
          fullName: 'Trần Thị Bình',
          idNumber: '001199000001',
          dateOfBirth: '1899-01-01',
          category: 'vien_chuc',
        },
        'dateOfBirth',
      ),
    ).toMatch(/Ngày sinh/)
    const visit = await app.ok('visits:checkIn', { visitor: AN, hostUnitId: app.vp, health: SCREENED })
    await app.ok('visits:checkOut', { id: visit.id })
    expect(
      await refused(
        app,
        'visits:edit',
        { id: visit.id, hostUnitId: app.vp, checkedInAt: '2019-06-01T08:00:00+07:00', reason: 'Sửa giờ' },
        'checkedInAt',
      ),
    ).toBe(visitMsg.tooEarly)
  })

  it('names a symptom ticked twice once in the refusal question and stores it once', async () => {
    const app = await withUnit()
    const health = { ...SCREENED, symptoms: ['cough', 'cough', 'breathless', 'cough'] }
    const asked = await app.call('visits:checkIn', { visitor: AN, hostUnitId: app.vp, health } as never)
    expect(asked.ok).toBe(false)
    const question = asked.ok ? '' : asked.error.message
    expect(question.match(/\bho\b/g)).toHaveLength(1)
    const visit = await app.ok('visits:checkIn', {
      visitor: AN,
      hostUnitId: app.vp,
      health,
      confirmRefusal: true,
    } as never)
    expect(visit.symptoms).toEqual(['cough', 'breathless'])
    expect(await sqlValue(app, 'SELECT symptoms FROM visits')).toBe('cough,breathless')
  })
})
