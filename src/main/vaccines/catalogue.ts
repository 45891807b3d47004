import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { CatalogInput, CatalogItem } from '@shared/vaccines/schemas'
import { vaccineMsg } from '@shared/vaccines/schemas'
import { searchKey } from '@shared/text/search-key'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { VaccineEntity, VaccinePriorityGroupEntity } from './entities'
import type { VaccineRow } from './entities'

/** The two editable lists, named as the audit trail names their entries. */
export type Catalogue = 'vaccine' | 'priorityGroup'

const ENTITY = { vaccine: VaccineEntity, priorityGroup: VaccinePriorityGroupEntity } as const

/** Both lists have the same columns. */
const repository = (m: EntityManager, catalogue: Catalogue) => m.getRepository<VaccineRow>(ENTITY[catalogue])

/** The list in its order: a priority group's place in it is the group's number. */
export async function listCatalog(m: EntityManager, catalogue: Catalogue): Promise<CatalogItem[]> {
  const rows = await repository(m, catalogue).find({
    select: { id: true, name: true, active: true, builtin: true },
    order: { sortOrder: 'ASC', nameKey: 'ASC', id: 'ASC' },
  })
  return rows.map((r) => ({ id: r.id, name: r.name, active: r.active, builtin: r.builtin }))
}

/** Adds a name or renames / retires one; names are unique ignoring case and marks. */
export async function saveCatalog(
  ctx: ServiceContext,
  catalogue: Catalogue,
  input: z.output<typeof CatalogInput>,
): Promise<CatalogItem> {
  const repo = repository(ctx.m, catalogue)
  const nameKey = searchKey(input.name)
  const same = await repo.findOneBy({ nameKey })
  if (same && same.id !== input.id) throw AppError.validation({ name: vaccineMsg.nameTaken })
  const stamp = ctx.now.toISOString()
  const values = { name: input.name, nameKey, active: input.active, updatedAt: stamp }
  let itemId: number
  if (input.id) {
    const before = (await listCatalog(ctx.m, catalogue)).find((c) => c.id === input.id)
    if (!before) throw AppError.notFound('Không tìm thấy mục này')
    await repo.update(input.id, values)
    itemId = input.id
    ctx.audit.change(catalogue, itemId, before, { ...before, name: input.name, active: input.active })
  } else {
    const last = await repo.maximum('sortOrder')
    const inserted = await repo.insert({
      ...values,
      builtin: false,
      sortOrder: (last ?? 0) + 1,
      createdAt: stamp,
    })
    itemId = inserted.identifiers[0]!.id as number
    ctx.audit.change(catalogue, itemId, null, { name: input.name, active: input.active })
  }
  return (await listCatalog(ctx.m, catalogue)).find((c) => c.id === itemId)!
}
