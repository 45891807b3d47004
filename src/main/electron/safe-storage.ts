import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { safeStorage } from 'electron'
import type { SecretKeeper } from '../backups/key-keeper'

/**
 * The backup keys of this PC in `file`, encrypted by the OS through Electron's `safeStorage`
 * (DPAPI for this Windows user; the keychain or libsecret elsewhere). Copied to another PC or
 * user, the file cannot be read: restoring there asks for the passphrase.
 */
export function safeStorageKeeper(file: string): SecretKeeper {
  return {
    read() {
      try {
        if (!safeStorage.isEncryptionAvailable()) return null
        return Buffer.from(safeStorage.decryptString(readFileSync(file)), 'base64')
      } catch {
        return null
      }
    },
    write(secret) {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('safeStorage is not available')
      const temp = `${file}.tmp`
      writeFileSync(temp, safeStorage.encryptString(secret.toString('base64')), { mode: 0o600 })
      renameSync(temp, file)
    },
  }
}
