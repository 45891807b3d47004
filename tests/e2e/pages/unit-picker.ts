import { expect } from '@playwright/test'
import type { Locator, Page } from '@playwright/test'

/** A unit picker (UnitPicker.vue) as a person uses it: click, type part of a name, choose. */
export class UnitPickerField {
  constructor(
    readonly page: Page,
    readonly root: Locator,
  ) {}

  /** The options offered after typing `text` into an emptied search. */
  async type(text: string): Promise<Locator> {
    await this.root.click()
    const input = this.root.locator('input')
    await input.fill('')
    await input.pressSequentially(text)
    return this.page.locator('.el-select-dropdown__item:visible')
  }

  /** Types `text` and chooses the one option offered, which must read `name`. */
  async choose(text: string, name: string): Promise<void> {
    const offered = await this.type(text)
    await expect(offered).toHaveCount(1)
    await expect(offered).toContainText(name)
    await offered.click()
    await this.page.keyboard.press('Escape')
    await expect(this.root).toContainText(name)
  }
}
