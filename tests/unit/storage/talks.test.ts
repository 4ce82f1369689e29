import { describe, expect, it } from 'vitest';
import type { PageCapture } from '../../../capture/types';
import { getDb } from '../../../storage/db';
import { deckByUrl, ensureDeck } from '../../../storage/decks';
import { editEvent, listEvents } from '../../../storage/events';
import { fileNoteDetailed } from '../../../storage/file-note';
import { talkRunningAt } from '../../../storage/filing';
import { updateNote } from '../../../storage/notes';
import {
  editTalk,
  setStarred,
  starCapturedTalk,
  starredTalks,
  talkByUrl,
  talksOfEvent,
  upsertTalk,
} from '../../../storage/talks';

const SESSION: PageCapture = {
  url: 'https://pretalx.com/democon2024/talk/ABC123/',
  title: 'Observability for the rest of us :: DemoCon 2024 :: pretalx',
  kind: 'session',
  platform: 'pretalx',
  talk: {
    title: 'Observability for the rest of us',
    speakers: [{ name: 'Ana Lima' }],
    startsAt: '2024-05-23T10:00:00+02:00',
    endsAt: '2024-05-23T10:30:00+02:00',
    timezone: 'Europe/Berlin',
    room: 'Hall A',
    url: 'https://pretalx.com/democon2024/talk/ABC123/',
    slidesUrl: 'https://slides.example/observability/',
  },
  event: { name: 'DemoCon 2024', url: 'https://pretalx.com/democon2024/', timezone: 'Europe/Berlin' },
};

const DECK: PageCapture = {
  url: 'https://slides.example/observability/',
  title: 'Observability deck',
  kind: 'slides',
  platform: 'reveal',
  deck: { title: 'Observability deck', url: 'https://slides.example/observability/', slideCount: 12 },
  slide: { index: 1, label: '2' },
};

describe('talks and events repositories', () => {
  it('creates a talk and its event when a note is filed on a session page, deduplicated by canonical URL', async () => {
    const first = await fileNoteDetailed('Great intro #otel', SESSION);
    const second = await fileNoteDetailed('Sampling matters', SESSION);
    expect(first.filedUnder).toMatchObject({ title: 'Observability for the rest of us', via: 'page' });
    expect(second.filedUnder?.talkId).toBe(first.filedUnder?.talkId);
    expect(first.note.talkId).toBe(first.filedUnder?.talkId);
    expect(await getDb().talks.count()).toBe(1);
    const events = await listEvents();
    expect(events.map((e) => e.name)).toEqual(['DemoCon 2024']);
    const talk = await talkByUrl(SESSION.url);
    expect(talk).toMatchObject({
      eventId: events[0]?.id,
      startsAt: '2024-05-23T10:00:00+02:00',
      timezone: 'Europe/Berlin',
    });
    expect(talk?.source).toMatchObject({ platform: 'pretalx', url: SESSION.url });
  });

  it('refreshes a talk from later captures but never overwrites fields the user edited', async () => {
    const talk = await upsertTalk({
      talk: SESSION.talk!,
      event: SESSION.event,
      platform: 'pretalx',
      pageUrl: SESSION.url,
    });
    await editTalk(talk.id, { room: 'Hall B (moved)', title: '  My own title ' });
    const later = await upsertTalk({
      talk: {
        ...SESSION.talk!,
        title: 'Observability for everyone',
        room: 'Hall A',
        track: 'Ops',
        speakers: [],
      },
      event: SESSION.event,
      platform: 'pretalx',
      pageUrl: SESSION.url,
    });
    expect(later.id).toBe(talk.id);
    expect(later.title).toBe('My own title');
    expect(later.room).toBe('Hall B (moved)');
    expect(later.track).toBe('Ops'); // new information still arrives
    expect(later.speakers).toEqual([{ name: 'Ana Lima' }]); // an empty list does not erase
    expect(later.editedFields).toEqual(['title', 'room']);
  });

  it('keeps edited event fields too', async () => {
    const talk = await upsertTalk({
      talk: SESSION.talk!,
      event: SESSION.event,
      platform: 'pretalx',
      pageUrl: SESSION.url,
    });
    await editEvent(talk.eventId!, { name: 'DemoCon ’24' });
    await upsertTalk({
      talk: SESSION.talk!,
      event: { ...SESSION.event!, location: 'Berlin' },
      platform: 'pretalx',
      pageUrl: SESSION.url,
    });
    const [event] = await listEvents();
    expect(event).toMatchObject({ name: 'DemoCon ’24', location: 'Berlin' });
  });

  it('stars and unstars talks; starred talks come in time order', async () => {
    const a = await starCapturedTalk({
      talk: SESSION.talk!,
      event: SESSION.event,
      platform: 'pretalx',
      pageUrl: SESSION.url,
    });
    const b = await starCapturedTalk({
      talk: {
        title: 'Earlier',
        speakers: [],
        startsAt: '2024-05-23T09:00:00+02:00',
        url: 'https://x.example/t/2',
      },
      event: SESSION.event,
      platform: 'jsonld',
      pageUrl: 'https://x.example/t/2',
    });
    expect((await starredTalks()).map((t) => t.id)).toEqual([b.id, a.id]);
    await setStarred(b.id, false);
    expect((await starredTalks()).map((t) => t.id)).toEqual([a.id]);
    expect((await talksOfEvent(a.eventId!)).map((t) => t.title)).toEqual([
      'Earlier',
      'Observability for the rest of us',
    ]);
  });

  it('matches talks without a page of their own by title, start and event', async () => {
    const item = { title: 'Typed SQL', speakers: [], startsAt: '2026-05-12T08:00:00+00:00' };
    const one = await upsertTalk({ talk: item, platform: 'sessionize', pageUrl: 'https://devdays.example/' });
    const two = await upsertTalk({
      talk: { ...item, room: 'Room 1' },
      platform: 'sessionize',
      pageUrl: 'https://devdays.example/',
    });
    const other = await upsertTalk({
      talk: { ...item, title: 'Other' },
      platform: 'sessionize',
      pageUrl: 'https://devdays.example/',
    });
    expect(two.id).toBe(one.id);
    expect(other.id).not.toBe(one.id);
  });

  it('links deck and talk both ways: the session names the deck, or the deck links the session', async () => {
    // Session first, deck later: the deck note goes under the talk whose slides it is.
    const session = await fileNoteDetailed('On the talk page', SESSION);
    const onDeck = await fileNoteDetailed('Slide 2 is the key one', DECK);
    expect(onDeck.filedUnder).toMatchObject({ talkId: session.filedUnder?.talkId, via: 'deck' });
    expect((await deckByUrl(DECK.url))?.talkId).toBe(session.filedUnder?.talkId);

    // Deck first, then a deck that links its session page.
    const deck2: PageCapture = {
      ...DECK,
      url: 'https://slides.example/other/',
      deck: { title: 'Other deck', url: 'https://slides.example/other/' },
      sessionUrl: 'https://fosdem.org/2026/schedule/event/other/',
    };
    const early = await fileNoteDetailed('Before I found the session', deck2);
    expect(early.filedUnder).toBeUndefined();
    const talk = await upsertTalk({
      talk: { title: 'Other talk', speakers: [], url: 'https://fosdem.org/2026/schedule/event/other/' },
      platform: 'fosdem',
      pageUrl: 'https://fosdem.org/2026/schedule/event/other/',
    });
    const after = await fileNoteDetailed('Now it knows', deck2);
    expect(after.filedUnder).toMatchObject({ talkId: talk.id, via: 'deck' });

    // A session page visited after its deck links the deck record.
    await ensureDeck({ title: 'Third', url: 'https://slides.example/third/' }, 'reveal');
    await fileNoteDetailed('Third talk', {
      ...SESSION,
      url: 'https://pretalx.com/democon2024/talk/THIRD1/',
      talk: {
        ...SESSION.talk!,
        title: 'Third',
        url: 'https://pretalx.com/democon2024/talk/THIRD1/',
        slidesUrl: 'https://slides.example/third/',
      },
    });
    const third = await talkByUrl('https://pretalx.com/democon2024/talk/THIRD1/');
    expect((await deckByUrl('https://slides.example/third/'))?.talkId).toBe(third?.id);
  });

  it('files a note from any page under the starred talk running now, and the note can be moved off it', async () => {
    const talk = await starCapturedTalk({
      talk: SESSION.talk!,
      event: SESSION.event,
      platform: 'pretalx',
      pageUrl: SESSION.url,
    });
    const blog: PageCapture = {
      url: 'https://blog.example/otel',
      title: 'A blog',
      kind: 'page',
      platform: 'page',
    };
    const during = Date.parse('2024-05-23T10:10:00+02:00');
    const filed = await fileNoteDetailed('Speaker mentioned this post', blog, { now: during });
    expect(filed.filedUnder).toEqual({ talkId: talk.id, title: talk.title, via: 'now' });
    expect(filed.note.url).toBe('https://blog.example/otel'); // still on its own page too
    const moved = await updateNote(filed.note.id, { talkId: undefined });
    expect(moved.talkId).toBeUndefined();

    const after = await fileNoteDetailed('Later', blog, { now: Date.parse('2024-05-23T10:31:00+02:00') });
    expect(after.filedUnder).toBeUndefined();
    expect(await talkRunningAt(Date.parse('2024-05-23T09:59:00+02:00'))).toBeUndefined();
  });

  it('assumes no end it was not told, except to decide what runs now', async () => {
    const t = await starCapturedTalk({
      talk: {
        title: 'Open ended',
        speakers: [],
        startsAt: '2024-06-01T10:00:00+00:00',
        url: 'https://x.example/open',
      },
      platform: 'jsonld',
      pageUrl: 'https://x.example/open',
    });
    expect(t.endsAt).toBeUndefined();
    expect((await talkRunningAt(Date.parse('2024-06-01T10:30:00Z')))?.id).toBe(t.id);
    expect(await talkRunningAt(Date.parse('2024-06-01T11:00:00Z'))).toBeUndefined();
  });
});
