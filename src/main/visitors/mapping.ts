import type { EntityManager, SelectQueryBuilder } from 'typeorm'
import { visitMsg } from '@shared/visitors/schemas'
import type { Symptom, VisitDto, VisitorDto, VisitorFields } from '@shared/visitors/schemas'
import type { z } from 'zod'
import { maskIdNumber } from '@shared/visitors/cccd-qr'
import { AppError } from '../core/errors'
import { UnitEntity } from '../units/entities'
import { VisitEntity, VisitorEntity } from './entities'
import type { VisitRow, VisitorRow } from './entities'

/** Stored names can be erased by the retention purge; lists still need a label. */
export const ANONYMISED_NAME = '(đã xoá thông tin cá nhân)'

/** A visit as lists show it: the visit's columns with its visitor's and unit's (aliases as in VisitDto). */
const VISIT_COLUMNS = {
  id: 'v.id',
  visitorId: 'v.visitorId',
  visitorName: 'p.fullName',
  idType: 'p.idType',
  idNumber: 'p.idNumber',
  phone: 'p.phone',
  organisation: 'p.organisation',
  hostUnitId: 'v.hostUnitId',
  hostUnitName: 'u.name',
  hostPerson: 'v.hostPerson',
  purpose: 'v.purpose',
  badgeNumber: 'v.badgeNumber',
  checkedInAt: 'v.checkedInAt',
  lateReason: 'v.lateReason',
  checkedOutAt: 'v.checkedOutAt',
  checkOutKind: 'v.checkOutKind',
  checkOutReason: 'v.checkOutReason',
  checkOutUnrecorded: 'v.checkOutUnrecorded',
  outcome: 'v.outcome',
  refusalReasons: 'v.refusalReasons',
  temperature: 'v.temperature',
  symptoms: 'v.symptoms',
  contactWithCase: 'v.contactWithCase',
  fromCaseArea: 'v.fromCaseArea',
  declaredOnApp: 'v.declaredOnApp',
  maskWorn: 'v.maskWorn',
  watchReason: 'v.watchReason',
  note: 'v.note',
} as const

/** A raw visit row: booleans as the driver gives them (0/1 on SQLite, true/false on PostgreSQL). */
type RawBoolean = boolean | number
export interface VisitListRow extends Pick<
  VisitRow,
  | 'id'
  | 'visitorId'
  | 'hostUnitId'
  | 'hostPerson'
  | 'purpose'
  | 'badgeNumber'
  | 'checkedInAt'
  | 'lateReason'
  | 'checkedOutAt'
  | 'checkOutKind'
  | 'checkOutReason'
  | 'outcome'
  | 'refusalReasons'
  | 'temperature'
  | 'symptoms'
  | 'watchReason'
  | 'note'
> {
  visitorName: string | null
  idType: VisitorRow['idType']
  idNumber: string | null
  phone: string | null
  organisation: string | null
  hostUnitName: string
  checkOutUnrecorded: RawBoolean
  contactWithCase: RawBoolean
  fromCaseArea: RawBoolean
  declaredOnApp: RawBoolean | null
  maskWorn: RawBoolean
}

/** Visits with their visitor and host unit, `v`, `p` and `u`; read with getRawMany<VisitListRow>(). */
export function visitQuery(m: EntityManager): SelectQueryBuilder<VisitRow> {
  const qb = m
    .createQueryBuilder(VisitEntity, 'v')
    .innerJoin(VisitorEntity.options.name, 'p', 'p.id = v.visitorId')
    .innerJoin(UnitEntity.options.name, 'u', 'u.id = v.hostUnitId')
    .select([])
  for (const [alias, column] of Object.entries(VISIT_COLUMNS)) qb.addSelect(column, alias)
  return qb
}

export function toVisitDto(r: VisitListRow): VisitDto {
  return {
    id: r.id,
    visitorId: r.visitorId,
    visitorName: r.visitorName ?? ANONYMISED_NAME,
    idType: r.idType,
    idNumberMasked: r.idNumber ? maskIdNumber(r.idNumber) : null,
    phone: r.phone,
    organisation: r.organisation,
    hostUnitId: r.hostUnitId,
    hostUnitName: r.hostUnitName,
    hostPerson: r.hostPerson,
    purpose: r.purpose,
    badgeNumber: r.badgeNumber,
    checkedInAt: r.checkedInAt,
    lateReason: r.lateReason,
    checkedOutAt: r.checkedOutAt,
    checkOutKind: r.checkOutKind,
    checkOutReason: r.checkOutReason,
    checkOutUnrecorded: Boolean(r.checkOutUnrecorded),
    outcome: r.outcome,
    refusalReasons: r.refusalReasons,
    temperature: r.temperature,
    symptoms: r.symptoms ? (r.symptoms.split(',') as Symptom[]) : [],
    contactWithCase: Boolean(r.contactWithCase),
    fromCaseArea: Boolean(r.fromCaseArea),
    declaredOnApp: r.declaredOnApp === null ? null : Boolean(r.declaredOnApp),
    maskWorn: Boolean(r.maskWorn),
    watchReason: r.watchReason,
    note: r.note,
  }
}

export function toVisitorDto(r: VisitorRow): VisitorDto {
  return {
    id: r.id,
    fullName: r.fullName ?? ANONYMISED_NAME,
    idType: r.idType,
    idNumberMasked: r.idNumber ? maskIdNumber(r.idNumber) : null,
    dateOfBirth: r.dateOfBirth,
    gender: r.gender,
    phone: r.phone,
    address: r.address,
    organisation: r.organisation,
    oldIdNumberMasked: r.oldIdNumber ? maskIdNumber(r.oldIdNumber) : null,
    idIssueDate: r.idIssueDate,
    anonymised: r.anonymisedAt !== null,
  }
}

/** What the audit trail sees of a visitor (stored or typed): personal fields are masked by the recorder. */
export const visitorAudit = (r: VisitorRow | z.output<typeof VisitorFields>) => ({
  fullName: r.fullName,
  idNumber: r.idNumber,
  dateOfBirth: r.dateOfBirth,
  phone: r.phone,
  address: r.address,
  organisation: r.organisation,
  oldIdNumber: r.oldIdNumber,
  idIssueDate: r.idIssueDate,
})

export async function getVisit(m: EntityManager, id: number): Promise<VisitDto> {
  const row = await visitQuery(m).where('v.id = :id', { id }).getRawOne<VisitListRow>()
  if (!row) throw AppError.notFound(visitMsg.visitNotFound)
  return toVisitDto(row)
}

export async function requireVisitor(m: EntityManager, id: number): Promise<VisitorRow> {
  const row = await m.getRepository(VisitorEntity).findOneBy({ id })
  if (!row) throw AppError.notFound(visitMsg.visitorNotFound)
  return row
}
