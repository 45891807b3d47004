import { describe, expect, it, vi } from 'vitest'
import { askBeforeClosingUnsaved, closeWithoutSavingQuestion } from '@main/electron/unsaved-close'

function contents() {
  let listener: ((event: { preventDefault(): void }) => void) | undefined
  return {
    on: vi.fn((_event: string, fn: typeof listener) => (listener = fn)),
    /** The renderer refused to unload: returns whether the window goes ahead and closes. */
    refuseUnload: () => {
      const event = { preventDefault: vi.fn() }
      listener!(event)
      return event.preventDefault.mock.calls.length > 0
    },
  }
}

describe('closing the window with unsaved typing', () => {
  it('asks; staying keeps the window, discarding closes it', () => {
    const web = contents()
    const showMessageBoxSync = vi.fn(() => 0)
    askBeforeClosingUnsaved(web as never, closeWithoutSavingQuestion({ showMessageBoxSync }, {} as never))
    expect(web.on).toHaveBeenCalledWith('will-prevent-unload', expect.any(Function))
    expect(web.refuseUnload()).toBe(false)
    expect(showMessageBoxSync).toHaveBeenCalledWith(
      {},
      expect.objectContaining({ buttons: ['Ở lại', 'Bỏ thay đổi và đóng'], cancelId: 0 }),
    )
    showMessageBoxSync.mockReturnValue(1)
    expect(web.refuseUnload()).toBe(true)
  })
})
