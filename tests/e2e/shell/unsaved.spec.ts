import { expect, test } from '../support/fixtures'
import type { Page } from '@playwright/test'
import type { Preview } from '../support/fixtures'

/** A 1×1 PNG, as a photo taken at the inspection. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const CONCLUSION = 'Đơn vị cơ bản thực hiện tốt công tác phòng, chống dịch.'

/** A draft inspection of a notary office, opened in the editor. */
async function openDraft(page: Page, preview: Preview): Promise<number> {
  const unit = await preview.api('units:create', {
    code: 'VPCC-NTBL',
    name: 'Văn phòng công chứng Nguyễn Thị Bích Liên',
    kindCode: 'notary_office',
  })
  const created = await preview.api('inspections:create', {
    unitId: (unit.data as { id: number }).id,
    kind: 'inspection',
    date: '2021-11-15',
    startTime: '08:30',
    team: [{ role: 'head', fullName: 'Trần Văn Minh', title: 'Phó Giám đốc Sở' }],
  })
  const id = (created.data as { id: number }).id
  await preview.open(page, `/inspections/${id}`)
  await expect(page.getByTestId('inspection-editor')).toBeVisible()
  return id
}

test.use({ viewport: { width: 1366, height: 768 } })

test('a refused draft save says so at the top, puts the cursor in the first bad field and keeps the typing', async ({
  page,
  preview,
}) => {
  test.setTimeout(90_000)
  await openDraft(page, preview)
  const editor = page.getByTestId('inspection-editor')
  await editor.locator('textarea[name=conclusion]').fill(CONCLUSION)
  await editor.getByTestId('add-violation').click()
  await editor.getByTestId('save').click()

  const alert = page.getByTestId('save-refused')
  await expect(alert).toContainText('Chưa lưu: 2 ô cần sửa')
  await expect(alert).toBeInViewport()
  const offender = editor.getByPlaceholder('Cá nhân / đơn vị vi phạm')
  await expect(offender).toBeFocused()
  await expect(offender).toBeInViewport()
  await page.screenshot({ path: 'docs/images/editor-refused-save.png' })
  await expect(editor.locator('textarea[name=conclusion]')).toHaveValue(CONCLUSION)

  // Fixing the row saves, and the alert goes.
  await offender.fill('Bà Nguyễn Thị Bích Liên')
  await editor.getByPlaceholder('Hành vi vi phạm').fill('Không bố trí tủ thuốc')
  await editor.getByTestId('save').click()
  await expect(page.locator('.el-message--success')).toBeVisible()
  await expect(alert).toHaveCount(0)
})

test('leaving the editor with unsaved typing asks: stay keeps it, discard leaves, save saves then leaves', async ({
  page,
  preview,
}) => {
  test.setTimeout(90_000)
  const id = await openDraft(page, preview)
  const editor = page.getByTestId('inspection-editor')
  const conclusion = editor.locator('textarea[name=conclusion]')
  const question = page.getByTestId('leave-question')

  // Nothing typed: the sidebar simply goes.
  await page.getByTestId('nav-units').click()
  await expect(page).toHaveURL(/#\/units$/)
  await preview.open(page, `/inspections/${id}`)

  await conclusion.fill(CONCLUSION)
  await page.getByTestId('nav-units').click()
  await expect(question).toContainText('Những gì bạn vừa nhập chưa được lưu')
  await page.screenshot({ path: 'docs/images/leave-question.png' })
  await question.getByTestId('leave-stay').click()
  await expect(question).toBeHidden()
  await expect(page).toHaveURL(new RegExp(`#/inspections/${id}$`))
  await expect(conclusion).toHaveValue(CONCLUSION)

  // The back link asks too; discarding leaves and nothing was written.
  await editor.getByText('Quay lại danh sách').click()
  await question.getByTestId('leave-discard').click()
  await expect(page).toHaveURL(/#\/inspections$/)
  const stored = await preview.api('inspections:get', { id })
  expect((stored.data as { conclusion: string | null }).conclusion).toBeNull()

  // Save from the question: saved, then gone.
  await preview.open(page, `/inspections/${id}`)
  await conclusion.fill(CONCLUSION)
  await page.getByTestId('nav-dailyReports').click()
  await question.getByTestId('leave-save').click()
  await expect(page).toHaveURL(/#\/daily-reports$/)
  const saved = await preview.api('inspections:get', { id })
  expect((saved.data as { conclusion: string | null }).conclusion).toBe(CONCLUSION)

  // A save the form refuses keeps the user on the form, with the refusal shown.
  await preview.open(page, `/inspections/${id}`)
  await editor.getByTestId('add-violation').click()
  await page.getByTestId('nav-units').click()
  await question.getByTestId('leave-save').click()
  await expect(page.getByTestId('save-refused')).toBeVisible()
  await expect(page).toHaveURL(new RegExp(`#/inspections/${id}$`))
  await expect(editor.getByPlaceholder('Cá nhân / đơn vị vi phạm')).toBeFocused()

  // Signing out asks as well.
  await page.getByTestId('sign-out').click()
  await expect(question).toBeVisible()
  await question.getByTestId('leave-stay').click()
  await expect(page.getByTestId('user-box')).toBeVisible()
})

test('a dialog form asks before closing with typing in it', async ({ page, preview }) => {
  await preview.open(page, '/units')
  await page.getByTestId('unit-add').click()
  const form = page.getByTestId('unit-form')
  await form.locator('input[name="name"]').fill('Thanh tra Sở')
  await page.keyboard.press('Escape')
  const question = page.getByTestId('leave-question')
  await question.getByTestId('leave-stay').click()
  await expect(form.locator('input[name="name"]')).toHaveValue('Thanh tra Sở')
  await page.keyboard.press('Escape')
  await question.getByTestId('leave-discard').click()
  await expect(form).toBeHidden()
})

test('a photo sent twice is kept once, shows as a thumbnail, and removing it asks first', async ({
  page,
  preview,
}) => {
  test.setTimeout(90_000)
  await openDraft(page, preview)
  const item = page.getByTestId('item-3')
  for (const _ of [1, 2]) {
    await item
      .getByTestId('photo-3')
      .setInputFiles({ name: 'khu-khuan.png', mimeType: 'image/png', buffer: PNG })
    await page.locator('.el-message-box input').fill('Bàn khử khuẩn')
    await page.locator('.el-message-box').getByRole('button', { name: 'Lưu' }).click()
    await expect(page.locator('.el-message-box')).toBeHidden()
  }
  const thumbs = item.getByTestId('photo-thumb')
  await expect(thumbs).toHaveCount(1)
  await expect(thumbs.locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/)

  await thumbs.getByTestId('photo-remove').click()
  const box = page.locator('.el-message-box')
  await expect(box).toContainText('Xoá ảnh “Bàn khử khuẩn”')
  await box.getByRole('button', { name: 'Huỷ' }).click()
  await expect(thumbs).toHaveCount(1)
  await thumbs.getByTestId('photo-remove').click()
  await box.getByRole('button', { name: 'Xoá ảnh' }).click()
  await expect(thumbs).toHaveCount(0)
})

test('a recommendation due before the inspection is refused on its due date', async ({ page, preview }) => {
  await openDraft(page, preview)
  const editor = page.getByTestId('inspection-editor')
  await editor.getByTestId('add-recommendation').click()
  await editor.locator('input[name=rec-content-0]').fill('Bổ sung tủ thuốc')
  const due = editor.getByPlaceholder('Thời hạn')
  await due.fill('14/11/2021')
  await due.press('Enter')
  await editor.getByTestId('save').click()
  await expect(
    editor.locator('.el-form-item__error', { hasText: 'Hạn thực hiện không được trước ngày kiểm tra' }),
  ).toBeVisible()
  await expect(due).toBeFocused()
  await expect(page.getByTestId('save-refused')).toContainText('Chưa lưu: 1 ô cần sửa')
})
