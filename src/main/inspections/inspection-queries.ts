import type { EntityManager, SelectQueryBuilder } from 'typeorm'
import { In } from 'typeorm'
import type { z } from 'zod'
import type { Page } from '@shared/contract'
import { inspectionMsg, scoreOf } from '@shared/inspections/schemas'
import type {
  InspectionDto,
  InspectionListQuery,
  InspectionSummaryDto,
  ItemResult,
  PhotoDto,
} from '@shared/inspections/schemas'
import { AppError } from '../core/errors'
import { UnitEntity } from '../units/entities'
import { teamMemberDto } from './attendees'
import {
  InspectionEntity,
  InspectionItemEntity,
  InspectionPhotoEntity,
  InspectionPlanEntity,
  InspectionRepresentativeEntity,
  InspectionTemplateEntity,
  MinutesVersionEntity,
  RecommendationEntity,
  TeamMemberEntity,
  ViolationEntity,
} from './entities'
import type { InspectionPhotoRow, InspectionRow } from './entities'
import { reference } from './lookups'
import { recommendationDto } from './recommendations'
import { documentsOfInspections, signedScanCounts } from './documents'

/** What an inspection shows of the unit, plan and template it names. */
interface Labels {
  unit_name: string
  plan_number: number | string | null
  plan_symbol: string | null
  template_name: string | null
  template_version: number | string | null
}

const orNull = (v: number | string | null) => (v === null ? null : Number(v))
const planReference = (l: Pick<Labels, 'plan_number' | 'plan_symbol'>) =>
  l.plan_number === null ? null : reference(Number(l.plan_number), l.plan_symbol!)

const photoDto = (p: InspectionPhotoRow): PhotoDto => ({ id: p.id, caption: p.caption, mimeType: p.mimeType })

/** Rows of `ids`' inspections, in chunks so that no statement binds too many values. */
async function byInspections<T extends { inspectionId: number | null }>(
  ids: number[],
  load: (chunk: number[]) => Promise<T[]>,
): Promise<Map<number, T[]>> {
  const out = new Map<number, T[]>(ids.map((id) => [id, []]))
  for (let i = 0; i < ids.length; i += CHUNK)
    for (const row of await load(ids.slice(i, i + CHUNK))) out.get(row.inspectionId!)!.push(row)
  return out
}

const CHUNK = 500

export async function getInspection(m: EntityManager, id: number): Promise<InspectionDto> {
  const [found] = await readInspections(m, [id])
  if (!found) throw AppError.notFound(inspectionMsg.inspectionNotFound)
  return found
}

/**
 * Whole inspections, in the order of `ids` (those that exist): one statement per table for
 * all of them, since the plan report reads every finalised inspection of a plan.
 */
export async function readInspections(m: EntityManager, ids: number[]): Promise<InspectionDto[]> {
  const heads = new Map<number, { row: InspectionRow; labels: Labels }>()
  for (let i = 0; i < ids.length; i += CHUNK) {
    const { entities, raw } = await m
      .createQueryBuilder(InspectionEntity, 'i')
      .innerJoin(UnitEntity.options.name, 'u', 'u.id = i.unitId')
      .leftJoin(InspectionPlanEntity.options.name, 'p', 'p.id = i.planId')
      .leftJoin(InspectionTemplateEntity.options.name, 't', 't.id = i.templateId')
      .addSelect('u.name', 'unit_name')
      .addSelect('p.number', 'plan_number')
      .addSelect('p.symbol', 'plan_symbol')
      .addSelect('t.name', 'template_name')
      .addSelect('t.version', 'template_version')
      .where('i.id IN (:...ids)', { ids: ids.slice(i, i + CHUNK) })
      .getRawAndEntities<Labels>()
    entities.forEach((row, n) => heads.set(row.id, { row, labels: raw[n]! }))
  }
  const found = ids.filter((id) => heads.has(id))
  // Versions and documents (signed scans, evidence) come with finalising: a draft has none.
  const finals = found.filter((id) => heads.get(id)!.row.status === 'final')
  const ordered = { position: 'ASC' } as const
  const photos = await byInspections(found, (chunk) =>
    m.getRepository(InspectionPhotoEntity).find({ where: { inspectionId: In(chunk) }, order: { id: 'ASC' } }),
  )
  const items = await byInspections(found, (chunk) =>
    m.getRepository(InspectionItemEntity).find({ where: { inspectionId: In(chunk) }, order: ordered }),
  )
  const violations = await byInspections(found, (chunk) =>
    m.getRepository(ViolationEntity).find({ where: { inspectionId: In(chunk) }, order: ordered }),
  )
  const recommendations = await byInspections(found, (chunk) =>
    m.getRepository(RecommendationEntity).find({ where: { inspectionId: In(chunk) }, order: ordered }),
  )
  const versions = await byInspections(finals, (chunk) =>
    m.getRepository(MinutesVersionEntity).find({
      select: { inspectionId: true, version: true, reason: true, finalisedAt: true },
      where: { inspectionId: In(chunk) },
      order: { version: 'ASC' },
    }),
  )
  const documents = await documentsOfInspections(m, finals)
  const teams = await byInspections(found, (chunk) =>
    m.getRepository(TeamMemberEntity).find({ where: { inspectionId: In(chunk) }, order: ordered }),
  )
  const representatives = await byInspections(found, (chunk) =>
    m
      .getRepository(InspectionRepresentativeEntity)
      .find({ where: { inspectionId: In(chunk) }, order: ordered }),
  )
  return found.map((id) => {
    const { row: r, labels } = heads.get(id)!
    const shots = photos.get(id)!
    const checklist = items.get(id)!.map((i) => ({
      id: i.id,
      section: i.section,
      text: i.text,
      result: i.result,
      note: i.note,
      severity: i.severity,
      photos: shots.filter((p) => p.itemId === i.id).map(photoDto),
    }))
    return {
      id: r.id,
      planId: r.planId,
      planReference: planReference(labels),
      unitId: r.unitId,
      unitName: labels.unit_name,
      kind: r.kind,
      unannounced: r.unannounced,
      date: r.date,
      startTime: r.startTime,
      endTime: r.endTime,
      location: r.location,
      team: teams.get(id)!.map(teamMemberDto),
      representatives: representatives.get(id)!.map((p) => ({ fullName: p.fullName, title: p.title })),
      copies: r.minutesCopies,
      templateId: r.templateId,
      templateName: labels.template_name,
      templateVersion: orNull(labels.template_version),
      items: checklist,
      strengths: r.strengths,
      shortcomings: r.shortcomings,
      violations: violations.get(id)!.map((v) => ({
        id: v.id,
        offenderKind: v.offenderKind,
        offender: v.offender,
        description: v.description,
        handling: v.handling,
        handlingState: v.handlingState,
        photos: shots.filter((p) => p.violationId === v.id).map(photoDto),
      })),
      recommendations: recommendations.get(id)!.map((x) =>
        recommendationDto(
          x,
          documents.filter((d) => d.recommendationId === x.id).map((d) => d.dto),
        ),
      ),
      conclusion: r.conclusion,
      status: r.status,
      minutesYear: r.minutesYear,
      minutesNumber: r.minutesNumber,
      versions: (versions.get(id) ?? []).map((v) => ({
        version: v.version,
        reason: v.reason,
        finalisedAt: v.finalisedAt,
      })),
      signedScans: documents
        .filter((d) => d.inspectionId === id && d.kind === 'signed_scan')
        .map((d) => d.dto),
      score: scoreOf(checklist.map((i) => i.result)),
    }
  })
}

/** Items met and not met per inspection of `ids`. */
async function resultsOf(m: EntityManager, ids: number[]) {
  const out = new Map<number, { pass: number; fail: number }>(ids.map((id) => [id, { pass: 0, fail: 0 }]))
  if (!ids.length) return out
  const rows = await m
    .createQueryBuilder(InspectionItemEntity, 'x')
    .select('x.inspectionId', 'inspection_id')
    .addSelect('x.result', 'result')
    .addSelect('COUNT(*)', 'n')
    .where('x.inspectionId IN (:...ids)', { ids })
    .andWhere('x.result IN (:...results)', { results: ['pass', 'fail'] })
    .groupBy('x.inspectionId')
    .addGroupBy('x.result')
    .getRawMany<{ inspection_id: number | string; result: 'pass' | 'fail'; n: number | string }>()
  for (const r of rows) out.get(Number(r.inspection_id))![r.result] = Number(r.n)
  return out
}

/** The rows of `qb` (inspections `i`, ordered and paged) as list lines with their scores. */
async function summaries(
  m: EntityManager,
  qb: SelectQueryBuilder<InspectionRow>,
): Promise<InspectionSummaryDto[]> {
  const { entities, raw } = await qb
    .innerJoin(UnitEntity.options.name, 'u', 'u.id = i.unitId')
    .leftJoin(InspectionPlanEntity.options.name, 'p', 'p.id = i.planId')
    .addSelect('u.name', 'unit_name')
    .addSelect('p.number', 'plan_number')
    .addSelect('p.symbol', 'plan_symbol')
    .getRawAndEntities<Pick<Labels, 'unit_name' | 'plan_number' | 'plan_symbol'>>()
  const ids = entities.map((i) => i.id)
  const [results, scans] = [await resultsOf(m, ids), await signedScanCounts(m, ids)]
  return entities.map((i, n) => {
    const { pass, fail } = results.get(i.id)!
    return {
      id: i.id,
      planId: i.planId,
      planReference: planReference(raw[n]!),
      unitId: i.unitId,
      unitName: raw[n]!.unit_name,
      kind: i.kind,
      unannounced: i.unannounced,
      date: i.date,
      status: i.status,
      minutesNumber: i.minutesNumber,
      minutesYear: i.minutesYear,
      score: scoreOf([...Array<ItemResult>(pass).fill('pass'), ...Array<ItemResult>(fail).fill('fail')]),
      failedCount: fail,
      signedScanCount: scans.get(i.id)!,
    }
  })
}

/** Every inspection of a unit, newest first: its history of visits and scores. */
export async function unitHistory(m: EntityManager, unitId: number): Promise<InspectionSummaryDto[]> {
  if (!(await m.getRepository(UnitEntity).existsBy({ id: unitId })))
    throw AppError.notFound(inspectionMsg.unitUnknown)
  return summaries(
    m,
    m
      .createQueryBuilder(InspectionEntity, 'i')
      .where('i.unitId = :unitId', { unitId })
      .orderBy('i.date', 'DESC')
      .addOrderBy('i.id', 'DESC'),
  )
}

export async function listInspections(
  m: EntityManager,
  q: z.output<typeof InspectionListQuery>,
): Promise<Page<InspectionSummaryDto>> {
  const qb = m.createQueryBuilder(InspectionEntity, 'i')
  if (q.planId) qb.andWhere('i.planId = :planId', { planId: q.planId })
  if (q.unitId) qb.andWhere('i.unitId = :unitId', { unitId: q.unitId })
  if (q.from) qb.andWhere('i.date >= :from', { from: q.from })
  if (q.to) qb.andWhere('i.date <= :to', { to: q.to })
  if (q.status !== 'all') qb.andWhere('i.status = :status', { status: q.status })
  if (q.result !== 'all') {
    // Met or not is a verdict of finalised minutes only.
    qb.andWhere('i.status = :final', { final: 'final' }).andWhere((sub) => {
      const failed = sub
        .subQuery()
        .select('1')
        .from(InspectionItemEntity, 'x')
        .where('x.inspectionId = i.id')
        .andWhere('x.result = :fail', { fail: 'fail' })
        .getQuery()
      return `${q.result === 'met' ? 'NOT ' : ''}EXISTS ${failed}`
    })
  }
  const total = await qb.getCount()
  const items = await summaries(
    m,
    qb
      .orderBy('i.date', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
  )
  return {
    items,
    total,
    page: q.page,
    pageSize: q.pageSize,
  }
}
