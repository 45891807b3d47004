import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { createAppCore } from '@main/app-core'
import type { AppCore } from '@main/app-core'
import { rawDatabase } from '@main/db/sqlite/connection'
import { DATABASE_FILE_NAME } from '@main/db/data-source'
import { silentLogger } from '@main/core/logger'
import { systemSession } from '@main/core/session'
import type { Result } from '@shared/contract'
import { VACCINATION_STATUSES } from '@shared/vaccines/schemas'
import { generator } from './data/people'
import { UNIT_NAMES } from './data/visits'
import { percentile, report, seededRandom } from './report'

export const name = 'staff'

const UNITS = 50
const STAFF = 5_000
const DOSES = 3
const CONSOLIDATIONS = 300
const TARGET = { importSeconds: 3, consolidateP95: 50 }

const CATEGORIES = ['Công chức', 'Viên chức', 'Người lao động', 'Hợp đồng']

/** A 5,000-row staff workbook in the template's columns, as a department's office would fill it. */
async function staffWorkbook(codes: string[]): Promise<string> {
  const people = generator(20211123)
  const random = seededRandom(7)
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Danh sách cán bộ')
  sheet.addRow(['DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC, NGƯỜI LAO ĐỘNG'])
  sheet.addRow([
    'STT',
    'Họ và tên *',
    'Ngày sinh',
    'Giới tính',
    'Số CCCD *',
    'Điện thoại',
    'Chức vụ',
    'Loại cán bộ *',
    'Đơn vị *',
    'Ghi chú',
  ])
  for (let i = 0; i < STAFF; i++) {
    const year = 1962 + Math.floor(random() * 40)
    const born = new Date(Date.UTC(year, Math.floor(random() * 12), 1 + Math.floor(random() * 28)))
    sheet.addRow([
      i + 1,
      people.fullName(),
      born,
      random() < 0.5 ? 'Nam' : 'Nữ',
      `0${String(10 + Math.floor(random() * 86)).padStart(2, '0')}${String(100_000_000 + i).slice(-9)}`,
      `09${String(Math.floor(random() * 100_000_000)).padStart(8, '0')}`,
      random() < 0.15 ? 'Trưởng phòng' : 'Chuyên viên',
      CATEGORIES[Math.floor(random() * CATEGORIES.length)],
      codes[i % codes.length],
      '',
    ])
  }
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64')
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'spd-bench-staff-'))
  let core: AppCore | undefined
  const verdicts: string[] = []
  let allMet = true
  const judge = (label: string, met: boolean, text: string) => {
    allMet &&= met
    verdicts.push(`${label} ${met ? 'MET' : 'MISSED'} (${text})`)
  }
  try {
    core = await createAppCore({ file: join(dir, DATABASE_FILE_NAME), logger: silentLogger })
    const session = systemSession()
    const call = async <T>(route: string, input: unknown): Promise<T> => {
      const result = (await core!.router.dispatch(route, input, session)) as Result<T>
      if (!result.ok) throw new Error(`${route}: ${JSON.stringify(result.error)}`)
      return result.data
    }
    const codes: string[] = []
    for (let i = 0; i < UNITS; i++) {
      const code = `DV${String(i + 1).padStart(2, '0')}`
      await call('units:create', {
        code,
        name: UNIT_NAMES[i % UNIT_NAMES.length] + (i >= UNIT_NAMES.length ? ` ${i}` : ''),
        kindCode: 'department',
      })
      codes.push(code)
    }

    // 1. Import of a 5,000-row workbook: read, check every row, insert, through the routes.
    const base64 = await staffWorkbook(codes)
    report('staff.import_xlsx_file', Math.round((base64.length * 3) / 4 / 1024), 'KiB')
    let start = performance.now()
    const preview = await call<{ total: number; errorRows: number }>('staff:importPreview', { base64 })
    const previewMs = performance.now() - start
    if (preview.total !== STAFF || preview.errorRows !== 0)
      throw new Error(`preview: ${preview.total} rows, ${preview.errorRows} with errors`)
    start = performance.now()
    const imported = await call<{ imported: number }>('staff:importConfirm', {
      fileName: 'bench.xlsx',
      base64,
    })
    const importMs = performance.now() - start
    if (imported.imported !== STAFF) throw new Error(`imported ${imported.imported}`)
    report('staff.import_xlsx_5000.preview', previewMs / 1000, 's')
    report('staff.import_xlsx_5000', importMs / 1000, 's')
    judge(
      `import ≤ ${TARGET.importSeconds} s`,
      importMs / 1000 <= TARGET.importSeconds,
      `${(importMs / 1000).toFixed(2)} s`,
    )

    // 2. Three rounds, one dose each, everyone registered: 15,000 registrations and their doses.
    const db = rawDatabase(core.dataSource)
    const random = seededRandom(21)
    const staffIds = db.prepare('SELECT id, unit_id FROM staff ORDER BY id').all() as Array<{
      id: number
      unit_id: number
    }>
    const rounds: number[] = []
    const stamp = new Date().toISOString()
    const insertRegistration = db.prepare(
      `INSERT INTO vaccine_registrations (round_id, staff_id, unit_id, dose, vaccine_id, priority_group_id, status,
         status_reason, vaccinated_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 4, ?, ?, ?, ?, ?)`,
    )
    const insertDose = db.prepare(
      `INSERT INTO vaccine_doses (staff_id, dose, vaccine_id, given_on, registration_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    for (let dose = 1; dose <= DOSES; dose++) {
      const month = String(4 + dose * 2).padStart(2, '0')
      const round = await call<{ id: number }>('vaccineRounds:save', {
        name: `Đợt ${dose}`,
        openedOn: `2021-${month}-01`,
        deadline: `2021-${month}-10`,
      })
      rounds.push(round.id)
      db.transaction(() => {
        for (const s of staffIds) {
          const r = random()
          const status = r < 0.8 ? 'vaccinated' : VACCINATION_STATUSES[1 + Math.floor(random() * 4)]!
          const day = `2021-${month}-${String(11 + Math.floor(random() * 15)).padStart(2, '0')}`
          const vaccinated = status === 'vaccinated'
          const { lastInsertRowid } = insertRegistration.run(
            round.id,
            s.id,
            s.unit_id,
            dose,
            1 + Math.floor(random() * 7),
            status === 'registered' ? 'registered' : status,
            vaccinated || status === 'registered' ? null : 'Lý do',
            vaccinated ? day : null,
            stamp,
            stamp,
          )
          if (vaccinated) insertDose.run(s.id, dose, 1, day, lastInsertRowid, stamp, stamp)
        }
        for (const code of codes.slice(0, UNITS - 3))
          db.prepare(
            `INSERT INTO vaccine_round_units (round_id, unit_id, submitted_at) SELECT ?, id, ? FROM units WHERE code = ?`,
          ).run(round.id, `2021-${month}-09T03:00:00.000Z`, code)
      })()
    }
    db.exec('ANALYZE')
    const registrations = db.prepare('SELECT count(*) FROM vaccine_registrations').pluck().get() as number
    report('vaccines.registrations', registrations, 'registrations')

    // 3. Consolidation through the route: counts by unit × status × dose, who is missing.
    const times: number[] = []
    for (let i = 0; i < CONSOLIDATIONS; i++) {
      const roundId = rounds[i % rounds.length]!
      const t = performance.now()
      const c = await call<{ totals: { registrations: number }; missing: unknown[] }>(
        'vaccinations:consolidate',
        { roundId },
      )
      times.push(performance.now() - t)
      if (c.totals.registrations !== STAFF || c.missing.length !== 3)
        throw new Error('consolidation is wrong')
    }
    const p95 = percentile(times, 95)
    report('vaccines.consolidate.p50', percentile(times, 50), 'ms')
    report('vaccines.consolidate.p95', p95, 'ms')
    judge(
      `consolidation p95 ≤ ${TARGET.consolidateP95} ms`,
      p95 <= TARGET.consolidateP95,
      `${p95.toFixed(2)} ms`,
    )
    console.log(`staff: targets ${allMet ? 'MET' : 'MISSED'}: ${verdicts.join('; ')}`)
  } finally {
    await core?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
