import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { DataSource } from 'typeorm'
import { rawDatabase } from '@main/db/sqlite/connection'

interface StoreOf {
  dataSource: DataSource
  dir: string
}

/** The store is a server: attachments are rows of `attachment_contents`, not files. */
export const onServer = (app: { dataSource: DataSource }): boolean =>
  app.dataSource.options.type === 'postgres'

/** The server's `postgres://…`, for a second seat or a restart. */
export const urlOf = (app: { dataSource: DataSource }): string =>
  String((app.dataSource.options as { url?: string }).url)

/**
 * The names of an inspection's stored attachments: its files (pending ones too) in the data
 * folder on SQLite, the rows of `attachment_contents` on a server.
 */
export async function storedNames(app: StoreOf, inspectionId: number): Promise<string[]> {
  if (onServer(app)) {
    const rows = (await app.dataSource.query(
      `SELECT file FROM attachment_contents WHERE file LIKE $1 ORDER BY file`,
      [`attachments/${inspectionId}/%`],
    )) as Array<{ file: string }>
    return rows.map((r) => r.file.split('/').pop()!)
  }
  const folder = join(app.dir, 'attachments', String(inspectionId))
  return existsSync(folder) ? readdirSync(folder) : []
}

/** Makes the audit line of `route`, the last write of its transaction, fail. */
export async function failAuditOf(app: StoreOf, route: string): Promise<void> {
  if (onServer(app)) {
    await app.dataSource.query(`CREATE FUNCTION test_fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.route = '${route}' THEN RAISE EXCEPTION 'forced'; END IF; RETURN NEW; END $$`)
    await app.dataSource.query(`CREATE TRIGGER test_fail_audit BEFORE INSERT ON audit_log
      FOR EACH ROW EXECUTE FUNCTION test_fail_audit()`)
    return
  }
  rawDatabase(app.dataSource).exec(`CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_log
    WHEN NEW.route = '${route}' BEGIN SELECT RAISE(ABORT, 'forced'); END`)
}
