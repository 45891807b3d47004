import { z } from 'zod'
import { route } from './route'
import { ReminderSettings } from '../reminders/schemas'
import type { RecommendationReminder, ReportReminder, VaccineRoundReminder } from '../reminders/schemas'

const none = z.object({}).strict().default({})

/** What units and owners still owe, before their deadlines: each list for those who follow it. */
export const reminderRoutes = {
  'reminders:dailyReports': route<typeof none, ReportReminder>({
    input: none,
    permission: 'reports.read',
    kind: 'read',
  }),
  'reminders:recommendations': route<typeof none, RecommendationReminder>({
    input: none,
    permission: 'inspections.read',
    kind: 'read',
  }),
  'reminders:vaccineRounds': route<typeof none, VaccineRoundReminder[]>({
    input: none,
    permission: 'vaccines.read',
    kind: 'read',
  }),
  'reminders:getSettings': route<typeof none, ReminderSettings>({
    input: none,
    permission: 'settings.read',
    kind: 'read',
  }),
  'reminders:updateSettings': route<typeof ReminderSettings, ReminderSettings>({
    input: ReminderSettings,
    permission: 'settings.write',
    kind: 'write',
  }),
}
