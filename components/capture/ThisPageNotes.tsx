/**
 * The list of "This page"'s notes, painted in two steps (issue 17): the notes that fill the panel
 * first, the rest in the frame after that one is on screen, so a page with hundreds of notes opens
 * as fast as a page with a screenful. Every note is in the list a frame later (keyboard, find in
 * page, screen readers); the list says it is busy until then.
 */
import { useEffect, useState } from 'preact/hooks';
import type { NoteRecord } from '../../storage/types';
import { NoteItem } from '../notes/NoteItem';
import type { useNoteActions } from '../notes/useNoteActions';

/** Notes rendered in the first paint: more than the tallest panel shows below the note box. */
export const FIRST_NOTES = 16;

interface Props {
  notes: NoteRecord[];
  actions: ReturnType<typeof useNoteActions>;
}

export function ThisPageNotes({ notes, actions }: Props) {
  const [all, setAll] = useState(notes.length <= FIRST_NOTES);
  useEffect(() => {
    if (all) return;
    // Effects run once the first notes are painted; the rest waits one more frame, so that frame
    // shows the first notes without the rest's rendering in front of it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setAll(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [all]);
  const shown = all ? notes : notes.slice(0, FIRST_NOTES);
  return (
    <ul class="flex flex-col gap-2" aria-label="Notes on this page" aria-busy={all ? undefined : 'true'}>
      {shown.map((n) => (
        <NoteItem key={n.id} note={n} {...actions} />
      ))}
    </ul>
  );
}
