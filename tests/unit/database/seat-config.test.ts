import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createAppCore } from '@main/app-core'
import { fileKeeper } from '@main/backups/key-keeper'
import { silentLogger } from '@main/core/logger'
import { SeatConfig } from '@main/database/seat-config'
import { databaseMsg } from '@shared/database/messages'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spd-seat-config-'))
  dirs.push(dir)
  return dir
}

const SERVER = { host: 'may-chu', port: 5432, database: 'so_phong_dich', user: 'spd', tls: false, caFile: '' }

describe("this PC's choice of store", () => {
  it('is the local file until something is saved', () => {
    const dir = tempDir()
    const config = new SeatConfig(join(dir, 'database.json'), fileKeeper(join(dir, 'pw.local')))
    expect(config.read()).toEqual({ choice: 'local', server: null })
    expect(config.connection()).toBeUndefined()
    expect(config.password()).toBeNull()
  })

  it('keeps the server in a private file and the password only through the secret keeper', () => {
    const dir = tempDir()
    const config = new SeatConfig(join(dir, 'database.json'), fileKeeper(join(dir, 'pw.local')))
    config.saveServer(SERVER, 'mật-khẩu-bí-mật')
    const text = readFileSync(join(dir, 'database.json'), 'utf8')
    expect(JSON.parse(text)).toEqual({ choice: 'server', server: SERVER })
    expect(text).not.toContain('mật-khẩu')
    expect(statSync(join(dir, 'database.json')).mode & 0o777).toBe(0o600)
    expect(statSync(join(dir, 'pw.local')).mode & 0o777).toBe(0o600)
    const { caFile: _caFile, ...fields } = SERVER
    expect(config.connection()).toEqual({ ...fields, password: 'mật-khẩu-bí-mật', ca: undefined })

    config.useLocal()
    expect(config.read()).toEqual({ choice: 'local', server: SERVER })
    expect(config.connection()).toBeUndefined()
  })

  it('reads the CA file when TLS is on, and says so when it cannot', () => {
    const dir = tempDir()
    const config = new SeatConfig(join(dir, 'database.json'), fileKeeper(join(dir, 'pw.local')))
    writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n')
    config.saveServer({ ...SERVER, tls: true, caFile: join(dir, 'ca.pem') }, 'x')
    expect(config.connection()).toMatchObject({ tls: true, ca: expect.stringContaining('BEGIN CERTIFICATE') })
    config.saveServer({ ...SERVER, tls: true, caFile: join(dir, 'mat.pem') }, 'x')
    expect(() => config.connection()).toThrow(databaseMsg.caFileUnreadable)
  })

  it('stops the start on a damaged choice rather than guessing the local file', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'database.json'), '{"choice":"server","server":{"host":')
    await expect(
      createAppCore({ file: join(dir, 'so-phong-dich.sqlite'), logger: silentLogger }),
    ).rejects.toThrow()
  })
})
