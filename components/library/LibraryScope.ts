/** Where the library is: a stack of places (events → day → talk → note), each narrowing the notes shown. */
import type { LibraryFilter } from '../../storage/library';
import type { NoteKind } from '../../storage/types';

export type Scope =
  | { level: 'root' }
  | { level: 'all' }
  | { level: 'kind'; kind: NoteKind }
  | { level: 'event'; eventId: string; name: string }
  | { level: 'day'; eventId: string; name: string; day: string; talkIds: string[] }
  | { level: 'talk'; talkId: string; title: string }
  | { level: 'pages' }
  | { level: 'page'; url: string; title: string }
  | { level: 'note'; noteId: string };

/** Places that list other places (when no search or filter narrows them to notes). */
export function isBrowseLevel(scope: Scope): boolean {
  return (
    scope.level === 'root' || scope.level === 'event' || scope.level === 'day' || scope.level === 'pages'
  );
}

/** Places inside one event: the event filter is theirs, so the filter form does not offer it. */
export function isEventFixed(scope: Scope): boolean {
  return scope.level === 'event' || scope.level === 'day' || scope.level === 'talk';
}

/**
 * What the library shows in a place: the open note; else search results while a query is typed;
 * else the places inside it (when it has some and no filter narrows it to notes); else its notes.
 */
export function libraryView(
  scope: Scope,
  query: string,
  filtering: boolean,
): 'note' | 'search' | 'browse' | 'notes' {
  if (scope.level === 'note') return 'note';
  if (query.trim()) return 'search';
  if (isBrowseLevel(scope) && !filtering) return 'browse';
  return 'notes';
}

/** The notes a place holds, as a filter. */
export function scopeFilter(scope: Scope): LibraryFilter {
  switch (scope.level) {
    case 'kind':
      return { kind: scope.kind };
    case 'event':
      return { eventId: scope.eventId };
    case 'day':
      return { talkIds: scope.talkIds };
    case 'talk':
      return { talkIds: [scope.talkId] };
    case 'pages':
      return { untalked: true };
    case 'page':
      return { url: scope.url, untalked: true };
    default:
      return {};
  }
}

/** The user's filters within a place (the place's own filter wins where both speak). */
export function combine(scope: Scope, filter: LibraryFilter): LibraryFilter {
  const own = scopeFilter(scope);
  const tags = [...new Set([...(own.tags ?? []), ...(filter.tags ?? [])])];
  return { ...filter, ...own, ...(tags.length ? { tags } : {}) };
}

const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Wednesday, Jun 27, 2012" for `2012-06-27` (a calendar day, shown as such in any time zone). */
export function formatDay(day: string): string {
  if (!day) return 'No date';
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : dayFormat.format(d);
}

/** A short name for a place, for the breadcrumb. */
export function scopeLabel(scope: Scope): string {
  switch (scope.level) {
    case 'root':
      return 'Library';
    case 'all':
      return 'All notes';
    case 'kind':
      return scope.kind === 'question'
        ? 'Questions for the speaker'
        : scope.kind === 'todo'
          ? 'To do'
          : scope.kind;
    case 'event':
      return scope.name;
    case 'day':
      return formatDay(scope.day);
    case 'talk':
      return scope.title;
    case 'pages':
      return 'Pages without a talk';
    case 'page':
      return scope.title;
    case 'note':
      return 'Note';
  }
}
