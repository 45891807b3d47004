import { describe, expect, it } from 'vitest'
import { tempApp } from '../helpers/temp-app'
import { databaseFingerprint } from '../helpers/fingerprint'

describe('clearing the sample data', () => {
  it('removes the sample units when nothing was recorded against them', async () => {
    const app = await tempApp()
    await app.ok('sample:load', {})
    expect((await app.ok('sample:status', {})).sampleUnitCount).toBeGreaterThan(5)
    expect(await app.ok('sample:clear', {})).toMatchObject({
      unitCount: 0,
      sampleUnitCount: 0,
      canLoad: true,
    })
  })

  it('refuses, and changes nothing, once visits or staff are recorded on a sample unit', async () => {
    const app = await tempApp()
    await app.ok('sample:load', {})
    const [first, second] = await app.ok('units:options', {})
    await app.ok('staff:create', {
      unitId: first!.id,
      fullName: 'Nguyễn Văn Thật',
      idNumber: '001090000001',
      category: 'cong_chuc',
    })
    await app.ok('visits:checkIn', {
      visitor: { fullName: 'Trần Thị Khách', idType: 'none' },
      hostUnitId: second!.id,
      health: { temperature: 36.5, symptoms: [], contactWithCase: false, fromCaseArea: false },
    } as never)
    const before = databaseFingerprint(app.dataSource)
    const refused = await app.call('sample:clear', {})
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } })
    if (refused.ok) return
    expect(refused.error.message).toContain('lượt khách: 1')
    expect(refused.error.message).toContain('cán bộ: 1')
    expect(databaseFingerprint(app.dataSource)).toEqual(before)
  })
})
