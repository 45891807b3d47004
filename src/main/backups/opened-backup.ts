import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { AppError } from '../core/errors'
import { privateFolder } from '../core/paths'
import { removeWithSidecars } from './backup-file'
import { SealError, isSealed, openSealedFile, unwrapDataKey } from './encryption'
import type { DataKey, FileHeader } from './encryption'
import type { BackupKeys } from './key-keeper'

export const sealMsg = {
  needPassphrase:
    'Bản sao lưu này được mã hoá bằng khoá không có trên máy này. Nhập mật khẩu sao lưu (ghi trên phiếu khôi phục) để khôi phục.',
  wrongPassphrase: 'Mật khẩu sao lưu không đúng. Dữ liệu đang dùng chưa bị thay đổi.',
  altered:
    'Tệp sao lưu đã bị sửa đổi hoặc bị cắt cụt (không qua kiểm tra xác thực của mã hoá), không thể dùng để khôi phục. Dữ liệu đang dùng chưa bị thay đổi.',
  newer: 'Bản sao lưu được mã hoá theo định dạng mới hơn. Hãy cập nhật ứng dụng rồi khôi phục lại.',
}

/** A backup as a plain SQLite file: the file itself, or its decryption in the private work folder. */
export interface OpenedBackup {
  plain: string
  /** The data key of a header: this PC's, or the one the passphrase unwrapped. */
  keyFor(header: FileHeader): Buffer | null
  /** A key the passphrase unwrapped, for this PC to keep once the restore succeeded. */
  unwrapped(): DataKey | null
  close(): void
}

function refusal(error: unknown, passphrase: string | undefined): AppError {
  const reason = error instanceof SealError ? error.reason : 'altered'
  if (reason === 'no_key')
    return passphrase
      ? AppError.validation({ passphrase: sealMsg.wrongPassphrase }, sealMsg.wrongPassphrase)
      : AppError.validation({ passphrase: sealMsg.needPassphrase }, sealMsg.needPassphrase)
  const message = reason === 'newer' ? sealMsg.newer : sealMsg.altered
  return AppError.validation({ file: message }, message)
}

/**
 * Opens `file` for inspection and restore. An encrypted one is decrypted and authenticated
 * whole into `workFolder` (beside the data, 0700) before anything reads it; a refusal
 * (no key, wrong passphrase, altered or cut short) throws a validation AppError and leaves nothing.
 */
export function openBackup(
  file: string,
  opts: { keys: BackupKeys; workFolder: string; passphrase?: string },
): OpenedBackup {
  const unwrapped = new Map<string, DataKey>()
  const keyFor = (header: FileHeader): Buffer | null => {
    const kept = opts.keys.find(header.keyId)
    if (kept) return kept
    if (!opts.passphrase || header.wrap?.keyId !== header.keyId) return null
    const cached = unwrapped.get(header.keyId)
    if (cached) return cached.key
    const key = unwrapDataKey(header.wrap, opts.passphrase)
    if (key) unwrapped.set(header.keyId, { keyId: header.keyId, key, wrap: header.wrap })
    return key
  }
  const first = () => [...unwrapped.values()][0] ?? null
  if (!isSealed(file)) return { plain: file, keyFor, unwrapped: first, close: () => undefined }
  privateFolder(opts.workFolder)
  const plain = join(opts.workFolder, `.restore-${randomBytes(6).toString('hex')}.sqlite`)
  try {
    openSealedFile(file, plain, keyFor)
  } catch (error) {
    removeWithSidecars(plain)
    throw refusal(error, opts.passphrase)
  }
  return { plain, keyFor, unwrapped: first, close: () => removeWithSidecars(plain) }
}
