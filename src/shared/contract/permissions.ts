/**
 * Every route names one permission. Roles (accounts) map to sets of permissions; the main
 * process checks them before a handler runs, whatever the renderer shows or hides.
 */
export const PERMISSIONS = [
  'units.read',
  'units.write',
  'settings.read',
  'settings.write',
  'sample.manage',
] as const

export type Permission = (typeof PERMISSIONS)[number]
