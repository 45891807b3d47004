import type { EntityManager } from 'typeorm'
import { ANSWERS, DOSES, answerLabels } from '@shared/vaccines/schemas'
import type { Answer, Dose } from '@shared/vaccines/schemas'
import { searchKey } from '@shared/text/search-key'
import type { ImportColumn } from '../imports/xlsx'
import { matchVaccine } from './aliases'
import { listCatalog } from './catalogue'

export const MAX_VACCINATION_IMPORT_ROWS = 10_000

export const ANSWER_HINT = 'Có, Không hoặc Không rõ (để trống là Không rõ)'

export const VACCINATION_COLUMNS: ImportColumn[] = [
  { key: 'no', label: 'STT', width: 6 },
  {
    key: 'fullName',
    label: 'Họ và tên',
    required: true,
    aliases: ['Họ tên'],
    width: 24,
    hint: 'Như trong danh sách cán bộ',
  },
  {
    key: 'idNumber',
    label: 'Số CCCD',
    required: true,
    aliases: ['Số CCCD/CMND', 'CCCD', 'CCCD/CMND', 'Số định danh cá nhân'],
    kind: 'id',
    width: 16,
    hint: '12 chữ số; người này phải có trong danh sách cán bộ của đơn vị',
  },
  {
    key: 'dose',
    label: 'Mũi đăng ký',
    required: true,
    aliases: ['Mũi tiêm', 'Mũi'],
    width: 12,
    hint: '1, 2, 3 (hoặc "nhắc lại 1"), 4 (hoặc "nhắc lại 2"), 5',
  },
  {
    key: 'vaccine',
    label: 'Vắc xin',
    aliases: ['Loại vắc xin', 'Vắc xin đăng ký'],
    width: 18,
    hint: 'Xem trang "Vắc xin"',
  },
  {
    key: 'priorityGroup',
    label: 'Nhóm ưu tiên',
    aliases: ['Nhóm đối tượng', 'Đối tượng ưu tiên'],
    width: 10,
    hint: 'Số thứ tự nhóm (1–9 theo Nghị quyết 21/NQ-CP), xem trang "Nhóm ưu tiên"',
  },
  { key: 'occupation', label: 'Nghề nghiệp', width: 16 },
  {
    key: 'insuranceNumber',
    label: 'Số thẻ BHYT',
    aliases: ['BHYT', 'Số BHYT'],
    width: 18,
    hint: 'Không bắt buộc',
  },
  { key: 'desiredOn', label: 'Ngày mong muốn tiêm', kind: 'date', width: 12, hint: 'dd/mm/yyyy' },
  { key: 'dose1Vaccine', label: 'Mũi 1 - Vắc xin', width: 16, hint: 'Nếu đã tiêm mũi 1' },
  { key: 'dose1Date', label: 'Mũi 1 - Ngày tiêm', kind: 'date', width: 12, hint: 'dd/mm/yyyy' },
  { key: 'dose2Vaccine', label: 'Mũi 2 - Vắc xin', width: 16, hint: 'Nếu đã tiêm mũi 2' },
  { key: 'dose2Date', label: 'Mũi 2 - Ngày tiêm', kind: 'date', width: 12, hint: 'dd/mm/yyyy' },
  { key: 'dose3Vaccine', label: 'Mũi 3 - Vắc xin', width: 16, hint: 'Nếu đã tiêm mũi 3' },
  { key: 'dose3Date', label: 'Mũi 3 - Ngày tiêm', kind: 'date', width: 12, hint: 'dd/mm/yyyy' },
  { key: 'covid90Days', label: 'Mắc COVID-19 trong 90 ngày', width: 12, hint: ANSWER_HINT },
  { key: 'anaphylaxis', label: 'Phản vệ sau mũi trước', width: 12, hint: ANSWER_HINT },
  { key: 'pregnantOrNursing', label: 'Mang thai hoặc cho con bú', width: 12, hint: ANSWER_HINT },
  { key: 'underlyingConditions', label: 'Bệnh nền', width: 12, hint: ANSWER_HINT },
  { key: 'note', label: 'Ghi chú', width: 20 },
]

export const LABEL = Object.fromEntries(VACCINATION_COLUMNS.map((c) => [c.key, c.label]))
export const PRIOR = [1, 2, 3] as const

export interface Lookups {
  vaccines: Array<{ id: number; name: string; active: boolean }>
  groups: Array<{ id: number; name: string; key: string; no: number }>
}

export async function lookups(m: EntityManager): Promise<Lookups> {
  const vaccines = await listCatalog(m, 'vaccine')
  // A group keeps its number (its place in the list) when an earlier one is retired.
  const groups = (await listCatalog(m, 'priorityGroup'))
    .map((g, i) => ({ ...g, key: searchKey(g.name), no: i + 1 }))
    .filter((g) => g.active)
  return { vaccines, groups }
}

/** A vaccine by any of its usual names, ignoring case, marks and spaces. */
export function findVaccine(l: Lookups, text: string): number | null {
  return matchVaccine(l.vaccines, text)?.id ?? null
}

export function findGroup(l: Lookups, text: string): number | null {
  const n = /^\d+$/.test(text) ? Number(text) : null
  if (n !== null) return l.groups.find((g) => g.no === n)?.id ?? null
  return l.groups.find((g) => g.key === searchKey(text))?.id ?? null
}

export function parseDose(text: string): Dose | null {
  const key = searchKey(text).replace(/^mui\s*/, '')
  const booster = /^nhac lai(?: lan)?\s*(\d)$/.exec(key)
  // "Nhắc lại lần 1" is the third dose, "lần 2" the fourth.
  const n = booster ? 2 + Number(booster[1]) : /^\d$/.test(key) ? Number(key) : NaN
  return (DOSES as readonly number[]).includes(n) ? (n as Dose) : null
}

export const ANSWER_BY_KEY = new Map<string, Answer>(ANSWERS.map((a) => [searchKey(answerLabels[a]), a]))
