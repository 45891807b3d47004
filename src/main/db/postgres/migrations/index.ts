import { PostgresSchema1795000000011 } from './0011-schema'
import { PostgresSignedScans1795000000012 } from './0012-signed-scans'
import { PostgresCounters1795000000013 } from './0013-counters'
import { PostgresOfficeSeats1795000000014 } from './0014-office-seats'
import { PostgresAttachmentContents1795000000015 } from './0015-attachment-contents'
import { PostgresAuditQueue1795000000016 } from './0016-audit-queue'
import { PostgresVisitSearchPlans1795000000017 } from './0017-visit-search-plans'

/**
 * The PostgreSQL line, explicit and ordered like the SQLite one (../../migrations): its first
 * step is the schema SQLite reaches at 0011; each later SQLite migration gets a twin here with
 * the same number. 0016 (the audit queue) and 0017 (the visit search's index and statistics)
 * are the server's alone: SQLite's next step is 0018.
 */
export const postgresMigrations = [
  PostgresSchema1795000000011,
  PostgresSignedScans1795000000012,
  PostgresCounters1795000000013,
  PostgresOfficeSeats1795000000014,
  PostgresAttachmentContents1795000000015,
  PostgresAuditQueue1795000000016,
  PostgresVisitSearchPlans1795000000017,
]

export const POSTGRES_MIGRATION_NAMES = postgresMigrations.map((M) => new M().name)
