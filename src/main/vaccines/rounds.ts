import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { RoundDto, RoundInput } from '@shared/vaccines/schemas'
import { vaccineMsg } from '@shared/vaccines/schemas'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { VaccineRegistrationEntity, VaccineRoundEntity, VaccineRoundUnitEntity } from './entities'
import type { VaccineRoundRow } from './entities'

/** Rows per round of a table keyed by round_id; `roundId` narrows to one round. */
async function countByRound(
  m: EntityManager,
  entity: typeof VaccineRegistrationEntity | typeof VaccineRoundUnitEntity,
  roundId: number | null,
): Promise<Map<number, number>> {
  const qb = m
    .createQueryBuilder(entity, 'x')
    .select('x.roundId', 'roundId')
    .addSelect('count(*)', 'n')
    .groupBy('x.roundId')
  if (roundId !== null) qb.where('x.roundId = :roundId', { roundId })
  const rows = await qb.getRawMany<{ roundId: number; n: number | string }>()
  return new Map(rows.map((r) => [Number(r.roundId), Number(r.n)]))
}

async function roundDtos(m: EntityManager, rounds: VaccineRoundRow[], roundId: number | null) {
  const registrations = await countByRound(m, VaccineRegistrationEntity, roundId)
  const responded = await countByRound(m, VaccineRoundUnitEntity, roundId)
  return rounds.map((r): RoundDto => ({
    id: r.id,
    name: r.name,
    documentRef: r.documentRef,
    openedOn: r.openedOn,
    deadline: r.deadline,
    closed: r.closed,
    note: r.note,
    registrations: registrations.get(r.id) ?? 0,
    unitsResponded: responded.get(r.id) ?? 0,
  }))
}

export async function listRounds(m: EntityManager): Promise<RoundDto[]> {
  const rounds = await m.getRepository(VaccineRoundEntity).find({ order: { openedOn: 'DESC', id: 'DESC' } })
  return roundDtos(m, rounds, null)
}

async function findRound(m: EntityManager, id: number): Promise<RoundDto | null> {
  const round = await m.getRepository(VaccineRoundEntity).findOneBy({ id })
  return round ? (await roundDtos(m, [round], id))[0]! : null
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
