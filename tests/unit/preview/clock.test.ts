import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { previewClock } from '@main/preview/clock'

describe('the preview test clock (SPD_NOW)', () => {
  it('is the real clock unless SPD_NOW is set', () => {
    expect(previewClock(undefined)).toBeUndefined()
    expect(previewClock('')).toBeUndefined()
  })

  it('starts at the given instant and runs on with real time', () => {
    let real = 1_000_000
    const clock = previewClock('2026-11-16T15:30:00+07:00', () => real)!
    expect(new Date(clock()).toISOString()).toBe('2026-11-16T08:30:00.000Z')
    real += 90_000
    expect(new Date(clock()).toISOString()).toBe('2026-11-16T08:31:30.000Z')
  })

  it('refuses a value that is not a date-time', () => {
    expect(() => previewClock('15:30')).toThrow(/SPD_NOW/)
  })

  it('is read by the preview entry only, never by the Electron entry', () => {
    const source = (file: string) => readFileSync(resolve(__dirname, '../../../src/main', file), 'utf8')
    expect(source('preview.ts')).toContain('previewClock(process.env.SPD_NOW)')
    expect(source('index.ts')).not.toMatch(/SPD_NOW|preview\/clock/)
  })
})
