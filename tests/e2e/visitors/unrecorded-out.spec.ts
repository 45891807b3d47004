import { join } from 'node:path'
import Database from 'better-sqlite3'
import { vietnamDay } from '../../../src/shared/text/dates'
import { expect, SCREENED, signInAsAdmin, test } from '../support/fixtures'

test('a visit nobody checked out is closed at the next start and listed as "Không ghi giờ ra"', async ({
  page,
  preview,
}, testInfo) => {
  test.setTimeout(90_000)
  const unit = (await preview.api('units:create', {
    code: 'VP',
    name: 'Văn phòng Sở',
    kindCode: 'department',
  })) as {
    ok: boolean
    data?: { id: number }
  }
  const visit = await preview.api('visits:checkIn', {
    visitor: { fullName: 'Nguyễn Văn Quên', idType: 'cccd', idNumber: '001099012345' },
    hostUnitId: unit.data!.id,
    health: SCREENED,
  })
  expect(visit.ok, JSON.stringify(visit)).toBe(true)
  // The desk forgot to check them out, two days ago, the day the daily jobs last ran; the purge
  // of the next start (today's, claimed once for the office) closes the visit.
  await preview.restart((dataDir) => {
    const db = new Database(join(dataDir, 'so-phong-dich.sqlite'))
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000)
    const at = twoDaysAgo.toISOString()
    db.prepare('UPDATE visits SET checked_in_at = ?, created_at = ?').run(at, at)
    db.prepare('UPDATE job_runs SET day = ?, claimed_at = ?').run(vietnamDay(twoDaysAgo), at)
    db.close()
  })
  await page.setViewportSize({ width: 1366, height: 768 })
  await preview.open(page, '/visitors/search')
  await signInAsAdmin(page)
  await preview.open(page, '/visitors/search')
  const table = page.getByTestId('visit-table')
  await expect(table).toContainText('Nguyễn Văn Quên')
  await expect(table).toContainText('Không ghi giờ ra')
  await page.screenshot({ path: testInfo.outputPath('unrecorded-out.png') })
})
