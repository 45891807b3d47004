import type { Result, RouteInput, RouteName, RouteOutput } from './index'

/** What the preload exposes as `window.api` (and nothing else). The preview client has the same shape. */
export interface DesktopApi {
  invoke<N extends RouteName>(name: N, input: RouteInput<N>): Promise<Result<RouteOutput<N>>>
}

/** IPC channels carry the route name itself (`units:list`), prefixed so no other channel can be hit. */
export const IPC_PREFIX = 'route:'
