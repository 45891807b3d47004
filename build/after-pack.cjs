// electron-builder `afterPack` hook: flips the Electron fuses of the packaged executable before
// it is signed, so the shipped binary cannot be turned into a Node runtime or debugged, and only
// runs the app from its integrity-checked ASAR.
const { join } = require('node:path')
const { FuseV1Options, FuseVersion, flipFuses } = require('@electron/fuses')

/** Every fuse of the V1 wire is set explicitly: a fuse added by a later Electron fails the build. */
const fuses = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from app://, never file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
}

/** Where electron-builder leaves the executable (the same rule as its own fuse support). */
function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`)
  if (electronPlatformName === 'linux') return join(appOutDir, packager.executableName)
  return join(appOutDir, `${packager.appInfo.productFilename}.app`)
}

async function afterPack(context) {
  await flipFuses(executablePath(context), fuses)
}

module.exports = afterPack
module.exports.default = afterPack
module.exports.fuses = fuses
module.exports.executablePath = executablePath
