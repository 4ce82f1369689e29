/** A talk's notes (from every page they were written on), each movable to another talk. */
import { sendMessage } from '../../messaging/protocol';
import type { NoteRecord, TalkRecord } from '../../storage/types';
import { NoteItem } from '../notes/NoteItem';
import type { ToastState } from '../shared/Toast';
import { TalkMoveNote } from './TalkMoveNote';

interface Props {
  talk: TalkRecord;
  notes: readonly NoteRecord[];
  choices: readonly TalkRecord[];
  actions: { onEdit: (id: string, body: string) => Promise<void>; onDelete: (note: NoteRecord) => void };
  notify: (t: ToastState) => void;
}

export function TalkNotes({ talk, notes, choices, actions, notify }: Props) {
  const move = (noteId: string, talkId?: string) => {
    void sendMessage('moveNote', { id: noteId, talkId }).then((r) => {
      if (!r.ok) return notify({ message: r.error });
      const to = choices.find((c) => c.id === talkId);
      notify({
        message: to ? `Note moved to “${to.title}”` : 'Note kept on its page only',
        action: { label: 'Undo', run: () => void sendMessage('moveNote', { id: noteId, talkId: talk.id }) },
      });
    });
  };
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
            <div class="flex flex-wrap items-center justify-between gap-1">
              {n.anchor?.slide ? (
                <span class="text-xs font-medium text-muted" data-testid="note-slide">
                  Slide {n.anchor.slide.label}
                  {n.anchor.slide.title ? ` — ${n.anchor.slide.title}` : ''}
                </span>
              ) : (
                <span />
              )}
              <TalkMoveNote noteId={n.id} currentTalkId={talk.id} choices={choices} onMove={move} />
            </div>
          }
        />
      ))}
    </ul>
  );
}
