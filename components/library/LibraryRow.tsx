/** One row of the library's lists: a note, a talk, or a place to go (event, day, page, view). */
import type { ComponentChildren } from 'preact';
import { KIND_ICON, KIND_LABEL } from '../../storage/kinds';
import type { NoteRecord, TalkRecord } from '../../storage/types';
import { PrivateLock } from '../notes/PrivateLock';
import { formatWhen } from '../shared/format';
import { Highlight } from './Highlight';

/** Every row is this tall (px): the list is windowed by arithmetic, not measurement. */
export const ROW_HEIGHT = 72;

interface NoteRowProps {
  note: NoteRecord;
  talk?: TalkRecord;
  terms?: ReadonlySet<string>;
  prefixes?: readonly string[];
}

/** A note: its text (a window around the match when searching), where it was written, when, its tags. */
export function NoteRow({ note, talk, terms, prefixes }: NoteRowProps) {
  const where = talk?.title || note.pageTitle || note.url;
  return (
    <div class="flex h-full flex-col justify-between gap-0.5" data-note-id={note.id}>
      <p class="line-clamp-2 text-sm leading-snug break-words">
        <PrivateLock note={note} />
        {note.kind !== 'note' && (
          <span
            class="mr-1 inline-block rounded bg-tag px-1 text-xs font-semibold text-tag-ink"
            title={KIND_LABEL[note.kind]}
          >
            {KIND_ICON[note.kind]}
            <span class="sr-only"> {KIND_LABEL[note.kind]}:</span>
          </span>
        )}
        <Highlight text={note.body} terms={terms} prefixes={prefixes} max={terms ? 180 : 240} />
      </p>
      <p class="truncate text-xs text-muted">
        {note.thumbnailId ? '▣ ' : ''}
        <Highlight text={where} terms={terms} prefixes={prefixes} /> · {formatWhen(note.createdAt)}
        {note.tags.length > 0 &&
          ` · ${note.tags
            .slice(0, 4)
            .map((t) => `#${t}`)
            .join(' ')}`}
      </p>
    </div>
  );
}

interface TalkRowProps {
  talk: TalkRecord;
  notes?: number;
  terms?: ReadonlySet<string>;
  prefixes?: readonly string[];
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** A talk: its title, start time (venue time as written), speakers, and how many notes it has. */
export function TalkRow({ talk, notes, terms, prefixes }: TalkRowProps) {
  const speakers = talk.speakers.map((s) => s.name).join(', ');
  const at = talk.startsAt ? /T(\d{2}:\d{2})/.exec(talk.startsAt)?.[1] : undefined;
  return (
    <div class="flex h-full flex-col justify-between gap-0.5">
      <p class="line-clamp-2 text-sm font-medium leading-snug">
        <span class="mr-1 inline-block rounded bg-surface-2 px-1 text-xs font-semibold text-muted">Talk</span>
        <Highlight text={talk.title} terms={terms} prefixes={prefixes} />
      </p>
      <p class="truncate text-xs text-muted">
        {at ?? (talk.startsAt ? timeFormat.format(new Date(talk.startsAt)) : '')}
        {at && speakers ? ' · ' : ''}
        <Highlight text={speakers} terms={terms} prefixes={prefixes} />
        {notes !== undefined && ` · ${notes} ${notes === 1 ? 'note' : 'notes'}`}
      </p>
    </div>
  );
}

interface PlaceRowProps {
  title: string;
  detail?: ComponentChildren;
  count?: number;
  /** What the count counts ("notes" by default). */
  unit?: string;
}

/** A place to go in the library: an event, a day, a page, a view. */
export function PlaceRow({ title, detail, count, unit = 'notes' }: PlaceRowProps) {
  return (
    <div class="flex h-full items-center justify-between gap-2">
      <div class="min-w-0">
        <p class="truncate text-sm font-medium">{title}</p>
        {detail && <p class="truncate text-xs text-muted">{detail}</p>}
      </div>
      {count !== undefined && (
        <span class="shrink-0 text-xs text-muted">
          {count.toLocaleString()}
          <span class="sr-only"> {unit}</span> <span aria-hidden="true">›</span>
        </span>
      )}
    </div>
  );
}

/** A row whose data is still being read. */
export function LoadingRow() {
  return (
    <div class="flex h-full flex-col justify-center gap-1">
      <span class="sr-only">Loading…</span>
      <div class="h-3 w-3/4 rounded bg-surface-2" />
      <div class="h-2 w-1/2 rounded bg-surface-2" />
    </div>
  );
}
