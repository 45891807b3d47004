import { permissionsOf } from '@shared/contract'
import type { Permission, Role } from '@shared/contract'
import type { SessionUserDto } from '@shared/accounts/schemas'

export interface SessionUser {
  id: number
  username: string
  displayName: string
  roles: Role[]
}

/**
 * What the main process knows about one client (an Electron window, the preview page):
 * who signed in there and when it last did something. The renderer never holds a token.
 */
export class Session {
  user: SessionUser | null = null
  permissions: ReadonlySet<Permission> = new Set()
  locked = false
  lastActivity = 0
  /**
   * The account's `auth_epoch` when this session took its roles; null for the system's own
   * sessions, which no account row backs. The router signs the session out when it moves.
   */
  epoch: number | null = null

  signIn(user: SessionUser, now: number, epoch: number | null = null): void {
    this.user = user
    this.epoch = epoch
    this.permissions = permissionsOf(user.roles)
    this.locked = false
    this.lastActivity = now
  }

  signOut(): void {
    this.user = null
    this.epoch = null
    this.permissions = new Set()
    this.locked = false
  }

  toDto(): SessionUserDto | null {
    if (!this.user) return null
    return { ...this.user, permissions: [...this.permissions] }
  }
}

export const DEFAULT_IDLE_MINUTES = 10

export class SessionRegistry {
  private readonly byClient = new Map<string, Session>()
  /** Kept in memory for the router; the settings service updates it when the setting changes. */
  idleMinutes = DEFAULT_IDLE_MINUTES

  get(client: string): Session {
    let session = this.byClient.get(client)
    if (!session) this.byClient.set(client, (session = new Session()))
    return session
  }

  forget(client: string): void {
    this.byClient.delete(client)
  }

  /**
   * Roles changed or the account was disabled: every window of this process signed in as that
   * user follows at once (other seats follow at their next call, by the epoch).
   */
  userChanged(user: SessionUser & { active: boolean; epoch: number }, now: number): void {
    const { active, epoch, ...signedIn } = user
    for (const session of this.byClient.values()) {
      if (session.user?.id !== user.id) continue
      if (active) session.signIn(signedIn, now, epoch)
      else session.signOut()
    }
  }

  signOutAll(): void {
    for (const session of this.byClient.values()) session.signOut()
  }
}

/** A signed-in session for tests, benchmarks and maintenance jobs. */
export function systemSession(roles: Role[] = ['admin', 'office', 'reception', 'inspector']): Session {
  const session = new Session()
  session.signIn({ id: 0, username: 'system', displayName: 'Hệ thống', roles }, Date.now())
  return session
}
