import { execFileSync } from 'node:child_process'
import { expect, test } from '../support/fixtures'
import { printedText } from '../pages/printing'
import type { Page } from '@playwright/test'

/** A 1×1 PNG, as a photo taken at the inspection. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

/** Picks an option of an Element Plus select by typing part of its label. */
async function pick(page: Page, select: ReturnType<Page['locator']>, text: string): Promise<void> {
  await select.click()
  await page.keyboard.type(text)
  // Only the open list's options: a closed picker keeps its (hidden) list in the page.
  await page
    .getByRole('option', { name: new RegExp(text) })
    .filter({ visible: true })
    .first()
    .click()
}

test('a team head plans, records an inspection with its team and checklist, finalises and prints the minutes', async ({
  page,
  preview,
}, testInfo) => {
  test.setTimeout(90_000)
  const unit = await preview.api('units:create', {
    code: 'VPCC-NTBL',
    name: 'Văn phòng công chứng Nguyễn Thị Bích Liên',
    kindCode: 'notary_office',
  })
  expect(unit.ok).toBe(true)

  // The plan: number, title, the unit in scope, a coverage target and the team head.
  await preview.open(page, '/inspections/plans')
  await page.getByTestId('new-plan').click()
  const plan = page.getByTestId('plan-editor')
  await plan.locator('input[name=planNumber]').fill('1023')
  await plan.locator('input[name=planTitle]').fill('Kiểm tra công tác phòng, chống dịch COVID-19')
  await pick(page, plan.getByTestId('plan-units'), 'Bích Liên')
  await page.keyboard.press('Escape')
  await plan.getByRole('button', { name: 'Thêm chỉ tiêu' }).click()
  await plan.getByPlaceholder('Chỉ tiêu').fill('100% tổ chức hành nghề công chứng')
  await pick(page, plan.locator('.kind .el-select').first(), 'công chứng')
  await plan.locator('input[name=member-name-0]').fill('Trần Văn Minh')
  await plan.locator('input[name=member-title-0]').fill('Phó Giám đốc Sở')
  await plan.getByTestId('save-plan').click()
  await expect(page.getByText('Đã lưu kế hoạch')).toBeVisible()
  const progress = page.getByTestId('plan-progress')
  await expect(progress).toContainText('100% tổ chức hành nghề công chứng — 0/1 đơn vị')
  await expect(progress).toContainText('Văn phòng công chứng Nguyễn Thị Bích Liên')

  // An inspection under the plan: the plan's team comes along; add the secretary.
  await page.getByTestId('plan-new-inspection').click()
  const dialog = page.getByTestId('create-dialog')
  await pick(page, dialog.getByTestId('create-unit'), 'Bích Liên')
  await expect(dialog.locator('input[name=member-name-0]')).toHaveValue('Trần Văn Minh')
  await dialog.getByTestId('add-member').click()
  await dialog.locator('input[name=member-name-1]').fill('Lê Thị Hoa')
  await pick(page, dialog.locator('.role').nth(1).locator('.el-select'), 'Thư ký')
  await dialog.getByTestId('create-inspection').click()

  // The checklist from the default template: every item gets a result; one is not met.
  const editor = page.getByTestId('inspection-editor')
  await expect(editor).toContainText('Có tủ thuốc của cơ quan, đơn vị')
  for (let i = 0; i < 14; i++)
    await editor
      .getByTestId(`item-${i}`)
      .getByText(i === 7 ? 'Chưa đạt' : 'Đạt', { exact: true })
      .click()
  await expect(page.getByTestId('score')).toHaveText('Tỷ lệ đạt: 92,9%')
  await editor.getByTestId('add-representative').click()
  await editor.locator('input[name=rep-name-0]').fill('Nguyễn Thị Bích Liên')
  await editor.getByTestId('add-recommendation').click()
  await editor.locator('input[name=rec-content-0]').fill('Trang bị tủ thuốc trước ngày 30/11')
  await editor
    .locator('textarea[name=conclusion]')
    .fill('Đơn vị cơ bản thực hiện tốt công tác phòng, chống dịch.')
  await editor
    .getByTestId('photo-7')
    .setInputFiles({ name: 'tu-thuoc.png', mimeType: 'image/png', buffer: PNG })
  await page.locator('.el-message-box input').fill('Chưa có tủ thuốc tại phòng tiếp dân')
  await page.locator('.el-message-box').getByRole('button', { name: 'Lưu' }).click()
  await expect(editor.getByTestId('item-7')).toContainText('Chưa có tủ thuốc tại phòng tiếp dân')

  await editor
    .locator('.el-card')
    .nth(1)
    .screenshot({ path: testInfo.outputPath('checklist.png') })
  await editor.getByTestId('finalise').click()
  await page.locator('.el-message-box').getByRole('button', { name: 'Hoàn thành biên bản' }).click()
  await expect(page.getByTestId('final-tag')).toContainText('Biên bản số 01 năm')
  await page.screenshot({ path: testInfo.outputPath('inspection.png'), fullPage: true })

  // Finalised: locked in the UI.
  await expect(page.getByTestId('locked')).toBeVisible()
  await expect(editor.locator('textarea[name=conclusion]')).toBeDisabled()
  await expect(editor.getByTestId('save')).toHaveCount(0)
  await expect(editor.getByTestId('add-recommendation')).toHaveCount(0)

  // The minutes open as a PDF in the official format.
  const download = page.waitForEvent('download')
  await editor.getByTestId('print').click()
  const file = await (await download).path()
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
  for (const expected of [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Số: 01/BB-STP',
    'BIÊN BẢN',
    'Kiểm tra công tác phòng, chống dịch COVID-19 tại Văn phòng công chứng Nguyễn Thị Bích Liên',
    'Thực hiện Kế hoạch số 1023/KH-STP',
    'Trưởng đoàn: Trần Văn Minh, Phó Giám đốc Sở',
    '5. Thư ký: Lê Thị Hoa.',
    'Trang bị tủ thuốc trước ngày 30/11',
    'PHỤ LỤC',
    'Chưa có tủ thuốc tại phòng tiếp dân',
  ])
    expect(text).toContain(expected)
  expect(text).not.toContain('Ự')

  // And through the route: an edit of finalised minutes is refused.
  const id = Number(/#\/inspections\/(\d+)/.exec(page.url())?.[1])
  const current = (await preview.api('inspections:get', { id })) as {
    data: { items: Array<{ id: number }>; team: unknown[] }
  }
  const refused = await preview.api('inspections:update', {
    id,
    unitId: (unit.data as { id: number }).id,
    kind: 'inspection',
    date: '2021-11-15',
    startTime: '08:00',
    team: current.data.team,
    items: current.data.items.map((x) => ({ id: x.id, result: 'pass' })),
    conclusion: 'Sửa sau khi ký',
  })
  expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } })

  // The plan shows the progress.
  await page.getByTestId('inspection-tabs').getByText('Kế hoạch').click()
  await page.getByTestId('plan-table').getByText('1023/KH-STP').click()
  await expect(page.getByTestId('plan-progress')).toContainText('1/1 đơn vị')
  await expect(page.getByTestId('plan-progress')).toContainText('Đã kiểm tra hết các đơn vị trong phạm vi.')
  await page.screenshot({ path: testInfo.outputPath('plan.png') })

  // The checklist template the inspection used, with its version.
  await page.getByTestId('inspection-tabs').getByText('Mẫu phiếu kiểm tra').click()
  await expect(page.getByTestId('template-table')).toContainText(
    'Phiếu kiểm tra công tác phòng, chống dịch COVID-19',
  )
  await page.screenshot({ path: testInfo.outputPath('templates.png') })
})

test('the office follows up an overdue recommendation; a correction keeps both versions printable; a draft saves with Ctrl+S and can be deleted', async ({
  page,
  preview,
}, testInfo) => {
  test.setTimeout(90_000)
  const unit = (
    await preview.api('units:create', { code: 'TTR', name: 'Thanh tra Sở', kindCode: 'department' })
  ).data as { id: number }
  const head = [{ role: 'head', fullName: 'Trần Văn Minh', title: 'Phó Giám đốc Sở' }]
  const created = (
    await preview.api('inspections:create', {
      unitId: unit.id,
      kind: 'inspection',
      date: '2021-11-15',
      startTime: '08:00',
      endTime: '10:00',
      team: head,
    })
  ).data as { id: number; items: Array<{ id: number }> }
  const form = {
    id: created.id,
    unitId: unit.id,
    kind: 'inspection',
    date: '2021-11-15',
    startTime: '08:00',
    endTime: '10:00',
    team: head,
    items: created.items.map((x) => ({ id: x.id, result: 'pass' })),
    recommendations: [
      { content: 'Bổ sung lịch trực tháng 12', ownerName: 'Thanh tra Sở', dueDate: '2021-12-01' },
    ],
    conclusion: 'Đơn vị thực hiện tốt.',
  }
  expect((await preview.api('inspections:update', form)).ok).toBe(true)
  expect((await preview.api('inspections:finalise', { id: created.id })).ok).toBe(true)

  await preview.open(page, '/inspections/overdue')
  const overdue = page.getByTestId('overdue-table')
  await expect(overdue).toContainText('Bổ sung lịch trực tháng 12')
  await expect(overdue).toContainText('Chưa thực hiện')
  await page.screenshot({ path: testInfo.outputPath('overdue.png'), fullPage: true })
  await overdue.getByRole('button', { name: 'Cập nhật' }).click()
  const follow = page.getByTestId('follow-dialog')
  await follow.getByText('Đã khắc phục').click()
  await follow.locator('textarea').fill('Đã ban hành lịch trực')
  await follow.getByTestId('follow-save').click()
  await expect(overdue).not.toContainText('Bổ sung lịch trực tháng 12')

  // A correction: the reason is required, then the new version joins the list.
  await preview.open(page, `/inspections/${created.id}`)
  const editor = page.getByTestId('inspection-editor')
  await editor.getByTestId('correct').click()
  await editor.locator('textarea[name=conclusion]').fill('Đơn vị thực hiện tốt; cần duy trì lịch trực.')
  await editor.getByTestId('save-correction').click()
  await expect(editor.getByText('Không được để trống')).toBeVisible()
  await editor.locator('textarea[name=reason]').fill('Bổ sung kết luận theo ý kiến Trưởng đoàn')
  await editor.getByTestId('save-correction').click()
  await expect(page.getByText('Đã lưu bản đính chính')).toBeVisible()
  const versions = page.getByTestId('versions')
  await expect(versions).toContainText('Phiên bản 2')
  await expect(versions).toContainText('Bổ sung kết luận theo ý kiến Trưởng đoàn')
  await expect(editor.locator('textarea[name=conclusion]')).toBeDisabled()
  await page.screenshot({ path: testInfo.outputPath('correction.png'), fullPage: true })

  const printed = (label: string) =>
    printedText(page, versions.getByRole('button', { name: label }), testInfo.outputPath(`${label}.pdf`))
  const first = await printed('In phiên bản 1')
  expect(first).toContain('Đơn vị thực hiện tốt.')
  expect(first).not.toContain('Bản đính chính')
  const second = await printed('In phiên bản 2')
  expect(second).toContain('cần duy trì lịch trực')
  expect(second).toContain('Bản đính chính (phiên bản 2). Lý do: Bổ sung kết luận theo ý kiến Trưởng đoàn')
  // Beside each In, the version's file.
  const download = page.waitForEvent('download')
  await versions.getByTestId('version-pdf-1').click()
  const saved = execFileSync('pdftotext', [await (await download).path(), '-'], { encoding: 'utf8' })
  expect(saved.replace(/\s+/g, ' ')).toContain('Đơn vị thực hiện tốt.')
  await page.setViewportSize({ width: 1366, height: 768 })
  await versions.screenshot({ path: testInfo.outputPath('versions.png') })

  // A draft: Ctrl+S saves it; a draft made by mistake can be deleted.
  const draft = (
    await preview.api('inspections:create', {
      unitId: unit.id,
      kind: 'inspection',
      date: '2021-12-20',
      startTime: '14:00',
      team: head,
    })
  ).data as { id: number }
  await preview.open(page, `/inspections/${draft.id}`)
  await editor.locator('textarea[name=conclusion]').fill('Dự thảo nhập nhầm đơn vị')
  await page.keyboard.press('Control+s')
  await expect(page.getByText('Đã lưu', { exact: true })).toBeVisible()
  expect(
    ((await preview.api('inspections:get', { id: draft.id })).data as { conclusion: string }).conclusion,
  ).toBe('Dự thảo nhập nhầm đơn vị')
  await editor.getByTestId('delete').click()
  await page.locator('.el-message-box').getByRole('button', { name: 'Xoá dự thảo' }).click()
  await expect(page.getByTestId('inspection-table')).toBeVisible()
  await expect(page.getByTestId('inspection-table')).not.toContainText('20/12/2021')
  expect((await preview.api('inspections:get', { id: draft.id })).ok).toBe(false)
})
