import { PostgresSchema1795000000011 } from './0011-schema'

/**
 * The PostgreSQL line, explicit and ordered like the SQLite one (../../migrations): its first
 * step is the schema SQLite reaches at 0011; each later SQLite migration gets a twin here with
 * the same number.
 */
export const postgresMigrations = [PostgresSchema1795000000011]

export const POSTGRES_MIGRATION_NAMES = postgresMigrations.map((M) => new M().name)
