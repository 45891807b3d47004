import type { EntityManager } from 'typeorm'
import type { Session } from '../core/session'
import { UserEntity } from './entities'

/**
 * Another seat may have removed a role, disabled the account or changed its password since
 * this session signed in: one read by primary key tells, and a session whose account moved on
 * is signed out (the user signs in again and gets what the account holds now).
 */
export async function signOutIfAccountMoved(m: EntityManager, session: Session): Promise<void> {
  if (!session.user || session.epoch === null) return
  const row = await m
    .getRepository(UserEntity)
    .findOne({ select: { id: true, authEpoch: true }, where: { id: session.user.id } })
  if (row?.authEpoch !== session.epoch) session.signOut()
}

/** Every seat's sessions of this account follow at their next call. */
export async function bumpAuthEpoch(m: EntityManager, id: number): Promise<number> {
  const repo = m.getRepository(UserEntity)
  await repo.increment({ id }, 'authEpoch', 1)
  const row = await repo.findOneOrFail({ select: { id: true, authEpoch: true }, where: { id } })
  return row.authEpoch
}
