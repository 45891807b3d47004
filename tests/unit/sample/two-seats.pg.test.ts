import { describe, expect, it } from 'vitest'
import { systemSession } from '@main/core/session'
import { twoSeats } from '../helpers/seats'

describe('the sample department on an office server', () => {
  it('loads once when two seats ask at the same instant; the other is told why', async () => {
    const { a, b, shared } = await twoSeats()
    expect(shared, 'two app cores on one server').toBe(false)
    const answers = await Promise.all(
      [a, b].map((seat) => seat.router.dispatch('sample:load', {}, systemSession())),
    )
    const loaded = answers.find((r) => r.ok)
    expect(answers.filter((r) => r.ok)).toHaveLength(1)
    expect(answers.find((r) => !r.ok)).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: expect.stringContaining('Chỉ nạp dữ liệu mẫu khi chưa có đơn vị nào'),
      },
    })
    const status = await b.router.dispatch('sample:status', {}, systemSession())
    expect(status).toEqual(loaded)
  })
})
