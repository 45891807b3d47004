import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { silentLogger } from '@main/core/logger'
import { tempApp } from '../helpers/temp-app'

const NOW = Date.parse('2026-12-01T03:00:00Z') // 10:00 in Vietnam

describe('files set aside by restores', () => {
  it('are pruned with the backups: at most `keep` of them, none older than `keep` days', async () => {
    const app = await tempApp(silentLogger, () => NOW)
    const aside = join(app.dir, 'before-restore')
    mkdirSync(aside)
    const names = [
      'so-phong-dich.before-restore-20261201-095000.sqlite',
      'so-phong-dich.before-restore-20261130-100000.sqlite',
      'so-phong-dich.before-restore-20261130-100000-2.sqlite',
      'so-phong-dich.before-restore-20261118-100000.sqlite',
      'so-phong-dich.before-restore-20261115-100000.sqlite',
    ]
    for (const name of names) {
      writeFileSync(join(aside, name), 'x')
      writeFileSync(join(aside, `${name}-wal`), 'x')
    }
    writeFileSync(join(aside, 'ghi-chu.txt'), 'not ours')

    await app.ok('backups:create', {})
    // 14 days kept: the one from 16 days ago goes, with its WAL.
    expect(readdirSync(aside).sort()).toEqual(
      [...names.slice(0, 4).flatMap((n) => [n, `${n}-wal`]), 'ghi-chu.txt'].sort(),
    )

    await app.ok('backups:updateSettings', { folder: null, keep: 2, daily: true })
    await app.ok('backups:create', {})
    expect(readdirSync(aside).sort()).toEqual(
      [names[0]!, `${names[0]!}-wal`, names[2]!, `${names[2]!}-wal`, 'ghi-chu.txt'].sort(),
    )
    // The backups themselves follow their own count.
    expect(readdirSync(join(app.dir, 'backups')).filter((n) => n.endsWith('.sqlite'))).toHaveLength(2)
  })
})
