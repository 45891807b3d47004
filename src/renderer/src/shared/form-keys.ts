/**
 * Enter submits a form from any single-line field; Ctrl+Enter from anywhere (textareas keep
 * Enter for new lines). An open select list keeps Enter for choosing its option.
 */
export function submitOnEnter(event: KeyboardEvent, submit: () => void): void {
  if (event.key !== 'Enter' || event.isComposing) return
  const target = event.target as HTMLElement
  if (event.ctrlKey || event.metaKey) {
    event.preventDefault()
    submit()
    return
  }
  if (target.tagName !== 'INPUT') return
  if (target.closest('.el-select') && target.getAttribute('aria-expanded') === 'true') return
  event.preventDefault()
  submit()
}
