import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import type { Permission } from '@shared/contract'
import type { AuthStatus, LoginInput, SetupInput, UnlockInput } from '@shared/accounts/schemas'
import { callOrThrow, setSessionHooks } from '../api/client'

const PING_MS = 60_000

/** Who is signed in here, the idle lock, and the unlock that resumes waiting calls. */
export const useSessionStore = defineStore('session', () => {
  const status = ref<AuthStatus | null>(null)
  const locked = computed(() => status.value?.locked ?? false)
  const user = computed(() => status.value?.user ?? null)
  let waiting: Array<() => void> = []
  let lastInput = Date.now()
  let lastPing = Date.now()

  const apply = (next: AuthStatus) => {
    status.value = next
    if (!next.locked && next.user) {
      waiting.forEach((resume) => resume())
      waiting = []
    }
  }

  const refresh = async () => apply(await callOrThrow('auth:status', {}))

  setSessionHooks({
    locked: () =>
      new Promise<void>((resume) => {
        if (status.value) status.value = { ...status.value, locked: true }
        waiting.push(resume)
      }),
    signedOut: () => void refresh(),
  })

  function can(permission: Permission): boolean {
    return user.value?.permissions.includes(permission) ?? false
  }

  async function setup(input: SetupInput) {
    await callOrThrow('auth:setup', input)
    await refresh()
  }
  const login = async (input: LoginInput) => apply(await callOrThrow('auth:login', input))
  const unlock = async (input: UnlockInput) => apply(await callOrThrow('auth:unlock', input))
  async function logout() {
    waiting = []
    apply(await callOrThrow('auth:logout', {}))
  }

  /** Keyboard and mouse count as activity: ping main now and then, lock after the idle time. */
  function watchActivity(): void {
    const mark = () => (lastInput = Date.now())
    for (const event of ['keydown', 'pointerdown', 'pointermove', 'wheel'])
      window.addEventListener(event, mark, { passive: true })
    window.setInterval(async () => {
      const s = status.value
      if (!s?.user || s.locked) return
      const now = Date.now()
      if (now - lastInput >= s.idleMinutes * 60_000) apply(await callOrThrow('auth:lock', {}))
      else if (lastInput > lastPing && now - lastPing >= PING_MS) {
        lastPing = now
        apply(await callOrThrow('auth:touch', {}))
      }
    }, 5_000)
  }

  return { status, locked, user, can, refresh, setup, login, unlock, logout, watchActivity }
})
