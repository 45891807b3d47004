import { expect, SCREENED, test } from '../support/fixtures'

const CCCD = '001099012345'

test('a visitor’s whole ID number shows only when asked, and each reveal is in the audit trail', async ({
  page,
  preview,
}) => {
  const unit = (await preview.api('units:create', {
    code: 'VP',
    name: 'Văn phòng Sở',
    kindCode: 'department',
  })) as {
    data?: { id: number }
  }
  const visit = (await preview.api('visits:checkIn', {
    visitor: { fullName: 'Nguyễn Văn An', idType: 'cccd', idNumber: CCCD },
    hostUnitId: unit.data!.id,
    health: SCREENED,
  })) as { data?: { id: number } }
  expect((await preview.api('visits:checkOut', { id: visit.data!.id })).ok).toBe(true)

  await page.setViewportSize({ width: 1366, height: 768 })
  await preview.open(page, '/visitors/search')
  await page.getByTestId('visit-table').getByText('Nguyễn Văn An').click()
  const card = page.getByTestId('visitor-card')
  await expect(card).toContainText('Nguyễn Văn An')
  await expect(card).not.toContainText(CCCD)
  await card.getByRole('button', { name: 'Hiện số giấy tờ' }).click()
  await expect(card).toContainText(CCCD)
  await page.screenshot({ path: test.info().outputPath('visitor-card-revealed.png') })
  const trail = (await preview.api('audit:list', { entity: 'visitor' })) as { data?: { items: unknown[] } }
  expect(JSON.stringify(trail.data?.items)).toContain('Xem số giấy tờ đầy đủ')
})

test('picking a returning visitor from the name suggestions fills the whole ID number, audited', async ({
  page,
  preview,
}) => {
  const unit = (await preview.api('units:create', {
    code: 'VP',
    name: 'Văn phòng Sở',
    kindCode: 'department',
  })) as {
    data?: { id: number }
  }
  const visit = (await preview.api('visits:checkIn', {
    visitor: { fullName: 'Trần Thị Bình', idType: 'cccd', idNumber: CCCD },
    hostUnitId: unit.data!.id,
    health: SCREENED,
  })) as { data?: { id: number } }
  expect((await preview.api('visits:checkOut', { id: visit.data!.id })).ok).toBe(true)

  await preview.open(page, '/visitors')
  await page.locator('input[name=scan]').fill('tran thi')
  const option = page.locator('.el-autocomplete-suggestion li', { hasText: 'Trần Thị Bình' })
  await expect(option).not.toContainText(CCCD)
  await option.click()
  await expect(page.locator('input[name=idNumber]')).toHaveValue(CCCD)
  const trail = (await preview.api('audit:list', { entity: 'visitor' })) as { data?: { items: unknown[] } }
  expect(JSON.stringify(trail.data?.items)).toContain('Xem số giấy tờ đầy đủ')
})
