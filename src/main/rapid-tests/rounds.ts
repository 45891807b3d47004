import { randomInt } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import {
  DEFAULT_RAPID_TEST_SETTINGS,
  MAX_SEED,
  RapidTestSettings,
  mondayOf,
  rapidMsg,
} from '@shared/rapid-tests/schemas'
import type {
  DrawInput,
  RapidPoolDto,
  RapidRoundDto,
  RapidRoundSummary,
  RapidSampleDto,
} from '@shared/rapid-tests/schemas'
import { vietnamDay } from '@shared/text/dates'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import type { SettingsGroup } from '../settings/service'
import { readSettings } from '../settings/service'
import { StaffMemberEntity } from '../staff/entities'
import { UnitEntity } from '../units/entities'
import { VisitorEntity } from '../visitors/entities'
import { ANONYMISED_NAME } from '../visitors/mapping'
import { addDays } from '../daily-reports/service'
import { RapidTestPoolEntity, RapidTestRoundEntity, RapidTestSampleEntity } from './entities'
import type { RapidTestSampleRow } from './entities'
import { drawSample } from './sampling'
import type { Candidate } from './sampling'

export const rapidTestGroup: SettingsGroup<typeof RapidTestSettings> = {
  key: 'rapidTests',
  schema: RapidTestSettings,
  defaults: DEFAULT_RAPID_TEST_SETTINGS,
}

/** Active staff of active units: whom a draw chooses from. */
async function candidates(m: EntityManager): Promise<Candidate[]> {
  const rows = await m
    .createQueryBuilder(StaffMemberEntity, 's')
    .innerJoin(UnitEntity.options.name, 'u', 'u.id = s.unitId')
    .select('s.id', 'staffId')
    .addSelect('s.unitId', 'unitId')
    .where('s.active = :active AND u.active = :active', { active: true })
    .getRawMany<{ staffId: number; unitId: number }>()
  return rows.map((r) => ({ staffId: Number(r.staffId), unitId: Number(r.unitId) }))
}

async function drawnInWeek(m: EntityManager, weekStart: string): Promise<Set<number>> {
  const rows = await m
    .createQueryBuilder(RapidTestSampleEntity, 's')
    .innerJoin(RapidTestRoundEntity.options.name, 'r', 'r.id = s.roundId')
    .select('s.staffId', 'staffId')
    .where('r.weekStart = :weekStart AND s.staffId IS NOT NULL', { weekStart })
    .getRawMany<{ staffId: number }>()
  return new Set(rows.map((r) => Number(r.staffId)))
}

/** Adds people to a round in one statement; their new ids are not read back. */
export async function insertSamples(
  m: EntityManager,
  samples: Array<Pick<RapidTestSampleRow, 'roundId' | 'kind' | 'addedAt'> & Partial<RapidTestSampleRow>>,
): Promise<void> {
  if (!samples.length) return
  await m
    .createQueryBuilder()
    .insert()
    .into(RapidTestSampleEntity)
    .values(samples)
    .updateEntity(false)
    .execute()
}

/**
 * The week's draw: the setting's share of active staff, at least one per unit, nobody from last
 * week's draw unless their unit has no one else; seeded so that it can be reproduced.
 */
export async function drawRound(
  ctx: ServiceContext,
  input: z.output<typeof DrawInput>,
): Promise<RapidRoundDto> {
  const { m, now } = ctx
  const thisWeek = mondayOf(vietnamDay(now))
  const weekStart = input.weekStart ?? thisWeek
  if (weekStart > thisWeek) throw AppError.validation({ weekStart: rapidMsg.futureWeek })
  const rounds = m.getRepository(RapidTestRoundEntity)
  if (await rounds.existsBy({ weekStart }))
    throw AppError.conflict(rapidMsg.alreadyDrawn, { weekStart: rapidMsg.alreadyDrawn })
  const pool = await candidates(m)
  if (!pool.length) throw AppError.conflict(rapidMsg.noStaff)
  const settings = await readSettings(m, rapidTestGroup)
  const seed = input.seed ?? randomInt(0, MAX_SEED)
  const previous = await drawnInWeek(m, addDays(weekStart, -7))
  const drawn = drawSample(pool, { seed, percent: settings.samplePercent, previous })
  const created = await rounds.insert({
    weekStart,
    seed,
    samplePercent: settings.samplePercent,
    poolSize: settings.poolSize,
    eligibleCount: pool.length,
    drawnAt: now.toISOString(),
    drawnBy: ctx.userId,
  })
  const roundId = created.identifiers[0]!.id as number
  await insertSamples(
    m,
    drawn.map((c) => ({
      roundId,
      kind: 'staff' as const,
      staffId: c.staffId,
      unitId: c.unitId,
      addedAt: now.toISOString(),
    })),
  )
  ctx.audit.change('rapidTestRound', roundId, null, {
    weekStart,
    seed,
    samplePercent: settings.samplePercent,
    eligible: pool.length,
    drawn: drawn.length,
  })
  return getRound(m, roundId)
}

/** Undoes a draw that has no result yet (the staff list was wrong, say); the week can be drawn again. */
export async function discardRound(ctx: ServiceContext, id: number): Promise<{ weekStart: string }> {
  const round = await getRound(ctx.m, id)
  if (round.pools.some((p) => p.result !== null)) throw AppError.conflict(rapidMsg.hasResults)
  await ctx.m.getRepository(RapidTestSampleEntity).delete({ roundId: id })
  await ctx.m.getRepository(RapidTestPoolEntity).delete({ roundId: id })
  await ctx.m.getRepository(RapidTestRoundEntity).delete({ id })
  ctx.audit.change('rapidTestRound', id, { weekStart: round.weekStart, seed: round.seed }, null)
  return { weekStart: round.weekStart }
}

type SampleLine = Omit<RapidSampleDto, 'fullName'> & { fullName: string | null }

/** A round's people (staff by unit and name, then visitors) with the names they are listed by. */
async function samplesOf(m: EntityManager, roundId: number): Promise<RapidSampleDto[]> {
  const rows = await m
    .createQueryBuilder(RapidTestSampleEntity, 's')
    .leftJoin(StaffMemberEntity.options.name, 'st', 'st.id = s.staffId')
    .leftJoin(UnitEntity.options.name, 'u', 'u.id = s.unitId')
    .leftJoin(VisitorEntity.options.name, 'v', 'v.id = s.visitorId')
    .leftJoin(RapidTestPoolEntity.options.name, 'p', 'p.id = s.poolId')
    .select('s.id', 'id')
    .addSelect('s.kind', 'kind')
    .addSelect('s.staffId', 'staffId')
    .addSelect('s.visitorId', 'visitorId')
    .addSelect('CASE WHEN s.kind = :staff THEN st.fullName ELSE v.fullName END', 'fullName')
    .addSelect('CASE WHEN s.kind = :staff THEN u.name ELSE v.organisation END', 'unitName')
    .addSelect('s.poolId', 'poolId')
    .addSelect('p.number', 'poolNumber')
    .addSelect('s.individualResult', 'individualResult')
    .addSelect('s.individualTestedAt', 'individualTestedAt')
    .where('s.roundId = :roundId', { roundId, staff: 'staff' })
    .orderBy('s.kind')
    .addOrderBy('u.sortKey')
    .addOrderBy('st.sortKey')
    .addOrderBy('s.id')
    .getRawMany<SampleLine>()
  const id = (n: number | null) => (n === null ? null : Number(n))
  return rows.map((s): RapidSampleDto => ({
    ...s,
    id: Number(s.id),
    staffId: id(s.staffId),
    visitorId: id(s.visitorId),
    fullName: s.fullName ?? ANONYMISED_NAME,
    poolId: id(s.poolId),
    poolNumber: id(s.poolNumber),
  }))
}

export async function getRound(m: EntityManager, id: number): Promise<RapidRoundDto> {
  const round = await m.getRepository(RapidTestRoundEntity).findOneBy({ id })
  if (!round) throw AppError.notFound(rapidMsg.roundNotFound)
  const samples = await samplesOf(m, id)
  const pools = await m
    .getRepository(RapidTestPoolEntity)
    .find({ where: { roundId: id }, order: { number: 'ASC' } })
  return {
    id: round.id,
    weekStart: round.weekStart,
    weekEnd: addDays(round.weekStart, 6),
    seed: round.seed,
    samplePercent: round.samplePercent,
    poolSize: round.poolSize,
    eligibleCount: round.eligibleCount,
    drawnAt: round.drawnAt,
    samples,
    pools: pools.map((p): RapidPoolDto => ({
      id: p.id,
      number: p.number,
      result: p.result,
      testedAt: p.testedAt,
      sampleIds: samples.filter((s) => s.poolId === p.id).map((s) => s.id),
    })),
  }
}

/** The last two years of rounds, newest first, with what each holds. */
export async function listRounds(m: EntityManager): Promise<RapidRoundSummary[]> {
  const rounds = await m
    .getRepository(RapidTestRoundEntity)
    .find({ select: { id: true, weekStart: true, seed: true }, order: { weekStart: 'DESC' }, take: 104 })
  if (!rounds.length) return []
  const ids = rounds.map((r) => r.id)
  const people = await m
    .createQueryBuilder(RapidTestSampleEntity, 's')
    .select('s.roundId', 'roundId')
    .addSelect('SUM(CASE WHEN s.kind = :staff THEN 1 ELSE 0 END)', 'staff')
    .addSelect('SUM(CASE WHEN s.kind = :visitor THEN 1 ELSE 0 END)', 'visitors')
    .addSelect('SUM(CASE WHEN s.individualResult = :positive THEN 1 ELSE 0 END)', 'positives')
    .where('s.roundId IN (:...ids)', { ids, staff: 'staff', visitor: 'visitor', positive: 'positive' })
    .groupBy('s.roundId')
    .getRawMany<Record<'roundId' | 'staff' | 'visitors' | 'positives', number | string>>()
  const pools = await m
    .createQueryBuilder(RapidTestPoolEntity, 'p')
    .select('p.roundId', 'roundId')
    .addSelect('COUNT(*)', 'pools')
    .addSelect('SUM(CASE WHEN p.result IS NULL THEN 1 ELSE 0 END)', 'pending')
    .addSelect('SUM(CASE WHEN p.result = :positive THEN 1 ELSE 0 END)', 'positive')
    .where('p.roundId IN (:...ids)', { ids, positive: 'positive' })
    .groupBy('p.roundId')
    .getRawMany<Record<'roundId' | 'pools' | 'pending' | 'positive', number | string>>()
  const peopleOf = new Map(people.map((r) => [Number(r.roundId), r]))
  const poolsOf = new Map(pools.map((r) => [Number(r.roundId), r]))
  return rounds.map((r) => {
    const inRound = peopleOf.get(r.id)
    const pooled = poolsOf.get(r.id)
    return {
      id: r.id,
      weekStart: r.weekStart,
      seed: r.seed,
      staffCount: Number(inRound?.staff ?? 0),
      visitorCount: Number(inRound?.visitors ?? 0),
      poolCount: Number(pooled?.pools ?? 0),
      pendingPools: Number(pooled?.pending ?? 0),
      positivePools: Number(pooled?.positive ?? 0),
      positives: Number(inRound?.positives ?? 0),
    }
  })
}
