import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import {
  CLOCK_SKEW_MS,
  FEVER_FROM,
  LATE_ENTRY_MINUTES,
  screeningGaps,
  symptomLabels,
  visitMsg,
} from '@shared/visitors/schemas'
import type { CheckInInput, VisitDto, VisitorFields } from '@shared/visitors/schemas'
import { formatDateTime } from '@shared/text/dates'
import { searchKeyOf } from '@shared/text/search-key'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { findActiveUnit } from '../units/service'
import { VisitEntity, VisitorEntity } from './entities'
import type { VisitorRow } from './entities'
import { toVisitDto, visitorAudit } from './mapping'
import { insideSince } from './search'
import { watchHit } from './watchlist'
import { lockUntilCommit } from '../db/engine'

type CheckIn = z.output<typeof CheckInInput>
type Visitor = z.output<typeof VisitorFields>

export async function requireActiveUnit(
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
const visitorKey = (
  v: Pick<VisitorRow, 'fullName' | 'organisation' | 'idNumber' | 'phone' | 'oldIdNumber'>,
) => searchKeyOf(v.fullName, v.organisation, v.idNumber, v.phone, v.oldIdNumber)

/** What a visit's row shows of its visitor. */
type StoredVisitor = Pick<VisitorRow, 'id' | 'fullName' | 'idType' | 'idNumber' | 'phone' | 'organisation'>

/** A new visitor, or a returning one's stored details brought up to date: the visitor as stored. */
async function recordVisitor(
  ctx: ServiceContext,
  given: Visitor,
  known: VisitorRow | null,
  updateVisitor: boolean,
): Promise<StoredVisitor> {
  const repo = ctx.m.getRepository(VisitorEntity)
  const stamp = ctx.now.toISOString()
  if (!known) {
    const { identifiers } = await repo.insert({
      fullName: given.fullName,
      idType: given.idType,
      idNumber: given.idNumber,
      dateOfBirth: given.dateOfBirth,
      gender: given.gender,
      phone: given.phone,
      address: given.address,
      organisation: given.organisation,
      oldIdNumber: given.oldIdNumber,
      idIssueDate: given.idIssueDate,
      searchKey: visitorKey(given),
      createdAt: stamp,
      updatedAt: stamp,
    })
    const id = Number(identifiers[0]!.id)
    ctx.audit.change('visitor', id, null, visitorAudit(given))
    return { ...given, id }
  }
  // A returning visitor keeps the stored details unless the receptionist confirmed the new ones;
  // gaps in the stored record are filled either way.
  const pick = <T>(stored: T | null, fresh: T | null): T | null =>
    updateVisitor ? (fresh ?? stored) : (stored ?? fresh)
  const next = {
    fullName: updateVisitor ? given.fullName : (known.fullName ?? given.fullName),
    dateOfBirth: pick(known.dateOfBirth, given.dateOfBirth),
    gender: pick(known.gender, given.gender),
    phone: pick(known.phone, given.phone),
    address: pick(known.address, given.address),
    organisation: pick(known.organisation, given.organisation),
    oldIdNumber: pick(known.oldIdNumber, given.oldIdNumber),
    idIssueDate: pick(known.idIssueDate, given.idIssueDate),
  }
  const updated = { ...known, ...next, anonymisedAt: null }
  if (JSON.stringify(visitorAudit(updated)) !== JSON.stringify(visitorAudit(known)) || known.anonymisedAt) {
    await repo.update(known.id, {
      ...next,
      searchKey: visitorKey(updated),
      anonymisedAt: null,
      updatedAt: stamp,
    })
    ctx.audit.change('visitor', known.id, visitorAudit(known), visitorAudit(updated))
  }
  return updated
}

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
  const unit = await requireActiveUnit(m, input.hostUnitId, 'hostUnitId')
  const given = input.visitor
  // A first visit of one ID number on two seats at once: the second finds the visitor the first made.
  if (given.idNumber) await lockUntilCommit(m, `visitor-id:${given.idNumber}`)
  const known = given.idNumber
    ? await m
        .createQueryBuilder(VisitorEntity, 'p')
        .where('p.idNumber = :idNumber', { idNumber: given.idNumber })
        .getOne()
    : null

  const questions: Record<string, string> = {}
  const reasons = refusalReasons(input.health)
  if (reasons.length && !input.confirmRefusal) questions.confirmRefusal = visitMsg.refusal(reasons.join(', '))
  const watch = await watchHit(m, given)
  if (watch && !input.confirmWatch) questions.confirmWatch = visitMsg.watch(watch)
  if (known && !reasons.length) {
    const inside = await insideSince(m, known.id)
    if (inside && !input.confirmInside) questions.confirmInside = visitMsg.inside(formatDateTime(inside))
  }
  if (Object.keys(questions).length) throw AppError.conflict(Object.values(questions).join('\n'), questions)

  const visitor = await recordVisitor(ctx, given, known, input.updateVisitor)
  const h = input.health
  const refused = reasons.length > 0
  const stamp = now.toISOString()
  const row = {
    visitorId: visitor.id,
    hostUnitId: unit.id,
    hostPerson: input.hostPerson,
    purpose: input.purpose,
    badgeNumber: input.badgeNumber,
    checkedInAt: at.toISOString(),
    lateReason: input.checkedInAt ? input.lateReason : null,
    checkedOutAt: null,
    checkOutKind: null,
    checkOutReason: null,
    checkOutUnrecorded: false,
    outcome: refused ? ('refused' as const) : ('admitted' as const),
    refusalReasons: refused ? reasons.join(', ') : null,
    temperature: h.temperature,
    symptoms: [...new Set(h.symptoms ?? [])].join(','),
    contactWithCase: h.contactWithCase === true,
    fromCaseArea: h.fromCaseArea === true,
    declaredOnApp: h.declaredOnApp,
    maskWorn: input.maskWorn,
    watchReason: watch,
    note: input.note,
  }
  const { identifiers } = await m
    .getRepository(VisitEntity)
    .insert({ ...row, createdBy: ctx.userId, createdAt: stamp, updatedAt: stamp })
  // The visit as getVisit() would read it back, from what was just written.
  const visit = toVisitDto({
    ...row,
    id: Number(identifiers[0]!.id),
    visitorName: visitor.fullName,
    idType: visitor.idType,
    idNumber: visitor.idNumber,
    phone: visitor.phone,
    organisation: visitor.organisation,
    hostUnitName: unit.name,
  })
  ctx.audit.change('visit', visit.id, null, {
    visitorId: visitor.id,
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
