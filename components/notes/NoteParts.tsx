/**
 * The parts of a note's card that every list shows alike: its tags as chips, and the start of its
 * meta line (lock, kind, time). NoteItem and "This page"'s kept rows (capture/this-page-first.tsx)
 * both use them, so a kept row is the live one without its actions.
 */
import type { ComponentChildren } from 'preact';
import { KIND_ICON, KIND_LABEL } from '../../storage/kinds';
import type { NoteRecord } from '../../storage/types';
import { formatWhen } from '../shared/format';
import { PrivateLock } from './PrivateLock';

/** A note's tags as chips; nothing when it has none. */
export function NoteTags({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul class="flex flex-wrap gap-1" aria-label="Tags">
      {tags.map((t) => (
        <li key={t} class="chip" data-tag={t}>
          {t}
        </li>
      ))}
    </ul>
  );
}

/** The meta line's start: the private lock, the kind (unless a plain note), the time; `children` after it. */
export function NoteMeta({
  note,
  children,
}: {
  note: Pick<NoteRecord, 'visibility' | 'tags' | 'kind' | 'createdAt'>;
  children?: ComponentChildren;
}) {
  return (
    <span class="truncate">
      <PrivateLock note={note} />
      {note.kind !== 'note' && (
        <span class="mr-1.5 font-semibold text-accent" data-kind={note.kind}>
          <span aria-hidden="true">{KIND_ICON[note.kind]} </span>
          {KIND_LABEL[note.kind]}
        </span>
      )}
      <time dateTime={new Date(note.createdAt).toISOString()}>{formatWhen(note.createdAt)}</time>
      {children}
    </span>
  );
}
