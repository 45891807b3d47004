import type { EntityManager, SelectQueryBuilder } from 'typeorm'
import type { z } from 'zod'
import type { RoundDto, RoundInput } from '@shared/vaccines/schemas'
import { vaccineMsg } from '@shared/vaccines/schemas'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { VaccineRegistrationEntity, VaccineRoundEntity, VaccineRoundUnitEntity } from './entities'
import type { VaccineRoundRow } from './entities'

/** Rounds `r` with their registrations and the units that answered, counted by the store. */
async function selectRounds(
  m: EntityManager,
  narrow: (qb: SelectQueryBuilder<VaccineRoundRow>) => SelectQueryBuilder<VaccineRoundRow>,
): Promise<RoundDto[]> {
  const qb = m
    .createQueryBuilder(VaccineRoundEntity, 'r')
    .select('r.id', 'id')
    .addSelect('r.name', 'name')
    .addSelect('r.documentRef', 'documentRef')
    .addSelect('r.openedOn', 'openedOn')
    .addSelect('r.deadline', 'deadline')
    .addSelect('r.closed', 'closed')
    .addSelect('r.note', 'note')
    .addSelect(
      (sq) => sq.select('count(*)').from(VaccineRegistrationEntity, 'g').where('g.roundId = r.id'),
      'registrations',
    )
    .addSelect(
      (sq) => sq.select('count(*)').from(VaccineRoundUnitEntity, 'a').where('a.roundId = r.id'),
      'unitsResponded',
    )
  const rows = await narrow(qb).getRawMany<
    Omit<RoundDto, 'closed' | 'registrations' | 'unitsResponded'> & {
      closed: boolean | number
      registrations: number | string
      unitsResponded: number | string
    }
  >()
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    closed: Boolean(r.closed),
    registrations: Number(r.registrations),
    unitsResponded: Number(r.unitsResponded),
  }))
}

export const listRounds = (m: EntityManager): Promise<RoundDto[]> =>
  selectRounds(m, (qb) => qb.orderBy('r.openedOn', 'DESC').addOrderBy('r.id', 'DESC'))

async function findRound(m: EntityManager, id: number): Promise<RoundDto | null> {
  const [round] = await selectRounds(m, (qb) => qb.where('r.id = :id', { id }))
  return round ?? null
}

export async function getRound(m: EntityManager, id: number): Promise<RoundDto> {
  const round = await findRound(m, id)
  if (!round) throw AppError.notFound(vaccineMsg.roundNotFound)
  return round
}

/** The round a write goes to, refused at `field` when it is unknown or closed. */
export async function openRound(m: EntityManager, roundId: number, field = 'roundId'): Promise<RoundDto> {
  const round = await findRound(m, roundId)
  if (!round) throw AppError.validation({ [field]: vaccineMsg.roundNotFound })
  if (round.closed) throw AppError.conflict(vaccineMsg.roundClosed, { [field]: vaccineMsg.roundClosed })
  return round
}

export async function saveRound(ctx: ServiceContext, input: z.output<typeof RoundInput>): Promise<RoundDto> {
  const { m } = ctx
  const repo = m.getRepository(VaccineRoundEntity)
  const stamp = ctx.now.toISOString()
  const values = {
    name: input.name,
    documentRef: input.documentRef,
    openedOn: input.openedOn,
    deadline: input.deadline,
    closed: input.closed,
    note: input.note,
    updatedAt: stamp,
  }
  if (input.id) {
    const before = await getRound(m, input.id)
    await repo.update(input.id, values)
    const after = await getRound(m, input.id)
    ctx.audit.change('vaccineRound', input.id, before, after)
    return after
  }
  const id = (await repo.insert({ ...values, createdAt: stamp })).identifiers[0]!.id as number
  const round = await getRound(m, id)
  ctx.audit.change('vaccineRound', id, null, round)
  return round
}
