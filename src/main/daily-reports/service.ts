import type { ServiceContext } from '../core/context'
import { In } from 'typeorm'
import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import { DEADLINE_MINUTES, reportMsg } from '@shared/daily-reports/schemas'
import type {
  AdhocReportDto,
  AdhocReportInput,
  DailyReportDto,
  DailyReportInput,
  DailyReportUpdateInput,
  DailyReportVersionDto,
} from '@shared/daily-reports/schemas'
import { vietnamDay, vietnamDayStart } from '@shared/text/dates'
import { UserEntity } from '../accounts/entities'
import { AppError } from '../core/errors'
import { UnitEntity } from '../units/entities'
import { findActiveUnit } from '../units/service'
import { MedicineCabinetEntity, RapidTestSampleEntity } from '../rapid-tests/entities'
import { AdhocReportEntity, DailyReportEntity, DailyReportVersionEntity } from './entities'
import type { AdhocReportRow } from './entities'
import { figureColumns, figuresOf, pickFigures, sameFigures } from './figures'

/** The instant a day's report falls due: 15:00 in Vietnam. */
export function deadlineOf(day: string): Date {
  return new Date(vietnamDayStart(day).getTime() + DEADLINE_MINUTES * 60_000)
}

/** A report first submitted after its day's 15:00 is late, whenever it is edited afterwards. */
export function isLate(day: string, submittedAt: Date): boolean {
  return submittedAt.getTime() > deadlineOf(day).getTime()
}

/** `yyyy-mm-dd` shifted by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/** The names of the given units (inactive ones too: a report keeps its unit). */
export async function unitNames(m: EntityManager, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map()
  const units = await m.getRepository(UnitEntity).find({
    select: { id: true, name: true },
    where: { id: In([...new Set(ids)]) },
  })
  return new Map(units.map((u) => [u.id, u.name]))
}

/** An active unit by id, or a field error on `unitId`. */
async function activeUnit(m: EntityManager, unitId: number): Promise<{ id: number; name: string }> {
  const unit = await findActiveUnit(m, unitId)
  if (!unit) throw AppError.validation({ unitId: reportMsg.unitUnknown })
  return unit
}

export async function getDailyReport(m: EntityManager, id: number): Promise<DailyReportDto> {
  const row = await m.getRepository(DailyReportEntity).findOneBy({ id })
  if (!row) throw AppError.notFound(reportMsg.notFound)
  const versions = await m
    .getRepository(DailyReportVersionEntity)
    .find({ where: { reportId: id }, order: { version: 'DESC' } })
  const savers = versions.flatMap((v) => (v.savedBy === null ? [] : [v.savedBy]))
  const users = savers.length
    ? await m.getRepository(UserEntity).find({
        select: { id: true, displayName: true },
        where: { id: In([...new Set(savers)]) },
      })
    : []
  const userName = new Map(users.map((u) => [u.id, u.displayName]))
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: (await unitNames(m, [row.unitId])).get(row.unitId)!,
    reportDate: row.reportDate,
    submittedAt: row.submittedAt,
    late: row.late,
    version: row.version,
    updatedAt: row.updatedAt,
    ...figuresOf(row),
    versions: versions.map((v): DailyReportVersionDto => ({
      version: v.version,
      savedAt: v.savedAt,
      savedByName: v.savedBy === null ? null : (userName.get(v.savedBy) ?? null),
      ...figuresOf(v),
    })),
  }
}

/** The report of a unit for a day, if it has one. */
export async function reportIdOf(m: EntityManager, unitId: number, day: string): Promise<number | null> {
  const row = await m
    .getRepository(DailyReportEntity)
    .findOne({ select: { id: true }, where: { unitId, reportDate: day } })
  return row?.id ?? null
}

/**
 * A unit's report for a day (today unless given). Accepted at any time; after the day's 15:00
 * it is marked late. A second report for the same unit and day is refused: the first is edited.
 */
export async function submitDailyReport(
  ctx: ServiceContext,
  input: z.output<typeof DailyReportInput>,
): Promise<DailyReportDto> {
  const { m, now } = ctx
  const today = vietnamDay(now)
  const day = input.reportDate ?? today
  if (day > today) throw AppError.validation({ reportDate: reportMsg.future })
  await activeUnit(m, input.unitId)
  if ((await reportIdOf(m, input.unitId, day)) !== null)
    throw AppError.conflict(reportMsg.duplicate, { reportDate: reportMsg.duplicate })
  const late = isLate(day, now)
  const figures = pickFigures(input)
  const created = await m.getRepository(DailyReportEntity).insert({
    unitId: input.unitId,
    reportDate: day,
    ...figureColumns(figures),
    submittedAt: now.toISOString(),
    late,
    version: 1,
    createdBy: ctx.userId,
    updatedBy: ctx.userId,
    updatedAt: now.toISOString(),
  })
  const id = created.identifiers[0]!.id as number
  ctx.audit.change('dailyReport', id, null, { unitId: input.unitId, reportDate: day, late, ...figures })
  return getDailyReport(m, id)
}

/**
 * Edits a submitted report: the version being replaced is kept in `daily_report_versions`,
 * the report's punctuality stays that of its first submission. Saving the same figures again
 * changes nothing. The UPDATE itself checks the version the user edited, so of two edits of
 * one version only the first is saved, whatever else runs beside it.
 */
export async function updateDailyReport(
  ctx: ServiceContext,
  input: z.output<typeof DailyReportUpdateInput>,
): Promise<DailyReportDto> {
  const { m, now } = ctx
  const current = await m.getRepository(DailyReportEntity).findOneBy({ id: input.id })
  if (!current) throw AppError.notFound(reportMsg.notFound)
  const before = figuresOf(current)
  const after = pickFigures(input)
  if (sameFigures(before, after)) {
    if (current.version !== input.version) throw AppError.conflict(reportMsg.changedMeanwhile)
    return getDailyReport(m, input.id)
  }
  const { affected } = await m
    .createQueryBuilder()
    .update(DailyReportEntity)
    .set({
      ...figureColumns(after),
      version: () => 'version + 1',
      updatedBy: ctx.userId,
      updatedAt: now.toISOString(),
    })
    .where('id = :id AND version = :expected', { id: input.id, expected: input.version })
    .execute()
  if (affected !== 1) throw AppError.conflict(reportMsg.changedMeanwhile)
  // The row it replaced, as read above in this transaction.
  await m.getRepository(DailyReportVersionEntity).insert({
    reportId: current.id,
    version: current.version,
    ...figureColumns(before),
    savedAt: current.updatedAt,
    savedBy: current.updatedBy,
  })
  ctx.audit.change(
    'dailyReport',
    input.id,
    { ...before, version: current.version },
    { ...after, version: current.version + 1 },
  )
  return getDailyReport(m, input.id)
}

/** Ad-hoc reports as the screens show them, with their units' names. */
export async function adhocDtos(m: EntityManager, rows: AdhocReportRow[]): Promise<AdhocReportDto[]> {
  const names = await unitNames(
    m,
    rows.map((r) => r.unitId),
  )
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unitId,
    unitName: names.get(r.unitId)!,
    reportedAt: r.reportedAt,
    subject: r.subject,
    content: r.content,
    f0: r.f0,
    f1: r.f1,
    f2: r.f2,
    reporterName: r.reporterName,
  }))
}

export async function getAdhocReport(m: EntityManager, id: number): Promise<AdhocReportDto> {
  const row = await m.getRepository(AdhocReportEntity).findOneBy({ id })
  if (!row) throw AppError.notFound(reportMsg.notFound)
  return (await adhocDtos(m, [row]))[0]!
}

/** Báo cáo đột xuất: any time, as many as happen; never late, never edited (a new one follows up). */
export async function submitAdhocReport(
  ctx: ServiceContext,
  input: z.output<typeof AdhocReportInput>,
): Promise<AdhocReportDto> {
  const { m, now } = ctx
  await activeUnit(m, input.unitId)
  const created = await m.getRepository(AdhocReportEntity).insert({
    unitId: input.unitId,
    reportedAt: now.toISOString(),
    reportDate: vietnamDay(now),
    subject: input.subject,
    content: input.content,
    f0: input.f0,
    f1: input.f1,
    f2: input.f2,
    reporterName: input.reporterName,
    createdBy: ctx.userId,
  })
  const id = created.identifiers[0]!.id as number
  ctx.audit.change('adhocReport', id, null, input)
  return getAdhocReport(m, id)
}

/**
 * Practice entered against sample units goes with them when the sample data is removed:
 * their daily and ad-hoc reports, their medicine cabinets and their rapid-test samples.
 */
export async function forgetSampleUnitReports(m: EntityManager): Promise<void> {
  const sample = await m.getRepository(UnitEntity).find({ select: { id: true }, where: { isSample: true } })
  if (!sample.length) return
  const unitId = In(sample.map((u) => u.id))
  await m.getRepository(DailyReportEntity).delete({ unitId })
  await m.getRepository(AdhocReportEntity).delete({ unitId })
  await m.getRepository(MedicineCabinetEntity).delete({ unitId })
  await m.getRepository(RapidTestSampleEntity).delete({ unitId })
}
