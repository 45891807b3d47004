import { EntitySchema } from 'typeorm'
import type { EntityManager } from 'typeorm'

/** The last number handed out in one series (`minutes` of one year...). */
export interface CounterRow {
  id: number
  name: string
  scope: string
  last: number
}

export const CounterEntity = new EntitySchema<CounterRow>({
  name: 'Counter',
  tableName: 'counters',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'text' },
    scope: { type: 'text' },
    last: { type: 'integer' },
  },
})

/**
 * The next number of a series, in one statement both engines run: the counter row is created
 * or moved on, and stays locked by this transaction until it ends, so another seat's next
 * number waits for this one to be committed (no number twice) or rolled back (no gap).
 * `highest` is a subquery for the highest number in use: the series never goes below it, so
 * rows brought in without the counter (a salvage, a move of the store) are counted too.
 */
export async function nextNumber(
  m: EntityManager,
  name: string,
  scope: string,
  highest: { sql: string; parameters: Record<string, unknown> },
): Promise<number> {
  const [sql, values] = m.connection.driver.escapeQueryWithParameters(
    `INSERT INTO counters (name, scope, last)
     VALUES (:counterName, :counterScope, COALESCE((${highest.sql}), 0) + 1)
     ON CONFLICT (name, scope) DO UPDATE SET last =
       CASE WHEN counters.last >= excluded.last THEN counters.last + 1 ELSE excluded.last END
     RETURNING last`,
    { ...highest.parameters, counterName: name, counterScope: scope },
  )
  const rows = (await m.query(sql, values)) as Array<{ last: number | string }>
  return Number(rows[0]!.last)
}
