import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createAppCore } from '@main/app-core'
import { silentLogger } from '@main/core/logger'
import { Session, systemSession } from '@main/core/session'
import type { AppCore } from '@main/app-core'
import type { Result } from '@shared/contract'
import type { RecoveryPreview, RestoreResult } from '@shared/backups/schemas'
import type { TempApp } from '../helpers/temp-app'
import { tempApp } from '../helpers/temp-app'
import { damageLeafPage } from '../helpers/damage'
import { SCREENED } from '../helpers/health'

const BEFORE = 20
const AFTER = 300

const visitor = (i: number) => ({
  fullName: `Khách ${i}`,
  idType: 'cccd' as const,
  idNumber: `0010990${String(i).padStart(5, '0')}`,
})

async function checkInMany(app: TempApp, unit: number, from: number, n: number): Promise<void> {
  for (let i = from; i < from + n; i++)
    await app.ok('visits:checkIn', { visitor: visitor(i), hostUnitId: unit, health: SCREENED })
}

function ids(file: string, table: string): number[] {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return db.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all() as number[]
  } finally {
    db.close()
  }
}

/** A store with visits before and after its one backup, closed, with a leaf page of `visits` destroyed. */
async function damagedAfterBackup(table = 'visits'): Promise<{ app: TempApp; core: AppCore; unit: number }> {
  const app = await tempApp()
  const unit = (await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })).id
  const folder = join(app.dir, 'share')
  mkdirSync(folder)
  await app.ok('backups:updateSettings', { folder, keep: 14, daily: false })
  await checkInMany(app, unit, 0, BEFORE)
  await app.ok('backups:create', {})
  await checkInMany(app, unit, BEFORE, AFTER)
  await app.close()
  damageLeafPage(app.file, table)
  const core = await createAppCore({ file: app.file, logger: silentLogger })
  return { app, core, unit }
}

describe('a store whose start-up check failed', () => {
  it('is read-only: writes and jobs are refused with a message, reads and exports still answer', async () => {
    const { app, core, unit } = await damagedAfterBackup()
    try {
      expect(core.backups.health.ok).toBe(false)
      const admin = systemSession()
      const checkIn = await core.router.dispatch(
        'visits:checkIn',
        { visitor: visitor(9000), hostUnitId: unit, health: SCREENED },
        admin,
      )
      expect(checkIn).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'read_only', message: expect.stringMatching(/chỉ cho xem/) }),
      })
      const unitEdit = await core.router.dispatch(
        'units:create',
        { code: 'TT', name: 'Thanh tra', kindCode: 'department' },
        admin,
      )
      expect(unitEdit).toMatchObject({ ok: false, error: { code: 'read_only' } })
      await expect(core.router.runJob('test', async () => 1)).rejects.toMatchObject({ code: 'read_only' })
      expect(await core.router.dispatch('backups:create', {}, admin)).toMatchObject({
        ok: false,
        error: { code: 'read_only' },
      })
      // Nothing of the refused check-in was kept.
      expect(ids(app.file, 'visitors')).toHaveLength(BEFORE + AFTER)

      const units = await core.router.dispatch('units:list', {}, admin)
      expect(units).toMatchObject({ ok: true, data: { total: 1 } })
      // An export writes only its audit line, so it still works.
      const exported = await core.router.dispatch('staff:exportXlsx', {}, admin)
      expect(exported.ok, JSON.stringify(exported)).toBe(true)
    } finally {
      await core.close()
    }
  })

  it('previews the newer rows the backup lacks and puts the readable ones back on recovery', async () => {
    const { app, core } = await damagedAfterBackup()
    try {
      const nobody = new Session()
      const preview = (await core.router.dispatch(
        'backups:recoveryPreview',
        {},
        nobody,
      )) as Result<RecoveryPreview>
      expect(preview.ok, JSON.stringify(preview)).toBe(true)
      if (!preview.ok) return
      const byTable = new Map(preview.data.tables.map((t) => [t.table, t]))
      const visits = byTable.get('visits')!
      expect(visits.unreadable).toBeGreaterThan(0)
      expect(visits.readable).toBeGreaterThan(0)
      expect(visits.readable + visits.unreadable).toBe(AFTER)
      expect(byTable.get('visitors')).toMatchObject({ readable: AFTER, unreadable: 0 })
      // Tables in foreign-key order: the visitors before their visits.
      const order = preview.data.tables.map((t) => t.table)
      expect(order.indexOf('visitors')).toBeLessThan(order.indexOf('visits'))

      const recovered = (await core.router.dispatch('backups:recover', {}, nobody)) as Result<RestoreResult>
      expect(recovered.ok, JSON.stringify(recovered)).toBe(true)
      if (!recovered.ok) return
      const salvaged = new Map((recovered.data.salvaged ?? []).map((t) => [t.table, t]))
      expect(salvaged.get('visits')).toEqual({
        ...visits,
        saved: visits.readable,
        notSaved: visits.unreadable,
      })
      expect(salvaged.get('visitors')).toMatchObject({ saved: AFTER, notSaved: 0 })
      expect(core.backups.health.ok).toBe(true)

      const visitIds = ids(app.file, 'visits')
      expect(visitIds).toHaveLength(BEFORE + visits.readable)
      expect(visitIds.slice(0, BEFORE)).toEqual(Array.from({ length: BEFORE }, (_, i) => i + 1))
      expect(visitIds.at(-1)).toBe(BEFORE + AFTER)
      expect(ids(app.file, 'visitors')).toHaveLength(BEFORE + AFTER)

      const db = new Database(app.file, { readonly: true, fileMustExist: true })
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        expect(db.pragma('foreign_key_check')).toEqual([])
        const note = db
          .prepare(`SELECT changes FROM audit_log WHERE route = 'backups:recover' ORDER BY id DESC LIMIT 1`)
          .pluck()
          .get() as string
        expect(note).toContain(
          `visits ${visits.readable}/${AFTER} dòng (không lưu được ${visits.unreadable})`,
        )
      } finally {
        db.close()
      }
      // Sound again: writes are accepted.
      const unit = await core.router.dispatch(
        'units:create',
        { code: 'TT', name: 'Thanh tra', kindCode: 'department' },
        systemSession(),
      )
      expect(unit.ok).toBe(true)
    } finally {
      await core.close()
    }
  })

  it('leaves out the newer rows whose references were lost with a damaged page, and counts them', async () => {
    const { app, core } = await damagedAfterBackup('visitors')
    try {
      const recovered = (await core.router.dispatch(
        'backups:recover',
        {},
        new Session(),
      )) as Result<RestoreResult>
      expect(recovered.ok, JSON.stringify(recovered)).toBe(true)
      if (!recovered.ok) return
      const salvaged = new Map((recovered.data.salvaged ?? []).map((t) => [t.table, t]))
      const visitors = salvaged.get('visitors')!
      expect(visitors.unreadable).toBeGreaterThan(0)
      expect(visitors).toMatchObject({ saved: visitors.readable, notSaved: visitors.unreadable })
      // Every newer visit was readable, but those of an unreadable visitor cannot be kept.
      const visits = salvaged.get('visits')!
      expect(visits).toMatchObject({ readable: AFTER, unreadable: 0, notSaved: visitors.unreadable })
      expect(visits.saved).toBe(AFTER - visitors.unreadable)
      expect(ids(app.file, 'visits')).toHaveLength(BEFORE + visits.saved)
      const db = new Database(app.file, { readonly: true, fileMustExist: true })
      try {
        expect(db.pragma('foreign_key_check')).toEqual([])
      } finally {
        db.close()
      }
    } finally {
      await core.close()
    }
  })
})
