/**
 * The lock a private note shows in every list (storage/kinds.ts, isPrivateNote): a mark for the eye
 * and the word "Private" for a screen reader. Nothing when the note is public.
 */
import { isPrivateNote } from '../../storage/kinds';
import type { NoteRecord } from '../../storage/types';

export function PrivateLock({
  note,
  class: extra = '',
}: {
  note: Pick<NoteRecord, 'visibility' | 'tags'>;
  class?: string;
}) {
  if (!isPrivateNote(note)) return null;
  return (
    <span
      class={`mr-1 inline-block ${extra}`}
      role="img"
      aria-label="Private"
      title="Private: left out of recaps and exports"
      data-private="true"
    >
      🔒
    </span>
  );
}
