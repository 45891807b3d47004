import { contextBridge, ipcRenderer } from 'electron'
import { IPC_PREFIX, PRINT_CHANNEL, ROUTE_NAME_PATTERN } from '../shared/contract/api'
import type { DesktopApi } from '../shared/contract/api'

/**
 * The page gets exactly one object, `window.api`: routes, and printing a PDF. Route names are
 * checked here and again in main; ipcRenderer itself is never exposed.
 */
export const api: DesktopApi = {
  invoke(name, input) {
    if (typeof name !== 'string' || !ROUTE_NAME_PATTERN.test(name)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_route', message: 'Thao tác không tồn tại', fieldErrors: {} },
      })
    }
    return ipcRenderer.invoke(`${IPC_PREFIX}${name}`, input)
  },
  print(request) {
    // Only the two strings cross; main checks that they really are a PDF.
    const { fileName, base64 } = request ?? {}
    if (typeof fileName !== 'string' || typeof base64 !== 'string')
      return Promise.resolve({ ok: false, reason: 'invalid' })
    return ipcRenderer.invoke(PRINT_CHANNEL, { fileName, base64 })
  },
}

contextBridge.exposeInMainWorld('api', api)
