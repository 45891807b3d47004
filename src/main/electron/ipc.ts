import { ipcMain } from 'electron'
import type { IpcMainInvokeEvent, WebContents } from 'electron'
import { contract } from '@shared/contract'
import type { Result } from '@shared/contract'
import { IPC_PREFIX } from '@shared/contract/api'
import type { Router } from '../core/router'
import type { Session } from '../core/session'
import type { Logger } from '../core/logger'
import { isTrustedUrl } from './security-restrictions'

const FOREIGN: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'Yêu cầu không đến từ cửa sổ của ứng dụng', fieldErrors: {} },
}

/** Only our own window's top frame, on our own origin, may call routes. */
export function isOwnFrame(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, origins?: string[]): boolean {
  const frame = event.senderFrame
  return !!frame && frame.parent === null && isTrustedUrl(frame.url, origins)
}

/** The IPC adapter: one handler per route, each a thin call into the shared router. */
/** Each window has its own session, kept in main; the renderer never holds a token. */
export function registerRouteHandlers(
  router: Pick<Router, 'dispatch'>,
  sessionOf: (sender: Pick<WebContents, 'id'>) => Session,
  logger: Logger,
): void {
  for (const name of Object.keys(contract)) {
    ipcMain.handle(`${IPC_PREFIX}${name}`, (event, input: unknown) => {
      if (!isOwnFrame(event)) {
        logger.error(`dropped ${name} from a foreign frame: ${event.senderFrame?.url ?? 'unknown'}`)
        return FOREIGN
      }
      return router.dispatch(name, input, sessionOf(event.sender))
    })
  }
}
