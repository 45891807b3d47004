import { In, IsNull, Not } from 'typeorm'
import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import { rapidMsg } from '@shared/rapid-tests/schemas'
import type {
  AddVisitorsInput,
  RapidRoundDto,
  TestResult,
  VisitorCandidate,
} from '@shared/rapid-tests/schemas'
import { vietnamDayEnd, vietnamDayStart } from '@shared/text/dates'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { VisitEntity, VisitorEntity } from '../visitors/entities'
import { addDays } from '../daily-reports/service'
import { RapidTestPoolEntity, RapidTestSampleEntity } from './entities'
import { getRound, insertSamples } from './rounds'
import { poolSizes } from './sampling'
import { lockUntilCommit } from '../db/engine'

const weekSpan = (weekStart: string) => ({
  from: vietnamDayStart(weekStart).toISOString(),
  to: vietnamDayEnd(addDays(weekStart, 6)).toISOString(),
})

/** Visitors let in during the round's week who are not in it yet, latest first. */
export async function visitorCandidates(m: EntityManager, roundId: number): Promise<VisitorCandidate[]> {
  const round = await getRound(m, roundId)
  const { from, to } = weekSpan(round.weekStart)
  const rows = await m
    .createQueryBuilder(VisitEntity, 'v')
    .innerJoin(VisitorEntity.options.name, 'p', 'p.id = v.visitorId')
    .select('p.id', 'visitorId')
    .addSelect('p.fullName', 'fullName')
    .addSelect('p.organisation', 'organisation')
    .addSelect('MAX(v.checkedInAt)', 'lastVisitAt')
    .where('v.checkedInAt >= :from AND v.checkedInAt < :to', { from, to })
    .andWhere('v.outcome = :admitted AND p.fullName IS NOT NULL', { admitted: 'admitted' })
    .andWhere(
      (qb) =>
        `NOT EXISTS ${qb
          .subQuery()
          .select('1')
          .from(RapidTestSampleEntity, 's')
          .where('s.roundId = :roundId AND s.visitorId = p.id')
          .getQuery()}`,
      { roundId },
    )
    .groupBy('p.id')
    .addGroupBy('p.fullName')
    .addGroupBy('p.organisation')
    .orderBy('MAX(v.checkedInAt)', 'DESC')
    .limit(200)
    .getRawMany<{ visitorId: number; fullName: string; organisation: string | null; lastVisitAt: string }>()
  return rows.map((r) => ({
    visitorId: Number(r.visitorId),
    fullName: r.fullName,
    organisation: r.organisation,
    lastVisitAt: r.lastVisitAt,
  }))
}

/**
 * Adds visitors tested that week. They are kept by reference, so the retention purge of the
 * reception desk erases their names here too.
 */
export async function addVisitors(
  ctx: ServiceContext,
  input: z.output<typeof AddVisitorsInput>,
): Promise<RapidRoundDto> {
  const allowed = new Set((await visitorCandidates(ctx.m, input.roundId)).map((c) => c.visitorId))
  input.visitorIds.forEach((visitorId, i) => {
    if (!allowed.has(visitorId))
      throw AppError.validation({ [`visitorIds.${i}`]: rapidMsg.visitorOutsideWeek })
  })
  const ids = [...new Set(input.visitorIds)]
  await insertSamples(
    ctx.m,
    ids.map((visitorId) => ({
      roundId: input.roundId,
      kind: 'visitor' as const,
      visitorId,
      addedAt: ctx.now.toISOString(),
    })),
  )
  ctx.audit.note('rapidTestRound', input.roundId, `Thêm ${ids.length} khách vào đợt test nhanh`)
  return getRound(ctx.m, input.roundId)
}

/**
 * Puts everyone not yet pooled into pools of at most the round's pool size, as even as can be,
 * staff of one unit side by side (they are sampled together), visitors after them.
 */
export async function formPools(ctx: ServiceContext, roundId: number): Promise<RapidRoundDto> {
  // Two seats pooling one round: the second waits, then finds nobody left to pool.
  await lockUntilCommit(ctx.m, `rapid-round:${roundId}`)
  const round = await getRound(ctx.m, roundId)
  const waiting = round.samples.filter((s) => s.poolId === null)
  if (!waiting.length) throw AppError.conflict(rapidMsg.nothingToPool)
  const pools = ctx.m.getRepository(RapidTestPoolEntity)
  const samples = ctx.m.getRepository(RapidTestSampleEntity)
  let next = Math.max(0, ...round.pools.map((p) => p.number)) + 1
  let at = 0
  for (const size of poolSizes(waiting.length, round.poolSize)) {
    const created = await pools.insert({ roundId, number: next })
    const poolId = created.identifiers[0]!.id as number
    const members = waiting.slice(at, at + size).map((s) => s.id)
    await samples.update({ id: In(members) }, { poolId })
    ctx.audit.change('rapidTestPool', poolId, null, { roundId, number: next, samples: members.length })
    next += 1
    at += size
  }
  return getRound(ctx.m, roundId)
}

/**
 * A pool's result. It may be corrected until someone of the pool has an individual result;
 * a positive pool sends each of its people to an individual test.
 */
export async function setPoolResult(
  ctx: ServiceContext,
  poolId: number,
  result: TestResult,
): Promise<RapidRoundDto> {
  const pools = ctx.m.getRepository(RapidTestPoolEntity)
  const pool = await pools.findOneBy({ id: poolId })
  if (!pool) throw AppError.notFound(rapidMsg.poolNotFound)
  const tested = await ctx.m
    .getRepository(RapidTestSampleEntity)
    .existsBy({ poolId, individualResult: Not(IsNull()) })
  if (tested && result !== pool.result) throw AppError.conflict(rapidMsg.poolHasIndividuals)
  await pools.update({ id: poolId }, { result, testedAt: ctx.now.toISOString() })
  ctx.audit.change('rapidTestPool', poolId, { result: pool.result }, { result })
  return getRound(ctx.m, pool.roundId)
}

/** The individual test of someone whose pool was positive. */
export async function setIndividualResult(
  ctx: ServiceContext,
  sampleId: number,
  result: TestResult,
): Promise<RapidRoundDto> {
  const samples = ctx.m.getRepository(RapidTestSampleEntity)
  const sample = await samples.findOneBy({ id: sampleId })
  if (!sample) throw AppError.notFound(rapidMsg.sampleNotFound)
  const pool =
    sample.poolId === null
      ? null
      : await ctx.m.getRepository(RapidTestPoolEntity).findOneBy({ id: sample.poolId })
  if (pool?.result !== 'positive') throw AppError.conflict(rapidMsg.notPositivePool)
  await samples.update(
    { id: sampleId },
    { individualResult: result, individualTestedAt: ctx.now.toISOString() },
  )
  ctx.audit.change(
    'rapidTestSample',
    sampleId,
    { individualResult: sample.individualResult },
    { individualResult: result },
  )
  return getRound(ctx.m, sample.roundId)
}
