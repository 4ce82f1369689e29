/**
 * One note: its text (as text, never HTML), kind, tags and time; edit in place; delete with undo.
 * The kind shows as its mark and label, the tags as chips: the text is shown without the `#tags` it
 * ends with (the editor still holds the whole body), and carries no kind prefix (storage/kinds.ts).
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { sendMessage } from '../../messaging/protocol';
import type { NotePlace } from '../../storage/move-notes';
import { withoutTrailingTags } from '../../storage/tags';
import type { NoteRecord } from '../../storage/types';
import { EditConflictChoice } from './EditConflictChoice';
import { MoveForm } from './MoveForm';
import { NoteMeta, NoteTags } from './NoteParts';
import type { EditConflict } from './useNoteActions';

/** Bodies longer than this are shown folded: lists stay fast whatever was pasted. */
const FOLD_AT = 1200;

interface Props {
  note: NoteRecord;
  /**
   * Saves an edit made from version `base` (its `updatedAt`); answers with the note's current text
   * when it was changed elsewhere meanwhile (nothing saved then). `keep: 'both'` saves a new note.
   */
  onEdit: (id: string, body: string, base?: number, keep?: 'both') => Promise<EditConflict | undefined>;
  onDelete: (note: NoteRecord) => void;
  /** Files the note elsewhere (a talk, an event, its page alone); offered when given. */
  onMove?: (note: NoteRecord, to: NotePlace, where: string) => void;
  showPage?: boolean;
  /** Shown first instead of the plain slide line (the deck view: thumbnail and a link to the slide). */
  lead?: ComponentChildren;
}

export function NoteItem({ note, onEdit, onDelete, onMove, showPage, lead }: Props) {
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState(false);
  const [draft, setDraft] = useState(note.body);
  const [error, setError] = useState('');
  /** The version the open edit started from, and the other version when a save found it changed. */
  const [base, setBase] = useState(note.updatedAt);
  const [conflict, setConflict] = useState<EditConflict | null>(null);
  const [unfolded, setUnfolded] = useState(false);
  const untagged = note.tags.length > 0 ? withoutTrailingTags(note.body).trimEnd() : note.body;
  const text = untagged.trim() ? untagged : note.body;
  const long = text.length > FOLD_AT;
  const shown = long && !unfolded ? `${text.slice(0, FOLD_AT)}…` : text;

  const close = () => {
    setEditing(false);
    setConflict(null);
    setError('');
  };
  /** Saves the draft over version `from`, or beside the note (`both`); a newer version asks again. */
  const save = async (from = base, keep?: 'both') => {
    try {
      const changed = await onEdit(note.id, draft, from, keep);
      if (changed) {
        setConflict(changed);
        setError('');
        return;
      }
      close();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The note could not be saved.');
    }
  };

  return (
    <li class="card flex flex-col gap-2" data-note-id={note.id} aria-label={`Note: ${text.slice(0, 60)}`}>
      {lead}
      {!lead && note.anchor?.slide && (
        <p class="text-xs font-medium text-muted">
          Slide {note.anchor.slide.label}
          {note.anchor.slide.title ? ` — ${note.anchor.slide.title}` : ''}
        </p>
      )}
      {(note.conflictOf || note.restoredBySync) && (
        <p class="rounded bg-surface-2 px-2 py-1 text-xs" data-testid="sync-flag">
          {note.conflictOf
            ? 'Conflict copy: another device changed the same lines of this note. Keep what you need, then delete the copy.'
            : 'Brought back: it was deleted here while another device edited it.'}
        </p>
      )}
      {editing ? (
        <div class="flex flex-col gap-2">
          <label class="sr-only" for={`edit-${note.id}`}>
            Edit note
          </label>
          <textarea
            id={`edit-${note.id}`}
            class="field min-h-20"
            value={draft}
            ref={(el) => el?.focus()}
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
              if (e.key === 'Escape') {
                e.stopPropagation();
                close();
                setDraft(note.body);
              }
            }}
          />
          {error && (
            <p role="alert" class="text-sm text-danger">
              {error}
            </p>
          )}
          {conflict && (
            <EditConflictChoice
              conflict={conflict}
              onBoth={() => void save(undefined, 'both')}
              onTheirs={() => {
                setDraft(conflict.body);
                close();
              }}
              onMine={() => void save(conflict.updatedAt)}
            />
          )}
          <div class="flex justify-end gap-2">
            <button type="button" class="btn" onClick={close}>
              Cancel
            </button>
            {!conflict && (
              <button type="button" class="btn btn-primary" onClick={() => void save()}>
                Save
              </button>
            )}
          </div>
        </div>
      ) : (
        <p class="note-body whitespace-pre-wrap break-words">
          {shown}
          {long && (
            <button
              type="button"
              class="btn-ghost ml-1 text-xs underline"
              onClick={() => setUnfolded(!unfolded)}
            >
              {unfolded ? 'Show less' : 'Show all'}
            </button>
          )}
        </p>
      )}
      <NoteTags tags={note.tags} />
      <div class="flex items-center justify-between gap-2 text-xs text-muted">
        <NoteMeta note={note}>
          {showPage && (note.pageTitle || note.url) ? ` · ${note.pageTitle || note.url}` : ''}
        </NoteMeta>
        {!editing && !moving && (
          <span class="flex shrink-0 gap-1">
            {onMove && (
              <button type="button" class="btn btn-ghost text-xs" onClick={() => setMoving(true)}>
                Move
              </button>
            )}
            <button
              type="button"
              class="btn btn-ghost text-xs"
              onClick={() => {
                setDraft(note.body);
                setBase(note.updatedAt);
                setEditing(true);
              }}
            >
              Edit
            </button>
            <button
              type="button"
              class="btn btn-ghost text-xs"
              aria-pressed={note.visibility === 'private'}
              title="A private note stays out of recaps and exports unless you include private notes"
              onClick={() =>
                void sendMessage('setNoteVisibility', {
                  id: note.id,
                  private: note.visibility !== 'private',
                }).then((r) => {
                  if (!r.ok) setError(r.error);
                })
              }
            >
              Private
            </button>
            <button type="button" class="btn btn-ghost text-xs" onClick={() => onDelete(note)}>
              Delete
            </button>
          </span>
        )}
      </div>
      {moving && onMove && (
        <MoveForm
          count={1}
          current={{ talkId: note.talkId, eventId: note.eventId }}
          onMove={(to, where) => {
            setMoving(false);
            onMove(note, to, where);
          }}
          onCancel={() => setMoving(false)}
        />
      )}
    </li>
  );
}
