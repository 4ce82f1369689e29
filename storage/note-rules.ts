/** What makes a note body acceptable. Pure: the popup checks it without loading the database. */

/** Longest note body accepted. Notes are notes: this keeps lists, search and sync fast. */
export const MAX_NOTE_CHARS = 100_000;

/** A note that cannot be saved, with a message meant for the user. */
export class NoteValidationError extends Error {
  override name = 'NoteValidationError';
}

/** Checks a body and returns it trimmed, or throws a {@link NoteValidationError}. */
export function validateBody(body: string): string {
  const trimmed = body.trim();
  if (!trimmed) throw new NoteValidationError('The note is empty: type something first.');
  if (trimmed.length > MAX_NOTE_CHARS) {
    throw new NoteValidationError(
      `This note is ${trimmed.length.toLocaleString('en')} characters long; ` +
        `notes hold up to ${MAX_NOTE_CHARS.toLocaleString('en')}. Split it into several notes.`,
    );
  }
  return trimmed;
}
