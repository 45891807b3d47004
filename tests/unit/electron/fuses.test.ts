import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants'

interface PackContext {
  appOutDir: string
  electronPlatformName: string
  packager: { appInfo: { productFilename: string }; executableName: string }
}
type Hook = ((context: PackContext) => Promise<void>) & {
  fuses: Record<string, unknown>
  executablePath(context: PackContext): string
}

const root = resolve(__dirname, '../../..')
const hook = createRequire(__filename)(join(root, 'build/after-pack.cjs')) as Hook

/** The bytes of an unpacked Electron: the fuse sentinel, wire version 1, eight fuses as Electron ships them. */
function fakeElectron(file: string): void {
  const shipped = [
    FuseState.ENABLE, // RunAsNode
    FuseState.DISABLE, // EnableCookieEncryption
    FuseState.ENABLE, // EnableNodeOptionsEnvironmentVariable
    FuseState.ENABLE, // EnableNodeCliInspectArguments
    FuseState.DISABLE, // EnableEmbeddedAsarIntegrityValidation
    FuseState.DISABLE, // OnlyLoadAppFromAsar
    FuseState.DISABLE, // LoadBrowserProcessSpecificV8Snapshot
    FuseState.ENABLE, // GrantFileProtocolExtraPrivileges
  ]
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from('MZ…code…'),
      Buffer.from(SENTINEL),
      Buffer.from([1, shipped.length, ...shipped]),
      Buffer.from('…rest'),
    ]),
  )
}

describe('packaging hook (electron-builder afterPack)', () => {
  it('is the hook electron-builder runs', () => {
    expect(readFileSync(join(root, 'electron-builder.yml'), 'utf8')).toMatch(
      /^afterPack: build\/after-pack\.cjs$/m,
    )
  })

  it.each([
    ['win32', 'Sổ Phòng Dịch.exe'],
    ['linux', 'so-phong-dich'],
  ])('flips every fuse of the %s executable as the security review asks', async (platform, name) => {
    const appOutDir = mkdtempSync(join(tmpdir(), 'spd-fuses-'))
    const context: PackContext = {
      appOutDir,
      electronPlatformName: platform,
      packager: { appInfo: { productFilename: 'Sổ Phòng Dịch' }, executableName: 'so-phong-dich' },
    }
    expect(hook.executablePath(context)).toBe(join(appOutDir, name))
    fakeElectron(join(appOutDir, name))

    await hook(context)

    const wire = await getCurrentFuseWire(join(appOutDir, name))
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE)
  })

  it('sets every fuse explicitly, so an Electron with a longer wire fails the build', async () => {
    expect(hook.fuses.strictlyRequireAllFuses).toBe(true)
    const appOutDir = mkdtempSync(join(tmpdir(), 'spd-fuses-'))
    const file = join(appOutDir, 'Sổ Phòng Dịch.exe')
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, 9, ...Array(9).fill(FuseState.ENABLE)])]),
    )
    await expect(
      hook({
        appOutDir,
        electronPlatformName: 'win32',
        packager: { appInfo: { productFilename: 'Sổ Phòng Dịch' }, executableName: '' },
      }),
    ).rejects.toThrow()
  })
})
