/** Timestamps are stored as UTC ISO strings; display converts to Asia/Ho_Chi_Minh. */
export function nowIso(): string {
  return new Date().toISOString()
}
