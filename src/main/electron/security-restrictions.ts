import { app, session } from 'electron'
import type { Session, WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../security/csp'

/** Permissions a feature needs, for our own pages only; everything else is denied. Web Serial: the COM-port scanner. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>(['serial'])

/** Origins the app's own pages come from: app://renderer, or the dev server in development. */
export function trustedOrigins(devServerUrl = process.env.ELECTRON_RENDERER_URL): string[] {
  const origins = ['app://renderer']
  if (devServerUrl) origins.push(originOf(devServerUrl))
  return origins
}

/** scheme://host; Node's URL reports origin "null" for custom schemes such as app://, so build it by hand. */
function originOf(url: string): string {
  const parsed = new URL(url)
  return `${parsed.protocol}//${parsed.host}`
}

export function isTrustedUrl(url: string, origins = trustedOrigins()): boolean {
  try {
    return origins.includes(originOf(url))
  } catch {
    return false
  }
}

/** Every page-level guard in one place, applied to each web contents as it is created. */
export function guardWebContents(contents: WebContents, origins = trustedOrigins()): void {
  const blockForeign = (event: { preventDefault(): void }, url: string): void => {
    if (!isTrustedUrl(url, origins)) event.preventDefault()
  }
  contents.on('will-navigate', blockForeign)
  contents.on('will-redirect', blockForeign)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

export function guardSession(target: Session, devServerUrl = process.env.ELECTRON_RENDERER_URL): void {
  const origins = trustedOrigins(devServerUrl)
  const allowed = (permission: string, origin: string | undefined) =>
    ALLOWED_PERMISSIONS.has(permission) && !!origin && isTrustedUrl(origin, origins)
  target.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(allowed(permission, details?.requestingUrl ?? contents?.getURL())),
  )
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    allowed(permission, requestingOrigin),
  )
  // Serial ports only, and only for our pages: the chosen scanner stays usable after a restart.
  target.setDevicePermissionHandler(
    (details) => details.deviceType === 'serial' && isTrustedUrl(details.origin, origins),
  )
  if (devServerUrl) {
    // The dev server sends no CSP of its own; add ours, plus the HMR websocket.
    const devPolicy = CONTENT_SECURITY_POLICY.replace(
      "connect-src 'self'",
      "connect-src 'self' ws://localhost:*",
    )
    target.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [devPolicy] } })
    })
  }
}

export function installSecurityRestrictions(): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents))
  app.whenReady().then(
    () => guardSession(session.defaultSession),
    () => undefined,
  )
}
