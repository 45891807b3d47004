import { In } from 'typeorm'
import type { EntityManager, SelectQueryBuilder } from 'typeorm'
import type { z } from 'zod'
import { REFUSED_VISIT_MINUTES, TRACE_LOOKBACK_DAYS, visitMsg } from '@shared/visitors/schemas'
import type {
  TraceContact,
  TraceExposure,
  TraceInput,
  TraceResult,
  TraceStaff,
} from '@shared/visitors/schemas'
import { AppError } from '../core/errors'
import { StaffMemberEntity } from '../staff/entities'
import { UnitEntity } from '../units/entities'
import { VisitEntity, VisitorEntity } from './entities'
import type { VisitRow } from './entities'
import { ANONYMISED_NAME } from './mapping'

type Trace = z.output<typeof TraceInput>

const REFUSED_MS = REFUSED_VISIT_MINUTES * 60_000
const LOOKBACK_MS = TRACE_LOOKBACK_DAYS * 86_400_000

interface VisitSpan {
  id: number
  visitorId: number
  hostUnitId: number
  unitName: string
  checkedInAt: string
  checkedOutAt: string | null
  /** As the driver gives it (0/1 on SQLite). */
  checkOutUnrecorded: boolean | number
  outcome: VisitRow['outcome']
}

interface Candidate extends VisitSpan {
  fullName: string | null
  idNumber: string | null
  phone: string | null
  address: string | null
  organisation: string | null
}

/** When a visit ended for tracing: its check-out; a refused one at the gate; one still open, now. */
function endOf(v: Pick<VisitSpan, 'checkedInAt' | 'checkedOutAt' | 'outcome'>, now: number): number {
  if (v.checkedOutAt) return Date.parse(v.checkedOutAt)
  return v.outcome === 'refused' ? Date.parse(v.checkedInAt) + REFUSED_MS : now
}

/** Visits `v` with their unit `u`, selecting a VisitSpan. */
function spanQuery(m: EntityManager): SelectQueryBuilder<VisitRow> {
  return m
    .createQueryBuilder(VisitEntity, 'v')
    .innerJoin(UnitEntity.options.name, 'u', 'u.id = v.hostUnitId')
    .select('v.id', 'id')
    .addSelect('v.visitorId', 'visitorId')
    .addSelect('v.hostUnitId', 'hostUnitId')
    .addSelect('u.name', 'unitName')
    .addSelect('v.checkedInAt', 'checkedInAt')
    .addSelect('v.checkedOutAt', 'checkedOutAt')
    .addSelect('v.checkOutUnrecorded', 'checkOutUnrecorded')
    .addSelect('v.outcome', 'outcome')
}

/** The case's own time at the office: its visits inside the window, cut to the window. */
async function exposuresOf(
  m: EntityManager,
  q: Trace,
  now: number,
): Promise<{ name: string; spans: TraceExposure[]; visitorId: number | null }> {
  const from = Date.parse(q.from)
  const to = Math.min(Date.parse(q.to), now)
  const visitors = m.getRepository(VisitorEntity)
  let visitorId = q.visitorId
  let name = q.caseName ?? ''
  if (visitorId === null && q.caseIdNumber) {
    const known = await visitors.findOne({ select: { id: true }, where: { idNumber: q.caseIdNumber } })
    visitorId = known?.id ?? null
  }
  const spans: TraceExposure[] = []
  if (visitorId !== null) {
    const person = await visitors.findOne({ select: { id: true, fullName: true }, where: { id: visitorId } })
    if (!person) throw AppError.notFound(visitMsg.visitorNotFound)
    name ||= person.fullName ?? ANONYMISED_NAME
    const visits = await spanQuery(m)
      .where('v.visitorId = :visitorId', { visitorId })
      .andWhere('v.checkedInAt < :to', { to: new Date(to).toISOString() })
      .orderBy('v.checkedInAt')
      .getRawMany<VisitSpan>()
    for (const v of visits) {
      const start = Math.max(Date.parse(v.checkedInAt), from)
      const end = Math.min(endOf(v, now), to)
      if (start < end)
        spans.push({
          visitId: v.id,
          hostUnitId: v.hostUnitId,
          hostUnitName: v.unitName,
          from: new Date(start).toISOString(),
          to: new Date(end).toISOString(),
        })
    }
  }
  if (q.hostUnitIds.length) {
    const units = await m
      .getRepository(UnitEntity)
      .find({ select: { id: true, name: true }, where: { id: In(q.hostUnitIds) } })
    for (const u of units)
      spans.push({
        visitId: null,
        hostUnitId: u.id,
        hostUnitName: u.name,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
      })
  }
  return { name, spans, visitorId }
}

/**
 * Who was at the unit during the exposure, by the (unit, time) index: visits begun within 7 days
 * before it, plus whoever is still inside (a visit longer than 7 days would be a forgotten
 * check-out); in id order, so ties between equal overlaps always go the same way.
 */
async function candidatesAt(m: EntityManager, exposure: TraceExposure): Promise<Candidate[]> {
  const at = (qb: SelectQueryBuilder<VisitRow>) =>
    qb
      .innerJoin(VisitorEntity.options.name, 'p', 'p.id = v.visitorId')
      .addSelect('p.fullName', 'fullName')
      .addSelect('p.idNumber', 'idNumber')
      .addSelect('p.phone', 'phone')
      .addSelect('p.address', 'address')
      .addSelect('p.organisation', 'organisation')
      .where('v.hostUnitId = :unit', { unit: exposure.hostUnitId })
      .andWhere('v.checkedInAt < :to', { to: exposure.to })
  const recent = await at(spanQuery(m))
    .andWhere('v.checkedInAt >= :since', {
      since: new Date(Date.parse(exposure.from) - LOOKBACK_MS).toISOString(),
    })
    .getRawMany<Candidate>()
  const inside = await at(spanQuery(m))
    .andWhere("v.checkedOutAt IS NULL AND v.outcome = 'admitted'")
    .getRawMany<Candidate>()
  const byId = new Map([...recent, ...inside].map((c) => [c.id, c]))
  return [...byId.values()].sort((a, b) => a.id - b.id)
}

/**
 * Everyone whose visit overlapped the case's in time at the same unit: `other.in < case.out`
 * and `case.in < other.out` (touching ends do not overlap). Instants, never days, so visits
 * across midnight count. Visits still open last until now; refused ones 15 minutes at the
 * gate. Candidates come from the (unit, time) index within 7 days before each exposure, plus
 * whoever is still inside (a visit longer than 7 days would be a forgotten check-out).
 */
export async function traceContacts(m: EntityManager, q: Trace, nowDate: Date): Promise<TraceResult> {
  const now = nowDate.getTime()
  const { name, spans, visitorId } = await exposuresOf(m, q, now)
  const best = new Map<string, TraceContact>()
  for (const exposure of spans) {
    const start = Date.parse(exposure.from)
    const end = Date.parse(exposure.to)
    const candidates = await candidatesAt(m, exposure)
    for (const c of candidates) {
      if (c.visitorId === visitorId) continue
      const overlap = Math.min(end, endOf(c, now)) - Math.max(start, Date.parse(c.checkedInAt))
      if (overlap <= 0) continue
      const key = `${c.visitorId}:${exposure.visitId ?? `u${exposure.hostUnitId}`}`
      const minutes = Math.max(1, Math.round(overlap / 60_000))
      if ((best.get(key)?.overlapMinutes ?? -1) >= minutes) continue
      best.set(key, {
        visitId: c.id,
        visitorId: c.visitorId,
        fullName: c.fullName ?? ANONYMISED_NAME,
        idNumber: c.idNumber,
        phone: c.phone,
        address: c.address,
        organisation: c.organisation,
        hostUnitId: c.hostUnitId,
        hostUnitName: c.unitName,
        checkedInAt: c.checkedInAt,
        checkedOutAt: c.checkedOutAt,
        checkOutUnrecorded: Boolean(c.checkOutUnrecorded),
        refused: c.outcome === 'refused',
        overlapMinutes: minutes,
        exposureVisitId: exposure.visitId,
      })
    }
  }
  const contacts = [...best.values()].sort((a, b) =>
    a.hostUnitName === b.hostUnitName
      ? a.checkedInAt.localeCompare(b.checkedInAt) || a.visitId - b.visitId
      : a.hostUnitName.localeCompare(b.hostUnitName, 'vi'),
  )
  const unitsTouched = [
    ...new Map(spans.map((s) => [s.hostUnitId, { id: s.hostUnitId, name: s.hostUnitName }])).values(),
  ]
  return { caseName: name, exposures: spans, contacts, unitsTouched, staff: await staffOf(m, unitsTouched) }
}

/** Who works at the units the case visited, in Vietnamese order of unit and name. */
async function staffOf(m: EntityManager, units: Array<{ id: number }>): Promise<TraceStaff[]> {
  if (!units.length) return []
  return m
    .createQueryBuilder(StaffMemberEntity, 's')
    .innerJoin(UnitEntity.options.name, 'u', 'u.id = s.unitId')
    .select('s.id', 'staffId')
    .addSelect('s.fullName', 'fullName')
    .addSelect('s.position', 'position')
    .addSelect('s.phone', 'phone')
    .addSelect('s.unitId', 'unitId')
    .addSelect('u.name', 'unitName')
    .where('s.active = :active', { active: true })
    .andWhere('s.unitId IN (:...unitIds)', { unitIds: units.map((u) => u.id) })
    .orderBy('u.sortKey')
    .addOrderBy('s.sortKey')
    .addOrderBy('s.id')
    .getRawMany<TraceStaff>()
}
