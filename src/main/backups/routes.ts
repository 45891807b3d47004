import type { Handlers } from '../core/router'
import { readSettings, writeSettings } from '../settings/service'
import { backupsGroup } from './service'
import type { RestoreResult, SalvageTable } from '@shared/backups/schemas'

const photoNote = (r: RestoreResult) =>
  `; chép lại ${r.photosCopied} ảnh kiểm tra${r.photosMissing ? `, thiếu ${r.photosMissing} ảnh` : ''}`

const salvageNote = (tables: SalvageTable[] = []) =>
  tables.length
    ? `; khôi phục thêm từ tệp lỗi: ${tables.map((t) => `${t.table} ${t.saved}/${t.readable + t.unreadable} dòng (không lưu được ${t.notSaved})`).join(', ')}`
    : ''

type BackupHandlers = Pick<Handlers, `backups:${string}` & keyof Handlers>

export const backupHandlers: BackupHandlers = {
  'backups:overview': (_input, { host }) => host.backups.overview(),
  'backups:updateSettings': async (input, ctx) => {
    const before = await readSettings(ctx.m, backupsGroup)
    const after = await writeSettings(ctx.m, backupsGroup, input, ctx.now)
    ctx.audit.change('settings', backupsGroup.key, before, after)
    ctx.afterCommit(() => ctx.host.backups.rememberFolder(after.folder))
    return after
  },
  'backups:create': async (_input, { host, now, audit }) => {
    const backup = await host.backups.create(now)
    audit.note('backup', backup.name, `Sao lưu vào ${backup.file}`)
    return backup
  },
  'backups:restore': async (input, { host, now, audit }) => {
    const result = await host.backups.restore(await host.backups.resolve(input.file), now, {
      passphrase: input.passphrase,
      confirmServer: input.confirmServer,
    })
    audit.note(
      'backup',
      null,
      `Khôi phục từ ${result.restoredFrom}; dữ liệu trước đó cất tại ${result.asideFile}${photoNote(result)}`,
    )
    return result
  },
  'backups:setPassphrase': async (input, { host, now, audit }) => {
    const encryption = host.backups.setPassphrase(input.passphrase, now)
    audit.note(
      'backup',
      encryption.keyId,
      `Đặt mật khẩu sao lưu: các bản sao lưu từ nay được mã hoá bằng khoá ${encryption.keyId}`,
    )
    return encryption
  },
  'backups:health': async (_input, { host }) => host.backups.health,
  'backups:recoveryPreview': (_input, { host }) => host.backups.recoveryPreview(),
  'backups:recover': async (_input, { host, now, audit }) => {
    const result = await host.backups.recover(now)
    audit.note(
      'backup',
      null,
      `Khôi phục sau lỗi khi khởi động từ ${result.restoredFrom}; tệp lỗi cất tại ${result.asideFile}${photoNote(result)}${salvageNote(result.salvaged)}`,
    )
    return result
  },
}
