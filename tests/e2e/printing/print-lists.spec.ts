import { expect, SCREENED, test } from '../support/fixtures'
import { createUnit } from '../pages/desk'
import { printedText } from '../pages/printing'
import type { Preview } from '../support/fixtures'

/** How many times the audit trail says a route printed: one line per print. */
async function audited(preview: Preview, route: string): Promise<number> {
  const trail = (await preview.api('audit:list', { entity: 'visit' })) as {
    data: { items: Array<{ route: string }> }
  }
  return trail.data.items.filter((entry) => entry.route === route).length
}

test('In on the visitor slip and on the roll call opens each ready to print, audited once per print', async ({
  page,
  preview,
}, testInfo) => {
  const vp = await createUnit(preview, 'VP', 'Văn phòng Sở')
  const visit = (await preview.api('visits:checkIn', {
    visitor: { fullName: 'Nguyễn Văn An', idType: 'cccd', idNumber: '001099012345' },
    hostUnitId: vp,
    health: SCREENED,
    badgeNumber: 'K-07',
  })) as { data: { id: number } }

  await preview.open(page, '/visitors/inside')
  const slip = await printedText(page, `slip-${visit.data.id}-print`, testInfo.outputPath('slip.pdf'))
  expect(slip).toContain('PHIẾU KHÁCH')
  expect(slip).toContain('Nguyễn Văn An')
  expect(await audited(preview, 'visits:slipPdf')).toBe(1)

  const rollCall = await printedText(page, 'roll-call-print', testInfo.outputPath('roll-call.pdf'))
  expect(rollCall).toContain('DANH SÁCH KHÁCH ĐANG CÓ MẶT TẠI CƠ QUAN')
  expect(rollCall).toContain('Nguyễn Văn An')
  expect(await audited(preview, 'visits:rollCallPdf')).toBe(1)

  // The file buttons keep their old names and still save the PDF.
  const download = page.waitForEvent('download')
  await page.getByTestId(`slip-${visit.data.id}`).click()
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/)
  expect(await audited(preview, 'visits:slipPdf')).toBe(2)

  await page.setViewportSize({ width: 1366, height: 768 })
  await page.mouse.move(0, 0) // no hover colour in the picture
  await page.getByTestId('inside-panel').screenshot({ path: 'docs/images/print-inside-buttons.png' })
  // The desk's narrow panel beside the check-in form has the same buttons.
  await preview.open(page, '/visitors')
  await expect(page.getByTestId(`slip-${visit.data.id}-print`)).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('check-in-desk.png') })
})

test('In on the vaccine list opens the round’s list ready to print', async ({ page, preview }, testInfo) => {
  const unit = (await preview.api('units:create', {
    code: 'VP',
    name: 'Văn phòng Sở',
    kindCode: 'department',
  })) as { data: { id: number } }
  const staff = (await preview.api('staff:create', {
    unitId: unit.data.id,
    fullName: 'Phạm Thị Dung',
    idNumber: '001199000004',
    category: 'vien_chuc',
  })) as { data: { id: number } }
  const round = (await preview.api('vaccineRounds:save', {
    name: 'Đợt 3',
    openedOn: '2021-11-01',
    deadline: '2021-11-10',
  })) as { data: { id: number } }
  const registered = await preview.api('vaccinations:create', {
    roundId: round.data.id,
    staffId: staff.data.id,
    dose: 1,
  })
  expect(registered.ok).toBe(true)

  await preview.open(page, '/vaccines')
  const printed = await printedText(page, 'vaccination-pdf-print', testInfo.outputPath('vaccines.pdf'))
  expect(printed).toContain('ĐĂNG KÝ TIÊM VẮC XIN PHÒNG COVID-19')
  expect(printed).toContain('Phạm Thị Dung')
  const download = page.waitForEvent('download')
  await page.getByTestId('vaccination-pdf').click()
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/)
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.screenshot({ path: testInfo.outputPath('vaccines-buttons.png') })
})
