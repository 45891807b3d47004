import { Initial1795000000001 } from './0001-initial'

/** Explicit and ordered: a glob would find nothing once the main process is bundled. */
export const migrations = [Initial1795000000001]
