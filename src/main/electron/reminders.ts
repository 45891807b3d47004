import { Notification } from 'electron'
import type { BrowserWindow } from 'electron'
import type { AppCore } from '../app-core'
import type { Logger } from '../core/logger'
import { systemSession } from '../core/session'
import type { ReportReminder } from '@shared/reminders/schemas'
import { reportNotice } from '../reminders/notice'

const EVERY_MS = 60_000

/**
 * Once a minute: when the daily-report reminder falls due and units are missing, a desktop
 * notification for whoever follows the reports on this PC. The query runs as the system, so
 * it never counts as the user's activity against the idle lock.
 */
export function scheduleReportNotices(
  core: () => AppCore | null,
  window: () => BrowserWindow | null,
  logger: Logger,
) {
  let shownOn: string | null = null
  const timer = setInterval(async () => {
    const app = core()
    const win = window()
    if (!app || !win || !Notification.isSupported()) return
    const user = app.sessions.get(`window:${win.webContents.id}`)
    if (!user.user || !user.permissions.has('reports.read')) return
    const result = await app.router.dispatch('reminders:dailyReports', {}, systemSession())
    if (!result.ok) return logger.error('daily-report reminder failed', result.error)
    const notice = reportNotice(result.data as ReportReminder, shownOn)
    if (!notice) return
    shownOn = (result.data as ReportReminder).day
    const shown = new Notification(notice)
    shown.on('click', () => {
      if (win.isMinimized()) win.restore()
      win.focus()
    })
    shown.show()
  }, EVERY_MS)
  return () => clearInterval(timer)
}
