import type { BrowserWindow, Dialog, WebContents } from 'electron'

/**
 * A form with unsaved typing makes the renderer refuse to unload (`beforeunload`); Electron then
 * keeps the window open without a word. Ask instead: `discard()` true closes and drops the typing.
 */
export function askBeforeClosingUnsaved(contents: Pick<WebContents, 'on'>, discard: () => boolean): void {
  contents.on('will-prevent-unload', (event) => {
    if (discard()) event.preventDefault()
  })
}

/** The question, in the window's own dialog; the default answer keeps the window. */
export function closeWithoutSavingQuestion(
  dialog: Pick<Dialog, 'showMessageBoxSync'>,
  window: BrowserWindow,
): () => boolean {
  return () =>
    dialog.showMessageBoxSync(window, {
      type: 'question',
      title: 'Sổ Phòng Dịch',
      message: 'Những gì bạn vừa nhập chưa được lưu.',
      detail: 'Ở lại để lưu, hoặc đóng cửa sổ và bỏ các thay đổi.',
      buttons: ['Ở lại', 'Bỏ thay đổi và đóng'],
      defaultId: 0,
      cancelId: 0,
    }) === 1
}
