import { z } from 'zod'
import { msg, optionalText, requiredText } from '../validation/fields'

export const BACKUP_KEEP_DEFAULT = 14

export const backupMsg = {
  absoluteFolder:
    'Nhập đường dẫn đầy đủ của thư mục, ví dụ D:\\SaoLuu, E:\\ (ổ USB) hoặc \\\\may-chu\\chia-se\\SaoLuu',
  keepRange: 'Giữ từ 1 đến 365 bản',
  fileRequired: 'Chọn bản sao lưu cần khôi phục',
  absoluteFile: 'Nhập tên một bản sao lưu trong thư mục hoặc đường dẫn đầy đủ của tệp',
  notDamaged: 'Dữ liệu đang dùng không bị lỗi; hãy đăng nhập bằng tài khoản quản trị để khôi phục.',
  noGoodBackup: 'Không tìm thấy bản sao lưu nào còn tốt để khôi phục.',
  keyNotKept:
    'Không lưu được khoá mã hoá trên máy này (kho khoá của hệ điều hành không dùng được). Mật khẩu chưa được đặt.',
  passphraseLength: 'Mật khẩu sao lưu cần từ 12 đến 200 ký tự',
  passphraseMismatch: 'Hai lần nhập mật khẩu không giống nhau',
  readOnly:
    'Dữ liệu đang bị lỗi nên ứng dụng chỉ cho xem, tra cứu và xuất tệp; chưa lưu được thay đổi nào. Hãy báo người quản trị khôi phục từ bản sao lưu (Cài đặt → Sao lưu và khôi phục).',
  serverNoTools:
    'Máy này không có công cụ sao lưu của PostgreSQL (pg_dump, pg_restore) phù hợp với máy chủ: việc sao lưu dữ liệu do máy chủ đảm nhận (README, mục "Several PCs").',
  serverDumpDamaged:
    'Tệp này không phải bản sao lưu máy chủ đọc được (pg_restore không đọc được hoặc thiếu bảng migrations). Dữ liệu trên máy chủ chưa bị thay đổi.',
  serverRestoreFailed:
    'Không khôi phục được từ tệp này: tệp hỏng ở giữa chừng hoặc máy chủ từ chối dữ liệu của tệp. Dữ liệu trên máy chủ vẫn như trước khi khôi phục.',
  serverDumpEncoding:
    'Bản sao lưu này lấy từ một cơ sở dữ liệu không dùng bảng mã UTF8 nên chữ tiếng Việt trong đó sẽ bị sai: ứng dụng không khôi phục từ tệp này. Dữ liệu trên máy chủ vẫn như trước khi khôi phục.',
  serverDumpNewer:
    'Bản sao lưu này do phiên bản ứng dụng mới hơn tạo ra. Hãy cập nhật ứng dụng rồi khôi phục; dữ liệu trên máy chủ chưa bị thay đổi.',
  serverConfirm:
    'Khôi phục sẽ thay toàn bộ dữ liệu trên máy chủ, cho mọi máy đang dùng chung. Hãy báo các máy khác ngừng nhập liệu, rồi đánh dấu xác nhận.',
}

/** Windows drive (C:\), UNC share (\\server\share) or POSIX root: a folder that does not depend on where the app runs. */
export function isAbsolutePath(path: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(path) || /^\\\\[^\\]+\\[^\\]+/.test(path) || path.startsWith('/')
}

export const BackupSettings = z.object({
  /** Null: the `backups` folder beside the database. */
  folder: optionalText(1000).refine((v) => v === null || isAbsolutePath(v), {
    error: backupMsg.absoluteFolder,
  }),
  keep: z
    .number({ error: msg.integer })
    .int({ error: msg.integer })
    .min(1, { error: backupMsg.keepRange })
    .max(365, { error: backupMsg.keepRange }),
  /** One automatic backup on the first start of each day (and once a day while the app stays open). */
  daily: z.boolean({ error: msg.invalid }),
})
export type BackupSettings = z.output<typeof BackupSettings>

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = {
  folder: null,
  keep: BACKUP_KEEP_DEFAULT,
  daily: true,
}

/** A backup's name in the backup folder, or the full path of a file elsewhere (another folder, a USB stick). */
export const BackupRestoreInput = z.object({
  file: requiredText(1000).refine((v) => !/[\\/]/.test(v) || isAbsolutePath(v), {
    error: backupMsg.absoluteFile,
  }),
  /** Only for an encrypted backup whose key this PC does not have (a new PC). */
  passphrase: z.string({ error: msg.invalid }).max(200, { error: backupMsg.passphraseLength }).optional(),
  /** On a server store: the administrator confirms that every seat's data is replaced. */
  confirmServer: z.boolean({ error: msg.invalid }).optional(),
})
export type BackupRestoreInput = z.input<typeof BackupRestoreInput>

/** The administrator's backup passphrase: it wraps a new data key and is never stored. */
export const BackupPassphraseInput = z
  .object({
    passphrase: z
      .string({ error: msg.invalid })
      .min(12, { error: backupMsg.passphraseLength })
      .max(200, { error: backupMsg.passphraseLength }),
    confirm: z.string({ error: msg.invalid }),
  })
  .refine((v) => v.passphrase === v.confirm, { error: backupMsg.passphraseMismatch, path: ['confirm'] })
export type BackupPassphraseInput = z.input<typeof BackupPassphraseInput>

/** Backups are encrypted with the key `keyId` since `since` (printed on the recovery sheet). */
export interface BackupEncryption {
  keyId: string
  since: string
}

export interface BackupDto {
  name: string
  /** Absolute path, shown so people can find the file on the disk. */
  file: string
  size: number
  createdAt: string
}

/** What the start-up check (`PRAGMA quick_check`) found. */
export interface StoreHealth {
  ok: boolean
  checkedAt: string
  /** Vietnamese, when not ok. */
  message: string | null
  /** The newest backup that passes the restore checks, offered when the store is damaged. */
  latestGood: BackupDto | null
}

export interface AutomaticBackupResult {
  at: string
  ok: boolean
  name: string | null
  message: string | null
}

export interface BackupOverview {
  settings: BackupSettings
  /** Where backups go now: the setting or the default. */
  folder: string
  defaultFolder: string
  backups: BackupDto[]
  lastAutomatic: AutomaticBackupResult | null
  health: StoreHealth
  /** Null: no passphrase set on this PC, backups are written in plain. */
  encryption: BackupEncryption | null
  /** Null on this PC's own SQLite file; on a server store, what this seat can do about backups. */
  server: ServerBackupState | null
}

/**
 * A server store is backed up with PostgreSQL's client tools when this PC has them (`found`);
 * `missing` or `too_old` (older than the server, which pg_dump refuses): the server's job.
 */
export interface ServerBackupState {
  tools: 'found' | 'missing' | 'too_old'
  /** Major versions. */
  toolsVersion: number | null
  serverVersion: number
}

/** Rows of one table newer than the backup, found in the damaged store. */
export interface SalvageTable {
  table: string
  /** Still readable in the damaged file. */
  readable: number
  /** Ids in the newer span that could not be read (on a damaged page). */
  unreadable: number
  /** Put back into the restored store (0 in a preview). */
  saved: number
  /** Unreadable, or refused by the restored store (a reference that no longer resolves). */
  notSaved: number
}

/** Shown before a recovery is confirmed: what the backup lacks that the damaged file still holds. */
export interface RecoveryPreview {
  backup: BackupDto
  tables: SalvageTable[]
}

export interface RestoreResult {
  restoredFrom: string
  /** The database as it was before the restore, kept in case it is wanted back. */
  asideFile: string
  /** Inspection photos copied back into the data folder from the `attachments/` beside the backup. */
  photosCopied: number
  /** Photos the restored data references that were found nowhere. */
  photosMissing: number
  /** Vietnamese, when some are missing: shown after the reload. */
  photosMessage: string | null
  /** After a recovery from a damaged store: the newer rows put back, per table. */
  salvaged?: SalvageTable[]
}
