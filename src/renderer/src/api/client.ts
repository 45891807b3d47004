import type { DesktopApi, PrintOutcome, PrintRequest } from '@shared/contract/api'
import type { ApiError, Result, RouteInput, RouteName, RouteOutput } from '@shared/contract'
import { serverProblem } from '../database/server-state'

const SECRET_KEY = 'spd.previewSecret'

/**
 * The browser preview gets its per-run secret in the URL (?k=…); keep it for this tab only
 * and take it out of the address bar so it is not bookmarked or shown.
 */
function previewSecret(): string {
  const params = new URLSearchParams(window.location.search)
  const fromUrl = params.get('k')
  if (fromUrl) {
    sessionStorage.setItem(SECRET_KEY, fromUrl)
    params.delete('k')
    const query = params.toString()
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`,
    )
  }
  return sessionStorage.getItem(SECRET_KEY) ?? ''
}

const transportError = (message: string): Result<never> => ({
  ok: false,
  error: { code: 'internal', message, fieldErrors: {} },
})

function httpTransport(): DesktopApi {
  const secret = previewSecret()
  return {
    async invoke(name, input) {
      try {
        const response = await fetch(`/api/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-SPD-Secret': secret },
          body: JSON.stringify(input ?? {}),
        })
        const body = (await response.json()) as Result<never>
        if (body && typeof body === 'object' && 'ok' in body) return body
        return transportError(`Máy chủ xem trước trả lời không hợp lệ (HTTP ${response.status})`)
      } catch {
        return transportError('Không kết nối được với máy chủ xem trước. Hãy chạy lại npm start.')
      }
    },
    /**
     * The browser's own viewer prints: the server holds the PDF under a one-time URL, and a new
     * tab opens it. Not a blob: URL, which would inherit this page's CSP (object-src 'none').
     */
    async print(request) {
      try {
        const response = await fetch('/print', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-SPD-Secret': secret },
          body: JSON.stringify({ fileName: request.fileName, base64: request.base64 }),
        })
        const body = (await response.json()) as { ok?: boolean; url?: string }
        if (!body.ok || typeof body.url !== 'string') return { ok: false, reason: 'invalid' }
        // noopener: the PDF's tab gets no handle on the app's page.
        window.open(body.url, '_blank', 'noopener')
        return { ok: true }
      } catch {
        return { ok: false, reason: 'failed' }
      }
    },
  }
}

const transport: DesktopApi = window.api ?? httpTransport()

export interface SessionHooks {
  /** Shows the lock screen; resolves once the password was given again. */
  locked(): Promise<void>
  /** The main process no longer knows this window's user (signed out, account disabled). */
  signedOut(): void
}

let hooks: SessionHooks | null = null

export function setSessionHooks(value: SessionHooks): void {
  hooks = value
}

/**
 * The renderer's one way to reach the main process; stores call it, components call stores.
 * A call refused because the session locked waits for the unlock and is sent again, so the
 * form that made it keeps its data and simply completes.
 */
export async function call<N extends RouteName>(
  name: N,
  input: RouteInput<N>,
): Promise<Result<RouteOutput<N>>> {
  const result = await transport.invoke(name, input)
  if (!result.ok && result.error.code === 'unreachable') serverProblem.value = result.error.message
  if (result.ok || !hooks) return result
  if (result.error.code === 'locked') {
    await hooks.locked()
    return transport.invoke(name, input)
  }
  if (result.error.code === 'unauthorized' && !name.startsWith('auth:')) hooks.signedOut()
  return result
}

/** Thrown by stores when a route answers with an error, so forms can show fieldErrors. */
export class RouteError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message)
  }
}

export async function callOrThrow<N extends RouteName>(
  name: N,
  input: RouteInput<N>,
): Promise<RouteOutput<N>> {
  const result = await call(name, input)
  if (!result.ok) throw new RouteError(result.error)
  return result.data
}

/** Electron's print dialog, or the preview's new tab holding the PDF. */
export function printFile(request: PrintRequest): Promise<PrintOutcome> {
  return transport.print(request)
}

export const isPreview = !window.api
