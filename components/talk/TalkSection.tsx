/**
 * The talk part of "This page": the talk a session page or video shows (starrable before any note,
 * editable once stored, with its notes from every page), the talk a deck belongs to (or attaching
 * it by hand), the talks a schedule page lists, or — elsewhere — the starred talk running now.
 */

import type { DeckRef, PageCapture, TalkRef } from '../../capture/types';
import { attachDeckToTalk, deckByUrl } from '../../storage/decks';
import { getEvent } from '../../storage/events';
import { talkOfDeck, talkRunningAt } from '../../storage/filing';
import {
  decksForTalk,
  editTalk,
  notesForTalk,
  setStarred,
  starCapturedTalk,
  storedAmong,
  storedTalk,
  talkChoices,
} from '../../storage/talks';
import type { TalkRecord } from '../../storage/types';
import { useNoteActions } from '../notes/useNoteActions';
import type { ToastState } from '../shared/Toast';
import { useLive } from '../shared/useLive';
import { useMinute } from '../shared/useMinute';
import { PromiseWatch } from './PromiseWatch';
import { TalkAttachDeck } from './TalkAttachDeck';
import { TalkCard } from './TalkCard';
import { TalkDecks } from './TalkDecks';
import { TalkMentions } from './TalkMentions';
import { TalkNotes } from './TalkNotes';
import { TalkNowBanner } from './TalkNowBanner';
import { TalkPromise } from './TalkPromise';
import { TalkSchedule } from './TalkSchedule';

type Notify = (t: ToastState) => void;

/** A stored talk: its card (editable), its notes from every page, each movable. */
export function StoredTalk({
  record,
  notify,
  level = 2,
  besideDeck,
}: {
  record: TalkRecord;
  notify: Notify;
  level?: 2 | 3;
  /**
   * The deck on screen, whose notes the deck's own list shows (in slide order): the card then lists
   * only the talk's notes from other pages, so no note is shown twice.
   */
  besideDeck?: string;
}) {
  const event = useLive(
    () => (record.eventId ? getEvent(record.eventId) : Promise.resolve(undefined)),
    [record.eventId],
  );
  const notes = useLive(async () => {
    const all = await notesForTalk(record.id);
    const deck = besideDeck ? await deckByUrl(besideDeck) : undefined;
    return deck ? all.filter((n) => n.deckId !== deck.id) : all;
  }, [record.id, besideDeck]);
  const decks = useLive(() => decksForTalk(record.id), [record.id]);
  const actions = useNoteActions(notify);
  const Sub = level === 2 ? 'h3' : 'h4';
  return (
    <TalkCard
      talk={record}
      record={record}
      level={level}
      eventName={event.status === 'ready' ? event.value?.name : undefined}
      starred={!!record.starredAt}
      onStar={() => setStarred(record.id, !record.starredAt)}
      onEdit={async (patch) => {
        await editTalk(record.id, patch);
      }}
    >
      {decks.status === 'ready' && <TalkDecks decks={decks.value} />}
      {notes.status === 'ready' && <TalkPromise talk={record} notes={notes.value} />}
      {notes.status === 'ready' && (
        <TalkMentions talk={record} notes={notes.value} decks={decks.status === 'ready' ? decks.value : []} />
      )}
      {besideDeck ? (
        notes.status === 'ready' &&
        notes.value.length > 0 && (
          <>
            <Sub class="mt-1 text-xs font-semibold uppercase tracking-wide text-muted">
              Notes on this talk from other pages
            </Sub>
            <TalkNotes talk={record} notes={notes.value} actions={actions} />
          </>
        )
      ) : (
        <>
          <Sub class="mt-1 text-xs font-semibold uppercase tracking-wide text-muted">Notes on this talk</Sub>
          {notes.status === 'ready' && <TalkNotes talk={record} notes={notes.value} actions={actions} />}
        </>
      )}
    </TalkCard>
  );
}

function PageTalk({ capture, talk, notify }: { capture: PageCapture; talk: TalkRef; notify: Notify }) {
  const stored = useLive(
    () => storedTalk(talk, capture.url),
    [talk.url, talk.title, talk.startsAt, capture.url],
  );
  if (stored.status !== 'ready') return null;
  if (stored.value) return <StoredTalk record={stored.value} notify={notify} />;
  return (
    <TalkCard
      talk={talk}
      eventName={capture.event?.name}
      starred={false}
      onStar={async () => {
        await starCapturedTalk({
          talk,
          event: capture.event,
          platform: capture.platform,
          pageUrl: capture.url,
        });
        notify({ message: `Starred “${talk.title}”` });
      }}
    >
      <p class="text-xs text-muted">Star it or write a note, and Talkmarks keeps this talk.</p>
    </TalkCard>
  );
}

function DeckTalk({ capture, deck, notify }: { capture: PageCapture; deck: DeckRef; notify: Notify }) {
  const talk = useLive(() => talkOfDeck(deck.url, capture.sessionUrl), [deck.url, capture.sessionUrl]);
  const choices = useLive(() => talkChoices(), []);
  if (talk.status !== 'ready') return null;
  const attach = async (talkId: string) => {
    await attachDeckToTalk(deck, capture.platform, talkId);
    notify({ message: 'Deck attached to the talk, with its notes' });
  };
  return (
    <section class="flex flex-col gap-2" aria-label="The talk of this deck">
      {talk.value && <StoredTalk record={talk.value} notify={notify} level={3} besideDeck={deck.url} />}
      <TalkAttachDeck
        choices={choices.status === 'ready' ? choices.value : []}
        currentTalkId={talk.value?.id}
        onAttach={attach}
      />
    </section>
  );
}

function Schedule({ capture, talks }: { capture: PageCapture; talks: TalkRef[] }) {
  const stored = useLive(() => storedAmong(talks), [capture.url, talks.length]);
  return (
    <TalkSchedule
      talks={talks}
      event={capture.event}
      stored={stored.status === 'ready' ? stored.value : []}
      onStar={(talk, starred) =>
        void starCapturedTalk(
          { talk, event: capture.event, platform: capture.platform, pageUrl: capture.url },
          starred,
        )
      }
    />
  );
}

function Now() {
  const minute = useMinute();
  const running = useLive(() => talkRunningAt(), [minute]);
  return running.status === 'ready' && running.value ? <TalkNowBanner talk={running.value} /> : null;
}

export function TalkSection({ capture, notify }: { capture: PageCapture; notify: Notify }) {
  return (
    <>
      <PromiseWatch capture={capture} />
      <PageSection capture={capture} notify={notify} />
    </>
  );
}

function PageSection({ capture, notify }: { capture: PageCapture; notify: Notify }) {
  if (capture.talk) return <PageTalk capture={capture} talk={capture.talk} notify={notify} />;
  if (capture.deck) return <DeckTalk capture={capture} deck={capture.deck} notify={notify} />;
  if (capture.schedule?.length) return <Schedule capture={capture} talks={capture.schedule} />;
  return <Now />;
}
