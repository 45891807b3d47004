import { expect, test } from '../support/fixtures'
import { UnitsPage } from '../pages/units-page'

test('first run offers sample data; it shows as a tree and a unit can be deactivated', async ({
  page,
  preview,
}, testInfo) => {
  await preview.open(page, '/')
  await expect(page.getByTestId('getting-started')).toBeVisible()
  await page.getByTestId('load-sample').click()
  await page.locator('.el-message-box').getByRole('button', { name: 'Nạp dữ liệu mẫu' }).click()
  await expect(page.getByText(/Đã nạp 12 đơn vị mẫu/)).toBeVisible()
  await expect(page.getByTestId('getting-started')).toBeHidden()
  await page.screenshot({ path: testInfo.outputPath('dashboard-sample.png') })

  const units = new UnitsPage(page, preview)
  await units.open()
  await expect(page.getByTestId('unit-total')).toHaveText('Tổng số: 12 đơn vị')
  await units.search('dau gia')
  await expect(units.table.locator('tbody tr')).toHaveCount(1)
  await expect(units.row('TTDVDG')).toContainText('Trung tâm Dịch vụ đấu giá tài sản')

  await units.search('')
  await page.getByTestId('unit-toggle-VPCC-24H').click()
  await page.locator('.el-message-box').getByRole('button', { name: 'Ngừng hoạt động' }).click()
  await expect(units.row('VPCC-24H')).toHaveCount(0)
  await expect(page.getByTestId('unit-total')).toHaveText('Tổng số: 11 đơn vị')

  await page.getByTestId('unit-view-tree').click()
  const tree = page.getByTestId('unit-tree')
  await expect(tree.locator('.el-tree-node').first()).toContainText('STP — Sở Tư pháp thành phố Cần Thơ')
  await expect(tree.locator('.el-tree-node__children').first()).toContainText('VP — Văn phòng Sở')
  await expect(tree.locator('.el-tree-node').filter({ hasText: 'VPCC-24H' }).last()).toContainText(
    'Ngừng hoạt động',
  )
  await page.screenshot({ path: testInfo.outputPath('units-tree.png'), fullPage: true })
})

test('a unit cannot be moved under itself or its descendants', async ({ page, preview, request }) => {
  await preview.open(page, '/')
  await page.getByTestId('load-sample').click()
  await page.locator('.el-message-box').getByRole('button', { name: 'Nạp dữ liệu mẫu' }).click()
  await expect(page.getByTestId('getting-started')).toBeHidden()
  const api = async (route: string, data: object) => {
    const response = await request.post(`${preview.origin}/api/${route}`, {
      data,
      headers: { 'X-SPD-Secret': preview.secret },
    })
    return (await response.json()).data
  }
  const vp = (await api('units:list', { q: 'van phong so' })).items[0]
  await api('units:create', { code: 'VP-TH', name: 'Tổ tổng hợp', kindCode: 'other', parentId: vp.id })

  const units = new UnitsPage(page, preview)
  await units.open()
  await page.getByTestId('unit-edit-VP').click()
  await units.form.getByTestId('unit-parent').click()
  const options = page.locator('.el-select-dropdown__item:visible')
  await expect(options.filter({ hasText: 'STP — Sở Tư pháp' })).toHaveCount(1)
  await expect(options.filter({ hasText: 'TTR — Thanh tra Sở' })).toHaveCount(1)
  await expect(options.filter({ hasText: 'VP — Văn phòng Sở' })).toHaveCount(0)
  await expect(options.filter({ hasText: 'VP-TH' })).toHaveCount(0)
})
