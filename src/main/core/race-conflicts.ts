import type { DataSource } from 'typeorm'
import { accountMsg } from '@shared/accounts/schemas'
import { reportMsg } from '@shared/daily-reports/schemas'
import { inspectionMsg } from '@shared/inspections/schemas'
import { rapidMsg } from '@shared/rapid-tests/schemas'
import { unitMsg } from '@shared/units/schemas'
import { vaccineMsg } from '@shared/vaccines/schemas'
import { lostRace } from '../db/engine'
import { AppError } from './errors'

/** A lost race the feature gave no words to: another seat changed the same data first. */
export const RACE_LOST_MESSAGE = 'Dữ liệu này vừa được thay đổi ở máy khác; hãy tải lại rồi thử lại'

const conflict = (message: string, field?: string) => () =>
  AppError.conflict(message, field ? { [field]: message } : {})
/** A rule the form's check answers on its field, as one seat does. */
const taken = (field: string, message: string) => () => AppError.validation({ [field]: message })

/**
 * The unique constraints a write can hit only when another seat wrote the same thing between
 * its check and its insert, by name (PostgreSQL, SQLite indexes on expressions) or by columns
 * (SQLite names those): the answer is the one that check gives, word for word.
 */
const BY_CONSTRAINT: Record<string, () => AppError> = {
  ux_units_code: taken('code', unitMsg.codeTaken),
  'units.code': taken('code', unitMsg.codeTaken),
  ux_users_username: conflict(accountMsg.usernameTaken, 'username'),
  'users.username': conflict(accountMsg.usernameTaken, 'username'),
  ux_daily_reports_unit_day: conflict(reportMsg.duplicate, 'reportDate'),
  'daily_reports.unit_id, daily_reports.report_date': conflict(reportMsg.duplicate, 'reportDate'),
  ux_plans_number: taken('number', inspectionMsg.planNumberTaken),
  unit_kinds_pkey: taken('code', unitMsg.kindCodeTaken),
  'unit_kinds.code': taken('code', unitMsg.kindCodeTaken),
  ux_vaccines_name: taken('name', vaccineMsg.nameTaken),
  'vaccines.name_key': taken('name', vaccineMsg.nameTaken),
  ux_vaccine_priority_groups_name: taken('name', vaccineMsg.nameTaken),
  'vaccine_priority_groups.name_key': taken('name', vaccineMsg.nameTaken),
  rapid_test_rounds_week_start_key: conflict(rapidMsg.alreadyDrawn, 'weekStart'),
  'rapid_test_rounds.week_start': conflict(rapidMsg.alreadyDrawn, 'weekStart'),
}

/** The `conflict` answer for an error that is a lost race; null for any other error. */
export function raceConflict(dataSource: DataSource, error: unknown): AppError | null {
  const lost = lostRace(dataSource, error)
  if (!lost) return null
  return (lost.constraint && BY_CONSTRAINT[lost.constraint]?.()) || AppError.conflict(RACE_LOST_MESSAGE)
}
