import type { DataSource } from 'typeorm'
import { openDatabase } from './db/data-source'
import type { OpenDatabaseOptions } from './db/data-source'
import { createRouter } from './core/router'
import type { Host, Router } from './core/router'
import type { Logger } from './core/logger'
import { SessionRegistry } from './core/session'
import { handlers } from './routes'
import { readSettings, securityGroup } from './settings/service'

export interface AppCore {
  /** The open store; a restore replaces it, so read it each time rather than keeping it. */
  readonly dataSource: DataSource
  router: Router
  sessions: SessionRegistry
  close(): Promise<void>
}

/** Everything but the transport: the store, the sessions and the route table. Electron, the preview and tests share it. */
export async function createAppCore(options: OpenDatabaseOptions & { logger: Logger }): Promise<AppCore> {
  let dataSource = await openDatabase(options)
  const sessions = new SessionRegistry()
  const loadPolicy = async () => {
    sessions.idleMinutes = (await readSettings(dataSource.manager, securityGroup)).idleMinutes
  }
  await loadPolicy()

  const host: Host = {
    dataSource: () => dataSource,
    async replaceDatabase(swap) {
      await dataSource.destroy()
      try {
        await swap(options.file)
      } finally {
        // Reopen whatever is there now: the restored file, or the untouched one if the swap failed.
        dataSource = await openDatabase(options)
        await loadPolicy()
      }
      sessions.signOutAll()
    },
  }
  const router = createRouter({ host, handlers, logger: options.logger, sessions })
  return {
    get dataSource() {
      return dataSource
    },
    router,
    sessions,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy()
    },
  }
}
