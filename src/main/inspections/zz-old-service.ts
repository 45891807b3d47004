import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { Page } from '@shared/contract'
import { MINUTES_COPIES_DEFAULT, inspectionMsg, scoreOf } from '@shared/inspections/schemas'
import type {
  ChecklistItemDto,
  FollowUpInput,
  InspectionCreateInput,
  InspectionDto,
  InspectionListQuery,
  InspectionSummaryDto,
  InspectionUpdateInput,
  ItemResult,
  MinutesVersionDto,
  OverdueQuery,
  OverdueRecommendationDto,
  PhotoDto,
  PlanDto,
  PlanInput,
  PlanListQuery,
  PlanSummaryDto,
  PlanTargetDto,
  PlanUpdateInput,
  RecommendationDto,
  TeamMemberDto,
  TemplateDto,
  TemplateInput,
  ViolationDto,
} from '@shared/inspections/schemas'
import { searchKeyOf } from '@shared/text/search-key'
import { vietnamDay } from '@shared/text/dates'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { searchCondition } from '../db/sqlite/search-index'
import { bind } from '../db/sql'

type Row = Record<string, unknown>
const rows = async <T = Row>(m: EntityManager, sql: string, params: unknown[] = []) =>
  (await m.query(sql, params)) as T[]
const one = async <T = Row>(m: EntityManager, sql: string, params: unknown[] = []) =>
  (await rows<T>(m, sql, params))[0]
const lastId = async (m: EntityManager) =>
  (await one<{ id: number }>(m, 'SELECT last_insert_rowid() AS id'))!.id

const DEFAULT_TEMPLATE = 'mac-dinh'

// ------------------------------------------------------------------------------------ templates

export async function listTemplates(m: EntityManager): Promise<TemplateDto[]> {
  const heads = await rows<{ id: number; code: string; version: number; name: string; latest: number }>(
    m,
    `SELECT t.id, t.code, t.version, t.name,
            t.version = (SELECT MAX(version) FROM inspection_templates x WHERE x.code = t.code) AS latest
     FROM inspection_templates t ORDER BY t.code = '${DEFAULT_TEMPLATE}' DESC, t.code, t.version DESC`,
  )
  const items = await rows<{ template_id: number; section: string; text: string }>(
    m,
    `SELECT template_id, section, text FROM inspection_template_items ORDER BY template_id, position`,
  )
  return heads.map((t) => ({
    id: t.id,
    code: t.code,
    version: t.version,
    name: t.name,
    latest: t.latest === 1,
    items: items.filter((i) => i.template_id === t.id).map((i) => ({ section: i.section, text: i.text })),
  }))
}

/** Saving never changes a version an inspection may have used: it adds the next one. */
export async function saveTemplate(
  ctx: ServiceContext,
  input: z.output<typeof TemplateInput>,
): Promise<TemplateDto> {
  const { m } = ctx
  let code: string
  if (input.baseId) {
    const base = await one<{ code: string }>(m, `SELECT code FROM inspection_templates WHERE id = ?`, [
      input.baseId,
    ])
    if (!base) throw AppError.notFound(inspectionMsg.templateNotFound)
    code = base.code
  } else {
    const n = (await one<{ n: number }>(m, `SELECT COUNT(DISTINCT code) AS n FROM inspection_templates`))!.n
    code = `mau-${n + 1}`
  }
  const version =
    (await one<{ v: number | null }>(m, `SELECT MAX(version) AS v FROM inspection_templates WHERE code = ?`, [
      code,
    ]))!.v ?? 0
  await m.query(`INSERT INTO inspection_templates (code, version, name, created_at) VALUES (?, ?, ?, ?)`, [
    code,
    version + 1,
    input.name,
    ctx.now.toISOString(),
  ])
  const id = await lastId(m)
  for (const [i, item] of input.items.entries())
    await m.query(
      `INSERT INTO inspection_template_items (template_id, position, section, text) VALUES (?, ?, ?, ?)`,
      [id, i + 1, item.section, item.text],
    )
  ctx.audit.change('template', id, null, { code, version: version + 1, name: input.name, items: input.items })
  return (await listTemplates(m)).find((t) => t.id === id)!
}

// ------------------------------------------------------------------------------------ teams

async function readTeam(m: EntityManager, column: 'plan_id' | 'inspection_id', id: number) {
  return (
    await rows<{
      role: TeamMemberDto['role']
      full_name: string
      title: string | null
      unit_id: number | null
      unit_name: string | null
    }>(
      m,
      `SELECT role, full_name, title, unit_id, unit_name FROM team_members WHERE ${column} = ? ORDER BY position`,
      [id],
    )
  ).map((r): TeamMemberDto => ({
    role: r.role,
    fullName: r.full_name,
    title: r.title,
    unitId: r.unit_id,
    unitName: r.unit_name,
  }))
}

async function writeTeam(
  m: EntityManager,
  column: 'plan_id' | 'inspection_id',
  id: number,
  team: TeamMemberDto[],
): Promise<void> {
  await m.query(`DELETE FROM team_members WHERE ${column} = ?`, [id])
  for (const [i, t] of team.entries()) {
    if (t.unitId) await requireUnit(m, t.unitId, `team.${i}.unitId`)
    await m.query(
      `INSERT INTO team_members (${column}, position, role, full_name, title, unit_id, unit_name)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [id, i + 1, t.role, t.fullName, t.title, t.unitId, t.unitName],
    )
  }
}

async function requireUnit(m: EntityManager, unitId: number, field: string): Promise<string> {
  const unit = await one<{ name: string }>(m, `SELECT name FROM units WHERE id = ?`, [unitId])
  if (!unit) throw AppError.validation({ [field]: inspectionMsg.unitUnknown })
  return unit.name
}

// ------------------------------------------------------------------------------------ plans

const reference = (number: number, symbol: string) => `${number}/${symbol}`

export async function listPlans(
  m: EntityManager,
  q: z.output<typeof PlanListQuery>,
): Promise<Page<PlanSummaryDto>> {
  const search = searchCondition('inspection_plans', 'p', q.q)
  const [where, params] = bind(search ? `WHERE ${search.sql}` : '', search?.params ?? {})
  const total = (await one<{ n: number }>(
    m,
    `SELECT COUNT(*) AS n FROM inspection_plans p ${where}`,
    params,
  ))!.n
  const list = await rows<Row>(
    m,
    `SELECT p.id, p.number, p.symbol, p.issued_on, p.title, p.kind, p.period_from, p.period_to,
            (SELECT COUNT(*) FROM plan_units pu WHERE pu.plan_id = p.id) AS unit_count,
            (SELECT COUNT(DISTINCT i.unit_id) FROM inspections i WHERE i.plan_id = p.id AND i.status = 'final') AS inspected
     FROM inspection_plans p ${where} ORDER BY p.issued_on DESC, p.id DESC LIMIT ? OFFSET ?`,
    [...params, q.pageSize, (q.page - 1) * q.pageSize],
  )
  return { items: list.map(planSummary), total, page: q.page, pageSize: q.pageSize }
}

function planSummary(r: Row): PlanSummaryDto {
  return {
    id: r.id as number,
    number: r.number as number,
    symbol: r.symbol as string,
    reference: reference(r.number as number, r.symbol as string),
    issuedOn: r.issued_on as string,
    title: r.title as string,
    kind: r.kind as PlanSummaryDto['kind'],
    periodFrom: r.period_from as string,
    periodTo: r.period_to as string | null,
    unitCount: r.unit_count as number,
    inspectedCount: r.inspected as number,
  }
}

export async function getPlan(m: EntityManager, id: number): Promise<PlanDto> {
  const r = await one<Row>(
    m,
    `SELECT p.*, (SELECT COUNT(*) FROM plan_units pu WHERE pu.plan_id = p.id) AS unit_count,
            (SELECT COUNT(DISTINCT i.unit_id) FROM inspections i WHERE i.plan_id = p.id AND i.status = 'final') AS inspected
     FROM inspection_plans p WHERE p.id = ?`,
    [id],
  )
  if (!r) throw AppError.notFound(inspectionMsg.planNotFound)
  const unitIds = (
    await rows<{ unit_id: number }>(m, `SELECT unit_id FROM plan_units WHERE plan_id = ?`, [id])
  ).map((u) => u.unit_id)
  const due = await rows<{ id: number; name: string }>(
    m,
    `SELECT u.id, u.name FROM plan_units pu JOIN units u ON u.id = pu.unit_id
     WHERE pu.plan_id = ? AND NOT EXISTS (
       SELECT 1 FROM inspections i WHERE i.plan_id = pu.plan_id AND i.unit_id = u.id AND i.status = 'final')
     ORDER BY u.sort_key`,
    [id],
  )
  const targets = await rows<Row>(
    m,
    `SELECT t.label, t.kind_code, t.parent_unit_id, t.percent,
       (SELECT COUNT(*) FROM units u WHERE u.kind_code = t.kind_code AND u.active = 1
          AND (t.parent_unit_id IS NULL OR u.parent_id = t.parent_unit_id)) AS unit_count,
       (SELECT COUNT(DISTINCT i.unit_id) FROM inspections i JOIN units u ON u.id = i.unit_id
          WHERE i.plan_id = t.plan_id AND i.status = 'final' AND u.kind_code = t.kind_code
          AND (t.parent_unit_id IS NULL OR u.parent_id = t.parent_unit_id)) AS inspected
     FROM plan_targets t WHERE t.plan_id = ? ORDER BY t.position`,
    [id],
  )
  return {
    ...planSummary(r),
    purpose: r.purpose as string | null,
    unitIds,
    targets: targets.map((t): PlanTargetDto => ({
      label: t.label as string,
      kindCode: t.kind_code as string,
      parentUnitId: t.parent_unit_id as number | null,
      percent: t.percent as number,
      unitCount: t.unit_count as number,
      targeted: Math.ceil(((t.percent as number) * (t.unit_count as number)) / 100),
      inspected: t.inspected as number,
    })),
    team: await readTeam(m, 'plan_id', id),
    dueUnits: due,
  }
}

async function writePlan(
  ctx: ServiceContext,
  input: z.output<typeof PlanInput>,
  id: number | null,
): Promise<PlanDto> {
  const { m, now } = ctx
  const clash = await one(
    m,
    `SELECT id FROM inspection_plans WHERE symbol = ? AND number = ? AND substr(issued_on, 1, 4) = ? AND id IS NOT ?`,
    [input.symbol, input.number, input.issuedOn.slice(0, 4), id],
  )
  if (clash) throw AppError.validation({ number: inspectionMsg.planNumberTaken })
  for (const [i, unitId] of input.unitIds.entries()) await requireUnit(m, unitId, `unitIds.${i}`)
  for (const [i, t] of input.targets.entries()) {
    if (!(await one(m, `SELECT code FROM unit_kinds WHERE code = ?`, [t.kindCode])))
      throw AppError.validation({ [`targets.${i}.kindCode`]: 'Chọn loại đơn vị trong danh sách' })
    if (t.parentUnitId) await requireUnit(m, t.parentUnitId, `targets.${i}.parentUnitId`)
  }
  const before = id ? await getPlan(m, id) : null
  const values = [
    input.number,
    input.symbol,
    input.issuedOn,
    input.title,
    input.purpose,
    input.kind,
    input.periodFrom,
    input.periodTo,
    searchKeyOf(reference(input.number, input.symbol), input.title),
    now.toISOString(),
  ]
  if (id === null) {
    await m.query(
      `INSERT INTO inspection_plans (number, symbol, issued_on, title, purpose, kind, period_from, period_to,
         search_key, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [...values, now.toISOString()],
    )
    id = await lastId(m)
  } else {
    await m.query(
      `UPDATE inspection_plans SET number = ?, symbol = ?, issued_on = ?, title = ?, purpose = ?, kind = ?,
         period_from = ?, period_to = ?, search_key = ?, updated_at = ? WHERE id = ?`,
      [...values, id],
    )
  }
  await m.query(`DELETE FROM plan_units WHERE plan_id = ?`, [id])
  for (const unitId of new Set(input.unitIds))
    await m.query(`INSERT INTO plan_units (plan_id, unit_id) VALUES (?, ?)`, [id, unitId])
  await m.query(`DELETE FROM plan_targets WHERE plan_id = ?`, [id])
  for (const [i, t] of input.targets.entries())
    await m.query(
      `INSERT INTO plan_targets (plan_id, position, label, kind_code, parent_unit_id, percent) VALUES (?, ?, ?, ?, ?, ?)`,
      [id, i + 1, t.label, t.kindCode, t.parentUnitId, t.percent],
    )
  await writeTeam(m, 'plan_id', id, input.team)
  const after = await getPlan(m, id)
  ctx.audit.change('plan', id, before && planAudit(before), planAudit(after))
  return after
}

const planAudit = (p: PlanDto) => ({
  reference: p.reference,
  issuedOn: p.issuedOn,
  title: p.title,
  purpose: p.purpose,
  kind: p.kind,
  periodFrom: p.periodFrom,
  periodTo: p.periodTo,
  unitIds: p.unitIds,
  targets: p.targets.map((t) => `${t.label}: ${t.percent}%`),
  team: p.team.map((t) => `${t.role}: ${t.fullName}`),
})

export const createPlan = (ctx: ServiceContext, input: z.output<typeof PlanInput>) =>
  writePlan(ctx, input, null)

export async function updatePlan(ctx: ServiceContext, input: z.output<typeof PlanUpdateInput>) {
  if (!(await one(ctx.m, `SELECT id FROM inspection_plans WHERE id = ?`, [input.id])))
    throw AppError.notFound(inspectionMsg.planNotFound)
  return writePlan(ctx, input, input.id)
}

// ------------------------------------------------------------------------------------ inspections

interface InspectionRow {
  id: number
  plan_id: number | null
  plan_number: number | null
  plan_symbol: string | null
  unit_id: number
  unit_name: string
  kind: InspectionDto['kind']
  unannounced: number
  date: string
  start_time: string
  end_time: string | null
  location: string | null
  minutes_copies: number
  template_id: number | null
  template_name: string | null
  template_version: number | null
  strengths: string | null
  shortcomings: string | null
  conclusion: string | null
  status: 'draft' | 'final'
  minutes_year: number | null
  minutes_number: number | null
}

async function photosOf(m: EntityManager, inspectionId: number) {
  return rows<{
    id: number
    item_id: number | null
    violation_id: number | null
    caption: string | null
    mime_type: string
  }>(
    m,
    `SELECT id, item_id, violation_id, caption, mime_type FROM inspection_photos WHERE inspection_id = ? ORDER BY id`,
    [inspectionId],
  )
}

export async function getInspection(m: EntityManager, id: number): Promise<InspectionDto> {
  const r = await one<InspectionRow>(
    m,
    `SELECT i.*, u.name AS unit_name, p.number AS plan_number, p.symbol AS plan_symbol,
            t.name AS template_name, t.version AS template_version
     FROM inspections i JOIN units u ON u.id = i.unit_id
     LEFT JOIN inspection_plans p ON p.id = i.plan_id
     LEFT JOIN inspection_templates t ON t.id = i.template_id
     WHERE i.id = ?`,
    [id],
  )
  if (!r) throw AppError.notFound(inspectionMsg.inspectionNotFound)
  const photos = await photosOf(m, id)
  const photo = (p: (typeof photos)[number]): PhotoDto => ({
    id: p.id,
    caption: p.caption,
    mimeType: p.mime_type,
  })
  const items = (
    await rows<Row>(
      m,
      `SELECT id, section, text, result, note, severity FROM inspection_items WHERE inspection_id = ? ORDER BY position`,
      [id],
    )
  ).map((i): ChecklistItemDto => ({
    id: i.id as number,
    section: i.section as string,
    text: i.text as string,
    result: i.result as ChecklistItemDto['result'],
    note: i.note as string | null,
    severity: i.severity as ChecklistItemDto['severity'],
    photos: photos.filter((p) => p.item_id === i.id).map(photo),
  }))
  const violations = (
    await rows<Row>(m, `SELECT * FROM violations WHERE inspection_id = ? ORDER BY position`, [id])
  ).map((v): ViolationDto => ({
    id: v.id as number,
    offenderKind: v.offender_kind as ViolationDto['offenderKind'],
    offender: v.offender as string,
    description: v.description as string,
    handling: v.handling as string | null,
    handlingState: v.handling_state as ViolationDto['handlingState'],
    photos: photos.filter((p) => p.violation_id === v.id).map(photo),
  }))
  const recommendations = (
    await rows<Row>(m, `SELECT * FROM recommendations WHERE inspection_id = ? ORDER BY position`, [id])
  ).map(recommendationDto)
  const versions = (
    await rows<{ version: number; reason: string | null; finalised_at: string }>(
      m,
      `SELECT version, reason, finalised_at FROM minutes_versions WHERE inspection_id = ? ORDER BY version`,
      [id],
    )
  ).map((v): MinutesVersionDto => ({ version: v.version, reason: v.reason, finalisedAt: v.finalised_at }))
  return {
    id: r.id,
    planId: r.plan_id,
    planReference: r.plan_number ? reference(r.plan_number, r.plan_symbol!) : null,
    unitId: r.unit_id,
    unitName: r.unit_name,
    kind: r.kind,
    unannounced: r.unannounced === 1,
    date: r.date,
    startTime: r.start_time,
    endTime: r.end_time,
    location: r.location,
    team: await readTeam(m, 'inspection_id', id),
    representatives: await rows<{ fullName: string; title: string | null }>(
      m,
      `SELECT full_name AS fullName, title FROM inspection_representatives WHERE inspection_id = ? ORDER BY position`,
      [id],
    ),
    copies: r.minutes_copies,
    templateId: r.template_id,
    templateName: r.template_name,
    templateVersion: r.template_version,
    items,
    strengths: r.strengths,
    shortcomings: r.shortcomings,
    violations,
    recommendations,
    conclusion: r.conclusion,
    status: r.status,
    minutesYear: r.minutes_year,
    minutesNumber: r.minutes_number,
    versions,
    score: scoreOf(items.map((i) => i.result)),
  }
}

function recommendationDto(r: Row): RecommendationDto {
  return {
    id: r.id as number,
    inspectionId: r.inspection_id as number,
    content: r.content as string,
    ownerUnitId: r.owner_unit_id as number | null,
    ownerName: r.owner_name as string | null,
    dueDate: r.due_date as string | null,
    status: r.status as RecommendationDto['status'],
    statusDate: r.status_date as string | null,
    evidence: r.evidence as string | null,
  }
}

async function requirePlan(m: EntityManager, planId: number | null): Promise<void> {
  if (planId && !(await one(m, `SELECT id FROM inspection_plans WHERE id = ?`, [planId])))
    throw AppError.validation({ planId: inspectionMsg.planNotFound })
}

export async function createInspection(
  ctx: ServiceContext,
  input: z.output<typeof InspectionCreateInput>,
): Promise<InspectionDto> {
  const { m, now } = ctx
  await requirePlan(m, input.planId)
  await requireUnit(m, input.unitId, 'unitId')
  const template = input.templateId
    ? await one<{ id: number }>(m, `SELECT id FROM inspection_templates WHERE id = ?`, [input.templateId])
    : await one<{ id: number }>(
        m,
        `SELECT id FROM inspection_templates WHERE code = ? ORDER BY version DESC LIMIT 1`,
        [DEFAULT_TEMPLATE],
      )
  if (!template) throw AppError.validation({ templateId: inspectionMsg.templateNotFound })
  await m.query(
    `INSERT INTO inspections (plan_id, unit_id, kind, unannounced, date, start_time, end_time, location,
       minutes_copies, template_id, status, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)`,
    [
      input.planId,
      input.unitId,
      input.kind,
      input.unannounced ? 1 : 0,
      input.date,
      input.startTime,
      input.endTime,
      input.location,
      input.copies,
      template.id,
      ctx.userId,
      now.toISOString(),
      now.toISOString(),
    ],
  )
  const id = await lastId(m)
  await m.query(
    `INSERT INTO inspection_items (inspection_id, position, section, text)
     SELECT ?, position, section, text FROM inspection_template_items WHERE template_id = ? ORDER BY position`,
    [id, template.id],
  )
  await writeTeam(m, 'inspection_id', id, input.team)
  await writeRepresentatives(m, id, input.representatives)
  const after = await getInspection(m, id)
  ctx.audit.change('inspection', id, null, inspectionAudit(after))
  return after
}

async function writeRepresentatives(
  m: EntityManager,
  id: number,
  list: Array<{ fullName: string; title: string | null }>,
) {
  await m.query(`DELETE FROM inspection_representatives WHERE inspection_id = ?`, [id])
  for (const [i, r] of list.entries())
    await m.query(
      `INSERT INTO inspection_representatives (inspection_id, position, full_name, title) VALUES (?, ?, ?, ?)`,
      [id, i + 1, r.fullName, r.title],
    )
}

/** What the trail keeps of an inspection: every field a person typed, lists as short lines. */
function inspectionAudit(i: InspectionDto) {
  return {
    planId: i.planId,
    unitId: i.unitId,
    kind: i.kind,
    unannounced: i.unannounced,
    date: i.date,
    startTime: i.startTime,
    endTime: i.endTime,
    location: i.location,
    team: i.team.map((t) => `${t.role}: ${t.fullName}`),
    representatives: i.representatives.map((r) => r.fullName),
    copies: i.copies,
    items: i.items.map((x) =>
      `${x.id}: ${x.result ?? '-'}${x.severity ? `/${x.severity}` : ''} ${x.note ?? ''}`.trim(),
    ),
    strengths: i.strengths,
    shortcomings: i.shortcomings,
    violations: i.violations.map((v) => `${v.offender}: ${v.description} → ${v.handling ?? ''}`),
    recommendations: i.recommendations.map((r) => `${r.content} (${r.ownerName ?? ''}, ${r.dueDate ?? ''})`),
    conclusion: i.conclusion,
    status: i.status,
    minutes: i.minutesNumber ? `${i.minutesNumber}/${i.minutesYear}` : null,
  }
}

async function loadForWrite(m: EntityManager, id: number) {
  const r = await one<{ status: 'draft' | 'final' }>(m, `SELECT status FROM inspections WHERE id = ?`, [id])
  if (!r) throw AppError.notFound(inspectionMsg.inspectionNotFound)
  return r
}

/** Rows of a child list kept by id: known ids are updated, new ones inserted, missing ones deleted. */
async function syncChildren<T extends { id: number | null }>(
  m: EntityManager,
  table: 'violations' | 'recommendations',
  inspectionId: number,
  list: T[],
  field: string,
  /** Column names, and each item's values for them in that order (its position first). */
  columns: readonly string[],
  values: (item: T, position: number) => unknown[],
  beforeDelete?: (ids: number[]) => Promise<void>,
) {
  const existing = new Set(
    (await rows<{ id: number }>(m, `SELECT id FROM ${table} WHERE inspection_id = ?`, [inspectionId])).map(
      (r) => r.id,
    ),
  )
  for (const [i, item] of list.entries())
    if (item.id !== null && !existing.has(item.id))
      throw AppError.validation({ [`${field}.${i}.id`]: inspectionMsg.itemsMismatch })
  const kept = new Set(list.map((x) => x.id).filter((x): x is number => x !== null))
  const gone = [...existing].filter((x) => !kept.has(x))
  if (gone.length) {
    await beforeDelete?.(gone)
    await m.query(`DELETE FROM ${table} WHERE id IN (${gone.map(() => '?').join(',')})`, gone)
  }
  const update = `UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`
  const insert = `INSERT INTO ${table} (${columns.join(', ')}, inspection_id)
    VALUES (${columns.map(() => '?').join(', ')}, ?)`
  for (const [i, item] of list.entries())
    await m.query(item.id === null ? insert : update, [
      ...values(item, i + 1),
      item.id === null ? inspectionId : item.id,
    ])
}

async function applyUpdate(
  ctx: ServiceContext,
  input: z.output<typeof InspectionUpdateInput>,
  correcting: boolean,
): Promise<void> {
  const { m, now } = ctx
  const id = input.id
  await requirePlan(m, input.planId)
  await requireUnit(m, input.unitId, 'unitId')
  const itemIds = (
    await rows<{ id: number }>(
      m,
      `SELECT id FROM inspection_items WHERE inspection_id = ? ORDER BY position`,
      [id],
    )
  ).map((r) => r.id)
  const given = input.items.map((i) => i.id)
  if (
    given.length !== itemIds.length ||
    given.some((g) => !itemIds.includes(g)) ||
    new Set(given).size !== given.length
  )
    throw AppError.validation({ items: inspectionMsg.itemsMismatch })
  await m.query(
    `UPDATE inspections SET plan_id = ?, unit_id = ?, kind = ?, unannounced = ?, date = ?, start_time = ?,
       end_time = ?, location = ?, minutes_copies = ?, strengths = ?, shortcomings = ?, conclusion = ?, updated_at = ?
     WHERE id = ?`,
    [
      input.planId,
      input.unitId,
      input.kind,
      input.unannounced ? 1 : 0,
      input.date,
      input.startTime,
      input.endTime,
      input.location,
      input.copies,
      input.strengths,
      input.shortcomings,
      input.conclusion,
      now.toISOString(),
      id,
    ],
  )
  for (const item of input.items)
    await m.query(`UPDATE inspection_items SET result = ?, note = ?, severity = ? WHERE id = ?`, [
      item.result,
      item.note,
      item.severity,
      item.id,
    ])
  await writeTeam(m, 'inspection_id', id, input.team)
  await writeRepresentatives(m, id, input.representatives)
  await syncChildren(
    m,
    'violations',
    id,
    input.violations,
    'violations',
    ['position', 'offender_kind', 'offender', 'description', 'handling', 'handling_state'],
    (v, position) => [position, v.offenderKind, v.offender, v.description, v.handling, v.handlingState],
    async (gone) => {
      // A finalised version may print these photos: a correction keeps them.
      if (!correcting) return
      const withPhotos = await one(
        m,
        `SELECT id FROM inspection_photos WHERE violation_id IN (${gone.map(() => '?').join(',')})`,
        gone,
      )
      if (withPhotos)
        throw AppError.validation({
          violations: 'Vi phạm có ảnh đính kèm không xóa được trong bản đính chính',
        })
    },
  )
  for (const [i, r] of input.recommendations.entries())
    if (r.ownerUnitId) await requireUnit(m, r.ownerUnitId, `recommendations.${i}.ownerUnitId`)
  await syncChildren(
    m,
    'recommendations',
    id,
    input.recommendations,
    'recommendations',
    ['position', 'content', 'owner_unit_id', 'owner_name', 'due_date', 'updated_at'],
    (r, position) => [position, r.content, r.ownerUnitId, r.ownerName, r.dueDate, now.toISOString()],
  )
}

export async function updateInspection(
  ctx: ServiceContext,
  input: z.output<typeof InspectionUpdateInput>,
): Promise<InspectionDto> {
  const current = await loadForWrite(ctx.m, input.id)
  if (current.status !== 'draft') throw AppError.conflict(inspectionMsg.finalised)
  const before = await getInspection(ctx.m, input.id)
  await applyUpdate(ctx, input, false)
  const after = await getInspection(ctx.m, input.id)
  ctx.audit.change('inspection', input.id, inspectionAudit(before), inspectionAudit(after))
  return after
}

/** Keeps what was finalised, as printed: the inspection as it stood, in one JSON text. */
async function snapshot(ctx: ServiceContext, id: number, reason: string | null): Promise<number> {
  const dto = await getInspection(ctx.m, id)
  const version =
    (await one<{ v: number | null }>(
      ctx.m,
      `SELECT MAX(version) AS v FROM minutes_versions WHERE inspection_id = ?`,
      [id],
    ))!.v ?? 0
  await ctx.m.query(
    `INSERT INTO minutes_versions (inspection_id, version, reason, content, finalised_at, finalised_by)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [id, version + 1, reason, JSON.stringify({ ...dto, versions: [] }), ctx.now.toISOString(), ctx.userId],
  )
  return version + 1
}

/**
 * Draft → final: the next minutes number of the minutes' year, given by one statement so that no
 * two finalisations can take the same number (the unique index is the last guard), then the text
 * is fixed as version 1.
 */
export async function finaliseInspection(ctx: ServiceContext, id: number): Promise<InspectionDto> {
  const { m } = ctx
  const current = await loadForWrite(m, id)
  if (current.status !== 'draft') throw AppError.conflict(inspectionMsg.finalised)
  const before = await getInspection(m, id)
  const open = before.items.filter((i) => i.result === null).length
  if (open)
    throw AppError.validation({ items: inspectionMsg.unanswered(open) }, inspectionMsg.unanswered(open))
  await m.query(
    `UPDATE inspections SET status = 'final', minutes_year = CAST(substr(date, 1, 4) AS INTEGER),
       minutes_number = (SELECT COALESCE(MAX(minutes_number), 0) + 1 FROM inspections
                         WHERE minutes_year = CAST(substr(?, 1, 4) AS INTEGER)),
       updated_at = ?
     WHERE id = ? AND status = 'draft'`,
    [before.date, ctx.now.toISOString(), id],
  )
  await snapshot(ctx, id, null)
  const after = await getInspection(m, id)
  ctx.audit.change('inspection', id, inspectionAudit(before), inspectionAudit(after))
  return after
}

/** A correction of finalised minutes: the change is applied and kept as a new version with its reason. */
export async function correctInspection(
  ctx: ServiceContext,
  input: z.output<typeof InspectionUpdateInput> & { reason: string },
): Promise<InspectionDto> {
  const current = await loadForWrite(ctx.m, input.id)
  if (current.status !== 'final') throw AppError.conflict(inspectionMsg.notFinalised)
  const open = input.items.filter((i) => i.result === null).length
  if (open) throw AppError.validation({ items: inspectionMsg.unanswered(open) })
  const before = await getInspection(ctx.m, input.id)
  await applyUpdate(ctx, input, true)
  const version = await snapshot(ctx, input.id, input.reason)
  const after = await getInspection(ctx.m, input.id)
  ctx.audit.change('inspection', input.id, inspectionAudit(before), {
    ...inspectionAudit(after),
    correction: `Phiên bản ${version}: ${input.reason}`,
  })
  return after
}

/** The minutes to print: a finalised version as it was fixed (the latest by default), or the draft as it stands. */
export async function minutesOf(
  m: EntityManager,
  id: number,
  version?: number | null,
): Promise<{ inspection: InspectionDto; version: { number: number; reason: string | null } | null }> {
  const live = await getInspection(m, id)
  if (live.status === 'draft') return { inspection: live, version: null }
  const row = await one<{ content: string; version: number; reason: string | null }>(
    m,
    `SELECT content, version, reason FROM minutes_versions WHERE inspection_id = ?
     ${version ? 'AND version = ?' : 'ORDER BY version DESC LIMIT 1'}`,
    version ? [id, version] : [id],
  )
  if (!row) throw AppError.notFound(inspectionMsg.versionNotFound)
  // Versions finalised before the number of copies was recorded were made in two.
  const stored = JSON.parse(row.content) as Omit<InspectionDto, 'copies'> & { copies?: number }
  return {
    inspection: { ...stored, copies: stored.copies ?? MINUTES_COPIES_DEFAULT, versions: live.versions },
    version: { number: row.version, reason: row.reason },
  }
}

export async function listInspections(
  m: EntityManager,
  q: z.output<typeof InspectionListQuery>,
): Promise<Page<InspectionSummaryDto>> {
  const where: string[] = []
  const params: unknown[] = []
  const add = (sql: string, value: unknown) => {
    where.push(sql)
    params.push(value)
  }
  if (q.planId) add('i.plan_id = ?', q.planId)
  if (q.unitId) add('i.unit_id = ?', q.unitId)
  if (q.from) add('i.date >= ?', q.from)
  if (q.to) add('i.date <= ?', q.to)
  if (q.status !== 'all') add('i.status = ?', q.status)
  if (q.result !== 'all') {
    where.push(`i.status = 'final' AND ${q.result === 'met' ? 'NOT ' : ''}EXISTS (
      SELECT 1 FROM inspection_items x WHERE x.inspection_id = i.id AND x.result = 'fail')`)
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const total = (await one<{ n: number }>(m, `SELECT COUNT(*) AS n FROM inspections i ${clause}`, params))!.n
  const list = await rows<Row>(
    m,
    `SELECT i.id, i.plan_id, p.number AS plan_number, p.symbol AS plan_symbol, i.unit_id, u.name AS unit_name,
            i.kind, i.unannounced, i.date, i.status, i.minutes_number, i.minutes_year,
            (SELECT COUNT(*) FROM inspection_items x WHERE x.inspection_id = i.id AND x.result = 'pass') AS passed,
            (SELECT COUNT(*) FROM inspection_items x WHERE x.inspection_id = i.id AND x.result = 'fail') AS failed
     FROM inspections i JOIN units u ON u.id = i.unit_id LEFT JOIN inspection_plans p ON p.id = i.plan_id
     ${clause} ORDER BY i.date DESC, i.id DESC LIMIT ? OFFSET ?`,
    [...params, q.pageSize, (q.page - 1) * q.pageSize],
  )
  return {
    items: list.map((r) => {
      const passed = r.passed as number
      const failed = r.failed as number
      return {
        id: r.id as number,
        planId: r.plan_id as number | null,
        planReference: r.plan_number ? reference(r.plan_number as number, r.plan_symbol as string) : null,
        unitId: r.unit_id as number,
        unitName: r.unit_name as string,
        kind: r.kind as InspectionSummaryDto['kind'],
        unannounced: r.unannounced === 1,
        date: r.date as string,
        status: r.status as InspectionSummaryDto['status'],
        minutesNumber: r.minutes_number as number | null,
        minutesYear: r.minutes_year as number | null,
        score: scoreOf([
          ...Array<ItemResult>(passed).fill('pass'),
          ...Array<ItemResult>(failed).fill('fail'),
        ]),
        failedCount: failed,
      }
    }),
    total,
    page: q.page,
    pageSize: q.pageSize,
  }
}

/** A plan with its finalised inspections in date order: what the results report prints. */
export async function planResults(
  m: EntityManager,
  id: number,
): Promise<{ plan: PlanDto; inspections: InspectionDto[] }> {
  const plan = await getPlan(m, id)
  const ids = await rows<{ id: number }>(
    m,
    `SELECT id FROM inspections WHERE plan_id = ? AND status = 'final' ORDER BY date, id`,
    [id],
  )
  const inspections: InspectionDto[] = []
  for (const row of ids) inspections.push(await getInspection(m, row.id))
  return { plan, inspections }
}

// ------------------------------------------------------------------------------------ recommendations

/** Follow-up goes on after the minutes are finalised: it is not part of their text. */
export async function followUp(
  ctx: ServiceContext,
  input: z.output<typeof FollowUpInput>,
): Promise<RecommendationDto> {
  const before = await one<Row>(ctx.m, `SELECT * FROM recommendations WHERE id = ?`, [input.id])
  if (!before) throw AppError.notFound(inspectionMsg.recommendationNotFound)
  await ctx.m.query(
    `UPDATE recommendations SET status = ?, status_date = ?, evidence = ?, updated_at = ? WHERE id = ?`,
    [input.status, input.statusDate, input.evidence, ctx.now.toISOString(), input.id],
  )
  const after = recommendationDto(
    (await one<Row>(ctx.m, `SELECT * FROM recommendations WHERE id = ?`, [input.id]))!,
  )
  const b = recommendationDto(before)
  ctx.audit.change(
    'recommendation',
    input.id,
    { status: b.status, statusDate: b.statusDate, evidence: b.evidence },
    { status: after.status, statusDate: after.statusDate, evidence: after.evidence },
  )
  return after
}

/** Recommendations of finalised minutes past their due date and not yet done, oldest due first. */
export async function overdueRecommendations(
  m: EntityManager,
  q: z.output<typeof OverdueQuery>,
  now: Date,
): Promise<Page<OverdueRecommendationDto>> {
  const asOf = q.asOf ?? vietnamDay(now)
  const from = `FROM recommendations r JOIN inspections i ON i.id = r.inspection_id JOIN units u ON u.id = i.unit_id
     WHERE r.status <> 'done' AND r.due_date IS NOT NULL AND r.due_date < ? AND i.status = 'final'`
  const total = (await one<{ n: number }>(m, `SELECT COUNT(*) AS n ${from}`, [asOf]))!.n
  const list = await rows<Row>(
    m,
    `SELECT r.*, u.name AS unit_name, i.date AS inspection_date, i.minutes_number, i.minutes_year ${from}
     ORDER BY r.due_date, r.id LIMIT ? OFFSET ?`,
    [asOf, q.pageSize, (q.page - 1) * q.pageSize],
  )
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`)
  return {
    items: list.map((r) => ({
      ...recommendationDto(r),
      unitName: r.unit_name as string,
      inspectionDate: r.inspection_date as string,
      minutesNumber: r.minutes_number as number | null,
      minutesYear: r.minutes_year as number | null,
      daysOverdue: Math.round((day(asOf) - day(r.due_date as string)) / 86_400_000),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  }
}
