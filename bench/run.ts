import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { sideBySide } from './report'

/** A benchmark group: one `bench/<file>.bench.ts` module. */
export interface BenchGroup {
  name: string
  run(): Promise<void> | void
}

/**
 * `npm run bench -- <prefix> [<prefix>…]` runs only the groups whose name starts with one of the
 * prefixes (`visits` runs visits and visits.pg; `visits.pg` only the latter); none runs them all.
 */
async function main(): Promise<void> {
  const prefixes = process.argv.length > 2 ? process.argv.slice(2) : ['']
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()
  const groups: BenchGroup[] = []
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(__dirname, file)).href)) as Partial<BenchGroup>
    if (typeof mod.name !== 'string' || typeof mod.run !== 'function')
      throw new Error(`${file} must export name and run()`)
    groups.push({ name: mod.name, run: mod.run })
  }
  const selected = groups.filter((g) => prefixes.some((p) => g.name.startsWith(p)))
  if (selected.length === 0)
    throw new Error(
      `No benchmark group starts with "${prefixes.join('", "')}" (have: ${groups.map((g) => g.name).join(', ')})`,
    )
  for (const group of selected) {
    console.log(`# ${group.name}`)
    await group.run()
    // The next group starts on a quiet disk, not under the writeback of this one's files
    // (a million visits on each engine leave a gigabyte to flush).
    if (process.platform !== 'win32') spawnSync('sync')
  }
  const both = sideBySide()
  if (both.length) {
    console.log(`# side by side${' '.repeat(27)}     SQLite PostgreSQL`)
    for (const line of both) console.log(line)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
