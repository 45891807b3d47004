import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/** Tinos (OFL): metric-compatible with Times New Roman, as the decree asks, and it covers Vietnamese. */
export const FONT_FAMILY = 'Tinos'

/** pdfmake's four styles, each a file in the fonts folder (Tinos cut down by scripts/subset-fonts.sh). */
export const FONT_FILES = {
  normal: 'Tinos_400Regular.ttf',
  bold: 'Tinos_700Bold.ttf',
  italics: 'Tinos_400Regular_Italic.ttf',
  bolditalics: 'Tinos_700Bold_Italic.ttf',
}

/**
 * `resources/fonts` of the project (tests, the preview, Electron in development: found by
 * walking up from this file or the bundle) or of the installed app (Electron's resourcesPath).
 */
export function fontsFolder(
  start = __dirname,
  resourcesPath = (process as { resourcesPath?: string }).resourcesPath,
) {
  if (resourcesPath && existsSync(join(resourcesPath, 'fonts', FONT_FILES.normal)))
    return join(resourcesPath, 'fonts')
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, 'resources', 'fonts')
    if (existsSync(join(candidate, FONT_FILES.normal))) return candidate
    if (dirname(dir) === dir) throw new Error(`Tinos fonts not found above ${start}`)
  }
}

const fontFileBytes = new Map<string, Buffer>()

/** A font file's bytes, read once: the measuring font and every document share them (parsed-fonts.ts). */
export function fontBytes(file: string): Buffer {
  let bytes = fontFileBytes.get(file)
  if (!bytes) fontFileBytes.set(file, (bytes = readFileSync(file)))
  return bytes
}
