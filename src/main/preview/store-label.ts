/**
 * Where the preview's store is, as its console and log say it: the SQLite file, or the server
 * and database of `SPD_DATABASE_URL` without the user's password.
 */
export function storeLabel(file: string, url: string | undefined): string {
  if (!url) return file
  try {
    const server = new URL(url)
    return `PostgreSQL ${server.username ? `${decodeURIComponent(server.username)}@` : ''}${server.host}${server.pathname}`
  } catch {
    // Never echo a URL that did not parse: it may hold the password anywhere.
    return 'PostgreSQL (SPD_DATABASE_URL)'
  }
}
