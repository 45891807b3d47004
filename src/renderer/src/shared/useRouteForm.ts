import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { contract } from '@shared/contract'
import type { RouteInput, RouteName } from '@shared/contract'
import { fieldErrorsOfIssues } from '@shared/contract/field-errors'
import { RouteError } from '../api/client'

/**
 * A form bound to one route: checks the input with the route's own schema before sending
 * (the main process checks it again), then shows what the main process answered next to the
 * fields, or as a notice when it concerns no field.
 */
export function useRouteForm<N extends RouteName>(name: N) {
  const fieldErrors = ref<Record<string, string>>({})
  const saving = ref(false)

  function check(input: RouteInput<N>): boolean {
    const parsed = contract[name].input.safeParse(input)
    fieldErrors.value = parsed.success ? {} : fieldErrorsOfIssues(parsed.error.issues)
    return parsed.success
  }

  async function submit<T>(input: RouteInput<N>, send: () => Promise<T>): Promise<T | null> {
    if (!check(input)) return null
    saving.value = true
    try {
      return await send()
    } catch (error) {
      if (error instanceof RouteError) {
        fieldErrors.value = error.error.fieldErrors
        if (!Object.keys(error.error.fieldErrors).length) ElMessage.error(error.error.message)
        return null
      }
      throw error
    } finally {
      saving.value = false
    }
  }

  return { fieldErrors, saving, check, submit, reset: () => (fieldErrors.value = {}) }
}
