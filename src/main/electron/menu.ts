import type { MenuItemConstructorOptions } from 'electron'

/**
 * Our own application menu, in Vietnamese. Electron's default menu carries Reload, Force Reload
 * and Toggle Developer Tools; a packaged build has none of them (a reload would drop what is typed).
 */
export function applicationMenuTemplate(packaged: boolean): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'zoomIn', label: 'Phóng to', accelerator: 'CommandOrControl+=' },
    { role: 'zoomOut', label: 'Thu nhỏ' },
    { role: 'resetZoom', label: 'Cỡ chữ mặc định' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Toàn màn hình' },
  ]
  if (!packaged) {
    view.push(
      { type: 'separator' },
      { role: 'reload', label: 'Tải lại (phát triển)' },
      { role: 'toggleDevTools', label: 'Công cụ phát triển' },
    )
  }
  return [
    { label: 'Tệp', submenu: [{ role: 'quit', label: 'Thoát' }] },
    {
      label: 'Sửa',
      submenu: [
        { role: 'undo', label: 'Hoàn tác' },
        { role: 'redo', label: 'Làm lại' },
        { type: 'separator' },
        { role: 'cut', label: 'Cắt' },
        { role: 'copy', label: 'Sao chép' },
        { role: 'paste', label: 'Dán' },
        { role: 'selectAll', label: 'Chọn tất cả' },
      ],
    },
    { label: 'Xem', submenu: view },
    {
      label: 'Cửa sổ',
      submenu: [
        { role: 'minimize', label: 'Thu nhỏ cửa sổ' },
        { role: 'close', label: 'Đóng' },
      ],
    },
  ]
}
