import { join } from 'node:path'
import { BrowserWindow, Menu, app, dialog, ipcMain, screen, session, shell } from 'electron'
import { createAppCore } from './app-core'
import { startSeat } from './seat'
import type { Seat } from './seat'
import type { AppCore, AppCoreOptions } from './app-core'
import { DamagedStoreError } from './backups/service'
import { formatDateTime } from '@shared/text/dates'
import { DATABASE_FILE_NAME } from './db/data-source'
import { createFileLogger } from './core/logger'
import { resolveDataDir } from './core/paths'
import { registerRouteHandlers } from './electron/ipc'
import { electronSqliteBinding } from './electron/native-binding'
import { safeStorageKeeper } from './electron/safe-storage'
import { APP_URL, handleAppScheme, registerAppScheme } from './electron/protocol'
import { installSecurityRestrictions } from './electron/security-restrictions'
import { installSerialPortChooser } from './electron/serial'
import { installPdfOpener } from './electron/downloads'
import { printWindowOptions, registerPrintHandler } from './electron/print'
import { applicationMenuTemplate } from './electron/menu'
import type { PortDescription } from './electron/serial'
import { readSettings, receptionGroup } from './settings/service'
import { createWindowOptions, readWindowState, writeWindowState } from './electron/window'
import { scheduleReportNotices } from './electron/reminders'
import { askBeforeClosingUnsaved, closeWithoutSavingQuestion } from './electron/unsaved-close'

const dataDir = resolveDataDir(app.getPath('appData'))
app.setPath('userData', dataDir)
const logger = createFileLogger(join(dataDir, 'logs'))
let seat: Seat | null = null
let mainWindow: BrowserWindow | null = null

registerAppScheme()
installSecurityRestrictions()

function createMainWindow(): BrowserWindow {
  const stateFile = join(dataDir, 'window-state.json')
  const state = readWindowState(
    stateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  )
  const window = new BrowserWindow(
    createWindowOptions(state, join(__dirname, '../preload/index.js'), app.isPackaged),
  )
  if (state.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())
  askBeforeClosingUnsaved(window.webContents, closeWithoutSavingQuestion(dialog, window))

  let saveTimer: NodeJS.Timeout | undefined
  const saveState = (): void => {
    if (window.isDestroyed() || window.isMinimized()) return
    const maximized = window.isMaximized()
    const bounds = maximized ? window.getNormalBounds() : window.getBounds()
    writeWindowState(stateFile, { ...bounds, maximized })
  }
  const saveSoon = (): void => {
    clearTimeout(saveTimer)
    saveTimer = setTimeout(saveState, 500)
  }
  window.on('resize', saveSoon)
  window.on('move', saveSoon)
  window.on('close', () => {
    clearTimeout(saveTimer)
    saveState()
  })

  const devUrl = process.env.ELECTRON_RENDERER_URL
  void window.loadURL(!app.isPackaged && devUrl ? devUrl : APP_URL)
  return window
}

/** A store SQLite cannot open: say so and offer the newest good backup (the damaged file is kept). */
async function openCore(options: AppCoreOptions): Promise<AppCore> {
  try {
    return await createAppCore(options)
  } catch (error) {
    if (!(error instanceof DamagedStoreError) || !error.latestGood) throw error
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: 'Sổ Phòng Dịch',
      message: error.message,
      detail: `Bản sao lưu tốt gần nhất: ${error.latestGood.file} (${formatDateTime(error.latestGood.createdAt)}).`,
      buttons: ['Khôi phục bản sao lưu này', 'Thoát'],
      defaultId: 0,
      cancelId: 1,
    })
    if (response !== 0) throw error
    const { photosMessage } = await error.recover()
    if (photosMessage)
      await dialog.showMessageBox({ type: 'warning', title: 'Sổ Phòng Dịch', message: photosMessage })
    return createAppCore(options)
  }
}

/** Several COM ports and none chosen yet: the receptionist picks the scanner. */
async function askForPort(ports: readonly PortDescription[]): Promise<PortDescription | null> {
  const names = ports.map((p) => (p.displayName ? `${p.displayName} (${p.portName})` : p.portName))
  const { response } = await dialog.showMessageBox({
    type: 'question',
    title: 'Sổ Phòng Dịch',
    message: 'Chọn cổng COM của máy quét mã QR',
    buttons: [...names, 'Huỷ'],
    cancelId: names.length,
  })
  return ports[response] ?? null
}

async function start(): Promise<void> {
  const nativeBinding = electronSqliteBinding(app.isPackaged, process.resourcesPath, app.getAppPath())
  if (!nativeBinding) {
    throw new Error(
      'Thiếu thư viện SQLite cho Electron (build/native/electron/better_sqlite3.node). Chạy `node scripts/native.mjs` rồi mở lại.',
    )
  }
  const options: AppCoreOptions = {
    file: join(dataDir, DATABASE_FILE_NAME),
    nativeBinding,
    logger,
    background: true,
    keyKeeper: safeStorageKeeper(join(dataDir, 'backup-keys.bin')),
    passwordKeeper: safeStorageKeeper(join(dataDir, 'database-password.bin')),
  }
  // A server that cannot be reached still opens the window: it shows why, with Thử lại.
  const running = await startSeat(() => openCore(options), logger)
  seat = running
  handleAppScheme(join(__dirname, '../renderer'))
  registerRouteHandlers(running.router, (sender) => running.session(`window:${sender.id}`), logger)
  installSerialPortChooser(
    session.defaultSession,
    async () => {
      const core = running.core()
      return core ? (await readSettings(core.dataSource.manager, receptionGroup)).scannerPort : null
    },
    askForPort,
  )
  installPdfOpener(session.defaultSession, join(app.getPath('temp'), 'SoPhongDich-in'), (path) =>
    shell.openPath(path),
  )
  registerPrintHandler(
    ipcMain,
    join(app.getPath('temp'), 'SoPhongDich-in'),
    () => new BrowserWindow(printWindowOptions()),
    logger,
  )
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(app.isPackaged)))
  mainWindow = createMainWindow()
  scheduleReportNotices(
    () => running.core(),
    () => mainWindow,
    logger,
  )
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.error('start-up failed', error)
      dialog.showErrorBox(
        'Sổ Phòng Dịch không khởi động được',
        error instanceof Error ? error.message : String(error),
      )
      app.quit()
    })
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => void seat?.close())
}
