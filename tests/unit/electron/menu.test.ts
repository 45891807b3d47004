import { describe, expect, it } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { applicationMenuTemplate } from '@main/electron/menu'

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu as MenuItemConstructorOptions[]) : []),
  ])
}

const developerRoles = ['reload', 'forceReload', 'toggleDevTools', 'viewMenu', 'appMenu', 'help']

describe('application menu', () => {
  it('has no developer items in a packaged build', () => {
    const roles = flatten(applicationMenuTemplate(true)).map((item) => item.role)
    for (const role of developerRoles) expect(roles).not.toContain(role)
  })

  it('keeps reload and DevTools for a development run', () => {
    const roles = flatten(applicationMenuTemplate(false)).map((item) => item.role)
    expect(roles).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
  })

  it('speaks Vietnamese: every item other than a separator has its own label', () => {
    const items = flatten(applicationMenuTemplate(true)).filter((item) => item.type !== 'separator')
    expect(items.length).toBeGreaterThan(8)
    for (const item of items) expect(item.label, String(item.role)).toMatch(/[a-zàáảãạăâđêôơư]/i)
    expect(items.map((item) => item.label)).toEqual(expect.arrayContaining(['Tệp', 'Sửa', 'Sao chép', 'Dán']))
  })
})
