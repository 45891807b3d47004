import { EntitySchema } from 'typeorm'
import type { EntitySchemaColumnOptions } from 'typeorm'
import { entities } from '../entities'

/**
 * The entities as the PostgreSQL DataSource declares them: a `blob` column is `bytea` there (the
 * two drivers share no binary type name). Same names, so `getRepository(AttachmentContentEntity)`
 * finds its metadata on either engine.
 */
export const postgresEntities = entities.map((entity) => {
  const columns = entity.options.columns as Record<string, EntitySchemaColumnOptions>
  if (!Object.values(columns).some((c) => c.type === 'blob')) return entity
  const twin = Object.fromEntries(
    Object.entries(columns).map(([key, c]) => [
      key,
      c.type === 'blob' ? { ...c, type: 'bytea' as const } : c,
    ]),
  )
  return new EntitySchema({ ...entity.options, columns: twin })
})
