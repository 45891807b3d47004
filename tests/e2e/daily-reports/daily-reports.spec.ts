import { expect, test } from '../support/fixtures'
import type { Page } from '@playwright/test'
import type { Preview } from '../support/fixtures'

async function units(preview: Preview): Promise<void> {
  for (const [code, name] of [
    ['VP', 'Văn phòng Sở'],
    ['TTR', 'Thanh tra Sở'],
    ['CC1', 'Phòng công chứng số 1'],
  ])
    expect((await preview.api('units:create', { code, name, kindCode: 'department' })).ok).toBe(true)
}

async function fillReport(page: Page, unit: string, figures: Record<string, number>): Promise<void> {
  await page.getByTestId('report-unit').click()
  await page.keyboard.type(unit)
  await page.keyboard.press('Enter')
  // Wait for the pre-fill of the chosen unit before typing over it.
  await expect(page.getByTestId('report-unit')).toContainText(unit)
  for (const [field, value] of Object.entries(figures)) {
    const input = page.getByTestId(`field-${field}`).locator('input')
    await input.fill(String(value))
    await input.blur()
  }
  await page.locator('input[name="reporterName"]').fill('Trần Thị Bình')
}

const FIGURES = {
  staffTotal: 20,
  atOffice: 15,
  workingFromHome: 3,
  onLeave: 2,
  f0: 0,
  f1: 1,
  f2: 0,
  dose1: 20,
  dose2: 18,
  booster: 4,
}

test.describe('after 15:00', () => {
  // The preview's clock starts at 15:30 in Vietnam, whatever the hour the tests run.
  test.use({ previewNow: '2026-11-16T15:30:00+07:00' })

  test('a daily report sent after 15:00 is accepted and marked late, and the board highlights who is missing', async ({
    page,
    preview,
  }, testInfo) => {
    await units(preview)
    await preview.open(page, '/daily-reports/submit')
    await fillReport(page, 'Thanh tra', FIGURES)
    await page.getByTestId('report-save').click()
    await expect(page.getByTestId('report-status')).toContainText('Nộp muộn')
    await expect(page.getByText('Báo cáo được ghi nhận nộp muộn')).toBeVisible()

    // An edit keeps the first version beside the new one.
    const f1 = page.getByTestId('field-f1').locator('input')
    await f1.fill('3')
    await f1.blur()
    await page.getByTestId('report-save').click()
    await expect(page.getByTestId('report-versions')).toContainText('Phiên bản 1')
    await expect(page.getByTestId('report-status')).toContainText('phiên bản 2')
    await page.screenshot({ path: testInfo.outputPath('report-form-late.png'), fullPage: true })

    await page.getByTestId('report-tabs').getByText('Bảng theo dõi').click()
    await expect(page.getByTestId('status-TTR')).toContainText('Nộp muộn')
    await expect(page.getByTestId('status-TTR')).toContainText('15:3')
    await expect(page.getByTestId('status-VP')).toContainText('Chưa báo cáo')
    await expect(page.getByTestId('status-CC1')).toContainText('Chưa báo cáo')
    await expect(page.getByTestId('deadline-alert')).toContainText('còn 2 đơn vị chưa báo cáo')
    await expect(page.locator('.row-missing')).toHaveCount(2)
    await expect(page.getByTestId('count-late')).toContainText('1')
    await expect(page.getByTestId('trend-chart')).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('board-after-deadline.png'), fullPage: true })

    await page.getByTestId('nav-dashboard').click()
    await expect(page.getByTestId('tile-reports')).toContainText(
      'Hôm nay: 0 đúng hạn, 1 nộp muộn, 2 chưa báo cáo',
    )
    await page.getByTestId('nav-dailyReports').click()

    const download = page.waitForEvent('download')
    await page.getByTestId('summary-pdf').click()
    expect((await download).suggestedFilename()).toBe('tong-hop-bao-cao-2026-11-16.pdf')
  })
})

test.describe('before 15:00', () => {
  test.use({ previewNow: '2026-11-16T09:15:00+07:00' })

  test('a report sent in the morning is on time; units still missing are not highlighted yet', async ({
    page,
    preview,
  }, testInfo) => {
    await units(preview)
    await preview.open(page, '/daily-reports/submit')
    await fillReport(page, 'Văn phòng', FIGURES)
    await page.getByTestId('report-save').click()
    await expect(page.getByTestId('report-status')).toContainText('Đúng hạn')

    // A field that contradicts another is refused next to it, and nothing is sent.
    await page.getByTestId('report-mode').getByText('Báo cáo đột xuất').click()
    await page.getByTestId('report-unit').click()
    await page.keyboard.type('Thanh tra')
    await page.keyboard.press('Enter')
    await page.locator('input[name="adhocReporter"]').fill('Lê Văn Cường')
    await page.getByTestId('report-save').click()
    await expect(page.getByText('Không được để trống').first()).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('adhoc-errors.png'), fullPage: true })
    await page.locator('input[name="subject"]').fill('Phát hiện F1')
    await page.locator('textarea[name="content"]').fill('Một công chức là F1, cách ly tại nhà từ 9 giờ')
    await page.getByTestId('report-save').click()
    await expect(page.getByText('Đã gửi báo cáo đột xuất')).toBeVisible()

    await page.getByTestId('report-tabs').getByText('Bảng theo dõi').click()
    await expect(page.getByTestId('status-VP')).toContainText('Đúng hạn')
    await expect(page.getByTestId('status-TTR')).toContainText('Chưa báo cáo')
    await expect(page.getByTestId('deadline-alert')).toHaveCount(0)
    await expect(page.locator('.row-missing')).toHaveCount(0)
    await expect(page.getByTestId('board-adhoc')).toContainText('Phát hiện F1')
    await page.screenshot({ path: testInfo.outputPath('board-morning.png'), fullPage: true })

    // From the board, a missing unit's button opens the form on that unit and day.
    await page
      .getByTestId('board-table')
      .locator('tr', { hasText: 'Phòng công chứng số 1' })
      .getByText('Nhập báo cáo')
      .click()
    await expect(page.getByTestId('report-unit')).toContainText('Phòng công chứng số 1')
    await expect(page.getByTestId('field-staffTotal').locator('input')).toHaveValue('')

    await page.getByTestId('report-tabs').getByText('Lịch sử').click()
    await expect(page.getByTestId('history-table').locator('tbody tr')).toHaveCount(2)
    await page.getByTestId('history-table').getByText('Báo cáo hằng ngày').click()
    await expect(page.getByTestId('report-versions')).toContainText('Trần Thị Bình')
    await expect(page.getByTestId('history-status')).toContainText('Đúng hạn')
    await page.screenshot({ path: testInfo.outputPath('history-report.png'), fullPage: true })
  })
})
