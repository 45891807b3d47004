import { expect, test } from '../support/fixtures'

test('a name pasted with a hidden control character is refused next to the field and kept as typed', async ({
  page,
  preview,
}) => {
  expect(
    (await preview.api('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })).ok,
  ).toBe(true)
  await page.setViewportSize({ width: 1366, height: 768 })
  await preview.open(page, '/visitors')
  const form = page.getByTestId('check-in-form')
  const name = form.locator('input[name=fullName]')
  await name.fill('Nguyễn Văn\u202E An')
  await form.locator('input[name=idNumber]').fill('001099012345')
  await page.getByTestId('host-unit').click()
  await page.getByRole('option', { name: 'Văn phòng Sở' }).click()
  await page.getByTestId('check-in-save').click()
  await expect(form.locator('.el-form-item__error').first()).toHaveText(
    'Có ký tự ẩn hoặc ký tự điều khiển: hãy xoá và gõ lại',
  )
  await expect(name).toHaveValue('Nguyễn Văn\u202E An')
  await name.scrollIntoViewIfNeeded()
  await page.screenshot({ path: test.info().outputPath('hidden-character.png') })
  const visitors = (await preview.api('visits:search', {})) as { data?: { total: number } }
  expect(visitors.data?.total).toBe(0)
})
