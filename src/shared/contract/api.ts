import type { Result, RouteInput, RouteName, RouteOutput } from './index'

/** `feature:action`; checked by the preload before anything reaches IPC. Kept here so the preload bundles no zod. */
export const ROUTE_NAME_PATTERN = /^[a-z][A-Za-z]*:[a-z][A-Za-z]*$/

/** A PDF the renderer got from a route, handed back to be printed (the FileDownload shape). */
export interface PrintRequest {
  fileName: string
  base64: string
}

/** `ok`: the print dialog (Electron) or a tab holding the PDF (preview) is showing it. */
export type PrintOutcome = { ok: true } | { ok: false; reason: 'invalid' | 'failed' }

/** What the preload exposes as `window.api` (and nothing else). The preview client has the same shape. */
export interface DesktopApi {
  invoke<N extends RouteName>(name: N, input: RouteInput<N>): Promise<Result<RouteOutput<N>>>
  /** Electron: the system print dialog for this PDF. The preview opens it in a new tab instead. */
  print(request: PrintRequest): Promise<PrintOutcome>
}

/** IPC channels carry the route name itself (`units:list`), prefixed so no other channel can be hit. */
export const IPC_PREFIX = 'route:'
/** The one channel outside the route table; its name cannot match `route:` + ROUTE_NAME_PATTERN. */
export const PRINT_CHANNEL = 'desktop-print'
/** A printout larger than this is not ours (the biggest minutes with photos stay far below). */
export const MAX_PRINT_BYTES = 50 * 1024 * 1024
