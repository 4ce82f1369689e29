/** A talk's notes (from every page they were written on), each movable elsewhere (NoteItem's Move). */
import type { ComponentProps } from 'preact';
import type { NoteRecord, TalkRecord } from '../../storage/types';
import { NoteItem } from '../notes/NoteItem';

type Actions = Pick<ComponentProps<typeof NoteItem>, 'onEdit' | 'onDelete' | 'onMove'>;

interface Props {
  talk: TalkRecord;
  notes: readonly NoteRecord[];
  actions: Actions;
}

export function TalkNotes({ talk, notes, actions }: Props) {
  if (notes.length === 0) return <p class="text-sm text-muted">No notes on this talk yet.</p>;
  return (
    <ul class="flex flex-col gap-2" aria-label={`Notes on “${talk.title}”`}>
      {notes.map((n) => (
        <NoteItem
          key={n.id}
          note={n}
          showPage={n.url !== talk.url}
          {...actions}
          lead={
            n.anchor?.slide && (
              <span class="text-xs font-medium text-muted" data-testid="note-slide">
                Slide {n.anchor.slide.label}
                {n.anchor.slide.title ? ` — ${n.anchor.slide.title}` : ''}
              </span>
            )
          }
        />
      ))}
    </ul>
  );
}
