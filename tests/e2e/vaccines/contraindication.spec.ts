import { expect, test } from '../support/fixtures'

test('a contraindicated person cannot be scheduled from the form until the contraindication is cleared', async ({
  page,
  preview,
}, testInfo) => {
  const unit = (await preview.api('units:create', {
    code: 'VP',
    name: 'Văn phòng Sở',
    kindCode: 'department',
  })) as {
    data?: { id: number }
  }
  await preview.api('staff:create', {
    unitId: unit.data!.id,
    fullName: 'Phạm Thị Dung',
    idNumber: '001199000004',
    category: 'vien_chuc',
  })
  await preview.api('vaccineRounds:save', { name: 'Đợt 3', openedOn: '2021-11-01', deadline: '2021-11-10' })
  await preview.open(page, '/vaccines')
  await page.getByRole('tab', { name: 'Danh sách' }).click()

  // New form: find the person without marks, mark a contraindication with its reason.
  await page.getByTestId('registration-add').click()
  const form = page.getByTestId('registration-form')
  await form.getByTestId('registration-staff').click()
  await page.keyboard.type('dung')
  await page.getByRole('option', { name: /Phạm Thị Dung/ }).click()
  await form.getByTestId('registration-status').click()
  await page.getByRole('option', { name: 'Chống chỉ định' }).click()
  await form.getByTestId('registration-save').click()
  await expect(form).toContainText('Ghi lý do')
  await form.getByLabel('Lý do').fill('Phản vệ độ 3 sau mũi trước')
  await form.getByTestId('registration-save').click()
  await expect(page.getByText('Đã lưu phiếu của Phạm Thị Dung')).toBeVisible()

  // Scheduling is refused next to the status until the contraindication is cleared.
  await page.getByTestId('registration-table').getByRole('button', { name: 'Sửa' }).click()
  await form.getByTestId('registration-status').click()
  await page.getByRole('option', { name: 'Đã đăng ký' }).click()
  await form.getByTestId('registration-save').click()
  await expect(form.getByTestId('registration-status-error')).toContainText('đang có chống chỉ định')
  await page.screenshot({ path: testInfo.outputPath('contraindicated.png'), fullPage: true })

  await form.getByTestId('registration-clear').click()
  const prompt = page.getByRole('dialog', { name: /Xoá chống chỉ định/ })
  await prompt.getByRole('textbox').fill('Hội chẩn bệnh viện tỉnh: tiêm được vắc xin khác')
  await prompt.getByRole('button', { name: 'OK' }).click()
  await expect(page.getByText('Đã xoá chống chỉ định')).toBeVisible()
  await expect(form).toContainText('Chống chỉ định đã được xoá')
  await form.getByTestId('registration-status').click()
  await page.getByRole('option', { name: 'Đã đăng ký' }).click()
  // The first save's notice may still be up on a fast machine: this save must show its own.
  const saved = page.getByText('Đã lưu phiếu của Phạm Thị Dung')
  await expect(saved).toHaveCount(0)
  await form.getByTestId('registration-save').click()
  await expect(saved).toBeVisible()
  await expect(page.getByTestId('registration-table')).toContainText('Đã đăng ký')
})
