import type { PiniaPluginContext } from 'pinia'

const resets = new Map<string, () => void>()

/**
 * Pinia plugin: remembers each store's state as it was created, so signing out can put every
 * store back at once and the next user starts from nothing the previous one loaded.
 */
export function rememberInitialState({ store }: PiniaPluginContext): void {
  const initial = JSON.stringify(store.$state)
  resets.set(store.$id, () => store.$patch((state) => Object.assign(state, JSON.parse(initial))))
}

export function resetAllStores(except: string[] = []): void {
  for (const [id, reset] of resets) if (!except.includes(id)) reset()
}
