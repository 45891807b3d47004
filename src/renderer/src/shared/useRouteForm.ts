import { ref } from 'vue'
import { contract } from '@shared/contract'
import type { RouteInput, RouteName } from '@shared/contract'
import { fieldErrorsOfIssues } from '@shared/contract/field-errors'
import { RouteError } from '../api/client'
import { notifyError, revealFirstError } from './notify'

/**
 * A form bound to one route: checks the input with the route's own schema before sending
 * (the main process checks it again), then shows what the main process answered next to the
 * fields, or as a notice when it concerns no field. A refusal brings the first bad field into view
 * with the cursor in it, and `refused` keeps the reason until the next save or reset.
 */
export function useRouteForm<N extends RouteName>(name: N) {
  const fieldErrors = ref<Record<string, string>>({})
  const saving = ref(false)
  /** Why the last save was refused; null once a save went through. */
  const refused = ref<{ message: string | null; fields: number } | null>(null)

  function check(input: RouteInput<N>): boolean {
    const parsed = contract[name].input.safeParse(input)
    fieldErrors.value = parsed.success ? {} : fieldErrorsOfIssues(parsed.error.issues)
    return parsed.success
  }

  function refuse(message: string | null): void {
    const fields = Object.keys(fieldErrors.value).length
    refused.value = { message, fields }
    if (fields) void revealFirstError()
    else if (message) notifyError(message)
  }

  async function submit<T>(input: RouteInput<N>, send: () => Promise<T>): Promise<T | null> {
    if (!check(input)) {
      refuse(null)
      return null
    }
    saving.value = true
    try {
      const saved = await send()
      refused.value = null
      return saved
    } catch (error) {
      if (error instanceof RouteError) {
        fieldErrors.value = error.error.fieldErrors
        refuse(error.error.message)
        return null
      }
      throw error
    } finally {
      saving.value = false
    }
  }

  function reset(): void {
    fieldErrors.value = {}
    refused.value = null
  }

  return { fieldErrors, saving, refused, check, submit, reset }
}
