import { expect } from '@playwright/test'
import type { Locator, Page } from '@playwright/test'
import type { Preview } from '../support/fixtures'

/** What a person does on the Đơn vị screen, in their terms. */
export class UnitsPage {
  readonly table: Locator
  readonly form: Locator

  constructor(
    readonly page: Page,
    private readonly preview: Preview,
  ) {
    this.table = page.getByTestId('unit-table')
    this.form = page.locator('.el-dialog').filter({ has: page.locator('form') })
  }

  async open(): Promise<void> {
    await this.preview.open(this.page, '/units')
    await expect(this.page.getByRole('heading', { name: 'Đơn vị' })).toBeVisible()
  }

  async startCreate(): Promise<void> {
    await this.page.getByTestId('unit-add').click()
    await expect(this.form.locator('input[name=code]')).toBeFocused()
  }

  field(name: string): Locator {
    return this.form.locator(`[name=${name}]`)
  }

  /** The message Element Plus shows under a form item. */
  fieldError(label: string): Locator {
    return this.form.locator('.el-form-item').filter({ hasText: label }).locator('.el-form-item__error')
  }

  async fill(values: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(values)) await this.field(name).fill(value)
  }

  async chooseKind(label: string): Promise<void> {
    await this.form.getByTestId('unit-kind').click()
    await this.page.locator('.el-select-dropdown__item:visible').filter({ hasText: label }).click()
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('unit-search').fill(text)
  }

  row(code: string): Locator {
    return this.table.locator('tbody tr').filter({ hasText: code })
  }
}
