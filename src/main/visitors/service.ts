import type { ServiceContext } from '../core/context'
import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { Page } from '@shared/contract'
import {
  CLOCK_SKEW_MS,
  FEVER_FROM,
  LATE_ENTRY_MINUTES,
  screeningGaps,
  symptomLabels,
  visitMsg,
} from '@shared/visitors/schemas'
import type {
  CheckInInput,
  CheckOutAllInput,
  CheckOutInput,
  InsideList,
  InsideQuery,
  IdType,
  Symptom,
  VisitDto,
  VisitEditInput,
  VisitorDto,
  RevealedIdNumber,
  VisitorFields,
  VisitorHistory,
  VisitorLookup,
  VisitSearchQuery,
  WatchDto,
  WatchEntryDto,
  WatchInput,
  WatchUpdateInput,
} from '@shared/visitors/schemas'
import { formatDateTime, vietnamDayEnd, vietnamDayStart } from '@shared/text/dates'
import { searchKey, searchKeyOf } from '@shared/text/search-key'
import { maskIdNumber } from '@shared/visitors/cccd-qr'
import { AppError } from '../core/errors'
import { findActiveUnit } from '../units/service'
import { searchCondition, searchJoin } from '../db/sqlite/search-index'
import { namedQuery } from '../db/sql'

type CheckIn = z.output<typeof CheckInInput>
type Visitor = z.output<typeof VisitorFields>

interface VisitorRow {
  id: number
  full_name: string | null
  id_type: IdType
  id_number: string | null
  date_of_birth: string | null
  gender: 'male' | 'female' | null
  phone: string | null
  address: string | null
  organisation: string | null
  old_id_number: string | null
  id_issue_date: string | null
  anonymised_at: string | null
}

interface VisitRow {
  id: number
  visitor_id: number
  visitor_name: string | null
  id_type: IdType
  id_number: string | null
  phone: string | null
  organisation: string | null
  host_unit_id: number
  host_unit_name: string
  host_person: string | null
  purpose: string | null
  badge_number: string | null
  checked_in_at: string
  late_reason: string | null
  checked_out_at: string | null
  check_out_kind: VisitDto['checkOutKind']
  check_out_reason: string | null
  check_out_unrecorded: number
  outcome: VisitDto['outcome']
  refusal_reasons: string | null
  temperature: number | null
  symptoms: string
  contact_with_case: number
  from_case_area: number
  declared_on_app: number | null
  mask_worn: number
  watch_reason: string | null
  note: string | null
}

/** Stored names can be erased by the retention purge; lists still need a label. */
export const ANONYMISED_NAME = '(đã xoá thông tin cá nhân)'

const SELECT_VISIT = `
  SELECT v.id, v.visitor_id, p.full_name AS visitor_name, p.id_type, p.id_number, p.phone, p.organisation,
         v.host_unit_id, u.name AS host_unit_name, v.host_person, v.purpose, v.badge_number,
         v.checked_in_at, v.late_reason, v.checked_out_at, v.check_out_kind, v.check_out_reason,
         v.check_out_unrecorded, v.outcome, v.refusal_reasons, v.temperature, v.symptoms, v.contact_with_case, v.from_case_area,
         v.declared_on_app, v.mask_worn, v.watch_reason, v.note
  FROM visits v
  JOIN visitors p ON p.id = v.visitor_id
  JOIN units u ON u.id = v.host_unit_id`

function toVisitDto(r: VisitRow): VisitDto {
  return {
    id: r.id,
    visitorId: r.visitor_id,
    visitorName: r.visitor_name ?? ANONYMISED_NAME,
    idType: r.id_type,
    idNumberMasked: r.id_number ? maskIdNumber(r.id_number) : null,
    phone: r.phone,
    organisation: r.organisation,
    hostUnitId: r.host_unit_id,
    hostUnitName: r.host_unit_name,
    hostPerson: r.host_person,
    purpose: r.purpose,
    badgeNumber: r.badge_number,
    checkedInAt: r.checked_in_at,
    lateReason: r.late_reason,
    checkedOutAt: r.checked_out_at,
    checkOutKind: r.check_out_kind,
    checkOutReason: r.check_out_reason,
    checkOutUnrecorded: r.check_out_unrecorded === 1,
    outcome: r.outcome,
    refusalReasons: r.refusal_reasons,
    temperature: r.temperature,
    symptoms: r.symptoms ? (r.symptoms.split(',') as Symptom[]) : [],
    contactWithCase: r.contact_with_case === 1,
    fromCaseArea: r.from_case_area === 1,
    declaredOnApp: r.declared_on_app === null ? null : r.declared_on_app === 1,
    maskWorn: r.mask_worn === 1,
    watchReason: r.watch_reason,
    note: r.note,
  }
}

function toVisitorDto(r: VisitorRow): VisitorDto {
  return {
    id: r.id,
    fullName: r.full_name ?? ANONYMISED_NAME,
    idType: r.id_type,
    idNumberMasked: r.id_number ? maskIdNumber(r.id_number) : null,
    dateOfBirth: r.date_of_birth,
    gender: r.gender,
    phone: r.phone,
    address: r.address,
    organisation: r.organisation,
    oldIdNumberMasked: r.old_id_number ? maskIdNumber(r.old_id_number) : null,
    idIssueDate: r.id_issue_date,
    anonymised: r.anonymised_at !== null,
  }
}

/** What the audit trail sees of a visitor: personal fields are masked by the recorder. */
const visitorAudit = (r: VisitorRow | Visitor) =>
  'full_name' in r
    ? {
        fullName: r.full_name,
        idNumber: r.id_number,
        dateOfBirth: r.date_of_birth,
        phone: r.phone,
        address: r.address,
        organisation: r.organisation,
        oldIdNumber: r.old_id_number,
        idIssueDate: r.id_issue_date,
      }
    : {
        fullName: r.fullName,
        idNumber: r.idNumber,
        dateOfBirth: r.dateOfBirth,
        phone: r.phone,
        address: r.address,
        organisation: r.organisation,
        oldIdNumber: r.oldIdNumber,
        idIssueDate: r.idIssueDate,
      }

export async function getVisit(m: EntityManager, id: number): Promise<VisitDto> {
  const [row] = (await m.query(`${SELECT_VISIT} WHERE v.id = ?`, [id])) as VisitRow[]
  if (!row) throw AppError.notFound(visitMsg.visitNotFound)
  return toVisitDto(row)
}

async function findVisitor(m: EntityManager, where: string, params: unknown[]): Promise<VisitorRow | null> {
  const [row] = (await m.query(
    `SELECT id, full_name, id_type, id_number, date_of_birth, gender, phone, address, organisation,
            old_id_number, id_issue_date, anonymised_at
     FROM visitors WHERE ${where}`,
    params,
  )) as VisitorRow[]
  return row ?? null
}

/** The visitor's visit still open (admitted, not checked out), if they are inside now. */
async function openVisit(m: EntityManager, visitorId: number): Promise<VisitRow | null> {
  const [open] = (await m.query(
    `${SELECT_VISIT} WHERE v.visitor_id = ? AND v.checked_out_at IS NULL AND v.outcome = 'admitted'
     ORDER BY v.checked_in_at LIMIT 1`,
    [visitorId],
  )) as VisitRow[]
  return open ?? null
}

/**
 * A returning visitor by ID number, with the unit they last came to (the form offers it again)
 * and their open visit if they are inside now (the desk offers to check them out first).
 */
export async function lookupVisitor(m: EntityManager, idNumber: string): Promise<VisitorLookup> {
  const row = await findVisitor(m, 'id_number = ?', [idNumber])
  if (!row) return { visitor: null, lastHostUnitId: null, insideVisit: null }
  const [last] = (await m.query(
    `SELECT v.host_unit_id FROM visits v JOIN units u ON u.id = v.host_unit_id
     WHERE v.visitor_id = ? AND u.active = 1 ORDER BY v.checked_in_at DESC LIMIT 1`,
    [row.id],
  )) as Array<{ host_unit_id: number }>
  const inside = await openVisit(m, row.id)
  return {
    visitor: toVisitorDto(row),
    lastHostUnitId: last?.host_unit_id ?? null,
    insideVisit: inside ? toVisitDto(inside) : null,
  }
}

/** Visitors offered as the receptionist types a name, phone or ID number; newest first. */
export async function suggestVisitors(m: EntityManager, q: string, limit: number): Promise<VisitorDto[]> {
  const digits = q.replace(/[\s.]/g, '')
  if (/^\+?\d{4,}$/.test(digits)) {
    const rows = (await m.query(
      `SELECT * FROM visitors WHERE (phone LIKE ? OR id_number LIKE ? OR old_id_number LIKE ?)
         AND anonymised_at IS NULL ORDER BY id DESC LIMIT ?`,
      [`${digits}%`, `%${digits}%`, `%${digits}%`, limit],
    )) as VisitorRow[]
    return rows.map(toVisitorDto)
  }
  const search = searchCondition('visitors', 'p', q)
  if (!search) return []
  const rows = await namedQuery<VisitorRow>(
    m,
    `SELECT p.* FROM visitors p WHERE ${search.sql} AND p.anonymised_at IS NULL ORDER BY p.id DESC LIMIT :limit`,
    { ...search.params, limit },
  )
  return rows.map(toVisitorDto)
}

export async function visitorHistory(m: EntityManager, id: number): Promise<VisitorHistory> {
  const row = await findVisitor(m, 'id = ?', [id])
  if (!row) throw AppError.notFound(visitMsg.visitorNotFound)
  const visits = (await m.query(
    `${SELECT_VISIT} WHERE v.visitor_id = ? ORDER BY v.checked_in_at DESC, v.id DESC`,
    [id],
  )) as VisitRow[]
  return { visitor: toVisitorDto(row), visits: visits.map(toVisitDto) }
}

/** The whole ID numbers (the card's and the old CMND) of one visitor, for the screen that asked: each time a line in the trail. */
export async function revealIdNumber(ctx: ServiceContext, id: number): Promise<RevealedIdNumber> {
  const row = await findVisitor(ctx.m, 'id = ?', [id])
  if (!row) throw AppError.notFound(visitMsg.visitorNotFound)
  ctx.audit.note('visitor', row.id, 'Xem số giấy tờ đầy đủ')
  return { idNumber: row.id_number, oldIdNumber: row.old_id_number }
}

// ---------------------------------------------------------------- check-in

async function requireActiveUnit(
  m: EntityManager,
  id: number,
  field: string,
): Promise<{ id: number; name: string }> {
  const unit = await findActiveUnit(m, id)
  if (!unit) throw AppError.validation({ [field]: visitMsg.hostUnitUnknown })
  return unit
}

/** Why a visitor must be refused and referred to the health service, in the words on the form. */
export function refusalReasons(health: CheckIn['health']): string[] {
  const reasons: string[] = []
  if (health.temperature !== null && health.temperature >= FEVER_FROM)
    reasons.push(`sốt ${health.temperature} °C`)
  for (const s of health.symptoms ?? [])
    if (s !== 'fever' || health.temperature === null || health.temperature < FEVER_FROM)
      reasons.push(symptomLabels[s])
  if (health.contactWithCase) reasons.push('tiếp xúc với ca bệnh trong 14 ngày')
  return reasons
}

async function watchHit(m: EntityManager, visitor: Visitor): Promise<string | null> {
  const [hit] = (await m.query(
    `SELECT reason FROM watchlist WHERE active = 1 AND (id_number = ? OR name_key = ?) ORDER BY id LIMIT 1`,
    [visitor.idNumber ?? '\u0000', searchKey(visitor.fullName)],
  )) as Array<{ reason: string }>
  return hit?.reason ?? null
}

function checkInTime(input: CheckIn, now: Date): Date {
  if (!input.checkedInAt) return now
  const at = new Date(input.checkedInAt)
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw AppError.validation({ checkedInAt: visitMsg.future })
  if (now.getTime() - at.getTime() > LATE_ENTRY_MINUTES * 60_000 && !input.lateReason)
    throw AppError.validation({ lateReason: visitMsg.lateReason })
  return at
}

/** The visitor's search key: the old CMND number too, so a visitor quoting it is found. */
const visitorKey = (v: {
  fullName: string | null
  organisation: string | null
  idNumber: string | null
  phone: string | null
  oldIdNumber: string | null
}) => searchKeyOf(v.fullName, v.organisation, v.idNumber, v.phone, v.oldIdNumber)

export interface CheckInRules {
  /** The reception setting: while the office screens visitors, temperature and answers are required. */
  screeningRequired: boolean
}

/**
 * Registers one visit. The first call answers `conflict` with a question per `confirm*` field
 * (refusal, watchlist, already inside); the form asks the receptionist and sends it again with
 * the answers. Refused visits are recorded, never dropped.
 */
export async function checkIn(
  ctx: ServiceContext,
  input: CheckIn,
  rules: CheckInRules = { screeningRequired: false },
): Promise<VisitDto> {
  const { m, now } = ctx
  if (rules.screeningRequired) {
    const gaps = screeningGaps(input.health)
    if (Object.keys(gaps).length) throw AppError.validation(gaps)
  }
  const at = checkInTime(input, now)
  await requireActiveUnit(m, input.hostUnitId, 'hostUnitId')
  const given = input.visitor
  const known = given.idNumber ? await findVisitor(m, 'id_number = ?', [given.idNumber]) : null

  const questions: Record<string, string> = {}
  const reasons = refusalReasons(input.health)
  if (reasons.length && !input.confirmRefusal) questions.confirmRefusal = visitMsg.refusal(reasons.join(', '))
  const watch = await watchHit(m, given)
  if (watch && !input.confirmWatch) questions.confirmWatch = visitMsg.watch(watch)
  if (known && !reasons.length) {
    const open = await openVisit(m, known.id)
    if (open && !input.confirmInside)
      questions.confirmInside = visitMsg.inside(formatDateTime(open.checked_in_at))
  }
  if (Object.keys(questions).length) throw AppError.conflict(Object.values(questions).join('\n'), questions)

  const stamp = now.toISOString()
  let visitorId: number
  if (!known) {
    const result = (await m.query(
      `INSERT INTO visitors (full_name, id_type, id_number, date_of_birth, gender, phone, address, organisation,
         old_id_number, id_issue_date, search_key, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [
        given.fullName,
        given.idType,
        given.idNumber,
        given.dateOfBirth,
        given.gender,
        given.phone,
        given.address,
        given.organisation,
        given.oldIdNumber,
        given.idIssueDate,
        visitorKey(given),
        stamp,
        stamp,
      ],
    )) as Array<{ id: number }>
    visitorId = result[0]!.id
    ctx.audit.change('visitor', visitorId, null, visitorAudit(given))
  } else {
    visitorId = known.id
    // A returning visitor keeps the stored details unless the receptionist confirmed the new ones;
    // gaps in the stored record are filled either way.
    const pick = <T>(stored: T | null, fresh: T | null): T | null =>
      input.updateVisitor ? (fresh ?? stored) : (stored ?? fresh)
    const next = {
      full_name: input.updateVisitor ? given.fullName : (known.full_name ?? given.fullName),
      date_of_birth: pick(known.date_of_birth, given.dateOfBirth),
      gender: pick(known.gender, given.gender),
      phone: pick(known.phone, given.phone),
      address: pick(known.address, given.address),
      organisation: pick(known.organisation, given.organisation),
      old_id_number: pick(known.old_id_number, given.oldIdNumber),
      id_issue_date: pick(known.id_issue_date, given.idIssueDate),
    }
    const updated = { ...known, ...next, anonymised_at: null }
    if (
      JSON.stringify(visitorAudit(updated)) !== JSON.stringify(visitorAudit(known)) ||
      known.anonymised_at
    ) {
      await m.query(
        `UPDATE visitors SET full_name = ?, date_of_birth = ?, gender = ?, phone = ?, address = ?, organisation = ?,
           old_id_number = ?, id_issue_date = ?, search_key = ?, anonymised_at = NULL, updated_at = ? WHERE id = ?`,
        [
          next.full_name,
          next.date_of_birth,
          next.gender,
          next.phone,
          next.address,
          next.organisation,
          next.old_id_number,
          next.id_issue_date,
          visitorKey({
            fullName: next.full_name,
            organisation: next.organisation,
            idNumber: known.id_number,
            phone: next.phone,
            oldIdNumber: next.old_id_number,
          }),
          stamp,
          known.id,
        ],
      )
      ctx.audit.change('visitor', known.id, visitorAudit(known), visitorAudit(updated))
    }
  }

  const h = input.health
  const refused = reasons.length > 0
  const result = (await m.query(
    `INSERT INTO visits (visitor_id, host_unit_id, host_person, purpose, badge_number, checked_in_at, late_reason,
       outcome, refusal_reasons, temperature, symptoms, contact_with_case, from_case_area, declared_on_app,
       mask_worn, watch_reason, note, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [
      visitorId,
      input.hostUnitId,
      input.hostPerson,
      input.purpose,
      input.badgeNumber,
      at.toISOString(),
      input.checkedInAt ? input.lateReason : null,
      refused ? 'refused' : 'admitted',
      refused ? reasons.join(', ') : null,
      h.temperature,
      [...new Set(h.symptoms ?? [])].join(','),
      h.contactWithCase ? 1 : 0,
      h.fromCaseArea ? 1 : 0,
      h.declaredOnApp === null ? null : h.declaredOnApp ? 1 : 0,
      input.maskWorn ? 1 : 0,
      watch,
      input.note,
      ctx.userId,
      stamp,
      stamp,
    ],
  )) as Array<{ id: number }>
  const visit = await getVisit(m, result[0]!.id)
  ctx.audit.change('visit', visit.id, null, {
    visitorId,
    hostUnitId: visit.hostUnitId,
    checkedInAt: visit.checkedInAt,
    lateReason: visit.lateReason,
    outcome: visit.outcome,
    refusalReasons: visit.refusalReasons,
  })
  if (watch)
    ctx.audit.note(
      'visit',
      visit.id,
      `Khách thuộc danh sách cần lưu ý (${watch}); người trực đã xác nhận tiếp nhận`,
    )
  return visit
}

// ---------------------------------------------------------------- inside and check-out

export async function insideNow(m: EntityManager, q: z.output<typeof InsideQuery>): Promise<InsideList> {
  const rows = (await m.query(
    `${SELECT_VISIT} WHERE v.checked_out_at IS NULL AND v.outcome = 'admitted'
       ${q.hostUnitId ? 'AND v.host_unit_id = ?' : ''}
     ORDER BY u.sort_key, v.checked_in_at, v.id`,
    q.hostUnitId ? [q.hostUnitId] : [],
  )) as VisitRow[]
  return { count: rows.length, items: rows.map(toVisitDto) }
}

function checkOutTime(visit: VisitDto, requested: string | null, reason: string | null, now: Date): Date {
  const at = requested ? new Date(requested) : now
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw AppError.validation({ checkedOutAt: visitMsg.outFuture })
  if (at.toISOString() < visit.checkedInAt) throw AppError.validation({ checkedOutAt: visitMsg.outBeforeIn })
  if (requested && Math.abs(now.getTime() - at.getTime()) > LATE_ENTRY_MINUTES * 60_000 && !reason)
    throw AppError.validation({ reason: visitMsg.reasonRequired })
  return at
}

export async function checkOut(
  ctx: ServiceContext,
  input: z.output<typeof CheckOutInput>,
): Promise<VisitDto> {
  const visit = await getVisit(ctx.m, input.id)
  if (visit.outcome === 'refused') throw AppError.conflict(visitMsg.refusedNoCheckout)
  if (visit.checkedOutAt) throw AppError.conflict(visitMsg.alreadyOut)
  const at = checkOutTime(visit, input.checkedOutAt, input.reason, ctx.now).toISOString()
  await ctx.m.query(
    `UPDATE visits SET checked_out_at = ?, check_out_kind = 'manual', check_out_reason = ?, updated_at = ?
     WHERE id = ? AND checked_out_at IS NULL`,
    [at, input.checkedOutAt ? input.reason : null, ctx.now.toISOString(), visit.id],
  )
  ctx.audit.change(
    'visit',
    visit.id,
    { checkedOutAt: null },
    { checkedOutAt: at, checkOutReason: input.reason },
  )
  return getVisit(ctx.m, visit.id)
}

/**
 * Closing time: checks out exactly the visits the user saw listed. One already gone is skipped;
 * one that arrived after the list was shown is not in `ids` and stays inside.
 */
export async function checkOutAll(
  ctx: ServiceContext,
  input: z.output<typeof CheckOutAllInput>,
  kind: 'closing' | 'automatic' = 'closing',
  at: Date = ctx.now,
): Promise<{ count: number }> {
  let count = 0
  for (const id of new Set(input.ids)) {
    const result = (await ctx.m.query(
      `UPDATE visits SET checked_out_at = max(?, checked_in_at), check_out_kind = ?, updated_at = ?
       WHERE id = ? AND checked_out_at IS NULL AND outcome = 'admitted' RETURNING id`,
      [at.toISOString(), kind, ctx.now.toISOString(), id],
    )) as unknown[]
    if (result.length) {
      count++
      ctx.audit.change(
        'visit',
        id,
        { checkedOutAt: null },
        { checkedOutAt: at.toISOString(), checkOutKind: kind },
      )
    }
  }
  return { count }
}

/** Everyone still inside who came before `cutoff` leaves at `cutoff`, marked automatic. */
export async function autoCheckOut(ctx: ServiceContext, cutoff: Date): Promise<{ count: number }> {
  const ids = (await ctx.m.query(
    `SELECT id FROM visits WHERE checked_out_at IS NULL AND outcome = 'admitted' AND checked_in_at < ?`,
    [cutoff.toISOString()],
  )) as Array<{ id: number }>
  if (!ids.length) return { count: 0 }
  return checkOutAll(ctx, { ids: ids.map((r) => r.id) }, 'automatic', cutoff)
}

/** Corrections: a visit that has ended (out, or refused) changes only with a reason. */
export async function editVisit(
  ctx: ServiceContext,
  input: z.output<typeof VisitEditInput>,
): Promise<VisitDto> {
  const before = await getVisit(ctx.m, input.id)
  const closed = before.checkedOutAt !== null || before.outcome === 'refused'
  if (closed && !input.reason) throw AppError.validation({ reason: visitMsg.closedNeedsReason })
  await requireActiveUnit(ctx.m, input.hostUnitId, 'hostUnitId')
  const inAt = new Date(input.checkedInAt)
  if (inAt.getTime() > ctx.now.getTime() + CLOCK_SKEW_MS)
    throw AppError.validation({ checkedInAt: visitMsg.future })
  if (before.outcome === 'refused' && input.checkedOutAt)
    throw AppError.validation({ checkedOutAt: visitMsg.refusedNoCheckout })
  if (input.checkedOutAt) {
    if (new Date(input.checkedOutAt).getTime() > ctx.now.getTime() + CLOCK_SKEW_MS)
      throw AppError.validation({ checkedOutAt: visitMsg.outFuture })
    if (new Date(input.checkedOutAt) < inAt) throw AppError.validation({ checkedOutAt: visitMsg.outBeforeIn })
  }
  const outIso = input.checkedOutAt ? new Date(input.checkedOutAt).toISOString() : null
  await ctx.m.query(
    `UPDATE visits SET host_unit_id = ?, host_person = ?, purpose = ?, badge_number = ?, checked_in_at = ?,
       checked_out_at = ?, check_out_kind = CASE WHEN ? IS NULL THEN NULL ELSE coalesce(check_out_kind, 'manual') END,
       check_out_unrecorded = CASE WHEN ? IS checked_out_at THEN check_out_unrecorded ELSE 0 END,
       note = ?, updated_at = ? WHERE id = ?`,
    [
      input.hostUnitId,
      input.hostPerson,
      input.purpose,
      input.badgeNumber,
      inAt.toISOString(),
      outIso,
      outIso,
      outIso,
      input.note,
      ctx.now.toISOString(),
      input.id,
    ],
  )
  const after = await getVisit(ctx.m, input.id)
  const fields = (v: VisitDto) => ({
    hostUnitId: v.hostUnitId,
    hostPerson: v.hostPerson,
    purpose: v.purpose,
    badgeNumber: v.badgeNumber,
    checkedInAt: v.checkedInAt,
    checkedOutAt: v.checkedOutAt,
    note: v.note,
  })
  ctx.audit.change('visit', input.id, fields(before), fields(after))
  if (input.reason) ctx.audit.note('visit', input.id, `Lý do sửa: ${input.reason}`)
  return after
}

// ---------------------------------------------------------------- search

/** Above this many matching visitors a name is common: walk visits newest first instead. */
const DENSE_MATCHES = 2000
const COUNT_CAP = 10_000
/** Reading a visit while walking the time index costs about this many sorted index entries. */
const WALK_COST = 1

/**
 * Visits by visitor (name, organisation, ID number, phone — diacritics ignored), unit, dates and
 * outcome, newest first. A rare name is looked up through its few visitors; a common one by
 * walking visits in time order, which stops as soon as the page is full. `total` stops counting
 * at 10,001 ("more than 10,000").
 */
export async function searchVisits(
  m: EntityManager,
  q: z.output<typeof VisitSearchQuery>,
): Promise<Page<VisitDto>> {
  const where: string[] = []
  const params: Record<string, unknown> = {}
  if (q.from) {
    where.push('v.checked_in_at >= :from')
    params.from = vietnamDayStart(q.from).toISOString()
  }
  if (q.to) {
    where.push('v.checked_in_at < :to')
    params.to = vietnamDayEnd(q.to).toISOString()
  }
  if (q.hostUnitId) {
    where.push('v.host_unit_id = :unit')
    params.unit = q.hostUnitId
  }
  if (q.visitorId) {
    where.push('v.visitor_id = :visitor')
    params.visitor = q.visitorId
  }
  if (q.outcome !== 'all') {
    where.push('v.outcome = :outcome')
    params.outcome = q.outcome
  }
  const offset = (q.page - 1) * q.pageSize
  // Only a name search needs the visitors table; the rest reads the visits indexes.
  let from = 'visits v'
  let count = { from, where: [...where] }
  let visitorIds: string | null = null
  const search = searchJoin('visitors', 'p', q.q)
  if (search) {
    const matches = await namedQuery<{ id: number }>(
      m,
      `SELECT p.id FROM visitors p ${search.join} WHERE ${search.where} LIMIT ${DENSE_MATCHES + 1}`,
      search.params,
    )
    if (matches.length <= DENSE_MATCHES) {
      visitorIds = matches.map((r) => r.id).join(',') || 'NULL'
      count.where.push(`v.visitor_id IN (${visitorIds})`)
    } else {
      // Many visitors (a common name): the capped count lets the index drive, so it stops at
      // the cap; the page walks visits newest first keeping a matching visitor's (the unary +
      // stops SQLite from fetching every match by visitor and sorting them all).
      count = {
        from: `visitors p ${search.join} JOIN visits v ON v.visitor_id = p.id`,
        where: [...where, search.where],
      }
      const dense = searchCondition('visitors', 'p', q.q, 'q', '+v.visitor_id')!
      from = 'visits v JOIN visitors p ON p.id = v.visitor_id'
      where.push(dense.sql)
      Object.assign(params, dense.params, search.params)
    }
  }
  const [{ n }] = (await namedQuery<{ n: number }>(
    m,
    `SELECT count(*) AS n FROM (SELECT 1 FROM ${count.from} ${whereOf(count.where)} LIMIT ${COUNT_CAP + 1})`,
    params,
  )) as [{ n: number }]
  if (visitorIds !== null) {
    // Sorting the matches' (visitor, time) index entries costs about n; walking visits newest
    // first until the page is full reads about (offset + page) × all / n rows, each dearer.
    const [{ last }] = (await m.query('SELECT max(id) AS last FROM visits')) as [{ last: number | null }]
    const walk = n * n > WALK_COST * (offset + q.pageSize) * (last ?? 0)
    where.push(`${walk ? '+' : ''}v.visitor_id IN (${visitorIds})`)
  }
  // The page's ids first (index entries only), then the 50 rows with their joins.
  const rows = await namedQuery<VisitRow>(
    m,
    `${SELECT_VISIT} WHERE v.id IN (
       SELECT v.id FROM ${from} ${whereOf(where)}
       ORDER BY v.checked_in_at DESC, v.id DESC LIMIT :limit OFFSET :offset)
     ORDER BY v.checked_in_at DESC, v.id DESC`,
    { ...params, limit: q.pageSize, offset },
  )
  return { items: rows.map(toVisitDto), total: n, page: q.page, pageSize: q.pageSize }
}

const whereOf = (parts: string[]) => (parts.length ? `WHERE ${parts.join(' AND ')}` : '')

// ---------------------------------------------------------------- watchlist

interface WatchRow {
  id: number
  id_number: string | null
  full_name: string | null
  reason: string
  active: number
  created_at: string
}

const toWatchDto = (r: WatchRow): WatchDto => ({
  id: r.id,
  idNumberMasked: r.id_number ? maskIdNumber(r.id_number) : null,
  fullName: r.full_name,
  reason: r.reason,
  active: r.active === 1,
  createdAt: r.created_at,
})

export async function listWatch(m: EntityManager): Promise<WatchDto[]> {
  const rows = (await m.query(
    'SELECT id, id_number, full_name, reason, active, created_at FROM watchlist ORDER BY active DESC, id DESC',
  )) as WatchRow[]
  return rows.map(toWatchDto)
}

/** One entry as the office opens it to edit: the whole ID number. */
export async function getWatch(m: EntityManager, id: number): Promise<WatchEntryDto> {
  const [row] = (await m.query(
    'SELECT id, id_number, full_name, reason, active, created_at FROM watchlist WHERE id = ?',
    [id],
  )) as WatchRow[]
  if (!row) throw AppError.notFound('Không tìm thấy mục trong danh sách cần lưu ý')
  return { ...toWatchDto(row), idNumber: row.id_number }
}

/** What goes back to the list after a save: the number masked again. */
const listed = (e: WatchEntryDto): WatchDto => ({
  id: e.id,
  idNumberMasked: e.idNumberMasked,
  fullName: e.fullName,
  reason: e.reason,
  active: e.active,
  createdAt: e.createdAt,
})

const watchAudit = (w: Pick<WatchEntryDto, 'idNumber' | 'fullName' | 'reason' | 'active'>) => ({
  idNumber: w.idNumber,
  fullName: w.fullName,
  reason: w.reason,
  active: w.active,
})

export async function saveWatch(
  ctx: ServiceContext,
  input: z.output<typeof WatchInput> | z.output<typeof WatchUpdateInput>,
): Promise<WatchDto> {
  const stamp = ctx.now.toISOString()
  const nameKey = input.fullName ? searchKey(input.fullName) : null
  if ('id' in input) {
    const before = await getWatch(ctx.m, input.id)
    await ctx.m.query(
      'UPDATE watchlist SET id_number = ?, full_name = ?, name_key = ?, reason = ?, active = ?, updated_at = ? WHERE id = ?',
      [input.idNumber, input.fullName, nameKey, input.reason, input.active ? 1 : 0, stamp, input.id],
    )
    const after = await getWatch(ctx.m, input.id)
    ctx.audit.change('watch', input.id, watchAudit(before), watchAudit(after))
    return listed(after)
  }
  const [row] = (await ctx.m.query(
    `INSERT INTO watchlist (id_number, full_name, name_key, reason, active, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [input.idNumber, input.fullName, nameKey, input.reason, input.active ? 1 : 0, stamp, stamp],
  )) as Array<{ id: number }>
  const created = await getWatch(ctx.m, row!.id)
  ctx.audit.change('watch', created.id, null, watchAudit(created))
  return listed(created)
}
