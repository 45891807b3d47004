import { describe, expect, it } from 'vitest'
import { systemSession } from '@main/core/session'
import { accountMsg } from '@shared/accounts/schemas'
import { twoSeats } from '../helpers/seats'

const PASSWORD = 'mat-khau-dai-8'

describe('the first run on an office server', () => {
  it('creates one administrator when two seats submit the first-run form at the same instant', async () => {
    const { a, b, shared } = await twoSeats()
    expect(shared, 'two app cores on one server').toBe(false)
    const answers = await Promise.all(
      [a, b].map((seat, i) =>
        seat.router.dispatch(
          'auth:setup',
          { username: `quantri${i}`, displayName: `Quản trị ${i}`, password: PASSWORD, confirm: PASSWORD },
          systemSession(),
        ),
      ),
    )
    expect(answers.filter((r) => r.ok)).toHaveLength(1)
    expect(answers.find((r) => !r.ok)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: accountMsg.setupDone },
    })
    const status = await b.router.dispatch('auth:status', {}, systemSession())
    expect(status).toMatchObject({ ok: true, data: { needsSetup: false } })
  })
})
