import { describe, expect, it } from 'vitest'
import { storeLabel } from '@main/preview/store-label'

describe('where the preview says its store is', () => {
  it('names the SQLite file, or the server and database without the password', () => {
    expect(storeLabel('/data/so-phong-dich.sqlite', undefined)).toBe('/data/so-phong-dich.sqlite')
    expect(
      storeLabel(
        '/data/so-phong-dich.sqlite',
        'postgres://sophongdich:b%C3%AD-m%E1%BA%ADt@192.168.1.10:5432/sophongdich',
      ),
    ).toBe('PostgreSQL sophongdich@192.168.1.10:5432/sophongdich')
    const label = storeLabel('/data/so-phong-dich.sqlite', 'postgres://u:secret@[bad')
    expect(label).toBe('PostgreSQL (SPD_DATABASE_URL)')
    expect(label).not.toContain('secret')
  })
})
