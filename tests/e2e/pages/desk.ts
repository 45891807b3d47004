import { expect } from '@playwright/test'
import type { Locator } from '@playwright/test'
import type { Preview } from '../support/fixtures'

/** A department for visitors to come to, created through the API as the office would. */
export async function createUnit(preview: Preview, code: string, name: string): Promise<number> {
  const result = (await preview.api('units:create', { code, name, kindCode: 'department' })) as {
    ok: boolean
    data?: { id: number }
  }
  expect(result.ok).toBe(true)
  return result.data!.id
}

/** The screening as the receptionist answers it: temperature, no symptom, no contact, not from a case area. */
export async function answerScreening(form: Locator, temperature = '36.5'): Promise<void> {
  await form.locator('input[name=temperature]').fill(temperature)
  await form.getByTestId('no-symptom').click()
  for (const name of ['contactWithCase', 'fromCaseArea'])
    await form.getByTestId(name).getByText('Không', { exact: true }).click()
}
