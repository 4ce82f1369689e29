/**
 * The database's notices for the pages (a newer version opened in another tab, an upgrade blocked
 * by an older page, a failed open retried): pages may not import `storage/db` itself.
 */
export { type DatabaseNotice, onDatabaseNotice } from './db';
