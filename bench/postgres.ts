import type pg from 'pg'

/** The server a PostgreSQL group measured, with the settings that decide its commit cost. */
export async function describeServer(client: pg.Client): Promise<string> {
  const settings = ['server_version', 'fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers']
  const { rows } = await client.query<{ name: string; setting: string }>(
    `SELECT name, current_setting(name) AS setting FROM unnest($1::text[]) AS name`,
    [settings],
  )
  return `PostgreSQL ${rows.map((r) => (r.name === 'server_version' ? r.setting : `${r.name}=${r.setting}`)).join(', ')}`
}
