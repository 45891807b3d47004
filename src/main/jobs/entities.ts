import { EntitySchema } from 'typeorm'

/** One daily job done (or under way) for the whole office on one Vietnamese day. */
export interface JobRunRow {
  name: string
  day: string
  claimedAt: string
}

export const JobRunEntity = new EntitySchema<JobRunRow>({
  name: 'JobRun',
  tableName: 'job_runs',
  columns: {
    name: { type: 'text', primary: true },
    day: { type: 'text', primary: true },
    claimedAt: { type: 'text', name: 'claimed_at' },
  },
})
