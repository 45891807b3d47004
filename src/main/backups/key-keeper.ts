import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import type { DataKey, WrappedKey } from './encryption'
import { privateFile } from '../core/paths'

/**
 * Where this PC keeps its backup data keys, so the daily backup runs without the passphrase.
 * Electron protects the bytes with the OS (`safeStorage`: DPAPI on Windows, the keychain on
 * macOS, libsecret on Linux; src/main/electron/safe-storage.ts). The preview and the tests
 * use `fileKeeper`, which keeps them in a 0600 file beside the data: fine for a developer's
 * machine, not a protection.
 */
export interface SecretKeeper {
  /** Null when nothing is kept (or it cannot be read back on this PC any more). */
  read(): Buffer | null
  write(secret: Buffer): void
}

/** The data keys of this PC: the current one (new backups) and older ones (their backups still restore). */
export interface Keyring {
  current: string | null
  since: string | null
  keys: Array<{ keyId: string; key: string; wrap: WrappedKey }>
}

const EMPTY: Keyring = { current: null, since: null, keys: [] }

export function fileKeeper(file: string): SecretKeeper {
  return {
    read() {
      try {
        return readFileSync(file)
      } catch {
        return null
      }
    },
    write(secret) {
      const temp = `${file}.tmp`
      writeFileSync(temp, secret, { mode: 0o600 })
      privateFile(temp)
      renameSync(temp, file)
    },
  }
}

export class BackupKeys {
  constructor(private readonly keeper: SecretKeeper) {}

  ring(): Keyring {
    const bytes = this.keeper.read()
    if (!bytes) return EMPTY
    try {
      return { ...EMPTY, ...(JSON.parse(bytes.toString('utf8')) as Keyring) }
    } catch {
      return EMPTY
    }
  }

  /** The key new backups are sealed with; null while no passphrase was set on this PC. */
  current(): DataKey | null {
    const ring = this.ring()
    const entry = ring.keys.find((k) => k.keyId === ring.current)
    return entry ? { keyId: entry.keyId, key: Buffer.from(entry.key, 'base64'), wrap: entry.wrap } : null
  }

  find(keyId: string): Buffer | null {
    const entry = this.ring().keys.find((k) => k.keyId === keyId)
    return entry ? Buffer.from(entry.key, 'base64') : null
  }

  /** Keeps `key`; as the current one when `current` (a new passphrase) or when there is none yet. */
  add(key: DataKey, now: Date, current: boolean): void {
    const ring = this.ring()
    const keys = [
      ...ring.keys.filter((k) => k.keyId !== key.keyId),
      { keyId: key.keyId, key: key.key.toString('base64'), wrap: key.wrap },
    ]
    const makeCurrent = current || !ring.current
    const next: Keyring = makeCurrent
      ? { current: key.keyId, since: now.toISOString(), keys }
      : { ...ring, keys }
    this.keeper.write(Buffer.from(JSON.stringify(next), 'utf8'))
  }
}
