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
  AddVisitorsInput,
  CabinetDto,
  CabinetInput,
  DrawInput,
  RapidPoolDto,
  RapidRoundDto,
  RapidRoundSummary,
  RapidSampleDto,
  TestResult,
  VisitorCandidate,
} from '@shared/rapid-tests/schemas'
import { vietnamDay, vietnamDayEnd, vietnamDayStart } from '@shared/text/dates'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import type { SettingsGroup } from '../settings/service'
import { readSettings } from '../settings/service'
import { ANONYMISED_NAME } from '../visitors/mapping'
import { addDays } from '../daily-reports/service'
import { drawSample, poolSizes } from './sampling'
import type { Candidate } from './sampling'

export const rapidTestGroup: SettingsGroup<typeof RapidTestSettings> = {
  key: 'rapidTests',
  schema: RapidTestSettings,
  defaults: DEFAULT_RAPID_TEST_SETTINGS,
}

/** Active staff of active units: whom a draw chooses from. */
async function candidates(m: EntityManager): Promise<Candidate[]> {
  const rows = (await m.query(
    `SELECT s.id AS staff_id, s.unit_id FROM staff s JOIN units u ON u.id = s.unit_id
     WHERE s.active = 1 AND u.active = 1`,
  )) as Array<{ staff_id: number; unit_id: number }>
  return rows.map((r) => ({ staffId: r.staff_id, unitId: r.unit_id }))
}

async function drawnInWeek(m: EntityManager, weekStart: string): Promise<Set<number>> {
  const rows = (await m.query(
    `SELECT s.staff_id FROM rapid_test_samples s JOIN rapid_test_rounds r ON r.id = s.round_id
     WHERE r.week_start = ? AND s.staff_id IS NOT NULL`,
    [weekStart],
  )) as Array<{ staff_id: number }>
  return new Set(rows.map((r) => r.staff_id))
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
  const [existing] = (await m.query(`SELECT id FROM rapid_test_rounds WHERE week_start = ?`, [
    weekStart,
  ])) as Array<{
    id: number
  }>
  if (existing) throw AppError.conflict(rapidMsg.alreadyDrawn, { weekStart: rapidMsg.alreadyDrawn })
  const pool = await candidates(m)
  if (!pool.length) throw AppError.conflict(rapidMsg.noStaff)
  const settings = await readSettings(m, rapidTestGroup)
  const seed = input.seed ?? randomInt(0, MAX_SEED)
  const previous = await drawnInWeek(m, addDays(weekStart, -7))
  const drawn = drawSample(pool, { seed, percent: settings.samplePercent, previous })
  const [round] = (await m.query(
    `INSERT INTO rapid_test_rounds (week_start, seed, sample_percent, pool_size, eligible_count, drawn_at, drawn_by)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [weekStart, seed, settings.samplePercent, settings.poolSize, pool.length, now.toISOString(), ctx.userId],
  )) as Array<{ id: number }>
  for (const c of drawn)
    await m.query(
      `INSERT INTO rapid_test_samples (round_id, kind, staff_id, unit_id, added_at) VALUES (?, 'staff', ?, ?, ?)`,
      [round!.id, c.staffId, c.unitId, now.toISOString()],
    )
  ctx.audit.change('rapidTestRound', round!.id, null, {
    weekStart,
    seed,
    samplePercent: settings.samplePercent,
    eligible: pool.length,
    drawn: drawn.length,
  })
  return getRound(m, round!.id)
}

/** Undoes a draw that has no result yet (the staff list was wrong, say); the week can be drawn again. */
export async function discardRound(ctx: ServiceContext, id: number): Promise<{ weekStart: string }> {
  const round = await getRound(ctx.m, id)
  if (round.pools.some((p) => p.result !== null)) throw AppError.conflict(rapidMsg.hasResults)
  await ctx.m.query(`DELETE FROM rapid_test_samples WHERE round_id = ?`, [id])
  await ctx.m.query(`DELETE FROM rapid_test_pools WHERE round_id = ?`, [id])
  await ctx.m.query(`DELETE FROM rapid_test_rounds WHERE id = ?`, [id])
  ctx.audit.change('rapidTestRound', id, { weekStart: round.weekStart, seed: round.seed }, null)
  return { weekStart: round.weekStart }
}

export async function getRound(m: EntityManager, id: number): Promise<RapidRoundDto> {
  const [round] = (await m.query(
    `SELECT id, week_start, seed, sample_percent, pool_size, eligible_count, drawn_at FROM rapid_test_rounds WHERE id = ?`,
    [id],
  )) as Array<{
    id: number
    week_start: string
    seed: number
    sample_percent: number
    pool_size: number
    eligible_count: number
    drawn_at: string
  }>
  if (!round) throw AppError.notFound(rapidMsg.roundNotFound)
  const samples = (await m.query(
    `SELECT s.id, s.kind, s.staff_id, s.visitor_id, s.pool_id, p.number AS pool_number,
            s.individual_result, s.individual_tested_at,
            CASE s.kind WHEN 'staff' THEN st.full_name ELSE v.full_name END AS full_name,
            CASE s.kind WHEN 'staff' THEN u.name ELSE v.organisation END AS unit_name
     FROM rapid_test_samples s
     LEFT JOIN staff st ON st.id = s.staff_id
     LEFT JOIN units u ON u.id = s.unit_id
     LEFT JOIN visitors v ON v.id = s.visitor_id
     LEFT JOIN rapid_test_pools p ON p.id = s.pool_id
     WHERE s.round_id = ?
     ORDER BY s.kind, u.sort_key, st.sort_key, s.id`,
    [id],
  )) as Array<{
    id: number
    kind: 'staff' | 'visitor'
    staff_id: number | null
    visitor_id: number | null
    pool_id: number | null
    pool_number: number | null
    individual_result: TestResult | null
    individual_tested_at: string | null
    full_name: string | null
    unit_name: string | null
  }>
  const pools = (await m.query(
    `SELECT id, number, result, tested_at FROM rapid_test_pools WHERE round_id = ? ORDER BY number`,
    [id],
  )) as Array<{ id: number; number: number; result: TestResult | null; tested_at: string | null }>
  const sampleDtos = samples.map((s): RapidSampleDto => ({
    id: s.id,
    kind: s.kind,
    staffId: s.staff_id,
    visitorId: s.visitor_id,
    fullName: s.full_name ?? ANONYMISED_NAME,
    unitName: s.unit_name,
    poolId: s.pool_id,
    poolNumber: s.pool_number,
    individualResult: s.individual_result,
    individualTestedAt: s.individual_tested_at,
  }))
  return {
    id: round.id,
    weekStart: round.week_start,
    weekEnd: addDays(round.week_start, 6),
    seed: round.seed,
    samplePercent: round.sample_percent,
    poolSize: round.pool_size,
    eligibleCount: round.eligible_count,
    drawnAt: round.drawn_at,
    samples: sampleDtos,
    pools: pools.map((p): RapidPoolDto => ({
      id: p.id,
      number: p.number,
      result: p.result,
      testedAt: p.tested_at,
      sampleIds: sampleDtos.filter((s) => s.poolId === p.id).map((s) => s.id),
    })),
  }
}

export async function listRounds(m: EntityManager): Promise<RapidRoundSummary[]> {
  const rows = (await m.query(
    `SELECT r.id, r.week_start, r.seed,
       (SELECT count(*) FROM rapid_test_samples s WHERE s.round_id = r.id AND s.kind = 'staff') AS staff_count,
       (SELECT count(*) FROM rapid_test_samples s WHERE s.round_id = r.id AND s.kind = 'visitor') AS visitor_count,
       (SELECT count(*) FROM rapid_test_pools p WHERE p.round_id = r.id) AS pool_count,
       (SELECT count(*) FROM rapid_test_pools p WHERE p.round_id = r.id AND p.result IS NULL) AS pending_pools,
       (SELECT count(*) FROM rapid_test_pools p WHERE p.round_id = r.id AND p.result = 'positive') AS positive_pools,
       (SELECT count(*) FROM rapid_test_samples s WHERE s.round_id = r.id AND s.individual_result = 'positive') AS positives
     FROM rapid_test_rounds r ORDER BY r.week_start DESC LIMIT 104`,
  )) as Array<Record<string, number | string>>
  return rows.map((r) => ({
    id: r.id as number,
    weekStart: r.week_start as string,
    seed: r.seed as number,
    staffCount: r.staff_count as number,
    visitorCount: r.visitor_count as number,
    poolCount: r.pool_count as number,
    pendingPools: r.pending_pools as number,
    positivePools: r.positive_pools as number,
    positives: r.positives as number,
  }))
}

const weekSpan = (weekStart: string) => ({
  from: vietnamDayStart(weekStart).toISOString(),
  to: vietnamDayEnd(addDays(weekStart, 6)).toISOString(),
})

/** Visitors let in during the round's week who are not in it yet, latest first. */
export async function visitorCandidates(m: EntityManager, roundId: number): Promise<VisitorCandidate[]> {
  const round = await getRound(m, roundId)
  const { from, to } = weekSpan(round.weekStart)
  const rows = (await m.query(
    `SELECT p.id, p.full_name, p.organisation, max(v.checked_in_at) AS last_visit
     FROM visits v JOIN visitors p ON p.id = v.visitor_id
     WHERE v.checked_in_at >= ? AND v.checked_in_at < ? AND v.outcome = 'admitted' AND p.full_name IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM rapid_test_samples s WHERE s.round_id = ? AND s.visitor_id = p.id)
     GROUP BY p.id ORDER BY last_visit DESC LIMIT 200`,
    [from, to, roundId],
  )) as Array<{ id: number; full_name: string; organisation: string | null; last_visit: string }>
  return rows.map((r) => ({
    visitorId: r.id,
    fullName: r.full_name,
    organisation: r.organisation,
    lastVisitAt: r.last_visit,
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
  for (const visitorId of ids)
    await ctx.m.query(
      `INSERT INTO rapid_test_samples (round_id, kind, visitor_id, added_at) VALUES (?, 'visitor', ?, ?)`,
      [input.roundId, visitorId, ctx.now.toISOString()],
    )
  ctx.audit.note('rapidTestRound', input.roundId, `Thêm ${ids.length} khách vào đợt test nhanh`)
  return getRound(ctx.m, input.roundId)
}

/**
 * Puts everyone not yet pooled into pools of at most the round's pool size, as even as can be,
 * staff of one unit side by side (they are sampled together), visitors after them.
 */
export async function formPools(ctx: ServiceContext, roundId: number): Promise<RapidRoundDto> {
  const round = await getRound(ctx.m, roundId)
  const waiting = round.samples.filter((s) => s.poolId === null)
  if (!waiting.length) throw AppError.conflict(rapidMsg.nothingToPool)
  let next = Math.max(0, ...round.pools.map((p) => p.number)) + 1
  let at = 0
  for (const size of poolSizes(waiting.length, round.poolSize)) {
    const [pool] = (await ctx.m.query(
      `INSERT INTO rapid_test_pools (round_id, number) VALUES (?, ?) RETURNING id`,
      [roundId, next],
    )) as Array<{ id: number }>
    const members = waiting.slice(at, at + size).map((s) => s.id)
    await ctx.m.query(
      `UPDATE rapid_test_samples SET pool_id = ? WHERE id IN (${members.map(() => '?').join(', ')})`,
      [pool!.id, ...members],
    )
    ctx.audit.change('rapidTestPool', pool!.id, null, { roundId, number: next, samples: members.length })
    next += 1
    at += size
  }
  return getRound(ctx.m, roundId)
}

async function poolRow(m: EntityManager, poolId: number) {
  const [pool] = (await m.query(`SELECT id, round_id, number, result FROM rapid_test_pools WHERE id = ?`, [
    poolId,
  ])) as Array<{ id: number; round_id: number; number: number; result: TestResult | null }>
  if (!pool) throw AppError.notFound(rapidMsg.poolNotFound)
  return pool
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
  const pool = await poolRow(ctx.m, poolId)
  const [{ n }] = (await ctx.m.query(
    `SELECT count(*) AS n FROM rapid_test_samples WHERE pool_id = ? AND individual_result IS NOT NULL`,
    [poolId],
  )) as [{ n: number }]
  if (n > 0 && result !== pool.result) throw AppError.conflict(rapidMsg.poolHasIndividuals)
  await ctx.m.query(`UPDATE rapid_test_pools SET result = ?, tested_at = ? WHERE id = ?`, [
    result,
    ctx.now.toISOString(),
    poolId,
  ])
  ctx.audit.change('rapidTestPool', poolId, { result: pool.result }, { result })
  return getRound(ctx.m, pool.round_id)
}

/** The individual test of someone whose pool was positive. */
export async function setIndividualResult(
  ctx: ServiceContext,
  sampleId: number,
  result: TestResult,
): Promise<RapidRoundDto> {
  const [sample] = (await ctx.m.query(
    `SELECT s.id, s.round_id, s.individual_result, p.result AS pool_result
     FROM rapid_test_samples s LEFT JOIN rapid_test_pools p ON p.id = s.pool_id WHERE s.id = ?`,
    [sampleId],
  )) as Array<{
    id: number
    round_id: number
    individual_result: TestResult | null
    pool_result: TestResult | null
  }>
  if (!sample) throw AppError.notFound(rapidMsg.sampleNotFound)
  if (sample.pool_result !== 'positive') throw AppError.conflict(rapidMsg.notPositivePool)
  await ctx.m.query(
    `UPDATE rapid_test_samples SET individual_result = ?, individual_tested_at = ? WHERE id = ?`,
    [result, ctx.now.toISOString(), sampleId],
  )
  ctx.audit.change(
    'rapidTestSample',
    sampleId,
    { individualResult: sample.individual_result },
    { individualResult: result },
  )
  return getRound(ctx.m, sample.round_id)
}

/** Every active unit with its medicine cabinet as last recorded (null: never recorded). */
export async function listCabinets(m: EntityManager): Promise<CabinetDto[]> {
  const rows = (await m.query(
    `SELECT u.id, u.code, u.name, c.has_cabinet, c.checked_on, c.note, c.updated_at
     FROM units u LEFT JOIN medicine_cabinets c ON c.unit_id = u.id
     WHERE u.active = 1 ORDER BY u.sort_key, u.id`,
  )) as Array<{
    id: number
    code: string
    name: string
    has_cabinet: number | null
    checked_on: string | null
    note: string | null
    updated_at: string | null
  }>
  return rows.map((r) => ({
    unitId: r.id,
    unitCode: r.code,
    unitName: r.name,
    hasCabinet: r.has_cabinet === null ? null : r.has_cabinet === 1,
    checkedOn: r.checked_on,
    note: r.note,
    updatedAt: r.updated_at,
  }))
}

export async function saveCabinet(
  ctx: ServiceContext,
  input: z.output<typeof CabinetInput>,
): Promise<CabinetDto> {
  const { m, now } = ctx
  if (input.checkedOn && input.checkedOn > vietnamDay(now))
    throw AppError.validation({ checkedOn: rapidMsg.checkedFuture })
  const before = (await listCabinets(m)).find((c) => c.unitId === input.unitId)
  if (!before) throw AppError.validation({ unitId: rapidMsg.unitUnknown })
  await m.query(
    `INSERT INTO medicine_cabinets (unit_id, has_cabinet, checked_on, note, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (unit_id) DO UPDATE SET has_cabinet = excluded.has_cabinet, checked_on = excluded.checked_on,
       note = excluded.note, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [input.unitId, input.hasCabinet ? 1 : 0, input.checkedOn, input.note, now.toISOString(), ctx.userId],
  )
  const after = (await listCabinets(m)).find((c) => c.unitId === input.unitId)!
  ctx.audit.change(
    'medicineCabinet',
    input.unitId,
    before.updatedAt
      ? { hasCabinet: before.hasCabinet, checkedOn: before.checkedOn, note: before.note }
      : null,
    { hasCabinet: after.hasCabinet, checkedOn: after.checkedOn, note: after.note },
  )
  return after
}
