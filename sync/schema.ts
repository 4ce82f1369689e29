/**
 * Which fields of which tables sync by a rule other than per-field last-writer-wins, and the fields
 * the merge adds to the records it produces. Every other field of every table (including tables
 * and fields this version does not know) is a last-writer-wins register.
 */

/** Text merged from a version graph (three-way line merge, else a conflict copy). */
export const TEXT_FIELDS: Readonly<Record<string, string>> = { notes: 'body' };

/** Add-wins tag sets of normalised names. */
export const TAG_FIELDS: Readonly<Record<string, string>> = { notes: 'tags', talks: 'tags' };

/** Blob records: their bytes travel as content-addressed files; the field holds a `BlobRef`. */
export const BLOB_TABLE = 'blobs';
export const BLOB_DATA_FIELD = 'data';

/** Bookkeeping fields: changing them is not an edit that could bring a trashed record back. */
export const NOT_EDITS: ReadonlySet<string> = new Set(['updatedAt', 'deletedAt']);

/**
 * On a conflict copy: the note it was copied from, and the body version it holds. Ordinary synced
 * fields once written (the UI may remove `conflictOf` to stop showing the copy as one).
 */
export const CONFLICT_OF = 'conflictOf';
export const CONFLICT_VERSION = 'conflictVersion';

/**
 * Set (to `true`) on a record the merge brought back from the trash because an edit made elsewhere
 * had not been seen by the device that trashed it. Produced by the merge, never synced: a local
 * change to it gives no operation.
 */
export const RESTORED = 'restoredBySync';

/** Fields never turned into operations: the key itself and the merge's own marks. */
export const NOT_SYNCED: ReadonlySet<string> = new Set(['id', RESTORED]);
