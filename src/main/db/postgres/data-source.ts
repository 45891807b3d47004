import { DataSource } from 'typeorm'
import type { QueryRunner } from 'typeorm'
import { postgresEntities } from './entities'
import { POSTGRES_MIGRATION_NAMES, postgresMigrations } from './migrations'
import { DatabaseServerError } from './errors'
import { problemOfConnectError, refuseNotUtf8, typeormTarget } from './connection'
import type { PostgresTarget } from './connection'

/** Held by the seat that migrates, so two seats starting together never migrate at once. */
const MIGRATION_LOCK = 0x53504431

/** A DataSource on the office's PostgreSQL server; `migrate` brings an older schema up to this app's. */
export async function openPostgres(target: PostgresTarget, migrate: boolean): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    ...typeormTarget(target),
    entities: postgresEntities,
    migrations: postgresMigrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    // Counts and bigint columns come back as numbers, as on SQLite.
    parseInt8: true,
    // Whatever the server's default: the rules that lock before they read (the audit chain
    // above all) must see what the previous holder committed, which READ COMMITTED gives.
    extra: { options: '-c default_transaction_isolation=read\\ committed' },
  })
  try {
    await dataSource.initialize()
  } catch (error) {
    throw new DatabaseServerError(problemOfConnectError(error), { cause: error })
  }
  const runner = dataSource.createQueryRunner()
  try {
    await refuseNotUtf8((sql) => runner.query(sql) as Promise<unknown[]>)
    if (migrate) await runner.query(`SELECT pg_advisory_lock($1)`, [MIGRATION_LOCK])
    await refuseNewerSchema(runner)
    if (migrate) await dataSource.runMigrations({ transaction: 'each' })
  } catch (error) {
    await runner.release()
    await dataSource.destroy()
    throw error
  }
  if (migrate) await runner.query(`SELECT pg_advisory_unlock($1)`, [MIGRATION_LOCK])
  await runner.release()
  return dataSource
}

/** A migration this app does not know means a newer app has upgraded the server: refuse rather than guess. */
async function refuseNewerSchema(runner: QueryRunner): Promise<void> {
  const [{ table }] = (await runner.query(`SELECT to_regclass('migrations') AS table`)) as [
    { table: string | null },
  ]
  if (!table) return
  const applied = (await runner.query(`SELECT name FROM migrations`)) as Array<{ name: string }>
  if (applied.some(({ name }) => !POSTGRES_MIGRATION_NAMES.includes(name)))
    throw new DatabaseServerError('schemaNewer')
}
