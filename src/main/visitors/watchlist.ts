import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type {
  VisitorFields,
  WatchDto,
  WatchEntryDto,
  WatchInput,
  WatchUpdateInput,
} from '@shared/visitors/schemas'
import { searchKey } from '@shared/text/search-key'
import { maskIdNumber } from '@shared/visitors/cccd-qr'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { WatchEntryEntity } from './entities'
import type { WatchEntryRow } from './entities'

const toWatchDto = (r: WatchEntryRow): WatchDto => ({
  id: r.id,
  idNumberMasked: r.idNumber ? maskIdNumber(r.idNumber) : null,
  fullName: r.fullName,
  reason: r.reason,
  active: r.active,
  createdAt: r.createdAt,
})

/** Why the office watches for this visitor (by ID number, or by name), if it does. */
export async function watchHit(
  m: EntityManager,
  visitor: z.output<typeof VisitorFields>,
): Promise<string | null> {
  const qb = m
    .createQueryBuilder(WatchEntryEntity, 'w')
    .select('w.reason', 'reason')
    .where('w.active = :active', { active: true })
    .orderBy('w.id')
    .limit(1)
  const nameKey = searchKey(visitor.fullName)
  if (visitor.idNumber)
    qb.andWhere('(w.idNumber = :idNumber OR w.nameKey = :nameKey)', { idNumber: visitor.idNumber, nameKey })
  else qb.andWhere('w.nameKey = :nameKey', { nameKey })
  const hit = await qb.getRawOne<{ reason: string }>()
  return hit?.reason ?? null
}

export async function listWatch(m: EntityManager): Promise<WatchDto[]> {
  const rows = await m.getRepository(WatchEntryEntity).find({ order: { active: 'DESC', id: 'DESC' } })
  return rows.map(toWatchDto)
}

/** One entry as the office opens it to edit: the whole ID number. */
export async function getWatch(m: EntityManager, id: number): Promise<WatchEntryDto> {
  const row = await m.getRepository(WatchEntryEntity).findOneBy({ id })
  if (!row) throw AppError.notFound('Không tìm thấy mục trong danh sách cần lưu ý')
  return { ...toWatchDto(row), idNumber: row.idNumber }
}

/** What goes back to the list after a save: the number masked again. */
const listed = (e: WatchEntryDto): WatchDto => ({
  id: e.id,
  idNumberMasked: e.idNumberMasked,
  fullName: e.fullName,
  reason: e.reason,
  active: e.active,
  createdAt: e.createdAt,
})

const watchAudit = (w: Pick<WatchEntryDto, 'idNumber' | 'fullName' | 'reason' | 'active'>) => ({
  idNumber: w.idNumber,
  fullName: w.fullName,
  reason: w.reason,
  active: w.active,
})

export async function saveWatch(
  ctx: ServiceContext,
  input: z.output<typeof WatchInput> | z.output<typeof WatchUpdateInput>,
): Promise<WatchDto> {
  const repo = ctx.m.getRepository(WatchEntryEntity)
  const stamp = ctx.now.toISOString()
  const fields = {
    idNumber: input.idNumber,
    fullName: input.fullName,
    nameKey: input.fullName ? searchKey(input.fullName) : null,
    reason: input.reason,
    active: input.active,
    updatedAt: stamp,
  }
  if ('id' in input) {
    const before = await getWatch(ctx.m, input.id)
    await repo.update(input.id, fields)
    const after = await getWatch(ctx.m, input.id)
    ctx.audit.change('watch', input.id, watchAudit(before), watchAudit(after))
    return listed(after)
  }
  const { identifiers } = await repo.insert({ ...fields, createdAt: stamp })
  const created = await getWatch(ctx.m, Number(identifiers[0]!.id))
  ctx.audit.change('watch', created.id, null, watchAudit(created))
  return listed(created)
}
