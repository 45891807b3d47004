import { readFileSync, writeFileSync } from 'node:fs'
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron'

export interface WindowState {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

/** Every window of ours, the hidden print window too: isolated, sandboxed, no Node, no webviews. */
export const LOCKED_DOWN = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  spellcheck: false,
} as const satisfies BrowserWindowConstructorOptions['webPreferences']

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1366, height: 860, maximized: false }
const MIN_WIDTH = 1024
const MIN_HEIGHT = 680

/**
 * The one place BrowserWindow options come from, so the security settings cannot drift.
 * DevTools exist only in a development run: a packaged build has none, whatever the environment.
 */
export function createWindowOptions(
  state: WindowState,
  preloadPath: string,
  packaged: boolean,
): BrowserWindowConstructorOptions {
  return {
    title: 'Sổ Phòng Dịch',
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#f5f7fa',
    webPreferences: {
      ...LOCKED_DOWN,
      preload: preloadPath,
      devTools: !packaged,
    },
  }
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

/**
 * Reads the remembered window state; a missing or damaged file, or a position on a display
 * that is no longer attached, falls back to a default centred window.
 */
export function readWindowState(file: string, displays: Rectangle[]): WindowState {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return { ...DEFAULT_WINDOW_STATE }
  }
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_WINDOW_STATE }
  const r = raw as Record<string, unknown>
  const width = isNumber(r.width) ? Math.max(MIN_WIDTH, Math.round(r.width)) : DEFAULT_WINDOW_STATE.width
  const height = isNumber(r.height) ? Math.max(MIN_HEIGHT, Math.round(r.height)) : DEFAULT_WINDOW_STATE.height
  const state: WindowState = { width, height, maximized: r.maximized === true }
  if (isNumber(r.x) && isNumber(r.y)) {
    const x = Math.round(r.x)
    const y = Math.round(r.y)
    // Keep the position only if the title bar area lands on a display that still exists.
    const visible = displays.some(
      (d) => x + 100 > d.x && x < d.x + d.width - 100 && y >= d.y && y < d.y + d.height - 50,
    )
    if (visible) Object.assign(state, { x, y })
  }
  return state
}

export function writeWindowState(file: string, state: WindowState): void {
  try {
    writeFileSync(file, JSON.stringify(state))
  } catch {
    // A read-only profile must not stop the app from closing.
  }
}
