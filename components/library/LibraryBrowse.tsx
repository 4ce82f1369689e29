/** The library's browse levels: the start (views, events, pages), an event's days, a day's talks, the pages. */
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { liveNoteCount } from '../../storage/library';
import {
  countKind,
  type DayRow,
  type EventRow,
  eventDays,
  eventNoteCounts,
  eventRows,
  type PageRow,
  type TalkRow as TalkEntry,
  talksOn,
  untalkedPages,
} from '../../storage/library-tree';
import { useLive } from '../shared/useLive';
import { LibraryList, markListPainted } from './LibraryList';
import { LIST_ID, type ListProps } from './LibraryNotes';
import { useQuietQuery } from './LibraryPages';
import { PlaceRow, ROW_HEIGHT, TalkRow } from './LibraryRow';
import { formatDay, type Scope } from './LibraryScope';

type Item =
  | { type: 'all' }
  | { type: 'kind'; kind: 'question' | 'todo' }
  | { type: 'event'; row: EventRow }
  | { type: 'pages' }
  | { type: 'day'; eventId: string; name: string; row: DayRow }
  | { type: 'talk'; row: TalkEntry }
  | { type: 'page'; row: PageRow };

async function itemsOf(scope: Scope): Promise<Item[]> {
  switch (scope.level) {
    case 'root': {
      const events = await eventRows();
      return [
        { type: 'all' },
        { type: 'kind', kind: 'question' },
        { type: 'kind', kind: 'todo' },
        ...events.map((row) => ({ type: 'event' as const, row })),
        { type: 'pages' },
      ];
    }
    case 'event': {
      const days = await eventDays(scope.eventId);
      return days.map((row) => ({ type: 'day' as const, eventId: scope.eventId, name: scope.name, row }));
    }
    case 'day':
      return (await talksOn(scope.eventId, scope.day)).map((row) => ({ type: 'talk' as const, row }));
    case 'pages':
      return (await untalkedPages()).map((row) => ({ type: 'page' as const, row }));
    default:
      return [];
  }
}

function scopeOf(item: Item): Scope {
  switch (item.type) {
    case 'all':
      return { level: 'all' };
    case 'kind':
      return { level: 'kind', kind: item.kind };
    case 'event':
      return { level: 'event', eventId: item.row.event.id, name: item.row.event.name };
    case 'pages':
      return { level: 'pages' };
    case 'day':
      return {
        level: 'day',
        eventId: item.eventId,
        name: item.name,
        day: item.row.day,
        talkIds: item.row.talkIds,
      };
    case 'talk':
      return { level: 'talk', talkId: item.row.talk.id, title: item.row.talk.title };
    case 'page':
      return { level: 'page', url: item.row.url, title: item.row.title };
  }
}

function dates(row: EventRow): string {
  const { startDate, endDate, location } = row.event;
  const span = startDate ? (endDate && endDate !== startDate ? `${startDate} – ${endDate}` : startDate) : '';
  return [span, location, `${row.talks} ${row.talks === 1 ? 'talk' : 'talks'}`].filter(Boolean).join(' · ');
}

interface Counts {
  /** Every live note. */
  total?: number;
  question?: number;
  todo?: number;
  /** Notes per event id. */
  events?: Map<string, number>;
}

/** Counts for the start's rows, read after it is on screen and again once saves settle. */
async function rootCounts(): Promise<Counts> {
  const [total, question, todo] = await Promise.all([
    liveNoteCount(),
    countKind('question'),
    countKind('todo'),
  ]);
  return { total, question, todo };
}

function ItemRow({ item, counts }: { item: Item; counts: Counts }) {
  switch (item.type) {
    case 'all':
      return <PlaceRow title="All notes" detail="Newest first" count={counts.total} />;
    case 'kind':
      return item.kind === 'question' ? (
        <PlaceRow
          title="Questions for the speaker"
          detail="Notes marked as questions (typed with “? ”)"
          count={counts.question}
        />
      ) : (
        <PlaceRow title="To do" detail="Notes marked as to-dos (typed with “[ ] ”)" count={counts.todo} />
      );
    case 'event':
      return (
        <PlaceRow
          title={item.row.event.name}
          detail={dates(item.row)}
          count={counts.events?.get(item.row.event.id)}
        />
      );
    case 'pages':
      return <PlaceRow title="Pages without a talk" detail="Notes on articles, docs and other pages" />;
    case 'day':
      return (
        <PlaceRow
          title={formatDay(item.row.day)}
          detail={`${item.row.talkIds.length} ${item.row.talkIds.length === 1 ? 'talk' : 'talks'}`}
          count={item.row.notes}
        />
      );
    case 'talk':
      return <TalkRow talk={item.row.talk} notes={item.row.notes} />;
    case 'page':
      return <PlaceRow title={item.row.title} detail={item.row.url} count={item.row.notes} />;
  }
}

/** The places within a browse level. */
export function BrowseList({ scope, ...p }: ListProps & { scope: Scope }) {
  const items = useLive(() => itemsOf(scope), [JSON.stringify(scope)]);
  const listed = items.status === 'ready';
  // Counts walk indexes (the total, the whole store): read once the rows are on screen, and again
  // only once saves settle, so they never stand between a save and the list.
  const counts = useQuietQuery(
    () => (scope.level === 'root' && listed ? rootCounts() : Promise.resolve(undefined)),
    'notes',
    [scope.level, listed],
  );
  // Notes per event take a count per talk: once per visit.
  const [eventCounts, setEventCounts] = useState<Map<string, number>>();
  useEffect(() => {
    if (scope.level !== 'root' || !listed) return;
    let live = true;
    void eventNoteCounts().then(
      (c) => live && setEventCounts(c),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [scope.level, listed]);
  const list = items.status === 'ready' ? items.value : [];
  const open = (i: number) => {
    const item = list[i];
    if (item) p.onOpen(scopeOf(item));
  };
  useLayoutEffect(() => {
    if (items.status === 'ready') markListPainted();
  }, [items.status]);
  p.listRef.current = {
    count: list.length,
    active: p.active,
    onActive: p.onActive,
    onOpen: open,
    onBack: p.onBack,
  };

  if (items.status === 'error') {
    return (
      <p role="alert" class="text-sm text-danger">
        The library could not be read: {items.error.message}
      </p>
    );
  }
  if (items.status === 'loading') return <p class="text-sm text-muted">Loading…</p>;
  if (list.length === 0) return <p class="text-sm text-muted">Nothing here yet.</p>;
  return (
    <LibraryList
      id={LIST_ID}
      label={p.label}
      count={list.length}
      rowHeight={ROW_HEIGHT}
      active={p.active}
      onActive={p.onActive}
      onOpen={open}
      onBack={p.onBack}
      focusKey={p.focusKey}
      renderRow={(i) => {
        const item = list[i];
        return item ? <ItemRow item={item} counts={{ ...counts, events: eventCounts }} /> : null;
      }}
    />
  );
}
