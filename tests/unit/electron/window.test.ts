import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_WINDOW_STATE,
  createWindowOptions,
  readWindowState,
  writeWindowState,
} from '@main/electron/window'
import { LOCKED_DOWN } from './locked-down'

const display = { x: 0, y: 0, width: 1920, height: 1080 }

describe('window options', () => {
  it('keeps the renderer isolated and sandboxed', () => {
    const options = createWindowOptions(DEFAULT_WINDOW_STATE, '/app/out/preload/index.js', true)
    expect(options.webPreferences).toMatchObject({ preload: '/app/out/preload/index.js', ...LOCKED_DOWN })
    expect(options.show).toBe(false)
  })

  it('has no DevTools in a packaged build, whatever the environment says', () => {
    const saved = { ...process.env }
    Object.assign(process.env, { SPD_DEVTOOLS: '1', SPD_NO_DEVTOOLS: '', NODE_ENV: 'development' })
    try {
      expect(createWindowOptions(DEFAULT_WINDOW_STATE, '/p.js', true).webPreferences?.devTools).toBe(false)
      expect(createWindowOptions(DEFAULT_WINDOW_STATE, '/p.js', false).webPreferences?.devTools).toBe(true)
    } finally {
      process.env = saved
    }
  })
})

describe('window state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spd-window-'))

  it('round-trips size, position and maximized', () => {
    const file = join(dir, 'ok.json')
    writeWindowState(file, { x: 100, y: 80, width: 1400, height: 900, maximized: true })
    expect(readWindowState(file, [display])).toEqual({
      x: 100,
      y: 80,
      width: 1400,
      height: 900,
      maximized: true,
    })
  })

  it.each(['', 'not json', 'null', '[]', '{"width":"wide"}'])('falls back to defaults for %j', (content) => {
    const file = join(dir, 'bad.json')
    writeFileSync(file, content)
    expect(readWindowState(file, [display])).toEqual(DEFAULT_WINDOW_STATE)
  })

  it('falls back to defaults when the file is missing', () => {
    expect(readWindowState(join(dir, 'missing.json'), [display])).toEqual(DEFAULT_WINDOW_STATE)
  })

  it('drops a position on a display that is gone, and enforces the minimum size', () => {
    const file = join(dir, 'gone.json')
    writeFileSync(file, JSON.stringify({ x: 3000, y: 200, width: 300, height: 200, maximized: false }))
    expect(readWindowState(file, [display])).toEqual({ width: 1024, height: 680, maximized: false })
  })
})
