import { LessThan } from 'typeorm'
import type { EntityManager } from 'typeorm'
import type { Prefill } from '@shared/daily-reports/schemas'
import { vietnamDay } from '@shared/text/dates'
import { StaffMemberEntity } from '../staff/entities'
import { VaccineDoseEntity } from '../vaccines/entities'
import { DailyReportEntity } from './entities'
import { reportIdOf } from './service'

/** Active staff of a unit with dose 1, dose 2, and dose 3 or a booster given by `day`. */
async function doseRecords(m: EntityManager, unitId: number, day: string) {
  const row = await m
    .createQueryBuilder(StaffMemberEntity, 's')
    .innerJoin(VaccineDoseEntity.options.name, 'd', 'd.staffId = s.id AND d.givenOn <= :day', { day })
    .select('COUNT(d.staffId)', 'recorded')
    .addSelect('COUNT(DISTINCT CASE WHEN d.dose = 1 THEN d.staffId END)', 'dose1')
    .addSelect('COUNT(DISTINCT CASE WHEN d.dose = 2 THEN d.staffId END)', 'dose2')
    .addSelect('COUNT(DISTINCT CASE WHEN d.dose >= 3 THEN d.staffId END)', 'booster')
    .where('s.unitId = :unitId AND s.active = :active', { unitId, active: true })
    .getRawOne<Record<'recorded' | 'dose1' | 'dose2' | 'booster', number | string>>()
  return {
    recorded: Number(row?.recorded ?? 0),
    dose1: Number(row?.dose1 ?? 0),
    dose2: Number(row?.dose2 ?? 0),
    booster: Number(row?.booster ?? 0),
  }
}

/**
 * Figures to start a report from: the staff total from the unit's staff register (active staff
 * now); doses from the vaccination records (active staff with dose 1, dose 2, and dose 3 or a
 * booster given by that day) once the unit has any; otherwise, and for presence, the unit's last
 * report. Figures that no longer fit the staff total are left for the user; all stay editable.
 */
export async function prefill(
  m: EntityManager,
  now: Date,
  unitId: number,
  date: string | null,
): Promise<Prefill> {
  const day = date ?? vietnamDay(now)
  const existing = await reportIdOf(m, unitId, day)
  const staff = await m.getRepository(StaffMemberEntity).countBy({ unitId, active: true })
  const last = await m.getRepository(DailyReportEntity).findOne({
    where: { unitId, reportDate: LessThan(day) },
    order: { reportDate: 'DESC' },
  })
  const records = await doseRecords(m, unitId, day)
  const fromRecords = staff > 0 && records.recorded > 0
  const staffTotal = staff > 0 ? staff : (last?.staffTotal ?? null)
  const fits = (n: number | undefined) =>
    n !== undefined && staffTotal !== null && n <= staffTotal ? n : null
  const presenceFits =
    !!last && staffTotal !== null && last.atOffice + last.workingFromHome + last.onLeave <= staffTotal
  return {
    reportDate: day,
    staffTotal,
    atOffice: presenceFits ? last.atOffice : null,
    workingFromHome: presenceFits ? last.workingFromHome : null,
    onLeave: presenceFits ? last.onLeave : null,
    dose1: fromRecords ? records.dose1 : fits(last?.dose1),
    dose2: fromRecords ? records.dose2 : fits(last?.dose2),
    booster: fromRecords ? records.booster : fits(last?.booster),
    reporterName: last?.reporterName ?? null,
    source: fromRecords ? 'vaccinations' : staff > 0 ? 'staff' : last ? 'lastReport' : 'none',
    existingReportId: existing,
  }
}
