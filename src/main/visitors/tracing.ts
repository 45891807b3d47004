import type { EntityManager } from 'typeorm'
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
import { ANONYMISED_NAME } from './service'

type Trace = z.output<typeof TraceInput>

const REFUSED_MS = REFUSED_VISIT_MINUTES * 60_000
const LOOKBACK_MS = TRACE_LOOKBACK_DAYS * 86_400_000

interface VisitSpan {
  id: number
  visitor_id: number
  host_unit_id: number
  unit_name: string
  checked_in_at: string
  checked_out_at: string | null
  check_out_unrecorded: number
  outcome: 'admitted' | 'refused'
}

/** When a visit ended for tracing: its check-out; a refused one at the gate; one still open, now. */
function endOf(v: Pick<VisitSpan, 'checked_in_at' | 'checked_out_at' | 'outcome'>, now: number): number {
  if (v.checked_out_at) return Date.parse(v.checked_out_at)
  return v.outcome === 'refused' ? Date.parse(v.checked_in_at) + REFUSED_MS : now
}

const SPAN = `v.id, v.visitor_id, v.host_unit_id, u.name AS unit_name, v.checked_in_at, v.checked_out_at,
  v.check_out_unrecorded, v.outcome`

/** The case's own time at the office: its visits inside the window, cut to the window. */
async function exposuresOf(
  m: EntityManager,
  q: Trace,
  now: number,
): Promise<{ name: string; spans: TraceExposure[]; visitorId: number | null }> {
  const from = Date.parse(q.from)
  const to = Math.min(Date.parse(q.to), now)
  let visitorId = q.visitorId
  let name = q.caseName ?? ''
  if (visitorId === null && q.caseIdNumber) {
    const [known] = (await m.query('SELECT id FROM visitors WHERE id_number = ?', [
      q.caseIdNumber,
    ])) as Array<{ id: number }>
    visitorId = known?.id ?? null
  }
  const spans: TraceExposure[] = []
  if (visitorId !== null) {
    const [person] = (await m.query('SELECT full_name FROM visitors WHERE id = ?', [visitorId])) as Array<{
      full_name: string | null
    }>
    if (!person) throw AppError.notFound(visitMsg.visitorNotFound)
    name ||= person.full_name ?? ANONYMISED_NAME
    const visits = (await m.query(
      `SELECT ${SPAN} FROM visits v JOIN units u ON u.id = v.host_unit_id
       WHERE v.visitor_id = ? AND v.checked_in_at < ? ORDER BY v.checked_in_at`,
      [visitorId, new Date(to).toISOString()],
    )) as VisitSpan[]
    for (const v of visits) {
      const start = Math.max(Date.parse(v.checked_in_at), from)
      const end = Math.min(endOf(v, now), to)
      if (start < end)
        spans.push({
          visitId: v.id,
          hostUnitId: v.host_unit_id,
          hostUnitName: v.unit_name,
          from: new Date(start).toISOString(),
          to: new Date(end).toISOString(),
        })
    }
  }
  if (q.hostUnitIds.length) {
    const units = (await m.query(
      `SELECT id, name FROM units WHERE id IN (${q.hostUnitIds.map(() => '?').join(',')})`,
      q.hostUnitIds,
    )) as Array<{ id: number; name: string }>
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
    const candidates = (await m.query(
      `SELECT ${SPAN}, p.full_name, p.id_number, p.phone, p.address, p.organisation
       FROM visits v JOIN units u ON u.id = v.host_unit_id JOIN visitors p ON p.id = v.visitor_id
       WHERE v.host_unit_id = ? AND v.checked_in_at < ? AND v.id IN (
         SELECT id FROM visits WHERE host_unit_id = ? AND checked_in_at >= ? AND checked_in_at < ?
         UNION SELECT id FROM visits WHERE host_unit_id = ? AND checked_out_at IS NULL AND outcome = 'admitted')`,
      [
        exposure.hostUnitId,
        exposure.to,
        exposure.hostUnitId,
        new Date(start - LOOKBACK_MS).toISOString(),
        exposure.to,
        exposure.hostUnitId,
      ],
    )) as Array<
      VisitSpan & {
        full_name: string | null
        id_number: string | null
        phone: string | null
        address: string | null
        organisation: string | null
      }
    >
    for (const c of candidates) {
      if (c.visitor_id === visitorId) continue
      const overlap = Math.min(end, endOf(c, now)) - Math.max(start, Date.parse(c.checked_in_at))
      if (overlap <= 0) continue
      const key = `${c.visitor_id}:${exposure.visitId ?? `u${exposure.hostUnitId}`}`
      const minutes = Math.max(1, Math.round(overlap / 60_000))
      if ((best.get(key)?.overlapMinutes ?? -1) >= minutes) continue
      best.set(key, {
        visitId: c.id,
        visitorId: c.visitor_id,
        fullName: c.full_name ?? ANONYMISED_NAME,
        idNumber: c.id_number,
        phone: c.phone,
        address: c.address,
        organisation: c.organisation,
        hostUnitId: c.host_unit_id,
        hostUnitName: c.unit_name,
        checkedInAt: c.checked_in_at,
        checkedOutAt: c.checked_out_at,
        checkOutUnrecorded: c.check_out_unrecorded === 1,
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
  return (await m.query(
    `SELECT s.id AS staffId, s.full_name AS fullName, s.position, s.phone, s.unit_id AS unitId, u.name AS unitName
     FROM staff s JOIN units u ON u.id = s.unit_id
     WHERE s.active = 1 AND s.unit_id IN (${units.map(() => '?').join(',')})
     ORDER BY u.sort_key, s.sort_key, s.id`,
    units.map((u) => u.id),
  )) as TraceStaff[]
}
