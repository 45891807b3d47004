import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { TFontDictionary } from 'pdfmake/interfaces'

/** Tinos (OFL): metric-compatible with Times New Roman, as the decree asks, and it covers Vietnamese. */
export const FONT_FAMILY = 'Tinos'

const FILES = {
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
  if (resourcesPath && existsSync(join(resourcesPath, 'fonts', FILES.normal)))
    return join(resourcesPath, 'fonts')
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, 'resources', 'fonts')
    if (existsSync(join(candidate, FILES.normal))) return candidate
    if (dirname(dir) === dir) throw new Error(`Tinos fonts not found above ${start}`)
  }
}

export function fontDictionary(folder: string): TFontDictionary {
  return {
    [FONT_FAMILY]: {
      normal: join(folder, FILES.normal),
      bold: join(folder, FILES.bold),
      italics: join(folder, FILES.italics),
      bolditalics: join(folder, FILES.bolditalics),
    },
  }
}
