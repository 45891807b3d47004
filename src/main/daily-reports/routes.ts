import { serviceContext } from '../core/context'
import type { Handlers } from '../core/router'
import { agencyGroup, readSettings } from '../settings/service'
import {
  getAdhocReport,
  getDailyReport,
  submitAdhocReport,
  submitDailyReport,
  updateDailyReport,
} from './service'
import { board, trend } from './board'
import { listReports } from './history'
import { prefill } from './prefill'
import { summaryPdf, summaryXlsx } from './exports'
import { summaryDocx } from './summary-docx'

type DailyReportHandlers = Pick<Handlers, `dailyReports:${string}` & keyof Handlers>

export const dailyReportHandlers: DailyReportHandlers = {
  'dailyReports:board': (input, { m, now }) => board(m, now, input.date),
  'dailyReports:list': (input, { m }) => listReports(m, input),
  'dailyReports:get': (input, { m }) => getDailyReport(m, input.id),
  'dailyReports:getAdhoc': (input, { m }) => getAdhocReport(m, input.id),
  'dailyReports:prefill': (input, { m, now }) => prefill(m, now, input.unitId, input.reportDate),
  'dailyReports:submit': (input, ctx) => submitDailyReport(serviceContext(ctx), input),
  'dailyReports:update': (input, ctx) => updateDailyReport(serviceContext(ctx), input),
  'dailyReports:submitAdhoc': (input, ctx) => submitAdhocReport(serviceContext(ctx), input),
  'dailyReports:trend': (input, { m, now }) => trend(m, now, input.to),
  'dailyReports:summaryXlsx': async (input, { m, now, audit }) => {
    const file = await summaryXlsx(m, now, input.date, await readSettings(m, agencyGroup))
    audit.note('dailyReport', null, `Xuất tổng hợp báo cáo ngày ${input.date} (${file.fileName})`)
    return file
  },
  'dailyReports:summaryPdf': async (input, { m, now, audit }) => {
    const file = await summaryPdf(m, now, input.date, await readSettings(m, agencyGroup))
    audit.note('dailyReport', null, `In tổng hợp báo cáo ngày ${input.date} (${file.fileName})`)
    return file
  },
  'dailyReports:summaryDocx': async (input, { m, now, audit }) => {
    const file = await summaryDocx(m, now, input.date, await readSettings(m, agencyGroup))
    audit.note('dailyReport', null, `Xuất Word tổng hợp báo cáo ngày ${input.date} (${file.fileName})`)
    return file
  },
}
