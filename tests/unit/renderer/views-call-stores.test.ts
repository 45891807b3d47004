import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const RENDERER = join(__dirname, '../../../src/renderer/src')

function vueFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? vueFiles(join(dir, e.name)) : e.name.endsWith('.vue') ? [join(dir, e.name)] : [],
  )
}

/** What a component imports from the API client: the error class and the preview flag only. */
function clientImports(source: string): string[] {
  return [...source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'[./]*api\/client'/g)].flatMap((m) =>
    m[1]!
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  )
}

describe('views call stores, stores call the API', () => {
  it('no .vue file calls a route: none imports the client’s call functions or touches window.api', () => {
    const files = vueFiles(RENDERER)
    expect(files.length).toBeGreaterThan(40)
    const offenders = files.flatMap((file) => {
      const source = readFileSync(file, 'utf8')
      const calls = clientImports(source).filter((name) => !['RouteError', 'isPreview'].includes(name))
      if (/window\.api\b|\binvoke\(/.test(source)) calls.push('window.api')
      return calls.length ? [`${relative(RENDERER, file)}: ${calls.join(', ')}`] : []
    })
    expect(offenders).toEqual([])
  })
})
