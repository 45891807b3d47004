/**
 * Runs tasks one after another. TypeORM's better-sqlite3 driver has a single connection, so
 * two interleaved async transactions would share it; queuing keeps each write atomic.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task)
    this.tail = next.catch(() => undefined)
    return next
  }
}
