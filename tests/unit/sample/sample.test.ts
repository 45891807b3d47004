import { describe, expect, it } from 'vitest'
import { tempApp } from '../helpers/temp-app'
import { databaseFingerprint } from '../helpers/fingerprint'
import { storeSchema } from '../helpers/store-schema'
import { UNIT_REFERENCES } from '@main/sample/service'

/** References to units that do not block clearing: the tree's own, and the practice reports it forgets. */
const FORGOTTEN = [
  'units.parent_id',
  'daily_reports.unit_id',
  'adhoc_reports.unit_id',
  'medicine_cabinets.unit_id',
  'rapid_test_samples.unit_id',
]

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
    const before = await databaseFingerprint(app.dataSource)
    const refused = await app.call('sample:clear', {})
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } })
    if (refused.ok) return
    expect(refused.error.message).toContain('lượt khách: 1')
    expect(refused.error.message).toContain('cán bộ: 1')
    expect(await databaseFingerprint(app.dataSource)).toEqual(before)
  })

  it('refuses while a real unit sits under a sample unit', async () => {
    const app = await tempApp()
    await app.ok('sample:load', {})
    const [parent] = await app.ok('units:options', {})
    await app.ok('units:create', {
      code: 'THAT',
      name: 'Phòng thật',
      kindCode: 'department',
      parentId: parent!.id,
    })
    const refused = await app.call('sample:clear', {})
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } })
    if (!refused.ok) expect(refused.error.message).toContain('đơn vị thật đang trực thuộc đơn vị mẫu')
    expect((await app.ok('sample:status', {})).sampleUnitCount).toBeGreaterThan(5)
  })

  it('knows every column of the schema that points at a unit', async () => {
    const app = await tempApp()
    const inSchema: string[] = []
    for (const [name, table] of Object.entries((await storeSchema(app.dataSource)).tables))
      for (const key of table.foreignKeys) {
        const [, column] = /^(\S+) -> units\(/.exec(key) ?? []
        if (column) inSchema.push(`${name}.${column}`)
      }
    const listed = UNIT_REFERENCES.flatMap(({ entity, columns }) => {
      const metadata = app.dataSource.getMetadata(entity)
      return columns.map(
        (c) => `${metadata.tableName}.${metadata.findColumnWithPropertyName(c)!.databaseName}`,
      )
    })
    expect([...listed, ...FORGOTTEN].sort()).toEqual(inSchema.sort())
  })
})
