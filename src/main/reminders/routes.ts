import type { Handlers } from '../core/router'
import { readSettings } from '../settings/service'
import type { SettingsGroup } from '../settings/service'
import { updateSettings } from '../settings/routes'
import { DEFAULT_REMINDER_SETTINGS, ReminderSettings } from '@shared/reminders/schemas'
import { recommendationReminder, reportReminder, vaccineRoundReminder } from './service'

export const reminderGroup: SettingsGroup<typeof ReminderSettings> = {
  key: 'reminders',
  schema: ReminderSettings,
  defaults: DEFAULT_REMINDER_SETTINGS,
}

type ReminderHandlers = Pick<
  Handlers,
  (`reminders:${string}` & keyof Handlers) | 'reminders:getSettings' | 'reminders:updateSettings'
>

export const reminderHandlers: ReminderHandlers = {
  'reminders:dailyReports': async (_input, { m, now }) =>
    reportReminder(m, now, await readSettings(m, reminderGroup)),
  'reminders:recommendations': async (_input, { m, now }) =>
    recommendationReminder(m, now, await readSettings(m, reminderGroup)),
  'reminders:vaccineRounds': async (_input, { m, now }) =>
    vaccineRoundReminder(m, now, await readSettings(m, reminderGroup)),
  'reminders:getSettings': (_input, { m }) => readSettings(m, reminderGroup),
  'reminders:updateSettings': (input, ctx) => updateSettings(ctx, reminderGroup, input),
}
