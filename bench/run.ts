import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** A benchmark group: one `bench/<file>.bench.ts` module. */
export interface BenchGroup {
  name: string
  run(): Promise<void> | void
}

/** `npm run bench -- <prefix>` runs only the groups whose name starts with the prefix. */
async function main(): Promise<void> {
  const prefix = process.argv[2] ?? ''
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
  const selected = groups.filter((g) => g.name.startsWith(prefix))
  if (selected.length === 0)
    throw new Error(
      `No benchmark group starts with "${prefix}" (have: ${groups.map((g) => g.name).join(', ')})`,
    )
  for (const group of selected) {
    console.log(`# ${group.name}`)
    await group.run()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
