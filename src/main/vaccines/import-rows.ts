import type { EntityManager } from 'typeorm'
import type { ImportRowDto } from '@shared/imports/schemas'
import { RegistrationInput } from '@shared/vaccines/schemas'
import type { Answer } from '@shared/vaccines/schemas'
import { searchKey } from '@shared/text/search-key'
import { AppError } from '../core/errors'
import type { SheetRow } from '../imports/xlsx'
import { dayText, parseDayText } from '../imports/xlsx'
import { StaffMemberEntity } from '../staff/entities'
import { UnitEntity } from '../units/entities'
import {
  ANSWER_BY_KEY,
  ANSWER_HINT,
  LABEL,
  PRIOR,
  findGroup,
  findVaccine,
  lookups,
  parseDose,
} from './import-columns'
import { checkNewRegistration } from './registrations'
import type { CheckedRegistration } from './registrations'

export interface CheckedRow {
  dto: ImportRowDto
  input: ReturnType<typeof RegistrationInput.parse> | null
  checked: CheckedRegistration | null
}

/** Every active staff member with an ID number, and the unit's name. */
async function activeStaff(m: EntityManager) {
  const rows = await m
    .createQueryBuilder(StaffMemberEntity, 's')
    .innerJoin(UnitEntity.options.name, 'u', 'u.id = s.unitId')
    .select('s.id', 'id')
    .addSelect('s.unitId', 'unitId')
    .addSelect('s.fullName', 'fullName')
    .addSelect('s.idNumber', 'idNumber')
    .addSelect('u.name', 'unitName')
    .where('s.active = :active', { active: true })
    .andWhere('s.idNumber IS NOT NULL')
    .getRawMany<{ id: number; unitId: number; fullName: string | null; idNumber: string; unitName: string }>()
  return rows.map((r) => ({ ...r, id: Number(r.id), unitId: Number(r.unitId) }))
}

/** Every row's problems: the person (in this unit), values, duplicates, and the dose rules. */
export async function checkRows(
  m: EntityManager,
  roundId: number,
  unitId: number,
  rows: SheetRow[],
): Promise<CheckedRow[]> {
  const l = await lookups(m)
  const unit = await m.getRepository(UnitEntity).findOneBy({ id: unitId })
  const staffByIdNumber = new Map((await activeStaff(m)).map((s) => [s.idNumber, s] as const))

  const out: CheckedRow[] = []
  const rowsOfStaff = new Map<number, number[]>()
  for (const { row, cells } of rows) {
    const errors: string[] = []
    const add = (key: string, message: string) => errors.push(`${LABEL[key] ?? key}: ${message}`)
    const idNumber = (cells.idNumber ?? '').replace(/[\s.]/g, '')
    let staffId: number | null = null
    if (!idNumber) add('idNumber', 'Không được để trống')
    else if (!/^(?:\d{9}|\d{12})$/.test(idNumber))
      add('idNumber', `“${cells.idNumber}” không phải số CCCD (12 chữ số)`)
    else {
      const staff = staffByIdNumber.get(idNumber)
      if (!staff)
        add(
          'idNumber',
          'không có trong danh sách cán bộ đang công tác — nhập người này vào danh sách cán bộ trước',
        )
      else if (staff.unitId !== unitId)
        add('idNumber', `thuộc đơn vị ${staff.unitName}, không phải ${unit?.name ?? 'đơn vị đã chọn'}`)
      else {
        staffId = staff.id
        if (cells.fullName && searchKey(cells.fullName) !== searchKey(staff.fullName))
          add('fullName', `“${cells.fullName}” không khớp với cán bộ có số CCCD này (${staff.fullName})`)
        rowsOfStaff.set(staff.id, [...(rowsOfStaff.get(staff.id) ?? []), row])
      }
    }
    const dose = cells.dose ? parseDose(cells.dose) : null
    if (!cells.dose) add('dose', 'Không được để trống')
    else if (!dose) add('dose', `“${cells.dose}” không hợp lệ (1, 2, 3, 4, 5; nhắc lại 1, nhắc lại 2)`)
    const vaccineId = cells.vaccine ? findVaccine(l, cells.vaccine) : null
    if (cells.vaccine && !vaccineId) add('vaccine', `“${cells.vaccine}” không có trong danh sách vắc xin`)
    const groupId = cells.priorityGroup ? findGroup(l, cells.priorityGroup) : null
    if (cells.priorityGroup && !groupId)
      add('priorityGroup', `“${cells.priorityGroup}” không có trong danh sách nhóm ưu tiên`)
    const day = (key: string): string | null => {
      const text = cells[key] ?? ''
      if (!text) return null
      const parsed = parseDayText(text)
      if (!parsed) add(key, `“${text}” không hợp lệ (ghi dd/mm/yyyy)`)
      return parsed
    }
    const desiredOn = day('desiredOn')
    const priorKeys: string[] = []
    const priorDoses = PRIOR.flatMap((k) => {
      const vText = cells[`dose${k}Vaccine`] ?? ''
      const givenOn = day(`dose${k}Date`)
      if (!givenOn) {
        if (vText && !cells[`dose${k}Date`]) add(`dose${k}Date`, 'Ghi ngày tiêm mũi này')
        return []
      }
      const v = vText ? findVaccine(l, vText) : null
      if (vText && !v) add(`dose${k}Vaccine`, `“${vText}” không có trong danh sách vắc xin`)
      priorKeys.push(`dose${k}Date`)
      return [{ dose: k, vaccineId: v, givenOn }]
    })
    const answer = (key: string): Answer => {
      const text = cells[key] ?? ''
      if (!text) return 'unknown'
      const a = ANSWER_BY_KEY.get(searchKey(text))
      if (!a) add(key, `“${text}” không hợp lệ (${ANSWER_HINT})`)
      return a ?? 'unknown'
    }
    const candidate = {
      roundId,
      staffId: staffId ?? 0,
      dose: dose ?? 1,
      vaccineId,
      priorityGroupId: groupId,
      occupation: cells.occupation,
      insuranceNumber: cells.insuranceNumber ? cells.insuranceNumber.replace(/\s/g, '').toUpperCase() : null,
      desiredOn,
      covid90Days: answer('covid90Days'),
      anaphylaxis: answer('anaphylaxis'),
      pregnantOrNursing: answer('pregnantOrNursing'),
      underlyingConditions: answer('underlyingConditions'),
      priorDoses,
      status: 'registered' as const,
      note: cells.note,
    }
    const fieldKey = (path: string): string => {
      const prior = /^priorDoses\.(\d+)/.exec(path)
      if (prior) return priorKeys[Number(prior[1])] ?? 'dose1Date'
      return (
        { vaccineId: 'vaccine', priorityGroupId: 'priorityGroup', priorDoses: 'dose1Date', status: 'dose' }[
          path
        ] ?? path
      )
    }
    const parsed = errors.length ? null : RegistrationInput.safeParse(candidate)
    let input: CheckedRow['input'] = null
    let checked: CheckedRow['checked'] = null
    if (parsed && !parsed.success)
      for (const issue of parsed.error.issues) add(fieldKey(issue.path.join('.')), issue.message)
    else if (parsed?.success) {
      try {
        checked = await checkNewRegistration(m, parsed.data)
        input = parsed.data
      } catch (error) {
        if (!(error instanceof AppError)) throw error
        for (const [path, message] of Object.entries(error.fieldErrors)) add(fieldKey(path), message)
      }
    }
    const values = { ...cells }
    for (const key of ['desiredOn', 'dose1Date', 'dose2Date', 'dose3Date']) {
      const parsedDay = values[key] ? parseDayText(values[key]!) : null
      if (parsedDay) values[key] = dayText(parsedDay)
    }
    out.push({ dto: { row, values, errors }, input, checked })
  }
  for (const c of out) {
    const staffId = c.input?.staffId
    const same = staffId ? rowsOfStaff.get(staffId)!.filter((r) => r !== c.dto.row) : []
    if (same.length) c.dto.errors.push(`Số CCCD: trùng với dòng ${same.join(', ')} trong tệp`)
    if (c.dto.errors.length) c.input = null
  }
  return out
}
