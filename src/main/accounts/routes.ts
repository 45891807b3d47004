import type { Handlers } from '../core/router'
import {
  authStatus,
  changeOwnPassword,
  createUser,
  listUsers,
  lockSession,
  login,
  logout,
  resetPassword,
  setup,
  unlock,
  updateUser,
} from './service'

type AccountHandlers = Pick<
  Handlers,
  (`auth:${string}` & keyof Handlers) | (`users:${string}` & keyof Handlers)
>

export const accountHandlers: AccountHandlers = {
  'auth:status': (_input, ctx) => authStatus(ctx),
  'auth:setup': (input, ctx) => setup(ctx, input),
  'auth:login': (input, ctx) => login(ctx, input),
  'auth:logout': (_input, ctx) => logout(ctx),
  'auth:unlock': (input, ctx) => unlock(ctx, input),
  'auth:lock': (_input, ctx) => lockSession(ctx),
  'auth:touch': (_input, ctx) => authStatus(ctx),
  'auth:changePassword': async (input, ctx) => {
    await changeOwnPassword(ctx, input)
    return true as const
  },
  'users:list': (q, ctx) => listUsers(ctx, q),
  'users:create': (input, ctx) => createUser(ctx, input),
  'users:update': (input, ctx) => updateUser(ctx, input),
  'users:resetPassword': (input, ctx) => resetPassword(ctx, input),
}
