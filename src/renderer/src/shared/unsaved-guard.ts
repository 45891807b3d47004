import { computed, getCurrentInstance, onBeforeUnmount, ref, shallowRef } from 'vue'
import type { ComputedRef } from 'vue'

export type LeaveAnswer = 'save' | 'discard' | 'stay'

interface Guard {
  dirty: ComputedRef<boolean>
  save(): Promise<boolean>
  reset(): void
}

/** Every mounted form that can hold unsaved typing: one registry, asked on any way out. */
const guards = new Set<Guard>()

/** The open question, answered by LeaveDialog.vue (mounted once in App.vue). */
export const leaveQuestion = shallowRef<((answer: LeaveAnswer) => void) | null>(null)

function ask(): Promise<LeaveAnswer> {
  leaveQuestion.value?.('stay')
  return new Promise((answer) => {
    leaveQuestion.value = (value) => {
      leaveQuestion.value = null
      answer(value)
    }
  })
}

export const hasUnsavedChanges = (): boolean => [...guards].some((g) => g.dirty.value)

/**
 * Asked before anything that would drop the open forms (a route change, signing out, closing a
 * dialog): true when nothing is unsaved, or the user saved (every save accepted) or discarded.
 */
export async function confirmLeave(only?: Guard): Promise<boolean> {
  const dirty = (only ? [only] : [...guards]).filter((g) => g.dirty.value)
  if (!dirty.length) return true
  const answer = await ask()
  if (answer === 'stay') return false
  if (answer === 'discard') {
    dirty.forEach((g) => g.reset())
    return true
  }
  for (const g of dirty) if (!(await g.save())) return false
  return true
}

// Closing the window or the tab: the browser (or Electron) asks with its own words.
window.addEventListener('beforeunload', (event) => {
  if (!hasUnsavedChanges()) return
  event.preventDefault()
  event.returnValue = ''
})

export interface UnsavedGuardOptions {
  /** What the user typed; compared with what it was at the last reset(). Null: nothing to lose. */
  snapshot: () => unknown
  /** The form's own save; false (or null) when it was refused, which keeps the user on the form. */
  save: () => Promise<unknown>
}

/**
 * Registers a form with the leave question. Call `reset()` once the form holds what is stored
 * (after loading, after a save, when a dialog opens); until then it counts as clean.
 */
export function useUnsavedGuard(options: UnsavedGuardOptions) {
  const serialize = (): string | null => {
    const value = options.snapshot()
    return value === null || value === undefined ? null : JSON.stringify(value)
  }
  const baseline = ref<string | null>(serialize())
  const guard: Guard = {
    dirty: computed(() => {
      const now = serialize()
      return now !== null && now !== baseline.value
    }),
    save: async () => {
      const saved = await options.save()
      return saved !== false && saved !== null && saved !== undefined
    },
    reset: () => (baseline.value = serialize()),
  }
  guards.add(guard)
  if (getCurrentInstance()) onBeforeUnmount(() => guards.delete(guard))

  /** For el-dialog's before-close: the question first, then close. */
  async function beforeClose(done: () => void): Promise<void> {
    if (await confirmLeave(guard)) done()
  }

  return { dirty: guard.dirty, reset: guard.reset, beforeClose, confirm: () => confirmLeave(guard) }
}
