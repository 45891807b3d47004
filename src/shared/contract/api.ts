import type { Result, RouteInput, RouteName, RouteOutput } from './index'

/** `feature:action`; checked by the preload before anything reaches IPC. Kept here so the preload bundles no zod. */
export const ROUTE_NAME_PATTERN = /^[a-z][A-Za-z]*:[a-z][A-Za-z]*$/

/** What the preload exposes as `window.api` (and nothing else). The preview client has the same shape. */
export interface DesktopApi {
  invoke<N extends RouteName>(name: N, input: RouteInput<N>): Promise<Result<RouteOutput<N>>>
}

/** IPC channels carry the route name itself (`units:list`), prefixed so no other channel can be hit. */
export const IPC_PREFIX = 'route:'
