import { expect, test } from '../support/fixtures'
import { printedText } from '../pages/printing'

test.use({ previewNow: '2026-11-18T10:00:00+07:00' })

test('draw the week’s sample, pool it, record a positive pool and the individual tests; medicine cabinets', async ({
  page,
  preview,
}, testInfo) => {
  let person = 0
  for (const [code, name, size] of [
    ['VP', 'Văn phòng Sở', 40],
    ['TTR', 'Thanh tra Sở', 25],
    ['CC1', 'Phòng công chứng số 1', 2],
  ] as const) {
    const unit = (await preview.api('units:create', { code, name, kindCode: 'department' })) as {
      data: { id: number }
    }
    for (let i = 0; i < size; i++) {
      person++
      const created = await preview.api('staff:create', {
        unitId: unit.data.id,
        fullName: `Cán bộ ${String(person).padStart(2, '0')}`,
        idNumber: `0010990${String(person).padStart(5, '0')}`,
        category: 'cong_chuc',
      })
      expect(created.ok).toBe(true)
    }
  }
  await preview.open(page, '/daily-reports/rapid-tests')
  await page.getByTestId('sample-percent').click()
  await page.getByRole('option', { name: '5 %', exact: true }).click()
  await page.getByTestId('rapid-settings').getByRole('button', { name: 'Lưu' }).click()
  await expect(page.getByText('Đã lưu')).toBeVisible()

  await page.getByPlaceholder('tự sinh').fill('20211118')
  await page.getByTestId('rapid-draw').click()
  // ceil(67 × 5 %) = 4 staff, one at least from each of the three units.
  await expect(page.getByTestId('round-facts')).toContainText('4/67 cán bộ (5 %), mã tái lập 20211118')
  await expect(page.getByTestId('waiting-table').locator('tbody tr')).toHaveCount(4)
  await expect(page.getByTestId('waiting-table')).toContainText('Phòng công chứng số 1')

  await page.getByTestId('form-pools').click()
  await expect(page.getByTestId('pool-1')).toBeVisible()
  await expect(page.getByTestId('pool-1').locator('li')).toHaveCount(4)
  await page.getByTestId('pool-result-1').getByText('Dương tính').click()
  await expect(page.getByTestId('pool-1')).toContainText('test riêng từng người')
  const firstMember = page.getByTestId('pool-1').locator('li').first()
  await firstMember.locator('.el-select').click()
  await page.getByRole('option', { name: 'Âm tính', exact: true }).click()
  await expect(firstMember.locator('.el-select')).toContainText('Âm tính')
  await page.screenshot({ path: testInfo.outputPath('rapid-tests.png'), fullPage: true })
  const download = page.waitForEvent('download')
  await page.getByTestId('round-pdf').click()
  expect((await download).suggestedFilename()).toBe('test-nhanh-tuan-2026-11-16.pdf')
  const printed = await printedText(page, 'round-pdf-print', testInfo.outputPath('round.pdf'))
  expect(printed).toContain('DANH SÁCH TEST NHANH KHÁNG NGUYÊN SARS-CoV-2')
  expect(printed).toContain('Cán bộ 53 Thanh tra Sở Mẫu gộp số 1 Dương tính')
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.getByTestId('rapid-round').screenshot({ path: testInfo.outputPath('round-buttons.png') })

  await page.getByTestId('report-tabs').getByText('Tủ thuốc').click()
  const row = page.getByTestId('cabinet-table').locator('tbody tr', { hasText: 'Thanh tra Sở' })
  await row.getByText('Có', { exact: true }).click()
  // The settings' notice may still be up on a fast machine: this save must show its own.
  await expect(page.getByText('Đã lưu')).toHaveCount(0)
  await row.getByRole('button', { name: 'Lưu' }).click()
  await expect(page.getByText('Đã lưu')).toBeVisible()
  await expect(row).not.toContainText('Chưa ghi nhận')
  await page.screenshot({ path: testInfo.outputPath('cabinets.png'), fullPage: true })
})
