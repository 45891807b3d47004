import type { DataSource } from 'typeorm'
import { PERMISSIONS } from '@shared/contract'
import { openDatabase } from './db/data-source'
import type { OpenDatabaseOptions } from './db/data-source'
import { createRouter } from './core/router'
import type { Router, Session } from './core/router'
import type { Logger } from './core/logger'
import { handlers } from './routes'

export interface AppCore {
  dataSource: DataSource
  router: Router
  close(): Promise<void>
}

/** Everything but the transport: the store and the route table. Electron, the preview and tests share it. */
export async function createAppCore(options: OpenDatabaseOptions & { logger: Logger }): Promise<AppCore> {
  const dataSource = await openDatabase(options)
  const router = createRouter(dataSource, handlers, options.logger)
  return {
    dataSource,
    router,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy()
    },
  }
}

/** The session of the single local desk, used until accounts exist. */
export const localSession: Session = {
  userId: null,
  displayName: 'local',
  permissions: new Set(PERMISSIONS),
}
