import { ipcMain } from 'electron'
import type { IpcMainInvokeEvent } from 'electron'
import { contract } from '@shared/contract'
import type { Result } from '@shared/contract'
import { IPC_PREFIX } from '@shared/contract/api'
import type { Router, Session } from '../core/router'
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
export function registerRouteHandlers(router: Router, currentSession: () => Session, logger: Logger): void {
  for (const name of Object.keys(contract)) {
    ipcMain.handle(`${IPC_PREFIX}${name}`, (event, input: unknown) => {
      if (!isOwnFrame(event)) {
        logger.error(`dropped ${name} from a foreign frame: ${event.senderFrame?.url ?? 'unknown'}`)
        return FOREIGN
      }
      return router.dispatch(name, input, currentSession())
    })
  }
}
