import { describe, expect, it } from 'vitest'
import { UnitEntity } from '@main/units/entities'
import { whereSearch } from '@main/db/search'
import { tempApp } from '../helpers/temp-app'

const UNITS = ['Phòng Công chứng số 1', 'Trung tâm Dịch vụ đấu giá tài sản', 'Văn phòng Luật sư Lê An']

async function unitsFound(query: string, drive: boolean): Promise<string[] | null> {
  const app = await tempApp()
  for (const [i, name] of UNITS.entries())
    await app.ok('units:create', { code: `DV-${i}`, name, kindCode: 'notary_office' })
  const qb = app.dataSource.manager.createQueryBuilder(UnitEntity, 'u').orderBy('u.id', 'DESC')
  if (!whereSearch(qb, 'units', 'u', query, { drive })) return null
  return (await qb.getMany()).map((u) => u.name)
}

describe('whereSearch through the QueryBuilder', () => {
  for (const drive of [false, true]) {
    it(`finds rows by words typed without diacritics (${drive ? 'index drives' : 'condition'})`, async () => {
      expect(await unitsFound('dau gia', drive)).toEqual(['Trung tâm Dịch vụ đấu giá tài sản'])
      expect(await unitsFound('an', drive)).toEqual(['Văn phòng Luật sư Lê An'])
      expect(await unitsFound('phong', drive)).toEqual(['Văn phòng Luật sư Lê An', 'Phòng Công chứng số 1'])
      expect(await unitsFound('  ', drive)).toBeNull()
    })
  }
})
