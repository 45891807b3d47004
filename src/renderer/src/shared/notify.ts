import { nextTick } from 'vue'
import { ElMessage } from 'element-plus'

/** A refusal stays on screen until the user closes it: a notice that fades is easily missed. */
export function notifyError(message: string): void {
  ElMessage({ type: 'error', message, duration: 0, showClose: true, grouping: true })
}

/**
 * Brings the first field in error into view and puts the cursor in it (an open dialog's fields
 * first), so a refused save is seen where the user looks.
 */
export async function revealFirstError(): Promise<void> {
  await nextTick()
  const visible = (el: Element) => (el as HTMLElement).offsetParent !== null
  const all = [...document.querySelectorAll('.el-form-item.is-error')].filter(visible)
  const first = all.find((el) => el.closest('.el-dialog')) ?? all[0]
  if (!first) return
  first.scrollIntoView({ block: 'center' })
  const field = first.querySelector<HTMLElement>('input:not([type=hidden]), textarea, button')
  field?.focus({ preventScroll: true })
}
