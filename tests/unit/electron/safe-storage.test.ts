import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'

/** The OS protection stood in for by a reversible transform, so what lands on disk can be checked. */
const safeStorage = {
  available: true,
  isEncryptionAvailable: vi.fn(() => safeStorage.available),
  encryptString: vi.fn((text: string) => Buffer.from(`os:${[...text].reverse().join('')}`)),
  decryptString: vi.fn((bytes: Buffer) => {
    const text = bytes.toString()
    if (!text.startsWith('os:')) throw new Error('not ours')
    return [...text.slice(3)].reverse().join('')
  }),
}
vi.mock('electron', () => ({ safeStorage }))

const { safeStorageKeeper } = await import('@main/electron/safe-storage')

const dirs: string[] = []
afterEach(() => {
  safeStorage.available = true
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
})

function keeperFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spd-keys-'))
  dirs.push(dir)
  return join(dir, 'backup-keys.bin')
}

describe('the safeStorage key keeper', () => {
  it('keeps the keyring only as the OS encrypted it, and reads it back', () => {
    const file = keeperFile()
    const keeper = safeStorageKeeper(file)
    expect(keeper.read()).toBeNull()
    keeper.write(Buffer.from('{"current":"k1"}'))
    expect(readFileSync(file).includes(Buffer.from('current'))).toBe(false)
    expect(keeper.read()?.toString()).toBe('{"current":"k1"}')
  })

  it('reads nothing where the OS cannot decrypt (another user or PC) and refuses to keep a key unprotected', () => {
    const file = keeperFile()
    safeStorageKeeper(file).write(Buffer.from('secret'))
    safeStorage.available = false
    expect(safeStorageKeeper(file).read()).toBeNull()
    expect(() => safeStorageKeeper(file).write(Buffer.from('secret'))).toThrow(/safeStorage/)
  })
})
