/**
 * The database's notices for the pages (a newer version opened in another tab, an upgrade blocked
 * by an older page, a failed open retried). storage/db.ts sends them; pages listen here, and may
 * not import `storage/db` itself. Kept apart from it so that a page's first bundle can show them
 * without loading Dexie.
 */

/** What happened to the database connection, for the pages to say (see {@link onDatabaseNotice}). */
export type DatabaseNotice =
  | { kind: 'versionchange'; message: string }
  | { kind: 'blocked'; message: string }
  | { kind: 'reopened'; message: string };

const noticeSinks = new Set<(notice: DatabaseNotice) => void>();

/** Listens to the database's notices (a newer version elsewhere, a blocked upgrade); returns the unsubscribe. */
export function onDatabaseNotice(sink: (notice: DatabaseNotice) => void): () => void {
  noticeSinks.add(sink);
  return () => noticeSinks.delete(sink);
}

/** Tells every listener (storage/db.ts calls it). */
export function notice(n: DatabaseNotice): void {
  for (const sink of noticeSinks) sink(n);
}
