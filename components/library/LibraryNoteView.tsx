/** One note, whole: its text, kind (a toggle), tags, talk, page, slide and quote; edit and delete. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { sendMessage } from '../../messaging/protocol';
import { getEvent } from '../../storage/events';
import { KIND_LABEL, KIND_PREFIX, NOTE_KINDS } from '../../storage/kinds';
import { getNote } from '../../storage/library';
import { getTalk } from '../../storage/talks';
import type { NoteKind, NoteRecord } from '../../storage/types';
import { EditConflictChoice } from '../notes/EditConflictChoice';
import { MoveForm } from '../notes/MoveForm';
import { PrivateLock } from '../notes/PrivateLock';
import { type EditConflict, useNoteActions } from '../notes/useNoteActions';
import { formatWhen } from '../shared/format';
import { anchorText } from '../shared/SlideLink';
import { Thumbnail } from '../shared/Thumbnail';
import type { ToastState } from '../shared/Toast';
import { useLive } from '../shared/useLive';
import type { Scope } from './LibraryScope';

interface Props {
  id: string;
  notify: (t: ToastState) => void;
  onOpen: (scope: Scope) => void;
  onBack: () => void;
  /** Shows the notes with this tag (the tag chips are links into the library). */
  onTag: (tag: string) => void;
}

const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

async function load(id: string) {
  const note = await getNote(id);
  const talk = note?.talkId ? await getTalk(note.talkId) : undefined;
  // A note under a talk takes the talk's event; one without a talk may be filed under an event.
  const eventId = talk?.eventId ?? note?.eventId;
  const event = eventId ? await getEvent(eventId) : undefined;
  return { note, talk, event };
}

export function LibraryNoteView({ id, notify, onOpen, onBack, onTag }: Props) {
  const data = useLive(() => load(id), [id]);
  const heading = useRef<HTMLHeadingElement>(null);
  const actions = useNoteActions(notify);
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState(false);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState('');
  /** The version the open edit began from, and the other version when a save found it changed. */
  const [base, setBase] = useState<number | undefined>(undefined);
  const [conflict, setConflict] = useState<EditConflict | null>(null);

  useEffect(() => heading.current?.focus(), [data.status === 'ready']);

  if (data.status === 'loading') return <p class="text-sm text-muted">Loading the note…</p>;
  if (data.status === 'error' || !data.value.note) {
    return (
      <div class="flex flex-col gap-2">
        <p role="alert" class="text-sm text-danger">
          This note is gone.
        </p>
        <button type="button" class="btn self-start" onClick={onBack}>
          Back
        </button>
      </div>
    );
  }
  const { note, talk, event } = data.value;

  const setKind = async (kind: NoteKind) => {
    const r = await sendMessage('setNoteKind', { id: note.id, kind });
    if (!r.ok) notify({ message: r.error });
  };
  /** Saves the draft over version `from` (the one the edit began from), or beside the note. */
  const save = async (from = base, keep?: 'both') => {
    try {
      const changed = await actions.onEdit(note.id, draft, from, keep);
      if (changed) {
        setConflict(changed);
        setError('');
        return;
      }
      setEditing(false);
      setConflict(null);
      setError('');
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The note could not be saved.');
    }
  };

  return (
    <article
      class="flex flex-col gap-3"
      aria-labelledby="note-heading"
      data-testid="library-note"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !editing) {
          e.preventDefault();
          onBack();
        }
      }}
    >
      <h2 id="note-heading" ref={heading} tabIndex={-1} class="text-sm font-semibold">
        <PrivateLock note={note} />
        {KIND_LABEL[note.kind]} ·{' '}
        <time dateTime={new Date(note.createdAt).toISOString()}>{formatWhen(note.createdAt)}</time>
      </h2>
      {note.thumbnailId && (
        <Thumbnail id={note.thumbnailId} alt={`The slide when this note was written`} class="w-full" />
      )}
      {note.anchor && anchorText(note.anchor) && (
        <p class="text-xs font-medium text-muted">{anchorText(note.anchor)}</p>
      )}
      {editing ? (
        <EditBox
          draft={draft}
          setDraft={setDraft}
          error={error}
          onSave={() => save()}
          onCancel={() => {
            setEditing(false);
            setConflict(null);
          }}
          conflict={
            conflict && (
              <EditConflictChoice
                conflict={conflict}
                onBoth={() => void save(undefined, 'both')}
                onTheirs={() => {
                  setEditing(false);
                  setConflict(null);
                }}
                onMine={() => void save(conflict.updatedAt)}
              />
            )
          }
        />
      ) : (
        <p class="note-body whitespace-pre-wrap break-words text-sm" data-testid="library-note-body">
          {note.body}
        </p>
      )}
      {note.anchor?.quote && (
        <p class="text-xs text-muted">
          Quoted from the page
          {note.anchor.quote.prefix ? ` after “…${note.anchor.quote.prefix.slice(-24)}”` : ''}.
        </p>
      )}
      <fieldset class="flex flex-wrap gap-1">
        <legend class="mb-1 text-xs text-muted">Kind</legend>
        {NOTE_KINDS.map((k) => (
          <label key={k} class={`chip cursor-pointer ${note.kind === k ? 'ring-2 ring-accent' : ''}`}>
            <input
              type="radio"
              name="note-kind"
              class="sr-only"
              checked={note.kind === k}
              onChange={() => void setKind(k)}
            />
            {KIND_LABEL[k]}
            {KIND_PREFIX[k] ? <span class="sr-only"> (prefix {KIND_PREFIX[k]})</span> : null}
          </label>
        ))}
      </fieldset>
      {note.tags.length > 0 && (
        <ul class="flex flex-wrap gap-1" aria-label="Tags">
          {note.tags.map((t) => (
            <li key={t}>
              <button type="button" class="chip" title={`Notes tagged ${t}`} onClick={() => onTag(t)}>
                #{t}
              </button>
            </li>
          ))}
        </ul>
      )}
      <Where
        note={note}
        talkTitle={talk?.title}
        eventName={event?.name}
        eventId={event?.id}
        onOpen={onOpen}
      />
      {moving && (
        <MoveForm
          count={1}
          current={{ talkId: note.talkId, eventId: note.eventId }}
          onMove={(to, where) => {
            setMoving(false);
            actions.onMove(note, to, where);
          }}
          onCancel={() => setMoving(false)}
        />
      )}
      {!editing && !moving && (
        <div class="flex flex-wrap gap-2">
          <button type="button" class="btn" onClick={onBack}>
            Back
          </button>
          <button type="button" class="btn" onClick={() => setMoving(true)}>
            Move…
          </button>
          <button
            type="button"
            class="btn"
            onClick={() => {
              setDraft(note.body);
              setBase(note.updatedAt);
              setConflict(null);
              setEditing(true);
            }}
          >
            Edit
          </button>
          <button
            type="button"
            class="btn"
            onClick={() => {
              actions.onDelete(note);
              onBack();
            }}
          >
            Delete
          </button>
        </div>
      )}
    </article>
  );
}

function Where({
  note,
  talkTitle,
  eventName,
  eventId,
  onOpen,
}: {
  note: NoteRecord;
  talkTitle?: string;
  eventName?: string;
  eventId?: string;
  onOpen: (scope: Scope) => void;
}) {
  return (
    <dl class="grid grid-cols-[auto_1fr] gap-x-2 gap-y-1 text-xs">
      {eventName && eventId && (
        <>
          <dt class="text-muted">Event</dt>
          <dd>
            <button
              type="button"
              class="text-left text-accent underline"
              onClick={() => onOpen({ level: 'event', eventId, name: eventName })}
            >
              {eventName}
            </button>
          </dd>
        </>
      )}
      {talkTitle && note.talkId && (
        <>
          <dt class="text-muted">Talk</dt>
          <dd>
            <button
              type="button"
              class="text-left text-accent underline"
              onClick={() => onOpen({ level: 'talk', talkId: note.talkId!, title: talkTitle })}
            >
              {talkTitle}
            </button>
          </dd>
        </>
      )}
      <dt class="text-muted">Page</dt>
      <dd class="min-w-0 truncate">
        {isWebUrl(note.url) ? (
          <a href={note.url} target="_blank" rel="noreferrer" class="text-accent underline" title={note.url}>
            {note.pageTitle || note.url}
          </a>
        ) : (
          note.pageTitle || note.url
        )}
      </dd>
    </dl>
  );
}

function EditBox(props: {
  draft: string;
  setDraft: (v: string) => void;
  error: string;
  onSave: () => void;
  onCancel: () => void;
  /** The choice shown when a save found the note changed elsewhere (Save is hidden meanwhile). */
  conflict?: ComponentChildren;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);
  return (
    <div class="flex flex-col gap-2">
      <label class="sr-only" for="library-edit">
        Edit note
      </label>
      <textarea
        id="library-edit"
        class="field min-h-32"
        value={props.draft}
        ref={area}
        onInput={(e) => props.setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void props.onSave();
          if (e.key === 'Escape') {
            e.stopPropagation();
            props.onCancel();
          }
        }}
      />
      {props.error && (
        <p role="alert" class="text-sm text-danger">
          {props.error}
        </p>
      )}
      {props.conflict}
      <div class="flex justify-end gap-2">
        <button type="button" class="btn" onClick={props.onCancel}>
          Cancel
        </button>
        {!props.conflict && (
          <button type="button" class="btn btn-primary" onClick={() => void props.onSave()}>
            Save
          </button>
        )}
      </div>
    </div>
  );
}
