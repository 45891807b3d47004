import { expect, SCREENED, test } from '../support/fixtures'
import { createUnit } from '../pages/desk'
import { slipCode } from '../../../src/shared/visitors/slip-code'

test.describe.configure({ timeout: 60_000 })

const AN = { fullName: 'Nguyễn Văn An', idType: 'cccd', idNumber: '001099012345' }

test('the visitor slip scanned at the desk checks the visitor out; a slip of no visit is refused beside the scan field', async ({
  page,
  preview,
}, testInfo) => {
  const vp = await createUnit(preview, 'VP', 'Văn phòng Sở')
  const checkIn = (await preview.api('visits:checkIn', {
    visitor: AN,
    hostUnitId: vp,
    health: SCREENED,
  })) as {
    data: { id: number; checkedInAt: string }
  }
  await preview.open(page, '/visitors')
  await expect(page.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 1 khách')
  const scanField = page.locator('input[name=scan]')
  await expect(scanField).toBeFocused()

  // A slip for a visit that does not exist: said beside the scan field, nobody leaves.
  await page.keyboard.type(slipCode({ id: checkIn.data.id + 7, checkedInAt: checkIn.data.checkedInAt }))
  await page.keyboard.press('Enter')
  await expect(page.locator('.scan-error')).toContainText('Mã trên phiếu khách không khớp lượt khách nào')
  await expect(page.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 1 khách')

  // The visitor's own slip, as the handheld scanner types it.
  await expect(scanField).toBeFocused()
  await page.keyboard.type(slipCode(checkIn.data))
  await page.keyboard.press('Enter')
  await expect(page.getByText('Đã cho ra: Nguyễn Văn An')).toBeVisible()
  await expect(page.getByTestId('inside-count')).toHaveText('Đang trong cơ quan: 0 khách')
  await expect(page.locator('.scan-error')).toHaveCount(0)
  await expect(scanField).toBeFocused()
  await expect(scanField).toHaveValue('')
  await page.screenshot({ path: testInfo.outputPath('slip-checkout.png') })
})
