/**
 * Every route names one permission. Roles map to sets of permissions; the main process checks
 * them before a handler runs, whatever the renderer shows or hides.
 */
export const PERMISSIONS = [
  'units.read',
  'units.write',
  'settings.read',
  'settings.write',
  'sample.manage',
  'users.manage',
  'audit.read',
  'backups.manage',
  /** This PC's store: its own file or the office's server, and the move between them. */
  'database.manage',
  'visits.read',
  'visits.write',
  'watchlist.manage',
  'inspections.read',
  'inspections.write',
  'inspectionTemplates.manage',
  'recommendations.follow',
  'staff.read',
  'staff.write',
  'vaccines.read',
  'vaccines.write',
  'reports.read',
  'reports.write',
  'rapidTests.manage',
] as const

export type Permission = (typeof PERMISSIONS)[number]

/**
 * Routes outside the role model: `public` answers anyone (first-run setup, sign-in, status);
 * `signedIn` needs a signed-in user but no particular role (sign-out, own password).
 */
export type Access = Permission | 'public' | 'signedIn'

export const ROLES = ['admin', 'office', 'reception', 'inspector'] as const
export type Role = (typeof ROLES)[number]

/** Quản trị, Văn phòng, Lễ tân, Đoàn kiểm tra. A user may hold several roles. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    'users.manage',
    'audit.read',
    'backups.manage',
    'database.manage',
    'settings.read',
    'settings.write',
    'sample.manage',
    'units.read',
  ],
  office: [
    'units.read',
    'units.write',
    'settings.read',
    'visits.read',
    'watchlist.manage',
    'inspections.read',
    'recommendations.follow',
    'staff.read',
    'staff.write',
    'vaccines.read',
    'vaccines.write',
    'reports.read',
    'reports.write',
    'rapidTests.manage',
  ],
  reception: ['units.read', 'settings.read', 'visits.read', 'visits.write'],
  // Inspectors also read the daily reports and the medicine cabinets for their checklists.
  inspector: [
    'units.read',
    'settings.read',
    'inspections.read',
    'inspections.write',
    'inspectionTemplates.manage',
    'recommendations.follow',
    'reports.read',
  ],
}

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r]))
}
