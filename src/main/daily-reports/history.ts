import { Between, LessThanOrEqual, MoreThanOrEqual } from 'typeorm'
import type { EntityManager, FindOperator } from 'typeorm'
import type { z } from 'zod'
import type { Page } from '@shared/contract'
import type { ReportListItem, ReportListQuery } from '@shared/daily-reports/schemas'
import { AdhocReportEntity, DailyReportEntity } from './entities'
import { unitNames } from './service'

type Query = z.output<typeof ReportListQuery>
type Item = Omit<ReportListItem, 'unitName'>

function dayRange(q: Query): FindOperator<string> | undefined {
  if (q.from && q.to) return Between(q.from, q.to)
  if (q.from) return MoreThanOrEqual(q.from)
  if (q.to) return LessThanOrEqual(q.to)
  return undefined
}

/** Newest day first, then the latest sent; on a tie ad-hoc before daily, then the newest id. */
function newestFirst(a: Item, b: Item): number {
  if (a.reportDate !== b.reportDate) return a.reportDate < b.reportDate ? 1 : -1
  if (a.submittedAt !== b.submittedAt) return a.submittedAt < b.submittedAt ? 1 : -1
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1
  return b.id - a.id
}

/**
 * Daily and ad-hoc reports together, newest first. Each table gives its first rows up to the
 * end of the page in the same order, and the page is cut from both merged: the same rows a
 * single ordered list of the two would give.
 */
export async function listReports(m: EntityManager, q: Query): Promise<Page<ReportListItem>> {
  const where = {
    ...(q.unitId ? { unitId: q.unitId } : {}),
    ...(dayRange(q) ? { reportDate: dayRange(q) } : {}),
  }
  const offset = (q.page - 1) * q.pageSize
  const end = offset + q.pageSize
  const daily = m.getRepository(DailyReportEntity)
  const adhoc = m.getRepository(AdhocReportEntity)
  const withDaily = q.kind !== 'adhoc'
  const withAdhoc = q.kind !== 'daily'
  const [dailyRows, dailyTotal] = withDaily
    ? await daily.findAndCount({
        select: {
          id: true,
          unitId: true,
          reportDate: true,
          submittedAt: true,
          late: true,
          version: true,
          f0: true,
          f1: true,
          f2: true,
          reporterName: true,
        },
        where,
        order: { reportDate: 'DESC', submittedAt: 'DESC', id: 'DESC' },
        take: end,
      })
    : [[], 0]
  const [adhocRows, adhocTotal] = withAdhoc
    ? await adhoc.findAndCount({
        select: {
          id: true,
          unitId: true,
          reportDate: true,
          reportedAt: true,
          subject: true,
          f0: true,
          f1: true,
          f2: true,
          reporterName: true,
        },
        where,
        order: { reportDate: 'DESC', reportedAt: 'DESC', id: 'DESC' },
        take: end,
      })
    : [[], 0]
  const items: Item[] = [
    ...dailyRows.map((r): Item => ({
      kind: 'daily',
      id: r.id,
      unitId: r.unitId,
      reportDate: r.reportDate,
      submittedAt: r.submittedAt,
      late: r.late,
      version: r.version,
      subject: null,
      f0: r.f0,
      f1: r.f1,
      f2: r.f2,
      reporterName: r.reporterName,
    })),
    ...adhocRows.map((r): Item => ({
      kind: 'adhoc',
      id: r.id,
      unitId: r.unitId,
      reportDate: r.reportDate,
      submittedAt: r.reportedAt,
      late: false,
      version: 1,
      subject: r.subject,
      f0: r.f0,
      f1: r.f1,
      f2: r.f2,
      reporterName: r.reporterName,
    })),
  ]
    .sort(newestFirst)
    .slice(offset, end)
  const names = await unitNames(
    m,
    items.map((r) => r.unitId),
  )
  return {
    items: items.map((r) => ({ ...r, unitName: names.get(r.unitId)! })),
    total: dailyTotal + adhocTotal,
    page: q.page,
    pageSize: q.pageSize,
  }
}
