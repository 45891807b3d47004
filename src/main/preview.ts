import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { createAppCore } from './app-core'
import { startSeat } from './seat'
import { DamagedStoreError } from './backups/service'
import { DATABASE_FILE_NAME } from './db/data-source'
import { createFileLogger } from './core/logger'
import { resolveDataDir } from './core/paths'
import { startPreviewServer } from './preview/server'
import { previewClock } from './preview/clock'
import { storeLabel } from './preview/store-label'

/**
 * Browser preview: the main-process services behind a loopback HTTP server, for machines
 * without the Electron binary (and for the E2E tests). Prints the one URL to open.
 */
async function main(): Promise<void> {
  const dataDir = resolveDataDir()
  const logger = createFileLogger(join(dataDir, 'logs'), 'preview')
  const file = join(dataDir, DATABASE_FILE_NAME)
  const clock = previewClock(process.env.SPD_NOW)
  if (clock) console.log(`SPD_NOW: the clock starts at ${new Date(clock()).toISOString()} (test only)`)
  const open = () =>
    createAppCore({ file, logger, background: true, clock }).catch(async (error: unknown) => {
      if (!(error instanceof DamagedStoreError)) throw error
      console.error(error.message)
      if (!error.latestGood) throw new Error(`No good backup found for ${file}`, { cause: error })
      console.error(`Bản sao lưu tốt gần nhất: ${error.latestGood.file}`)
      if (!process.argv.includes('--recover')) {
        console.error('Chạy lại với `npm start -- --recover` để khôi phục bản này (tệp hỏng được giữ lại).')
        process.exit(2)
      }
      const { asideFile, photosMessage } = await error.recover()
      console.log(`Đã khôi phục. Tệp hỏng được cất tại ${asideFile}`)
      if (photosMessage) console.error(photosMessage)
      return createAppCore({ file, logger, background: true, clock })
    })
  // A server that cannot be reached still starts the page: it shows why, with Thử lại.
  const seat = await startSeat(open, logger)
  const preview = await startPreviewServer({
    router: seat.router,
    // One browser page per run, identified by the per-run secret.
    sessionFor: () => seat.session('preview'),
    staticDir: join(__dirname, '../renderer'),
    secret: randomBytes(24).toString('base64url'),
    logger,
    port: process.env.SPD_PORT ? Number(process.env.SPD_PORT) : undefined,
  })
  const store = storeLabel(file, process.env.SPD_DATABASE_URL)
  logger.info(`preview listening on 127.0.0.1:${preview.port}, database ${store}`)
  console.log(`Database: ${store}`)
  console.log(`PREVIEW_URL ${preview.url}`)
  const stop = async (): Promise<void> => {
    await preview.close()
    await seat.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

main().catch((error: unknown) => {
  console.error('Browser preview failed to start:', error)
  process.exit(1)
})
