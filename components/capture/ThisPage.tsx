/** "This page": what the followed tab shows and its notes, live. */

import { useLayoutEffect, useState } from 'preact/hooks';
import type { PageCapture } from '../../capture/types';
import { sendMessage } from '../../messaging/protocol';
import { useFollowedTab } from '../../platform/use-followed-tab';
import { useTabCapture } from '../../platform/use-tab-capture';
import { openEarly } from '../../storage/db';
import { knownTags, notesForUrl } from '../../storage/notes';
import { storedTalk } from '../../storage/talks';
import type { NoteRecord } from '../../storage/types';
import { NoteComposer } from '../notes/NoteComposer';
import { savedToast } from '../notes/talk-filed';
import { useNoteActions } from '../notes/useNoteActions';
import { lazyView } from '../shared/lazy';
import type { ToastState } from '../shared/Toast';
import { useLive } from '../shared/useLive';
import { CaptureSummary } from './CaptureSummary';
import { useKeepThisPage } from './keep-this-page';
import { ThisPageNotes } from './ThisPageNotes';
import { started, takeThisPageStart, useStarted } from './ThisPageStart';
import { markThisPageLive } from './this-page-first';

// The database opens while the tab's capture is asked for: the notes are read the moment it answers.
openEarly();

// The deck view (thumbnails, slide links) loads when a deck is on screen: the panel's first paint stays small.
const DeckSection = lazyView(() => import('../talk/DeckSection').then((m) => m.DeckSection));
const EnableOnSite = lazyView(() => import('./EnableOnSite').then((m) => m.EnableOnSite), null);

// The talk card, agenda stars and "Now" banner load on first use: the panel's initial JS stays in budget.
const loadTalkSection = () => import('../talk/TalkSection').then((m) => m.TalkSection);
const TalkSection = lazyView(loadTalkSection);
// On a plain page the section is at most the "Now" banner: no "Loading…" line while it loads, which
// pushed the notes down for a few frames and back (and the kept first notes with them).
const TalkSectionQuiet = lazyView(loadTalkSection, null);

// On a video: the recording of a talk noted live (issue 16): align it, its notes on the timeline.
const RecordingSection = lazyView(
  () => import('../recording/RecordingSection').then((m) => m.RecordingSection),
  null,
);
// "Talk started" on a talk's page (issue 16): live notes count from the real start.
const TalkStarted = lazyView(() => import('../recording/TalkStarted').then((m) => m.TalkStarted), null);
// "Show my notes on this page" (issue 16): the per-site switch and the quotes not found.
const HighlightsToggle = lazyView(
  () => import('../highlights/HighlightsToggle').then((m) => m.HighlightsToggle),
  null,
);

/** A page's notes, with the page they are for. */
interface PageNotes {
  url: string | undefined;
  notes: NoteRecord[];
}

/**
 * The page's notes that the talk card does not list already: on a talk's own page those filed under
 * that talk are shown there, once.
 */
async function pageNotes(url: string | undefined, talkRef: PageCapture['talk']): Promise<PageNotes> {
  if (!url) return { url, notes: [] };
  const [all, talk] = await Promise.all([
    notesForUrl(url),
    talkRef ? storedTalk(talkRef, url) : Promise.resolve(undefined),
  ]);
  return { url, notes: talk ? all.filter((n) => n.talkId !== talk.id) : all };
}

/** The notes "This page" lists for a capture, as kept for the next panel (keep-this-page.ts). */
const listedNotes = (c: PageCapture) => pageNotes(c.url, c.talk).then((p) => p.notes);

export function ThisPage({ notify }: { notify: (t: ToastState) => void }) {
  // When the panel opened on this view, the tab and its capture were asked for as it started
  // (ThisPageStart.ts), and the page's notes are read as soon as both the capture and this code are
  // here: shown until the live query (a frame later) has its first answer.
  const [start] = useState(takeThisPageStart);
  const [startNotes] = useState(
    () => start && started(start.capture.promise.then((c) => pageNotes(c?.url, c?.talk))),
  );
  const followed = useFollowedTab();
  const startTab = useStarted(start?.tab);
  const tab = followed !== undefined ? followed : startTab;
  const asked = start && startTab ? { tabId: startTab.id, answer: start.asked } : undefined;
  const captured = useTabCapture(tab?.id, tab?.url, asked);
  const startCapture = useStarted(start?.capture);
  const early = captured.status === 'loading' && start?.capture.done && tab && tab.id === startTab?.id;
  const capture = captured.status === 'ready' ? captured.capture : early ? (startCapture ?? null) : null;
  const url = capture?.url;
  const talkRef = capture?.talk;
  const notes = useLive(
    () => pageNotes(url, talkRef),
    [url, talkRef?.title, talkRef?.url, talkRef?.startsAt],
  );
  const prefetched = useStarted(startNotes);
  const list =
    notes.status === 'ready' && notes.value.url === url
      ? notes.value.notes
      : prefetched?.url === url
        ? prefetched?.notes
        : undefined;
  const tags = useLive(knownTags, []);
  const actions = useNoteActions(notify);
  useKeepThisPage(capture, listedNotes);
  const none = tab === null || ((captured.status === 'ready' || early) && !capture);
  // What it read is on screen (its notes, none, an error, a deck, no page): the kept notes
  // (this-page-first.tsx) give it their place, in this commit.
  const shown = none || Boolean(capture && (capture.deck || list || notes.status === 'error'));
  useLayoutEffect(() => {
    if (shown) markThisPageLive();
  }, [shown]);

  if (none) {
    return <p class="text-sm text-muted">Open a talk, a deck or any web page to take notes on it.</p>;
  }
  if (!capture) return <p class="text-sm text-muted">Reading the page…</p>;

  return (
    <div class="flex flex-col gap-3">
      <CaptureSummary capture={capture} />
      {tab && <EnableOnSite url={tab.url} tabId={tab.id} />}
      <NoteComposer
        knownTags={tags.status === 'ready' ? tags.value : []}
        onSave={async (body) => {
          // Filed by the background, like the popup's notes: one writer path for new notes.
          const saved = await sendMessage('saveNote', { body, capture, tabId: tab?.id });
          if (!saved.ok) throw new Error(saved.error);
          if (saved.filedUnder?.via === 'now') notify(savedToast(saved, notify));
        }}
      />
      {capture.kind === 'video' && <RecordingSection capture={capture} tabId={tab?.id} notify={notify} />}
      <HighlightsToggle capture={capture} tabId={tab?.id} />
      {capture.talk || capture.deck || capture.schedule?.length ? (
        <TalkSection capture={capture} notify={notify} />
      ) : (
        <TalkSectionQuiet capture={capture} notify={notify} />
      )}
      {capture.talk && capture.kind !== 'video' && <TalkStarted capture={capture} />}
      {capture.deck ? (
        <DeckSection capture={{ ...capture, deck: capture.deck }} tabId={tab?.id} notify={notify} />
      ) : (
        <>
          {list?.length === 0 && !talkRef && (
            <p class="text-sm text-muted">No notes on this page yet. What stood out?</p>
          )}
          {list && list.length > 0 && talkRef && (
            <h2 class="text-sm font-semibold">Other notes on this page</h2>
          )}
          {notes.status === 'error' && (
            <p role="alert" class="text-sm text-danger">
              Notes could not be read: {notes.error.message}
            </p>
          )}
          {list && list.length > 0 && <ThisPageNotes key={url} notes={list} actions={actions} />}
        </>
      )}
    </div>
  );
}
