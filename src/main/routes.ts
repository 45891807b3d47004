import type { Handlers } from './core/router'
import { accountHandlers } from './accounts/routes'
import { auditHandlers } from './audit/routes'
import { backupHandlers } from './backups/routes'
import { databaseHandlers } from './database/routes'
import { settingsHandlers } from './settings/routes'
import { unitHandlers } from './units/routes'
import { visitorHandlers } from './visitors/routes'
import { inspectionHandlers } from './inspections/routes'
import { staffHandlers } from './staff/routes'
import { vaccineHandlers } from './vaccines/routes'
import { dailyReportHandlers } from './daily-reports/routes'
import { rapidTestHandlers } from './rapid-tests/routes'
import { reminderHandlers } from './reminders/routes'

/** The route table: the contract's names bound to handlers. The type fails if one is missing. */
export const handlers: Handlers = {
  ...accountHandlers,
  ...auditHandlers,
  ...unitHandlers,
  ...settingsHandlers,
  ...backupHandlers,
  ...databaseHandlers,
  ...visitorHandlers,
  ...inspectionHandlers,
  ...staffHandlers,
  ...vaccineHandlers,
  ...dailyReportHandlers,
  ...rapidTestHandlers,
  ...reminderHandlers,
}
