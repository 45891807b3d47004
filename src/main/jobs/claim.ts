import type { EntityManager } from 'typeorm'
import type { Router } from '../core/router'
import { JobRunEntity } from './entities'
import { insertedRows } from '../db/engine'

/**
 * Claims the daily job `name` for the Vietnamese `day` inside the caller's transaction: true on
 * the one seat whose row went in, which runs the job. Another seat's insert waits on the key
 * until the claimer commits (then does nothing) or rolls back (then claims it in turn), so a job
 * that failed is retried and one that ran is never run twice.
 */
export async function claimDailyJob(
  m: EntityManager,
  name: string,
  day: string,
  now: Date,
): Promise<boolean> {
  const claim = m
    .createQueryBuilder()
    .insert()
    .into(JobRunEntity)
    .values({ name, day, claimedAt: now.toISOString() })
    .orIgnore()
  return (await insertedRows(m, claim)) === 1
}

export interface DailyClaim {
  take(): Promise<boolean>
  /** The job failed: a later run, on any seat, may try again today. */
  release(): Promise<void>
}

/** For a job that runs outside a transaction (the backup): the claim alone, in short writes of its own. */
export const dailyClaim = (router: Router, name: string, day: string): DailyClaim => ({
  take: () => router.runJob(`claim:${name}`, (ctx) => claimDailyJob(ctx.m, name, day, ctx.now)),
  release: () =>
    router.runJob(`claim:${name}`, async (ctx) => {
      await ctx.m.getRepository(JobRunEntity).delete({ name, day })
    }),
})
