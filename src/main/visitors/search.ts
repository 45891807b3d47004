import type { EntityManager, SelectQueryBuilder } from 'typeorm'
import type { z } from 'zod'
import type { Page } from '@shared/contract'
import type {
  InsideList,
  InsideQuery,
  RevealedIdNumber,
  VisitDto,
  VisitorDto,
  VisitorHistory,
  VisitorLookup,
  VisitSearchQuery,
} from '@shared/visitors/schemas'
import { vietnamDayEnd, vietnamDayStart } from '@shared/text/dates'
import type { ServiceContext } from '../core/context'
import { whereSearch } from '../db/search'
import { UnitEntity } from '../units/entities'
import { VisitEntity, VisitorEntity } from './entities'
import { requireVisitor, toVisitDto, toVisitorDto, visitQuery } from './mapping'
import type { VisitListRow } from './mapping'

/** The visitor's visit still open (admitted, not checked out), if they are inside now. */
export async function openVisit(m: EntityManager, visitorId: number): Promise<VisitListRow | null> {
  const row = await visitQuery(m)
    .where('v.visitorId = :visitorId', { visitorId })
    .andWhere("v.checkedOutAt IS NULL AND v.outcome = 'admitted'")
    .orderBy('v.checkedInAt')
    .limit(1)
    .getRawOne<VisitListRow>()
  return row ?? null
}

/** When the visitor's open visit began, if they are inside now. */
export async function insideSince(m: EntityManager, visitorId: number): Promise<string | null> {
  const row = await m
    .createQueryBuilder(VisitEntity, 'v')
    .select('v.checkedInAt', 'checkedInAt')
    .where('v.visitorId = :visitorId', { visitorId })
    .andWhere("v.checkedOutAt IS NULL AND v.outcome = 'admitted'")
    .orderBy('v.checkedInAt')
    .limit(1)
    .getRawOne<{ checkedInAt: string }>()
  return row?.checkedInAt ?? null
}

/**
 * A returning visitor by ID number, with the unit they last came to (the form offers it again)
 * and their open visit if they are inside now (the desk offers to check them out first).
 */
export async function lookupVisitor(m: EntityManager, idNumber: string): Promise<VisitorLookup> {
  const row = await m.getRepository(VisitorEntity).findOneBy({ idNumber })
  if (!row) return { visitor: null, lastHostUnitId: null, insideVisit: null }
  const last = await m
    .createQueryBuilder(VisitEntity, 'v')
    .innerJoin(UnitEntity.options.name, 'u', 'u.id = v.hostUnitId')
    .select('v.hostUnitId', 'hostUnitId')
    .where('v.visitorId = :visitorId', { visitorId: row.id })
    .andWhere('u.active = :active', { active: true })
    .orderBy('v.checkedInAt', 'DESC')
    .limit(1)
    .getRawOne<{ hostUnitId: number }>()
  const inside = await openVisit(m, row.id)
  return {
    visitor: toVisitorDto(row),
    lastHostUnitId: last?.hostUnitId ?? null,
    insideVisit: inside ? toVisitDto(inside) : null,
  }
}

/** Visitors offered as the receptionist types a name, phone or ID number; newest first. */
export async function suggestVisitors(m: EntityManager, q: string, limit: number): Promise<VisitorDto[]> {
  const qb = m
    .createQueryBuilder(VisitorEntity, 'p')
    .where('p.anonymisedAt IS NULL')
    .orderBy('p.id', 'DESC')
    .limit(limit)
  const digits = q.replace(/[\s.]/g, '')
  if (/^\+?\d{4,}$/.test(digits))
    qb.andWhere(
      `(p.phone LIKE :start ESCAPE '\\' OR p.idNumber LIKE :inside ESCAPE '\\' OR p.oldIdNumber LIKE :inside ESCAPE '\\')`,
      { start: `${digits}%`, inside: `%${digits}%` },
    )
  else if (!whereSearch(qb, 'visitors', 'p', q)) return []
  return (await qb.getMany()).map(toVisitorDto)
}

export async function visitorHistory(m: EntityManager, id: number): Promise<VisitorHistory> {
  const row = await requireVisitor(m, id)
  const visits = await visitQuery(m)
    .where('v.visitorId = :id', { id })
    .orderBy('v.checkedInAt', 'DESC')
    .addOrderBy('v.id', 'DESC')
    .getRawMany<VisitListRow>()
  return { visitor: toVisitorDto(row), visits: visits.map(toVisitDto) }
}

/** The whole ID numbers (the card's and the old CMND) of one visitor, for the screen that asked: each time a line in the trail. */
export async function revealIdNumber(ctx: ServiceContext, id: number): Promise<RevealedIdNumber> {
  const row = await requireVisitor(ctx.m, id)
  ctx.audit.note('visitor', row.id, 'Xem số giấy tờ đầy đủ')
  return { idNumber: row.idNumber, oldIdNumber: row.oldIdNumber }
}

export async function insideNow(m: EntityManager, q: z.output<typeof InsideQuery>): Promise<InsideList> {
  const qb = visitQuery(m).where("v.checkedOutAt IS NULL AND v.outcome = 'admitted'")
  if (q.hostUnitId) qb.andWhere('v.hostUnitId = :unit', { unit: q.hostUnitId })
  const rows = await qb
    .orderBy('u.sortKey')
    .addOrderBy('v.checkedInAt')
    .addOrderBy('v.id')
    .getRawMany<VisitListRow>()
  return { count: rows.length, items: rows.map(toVisitDto) }
}

/** Above this many matching visitors a name is common: walk visits newest first instead. */
const DENSE_MATCHES = 2000
const COUNT_CAP = 10_000
/** Reading a visit while walking the time index costs about this many sorted index entries. */
const WALK_COST = 1

type VisitSearch = z.output<typeof VisitSearchQuery>

/** The filters other than the name, on visits `v`. */
function whereFilters<T extends object>(qb: SelectQueryBuilder<T>, q: VisitSearch): SelectQueryBuilder<T> {
  if (q.from) qb.andWhere('v.checkedInAt >= :from', { from: vietnamDayStart(q.from).toISOString() })
  if (q.to) qb.andWhere('v.checkedInAt < :to', { to: vietnamDayEnd(q.to).toISOString() })
  if (q.hostUnitId) qb.andWhere('v.hostUnitId = :unit', { unit: q.hostUnitId })
  if (q.visitorId) qb.andWhere('v.visitorId = :visitor', { visitor: q.visitorId })
  if (q.outcome !== 'all') qb.andWhere('v.outcome = :outcome', { outcome: q.outcome })
  return qb
}

type Build = (qb: SelectQueryBuilder<object>) => SelectQueryBuilder<object>

/** How many rows the built query finds, counting no further than the cap (the index stops there). */
async function cappedCount(m: EntityManager, build: Build): Promise<number> {
  const row = await m
    .createQueryBuilder()
    .select('count(*)', 'n')
    .from(
      (qb) =>
        build(qb)
          .select('1')
          .limit(COUNT_CAP + 1),
      'c',
    )
    .getRawOne<{ n: number | string }>()
  return Number(row?.n ?? 0)
}

/**
 * Visits by visitor (name, organisation, ID number, phone — diacritics ignored), unit, dates and
 * outcome, newest first. A rare name is looked up through its few visitors; a common one by
 * walking visits in time order, which stops as soon as the page is full. `total` stops counting
 * at 10,001 ("more than 10,000").
 */
export async function searchVisits(m: EntityManager, q: VisitSearch): Promise<Page<VisitDto>> {
  const offset = (q.page - 1) * q.pageSize
  // Only a name search needs the visitors table; the rest reads the visits indexes.
  const ids = whereFilters(m.createQueryBuilder(VisitEntity, 'v'), q)
  let count: Build = (qb) => whereFilters(qb.from(VisitEntity, 'v'), q)
  let visitorIds: number[] | null = null
  const matches = m.createQueryBuilder(VisitorEntity, 'p').select('p.id', 'id')
  if (whereSearch(matches, 'visitors', 'p', q.q, { drive: true })) {
    const found = await matches.limit(DENSE_MATCHES + 1).getRawMany<{ id: number }>()
    if (!found.length) return { items: [], total: 0, page: q.page, pageSize: q.pageSize }
    if (found.length <= DENSE_MATCHES) {
      const matched = found.map((r) => r.id)
      visitorIds = matched
      count = (qb) =>
        whereFilters(qb.from(VisitEntity, 'v'), q).andWhere('v.visitorId IN (:...matched)', { matched })
    } else {
      // Many visitors (a common name): the capped count lets the index drive, so it stops at
      // the cap; the page walks visits newest first keeping a matching visitor's (the unary +
      // stops SQLite from fetching every match by visitor and sorting them all).
      count = (qb) => {
        whereSearch(qb.from(VisitorEntity, 'p'), 'visitors', 'p', q.q, { drive: true })
        return whereFilters(qb.innerJoin(VisitEntity.options.name, 'v', 'v.visitorId = p.id'), q)
      }
      ids.innerJoin(VisitorEntity.options.name, 'p', 'p.id = v.visitorId')
      whereSearch(ids, 'visitors', 'p', q.q, { idColumn: '+v.visitor_id' })
    }
  }
  // On a server the count and the page run side by side, each on a connection of the pool.
  const counting = cappedCount(m, count)
  // Awaited below; should a query before that fail, its failure is the answer, not a crash.
  counting.catch(() => undefined)
  if (visitorIds !== null) {
    const total = await counting
    // Sorting the matches' (visitor, time) index entries costs about n; walking visits newest
    // first until the page is full reads about (offset + page) × all / n rows, each dearer.
    const last = await m
      .createQueryBuilder(VisitEntity, 'v')
      .select('max(v.id)', 'last')
      .getRawOne<{ last: number | string | null }>()
    const walk = total * total > WALK_COST * (offset + q.pageSize) * Number(last?.last ?? 0)
    ids.andWhere(`${walk ? '+v.visitor_id' : 'v.visitor_id'} IN (:...visitorIds)`, { visitorIds })
  }
  // The page's ids first (index entries only), then the rows with their joins.
  ids
    .select('v.id')
    .orderBy('v.checkedInAt', 'DESC')
    .addOrderBy('v.id', 'DESC')
    .limit(q.pageSize)
    .offset(offset)
  const [total, rows] = await Promise.all([
    counting,
    visitQuery(m)
      .where(`v.id IN (${ids.getQuery()})`)
      .setParameters(ids.getParameters())
      .orderBy('v.checkedInAt', 'DESC')
      .addOrderBy('v.id', 'DESC')
      .getRawMany<VisitListRow>(),
  ])
  return { items: rows.map(toVisitDto), total, page: q.page, pageSize: q.pageSize }
}
