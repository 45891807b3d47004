import type { RouteInput, RouteName, RouteOutput } from '@shared/contract'
import { callOrThrow } from './client'

/** A store action that is one route call, typed by the contract: `const get = action('dailyReports:get')`. */
export const action =
  <N extends RouteName>(name: N) =>
  (input: RouteInput<N>): Promise<RouteOutput<N>> =>
    callOrThrow(name, input)
