/** First message per field path, e.g. { "phone": "Số điện thoại không hợp lệ…" }; shared by main and forms. */
export function fieldErrorsOfIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_'
    if (!Object.hasOwn(out, key)) out[key] = issue.message
  }
  return out
}
