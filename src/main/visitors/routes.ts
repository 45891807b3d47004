import { serviceContext } from '../core/context'
import type { Handlers } from '../core/router'
import { checkIn } from './check-in'
import { checkOut, checkOutAll, editVisit } from './check-out'
import { getVisit } from './mapping'
import {
  insideNow,
  lookupVisitor,
  revealIdNumber,
  searchVisits,
  suggestVisitors,
  visitorHistory,
} from './search'
import { getWatch, listWatch, saveWatch } from './watchlist'
import {
  dayListPdf,
  dayListXlsx,
  periodText,
  rollCallPdf,
  tracePdf,
  traceXlsx,
  visitorSlipPdf,
} from './exports'
import { traceContacts } from './tracing'
import { checkOutBySlip } from './slip'
import { healthDeclarationPdf } from './health-declaration'
import { dayListDocx } from './day-list-docx'
import { agencyGroup, readSettings, receptionGroup } from '../settings/service'

type VisitorHandlers = Pick<
  Handlers,
  | (`visits:${string}` & keyof Handlers)
  | (`visitors:${string}` & keyof Handlers)
  | (`watchlist:${string}` & keyof Handlers)
>

export const visitorHandlers: VisitorHandlers = {
  'visits:checkIn': async (input, ctx) => {
    const { screeningRequired } = await readSettings(ctx.m, receptionGroup)
    return checkIn(serviceContext(ctx), input, { screeningRequired })
  },
  'visits:checkOut': (input, ctx) => checkOut(serviceContext(ctx), input),
  'visits:checkOutBySlip': (input, ctx) => checkOutBySlip(serviceContext(ctx), input.code),
  'visits:checkOutAll': (input, ctx) => checkOutAll(serviceContext(ctx), input),
  'visits:edit': (input, ctx) => editVisit(serviceContext(ctx), input),
  'visits:get': (input, { m }) => getVisit(m, input.id),
  'visits:inside': (input, { m }) => insideNow(m, input),
  'visits:search': (input, { m }) => searchVisits(m, input),
  'visitors:lookup': (input, { m }) => lookupVisitor(m, input.idNumber),
  'visitors:suggest': (input, { m }) => suggestVisitors(m, input.q, input.limit),
  'visitors:history': (input, { m }) => visitorHistory(m, input.id),
  'visitors:revealIdNumber': (input, ctx) => revealIdNumber(serviceContext(ctx), input.id),
  'visits:dayListXlsx': async (input, { m, audit }) => {
    const file = await dayListXlsx(m, input, await readSettings(m, agencyGroup))
    audit.note('visit', null, `Xuất danh sách khách ${periodText(input)} (${file.fileName})`)
    return file
  },
  'visits:dayListPdf': async (input, { m, audit, now }) => {
    const file = await dayListPdf(m, input, await readSettings(m, agencyGroup), now)
    audit.note('visit', null, `Xuất danh sách khách ${periodText(input)} (${file.fileName})`)
    return file
  },
  'visits:dayListDocx': async (input, { m, audit, now }) => {
    const file = await dayListDocx(m, input, await readSettings(m, agencyGroup), now)
    audit.note('visit', null, `Xuất Word danh sách khách ${periodText(input)} (${file.fileName})`)
    return file
  },
  'visits:rollCallPdf': async (_input, { m, now, audit }) => {
    const inside = await insideNow(m, {})
    audit.note('visit', null, `In danh sách người đang ở trong cơ quan (${inside.count} người)`)
    return rollCallPdf(inside, await readSettings(m, agencyGroup), now)
  },
  'visits:slipPdf': async (input, { m, audit }) => {
    const visit = await getVisit(m, input.id)
    audit.note('visit', visit.id, 'In phiếu khách')
    return visitorSlipPdf(visit, await readSettings(m, agencyGroup))
  },
  'visits:healthDeclarationPdf': async (input, { m, audit }) => {
    const visit = await getVisit(m, input.id)
    audit.note('visit', visit.id, 'In tờ khai y tế (có số giấy tờ đầy đủ)')
    return healthDeclarationPdf(m, visit, await readSettings(m, agencyGroup))
  },
  'visits:trace': (input, { m, now }) => traceContacts(m, input, now),
  'visits:traceXlsx': async (input, { m, now, audit }) => {
    const trace = await traceContacts(m, input, now)
    audit.note(
      'visit',
      null,
      `Xuất danh sách tiếp xúc của ${trace.caseName || 'ca bệnh'} (${trace.contacts.length} người)`,
    )
    return traceXlsx(trace, await readSettings(m, agencyGroup))
  },
  'visits:tracePdf': async (input, { m, now, audit }) => {
    const trace = await traceContacts(m, input, now)
    audit.note(
      'visit',
      null,
      `In danh sách tiếp xúc của ${trace.caseName || 'ca bệnh'} (${trace.contacts.length} người)`,
    )
    return tracePdf(trace, await readSettings(m, agencyGroup), now)
  },
  'watchlist:list': (_input, { m }) => listWatch(m),
  'watchlist:create': (input, ctx) => saveWatch(serviceContext(ctx), input),
  'watchlist:update': (input, ctx) => saveWatch(serviceContext(ctx), input),
  'watchlist:get': (input, { m }) => getWatch(m, input.id),
}
