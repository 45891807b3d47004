/**
 * Preloaded (`node --import`) into the built out/main/index.js by built-main.sqlite.test.ts:
 * stands in for the `electron` module of a packaged app, records what the bundle registers,
 * and once start-up is done tries every registered guard and prints what it did as one
 * `BUILT_MAIN <json>` line, then exits. A start-up failure prints `FAKE_ELECTRON_FAILED` and
 * exits 1. `SPD_FAKE_ELECTRON_DIR` holds app.getPath(<name>) folders and `resources/`
 * (process.resourcesPath, where the test puts the SQLite binding as an installer would).
 */
/* global Request -- Node's own, as the bundle's protocol handler gets one in Electron */
import { Buffer } from 'node:buffer'
import { EventEmitter } from 'node:events'
import { existsSync } from 'node:fs'
import Module from 'node:module'
import { join } from 'node:path'
import { setImmediate } from 'node:timers'
import { fileURLToPath } from 'node:url'

const root = process.env.SPD_FAKE_ELECTRON_DIR
process.resourcesPath = join(root, 'resources')

function fail(message) {
  process.stderr.write(`FAKE_ELECTRON_FAILED ${message}\n`, () => process.exit(1))
}

const windows = []
const ipcHandlers = new Map()
const protocolHandlers = new Map()
const privilegedSchemes = []
let applicationMenu = null
let devHeadersRewritten = false
let started = false

class WebContents extends EventEmitter {
  static count = 0
  id = ++WebContents.count
  openHandler = null
  setWindowOpenHandler(handler) {
    this.openHandler = handler
  }
}

class BrowserWindow extends EventEmitter {
  webContents = new WebContents()
  loadedUrl = null
  constructor(options) {
    super()
    windows.push({ options, window: this })
  }
  loadURL(url) {
    this.loadedUrl = url
    // The main window loads at the end of start(): report once the rest of it has run.
    if (!started) {
      started = true
      setImmediate(() => report().catch((error) => fail(error.stack)))
    }
    return Promise.resolve()
  }
  destroy() {}
}

const defaultSession = Object.assign(new EventEmitter(), {
  permission: {},
  setPermissionRequestHandler(handler) {
    this.permission.request = handler
  },
  setPermissionCheckHandler(handler) {
    this.permission.check = handler
  },
  setDevicePermissionHandler(handler) {
    this.permission.device = handler
  },
  webRequest: {
    onHeadersReceived() {
      devHeadersRewritten = true
    },
  },
})

const app = Object.assign(new EventEmitter(), {
  isPackaged: true,
  getPath: (name) => join(root, name),
  setPath() {},
  getAppPath: () => join(root, 'app'),
  whenReady: () => Promise.resolve(),
  requestSingleInstanceLock: () => true,
  quit: () => fail('app.quit()'),
})

const electron = {
  app,
  BrowserWindow,
  dialog: { showErrorBox: (title, content) => fail(`${title}: ${content}`) },
  ipcMain: {
    handle(channel, handler) {
      // As Electron does: one handler per channel.
      if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`)
      ipcHandlers.set(channel, handler)
    },
  },
  Menu: {
    buildFromTemplate: (template) => ({ template }),
    setApplicationMenu(menu) {
      applicationMenu = menu
    },
  },
  Notification: { isSupported: () => false },
  protocol: {
    registerSchemesAsPrivileged(schemes) {
      privilegedSchemes.push(...schemes)
    },
    handle(scheme, handler) {
      protocolHandlers.set(scheme, handler)
    },
  },
  safeStorage: { isEncryptionAvailable: () => false },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  session: { defaultSession },
  shell: { openPath: async () => '' },
}

const load = Module._load
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest)
}

// What the report tries.
const OURS = 'app://renderer/index.html#/units'
const FOREIGN_URLS = ['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd']
const PERMISSIONS = ['media', 'geolocation', 'notifications', 'openExternal', 'serial']
const DEVICES = ['hid', 'serial', 'usb']
const ORIGINS = ['app://renderer', 'https://example.com']
const ASSETS = [
  'app://renderer/index.html',
  'app://renderer/../main/index.js',
  'app://renderer/..%2fmain%2findex.js',
  'app://renderer/%2e%2e%2f%2e%2e%2fpackage.json',
  'app://other/index.html',
]
const PDF = { fileName: 'probe.pdf', base64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') }

/** Whether a listener of `contents` called preventDefault() on the event. */
function prevents(contents, name, url) {
  let prevented = false
  contents.emit(name, { preventDefault: () => (prevented = true) }, url)
  return prevented
}

function guards(contents) {
  const urls = [OURS, ...FOREIGN_URLS]
  const byUrl = (name) => Object.fromEntries(urls.map((url) => [url, prevents(contents, name, url)]))
  return {
    'will-navigate': byUrl('will-navigate'),
    'will-redirect': byUrl('will-redirect'),
    'will-attach-webview': prevents(contents, 'will-attach-webview'),
    windowOpen: contents.openHandler?.({ url: FOREIGN_URLS[0] }) ?? null,
  }
}

/** The permission handlers' answers, per origin and permission; null where none was given. */
function permissions() {
  const { request, check, device } = defaultSession.permission
  const perOrigin = (answer, names = PERMISSIONS) =>
    Object.fromEntries(
      ORIGINS.map((origin) => [
        origin,
        Object.fromEntries(names.map((name) => [name, answer(origin, name)])),
      ]),
    )
  return {
    request: perOrigin((origin, permission) => {
      let granted = null
      request?.(null, permission, (answer) => (granted = answer), { requestingUrl: `${origin}/index.html` })
      return granted
    }),
    check: perOrigin((origin, permission) => check?.(null, permission, origin) ?? null),
    device: perOrigin((origin, deviceType) => device?.({ deviceType, origin }) ?? null, DEVICES),
  }
}

async function assets() {
  const handler = protocolHandlers.get('app')
  const served = {}
  for (const url of ASSETS) {
    const response = await handler(new Request(url))
    served[url] = {
      status: response.status,
      csp: response.headers.get('content-security-policy'),
      nosniff: response.headers.get('x-content-type-options'),
      title: /<title>(.*?)<\/title>/.exec(await response.text())?.[1] ?? null,
    }
  }
  return served
}

async function ipc() {
  const mainContents = windows[0].window.webContents
  const call = (channel, url, input, parent = null) =>
    ipcHandlers.get(channel)?.({ senderFrame: { url, parent }, sender: mainContents }, input)
  /**
   * Each print window the request opens is probed, then fails to load, which ends the request;
   * `fileLeft` tells whether the PDF it loaded is still on disk after that.
   */
  const print = async (url, input) => {
    const before = windows.length
    const pending = call('desktop-print', url, input)
    const opened = windows.slice(before).map(({ options, window }) => {
      const seen = { options, loadedUrl: window.loadedUrl, guards: guards(window.webContents) }
      window.webContents.emit('did-fail-load')
      return seen
    })
    const outcome = await pending
    for (const seen of opened) {
      seen.fileLeft = seen.loadedUrl?.startsWith('file:') ? existsSync(fileURLToPath(seen.loadedUrl)) : null
    }
    return { outcome, windows: opened }
  }
  const route = 'route:auth:status'
  return {
    channels: [...ipcHandlers.keys()],
    route: {
      ownFrame: await call(route, OURS, {}),
      ownSubFrame: await call(route, OURS, {}, {}),
      foreignFrame: await call(route, FOREIGN_URLS[0], {}),
    },
    print: {
      pdf: await print(OURS, PDF),
      foreignFrame: await print(FOREIGN_URLS[0], PDF),
      notPdf: await print(OURS, { fileName: 'x.pdf', base64: 'aGVsbG8=' }),
    },
  }
}

async function report() {
  const created = app.listeners('web-contents-created').map((listener) => {
    const contents = new WebContents()
    listener({}, contents)
    return guards(contents)
  })
  const result = {
    mainWindow: { options: windows[0].options, loadedUrl: windows[0].window.loadedUrl },
    webContentsCreated: created,
    permissions: permissions(),
    sessionEvents: defaultSession.eventNames(),
    devHeadersRewritten,
    privilegedSchemes,
    assets: await assets(),
    ipc: await ipc(),
    menuRoles: applicationMenu?.template.flatMap((menu) =>
      menu.submenu.map((item) => item.role ?? item.type),
    ),
  }
  process.stdout.write(`BUILT_MAIN ${JSON.stringify(result)}\n`, () => process.exit(0))
}
