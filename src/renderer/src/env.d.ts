/// <reference types="vite/client" />
import type { DesktopApi } from '@shared/contract/api'

declare global {
  interface Window {
    /** Present in Electron (preload); absent in the browser preview. */
    api?: DesktopApi
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

export {}
