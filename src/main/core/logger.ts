import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

export interface Logger {
  info(message: string): void
  error(message: string, error?: unknown): void
}

const MAX_BYTES = 1024 * 1024
const KEEP = 5

/**
 * A small size-rotated log (main.log, main.1.log … main.5.log) in the data folder, so an
 * office PC keeps the stack of an unexpected error without filling the disk.
 */
export function createFileLogger(folder: string, name = 'main'): Logger {
  mkdirSync(folder, { recursive: true })
  const file = join(folder, `${name}.log`)
  const rotate = (): void => {
    if (!existsSync(file) || statSync(file).size < MAX_BYTES) return
    rmSync(join(folder, `${name}.${KEEP}.log`), { force: true })
    for (let i = KEEP - 1; i >= 1; i--) {
      const from = join(folder, `${name}.${i}.log`)
      if (existsSync(from)) renameSync(from, join(folder, `${name}.${i + 1}.log`))
    }
    renameSync(file, join(folder, `${name}.1.log`))
  }
  const write = (level: string, text: string): void => {
    try {
      rotate()
      appendFileSync(file, `${new Date().toISOString()} ${level} ${text}\n`)
    } catch {
      // Logging must never take the app down; the console copy below still shows it.
    }
  }
  return {
    info: (message) => write('INFO', message),
    error: (message, error) => {
      const detail =
        error instanceof Error ? `${error.stack ?? error.message}` : error === undefined ? '' : String(error)
      write('ERROR', detail ? `${message}\n${detail}` : message)
      console.error(message, error ?? '')
    },
  }
}

export const silentLogger: Logger = { info: () => {}, error: () => {} }
