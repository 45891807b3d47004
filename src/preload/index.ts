import { contextBridge, ipcRenderer } from 'electron'
import { IPC_PREFIX, ROUTE_NAME_PATTERN } from '../shared/contract/api'
import type { DesktopApi } from '../shared/contract/api'

/**
 * The page gets exactly one object, `window.api`, with one function. Route names are checked
 * here and again in main; ipcRenderer itself is never exposed.
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
}

contextBridge.exposeInMainWorld('api', api)
