import { expect, test } from '../support/fixtures'
import type { Page } from '@playwright/test'
import type { Preview } from '../support/fixtures'
import { UnitPickerField } from '../pages/unit-picker'

const OFFICE = 'Văn phòng Sở'
const AUCTION = 'Trung tâm Dịch vụ đấu giá tài sản'

async function units(preview: Preview): Promise<void> {
  for (const [code, name] of [
    ['VP', OFFICE],
    ['TTR', 'Thanh tra Sở'],
    ['DGTS', AUCTION],
  ])
    expect((await preview.api('units:create', { code, name, kindCode: 'department' })).ok).toBe(true)
  expect(
    (
      await preview.api('vaccineRounds:save', {
        name: 'Đợt 1',
        openedOn: '2021-07-01',
        deadline: '2099-12-31',
      })
    ).ok,
  ).toBe(true)
}

/** Every screen where a unit is chosen: how to reach it, and its picker. */
const SCREENS: Array<{
  screen: string
  route: string
  open?: (page: Page) => Promise<void>
  picker: string
}> = [
  { screen: 'reception desk', route: '/visitors', picker: 'host-unit' },
  { screen: 'visitor search filter', route: '/visitors/search', picker: 'visit-search-unit' },
  { screen: 'contact tracing', route: '/visitors/trace', picker: 'trace-units' },
  {
    screen: 'vaccine import dialog',
    route: '/vaccines',
    open: (page) => page.getByTestId('vaccination-import').click(),
    picker: 'import-unit',
  },
  {
    screen: 'vaccination list filter',
    route: '/vaccines',
    open: (page) => page.getByRole('tab', { name: 'Danh sách', exact: true }).click(),
    picker: 'vaccination-unit-filter',
  },
  { screen: 'daily-report form', route: '/daily-reports/submit', picker: 'report-unit' },
  { screen: 'daily-report history filter', route: '/daily-reports/history', picker: 'report-history-unit' },
  { screen: 'staff list filter', route: '/staff', picker: 'staff-unit-filter' },
  {
    screen: 'staff form',
    route: '/staff',
    open: (page) => page.getByTestId('staff-add').click(),
    picker: 'staff-unit',
  },
  {
    screen: 'inspection creation',
    route: '/inspections',
    open: (page) => page.getByTestId('new-inspection').click(),
    picker: 'create-unit',
  },
  { screen: 'inspection list filter', route: '/inspections', picker: 'inspection-unit-filter' },
  {
    screen: 'inspection plan',
    route: '/inspections/plans',
    open: (page) => page.getByTestId('new-plan').click(),
    picker: 'plan-units',
  },
  {
    screen: 'parent unit',
    route: '/units',
    open: (page) => page.getByTestId('unit-add').click(),
    picker: 'unit-parent',
  },
]

test('every unit picker finds a unit typed without diacritics', async ({ page, preview }, testInfo) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1366, height: 768 })
  await units(preview)
  for (const s of SCREENS) {
    await test.step(s.screen, async () => {
      await preview.open(page, s.route)
      await s.open?.(page)
      const picker = new UnitPickerField(page, page.getByTestId(s.picker).filter({ visible: true }))
      await picker.choose('van phong so', OFFICE)
      await picker.choose('dau gia', AUCTION)
      await expect(await picker.type('van phong')).toContainText(OFFICE)
      await page.screenshot({ path: testInfo.outputPath(`${s.picker}.png`) })
      await page.keyboard.press('Escape')
      // Nothing that does not match is offered.
      await expect(await picker.type('kho bac')).toHaveCount(0)
      await page.keyboard.press('Escape')
    })
  }
})

test('a unit no longer active is offered where past visits are searched, not at the desk', async ({
  page,
  preview,
}) => {
  await units(preview)
  const old = (await preview.api('units:create', {
    code: 'PC',
    name: 'Phòng cũ',
    kindCode: 'department',
  })) as {
    data: { id: number }
  }
  expect((await preview.api('units:setActive', { id: old.data.id, active: false })).ok).toBe(true)

  await preview.open(page, '/visitors/search')
  const filter = new UnitPickerField(page, page.getByTestId('visit-search-unit'))
  await filter.choose('phong cu', 'Phòng cũ (Ngừng hoạt động)')

  await preview.open(page, '/visitors')
  const desk = new UnitPickerField(page, page.getByTestId('host-unit'))
  await expect(await desk.type('phong cu')).toHaveCount(0)
})
