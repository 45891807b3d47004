import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import type { ComponentInfo, ComponentResolver } from 'unplugin-vue-components/types'

const alias = {
  '@shared': resolve(__dirname, 'src/shared'),
  '@main': resolve(__dirname, 'src/main'),
  '@renderer': resolve(__dirname, 'src/renderer/src'),
}

/** Element Plus's exports (`ElFormItem`, `ElLoadingDirective`…) → the module each comes from, read from its index. */
function elementPlusModules(): Map<string, ComponentInfo> {
  const index = readFileSync(resolve(__dirname, 'node_modules/element-plus/es/index.mjs'), 'utf8')
  const imported = new Map<string, ComponentInfo>()
  for (const [, named, byDefault, file] of index.matchAll(
    /^import (?:\{ ([^}]+) \}|(\w+)) from "\.\/(components\/[^"]+)";$/gm,
  )) {
    const from = `element-plus/es/${file}`
    if (byDefault) imported.set(byDefault, { name: 'default', from })
    for (const spec of named?.split(', ') ?? []) {
      const [name, local = name] = spec.split(' as ')
      imported.set(local!, { name, from })
    }
  }
  const exported = new Map<string, ComponentInfo>()
  for (const spec of /^export \{ ([^}]+) \};$/m.exec(index)?.[1]?.split(', ') ?? []) {
    const [local, name = local] = spec.split(' as ')
    const source = imported.get(local!)
    if (source) exported.set(name!, source)
  }
  return exported
}

/**
 * The Element Plus resolver imports from the package's index, which re-exports every component:
 * the bundler would then put the whole library in the first chunk. Each import goes to the
 * component's own module instead, so a chunk holds only the components its views use.
 */
function elementPlusPerComponent(): ComponentResolver[] {
  const modules = elementPlusModules()
  return ElementPlusResolver({ importStyle: 'css' }).map((resolver) => {
    if (typeof resolver === 'function') throw new Error('unexpected Element Plus resolver shape')
    return {
      type: resolver.type,
      resolve: async (name: string) => {
        const found = await resolver.resolve(name)
        if (!found || typeof found === 'string' || found.from !== 'element-plus/es') return found
        const own = modules.get(found.name ?? name)
        if (!own) throw new Error(`no Element Plus module exports ${found.name ?? name}`)
        return { ...found, ...own }
      },
    }
  })
}

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      // Dependencies (typeorm, better-sqlite3, pdfmake, exceljs…) stay external: native code and
      // TypeORM's dynamic requires must not go through the bundler.
      externalizeDeps: true,
      minify: false,
      sourcemap: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          preview: resolve(__dirname, 'src/main/preview.ts'),
        },
        // Libraries loaded on first use (exceljs, pdfmake) are required, as the eager ones are:
        // Node's ESM loader would resolve them differently, and inside an asar archive.
        output: { dynamicImportInCjs: false },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      minify: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: {
      alias: [
        ...Object.entries(alias).map(([find, replacement]) => ({ find, replacement })),
        // See src/renderer/src/element-plus.ts.
        { find: /^element-plus$/, replacement: resolve(__dirname, 'src/renderer/src/element-plus.ts') },
      ],
    },
    plugins: [
      vue(),
      // Element Plus per component: each chunk imports the components (and their CSS) its
      // templates use, so the sign-in screen does not load the whole library.
      Components({ dirs: [], dts: false, resolvers: [elementPlusPerComponent()] }),
    ],
    build: {
      // electron-vite leaves the renderer unminified; the first screen's JavaScript is a third of it minified.
      minify: true,
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
    },
  },
})
