/**
 * Only a page of a talk's own site refreshes it (issue 14, item 2). A stored fosdem.org talk is
 * captured again from other pages, some hostile; what the database holds afterwards is compared
 * with the record as first stored (or with values written here by hand).
 */
import { describe, expect, it } from 'vitest';
import type { PageCapture } from '../../../capture/types';
import { getDb } from '../../../storage/db';
import { listEvents } from '../../../storage/events';
import { fileNoteDetailed } from '../../../storage/file-note';
import { editTalk, storedTalk, talkByUrl, upsertTalk } from '../../../storage/talks';

const FOSDEM_URL = 'https://fosdem.org/2026/schedule/event/replication/';
const FOSDEM: PageCapture = {
  url: FOSDEM_URL,
  title: 'FOSDEM 2026 - Replication in practice',
  kind: 'session',
  platform: 'fosdem',
  talk: {
    title: 'Replication in practice',
    speakers: [{ name: 'Ana Lima', url: 'https://fosdem.org/2026/schedule/speaker/ana_lima/' }],
    startsAt: '2026-02-01T10:00:00+01:00',
    room: 'K.1.105',
    abstract: 'How quorums keep data.',
    url: FOSDEM_URL,
    slidesUrl: 'https://fosdem.org/2026/schedule/event/replication/attachments/slides/1/export/slides.pdf',
  },
  event: { name: 'FOSDEM 2026', url: 'https://fosdem.org/2026/', timezone: 'Europe/Brussels' },
};

/** What a hostile page sends when its own capture is not checked: every field claims the fosdem talk. */
const forged = (pageUrl: string, extra: Partial<PageCapture['talk']> = {}) => ({
  talk: {
    title: 'Pwned',
    speakers: [{ name: 'Mallory' }],
    abstract: 'Rewritten',
    url: FOSDEM_URL,
    slidesUrl: 'https://evil.example/slides.pdf',
    ...extra,
  },
  event: { name: 'Evil Conf', url: 'https://fosdem.org/2026/' },
  platform: 'jsonld',
  pageUrl,
});

async function storeFosdemTalk() {
  const { filedUnder } = await fileNoteDetailed('First note', FOSDEM, { now: 1_000 });
  const talk = await getDb().talks.get(filedUnder!.talkId);
  const [event] = await listEvents();
  return { talk: talk!, event: event! };
}

describe('refreshing a stored talk', () => {
  it('a page on another site that names the talk’s URL neither matches nor rewrites it', async () => {
    const { talk, event } = await storeFosdemTalk();
    const other = await upsertTalk(forged('https://evil.example/notes'), { now: 2_000 });
    expect(other.id).not.toBe(talk.id);
    expect(other.url).toBeUndefined(); // the foreign URL names no talk of evil.example
    expect(await getDb().talks.get(talk.id)).toEqual(talk);
    // The event the fosdem talk belongs to is found, not rewritten, by a page elsewhere.
    expect((await listEvents()).find((e) => e.id === event.id)).toEqual(event);
  });

  it('a page on another site that matches the talk otherwise (title and start) may star it, never rewrite it', async () => {
    const item = { title: 'Typed SQL', speakers: [], startsAt: '2026-05-12T08:00:00+00:00', room: 'Room 1' };
    const own = await upsertTalk({ talk: item, platform: 'sessionize', pageUrl: 'https://devdays.example/' });
    const starred = await upsertTalk(
      {
        talk: { ...item, room: 'Basement', abstract: 'Injected' },
        platform: 'sessionize',
        pageUrl: 'https://evil.example/schedule',
      },
      { star: true, now: 5_000 },
    );
    expect(starred.id).toBe(own.id);
    expect(starred).toEqual({ ...own, starredAt: 5_000, updatedAt: starred.updatedAt });
    expect(starred.room).toBe('Room 1');
    expect(starred.abstract).toBeUndefined();
  });

  it('suffixes decide the site: a neighbour under github.io or co.uk is another site', async () => {
    const alice = await upsertTalk({
      talk: { title: 'Alice’s talk', speakers: [], url: 'https://alice.github.io/talk/' },
      platform: 'jsonld',
      pageUrl: 'https://alice.github.io/talk/',
    });
    await upsertTalk({
      talk: { title: 'Bob rewrote it', speakers: [], url: 'https://alice.github.io/talk/' },
      platform: 'jsonld',
      pageUrl: 'https://bob.github.io/',
    });
    expect((await talkByUrl('https://alice.github.io/talk/'))?.title).toBe('Alice’s talk');

    const uk = await upsertTalk({
      talk: { title: 'UK talk', speakers: [], url: 'https://a.co.uk/t' },
      platform: 'jsonld',
      pageUrl: 'https://a.co.uk/t',
    });
    await upsertTalk({
      talk: { title: 'Neighbour', speakers: [], url: 'https://a.co.uk/t' },
      platform: 'jsonld',
      pageUrl: 'https://b.co.uk/t',
    });
    expect((await getDb().talks.get(uk.id))?.title).toBe('UK talk');
    expect((await getDb().talks.get(alice.id))?.title).toBe('Alice’s talk');
  });

  it('IP hosts: the same address refreshes, another address or localhost does not', async () => {
    const url = 'http://127.0.0.1:8000/talk.html';
    const talk = await upsertTalk({
      talk: { title: 'Local', speakers: [], url },
      platform: 'jsonld',
      pageUrl: url,
    });
    await upsertTalk({
      talk: { title: 'From localhost', speakers: [], url },
      platform: 'jsonld',
      pageUrl: 'http://localhost:8000/talk.html',
    });
    expect((await getDb().talks.get(talk.id))?.title).toBe('Local');
    await upsertTalk({
      talk: { title: 'Local, renamed', speakers: [], url },
      platform: 'jsonld',
      pageUrl: 'http://127.0.0.1:9000/other.html',
    });
    expect((await getDb().talks.get(talk.id))?.title).toBe('Local, renamed');
  });

  it('a page of the talk’s own site refreshes it, except the fields the user edited', async () => {
    const { talk } = await storeFosdemTalk();
    await editTalk(talk.id, { room: 'H.2215 (moved)' });
    const video = 'https://video.fosdem.org/2026/k1105/replication.webm';
    await upsertTalk(
      {
        talk: { ...FOSDEM.talk!, room: 'K.1.105', videoUrl: video },
        platform: 'fosdem',
        pageUrl: 'https://archive.fosdem.org/2026/schedule/event/replication/',
      },
      { now: 3_000 },
    );
    const after = await getDb().talks.get(talk.id);
    expect(after?.videoUrl).toBe(video);
    expect(after?.room).toBe('H.2215 (moved)');
    expect(after?.source.url).toBe('https://archive.fosdem.org/2026/schedule/event/replication/');
  });

  it('the popup’s destination ignores a foreign talk URL as well', async () => {
    const { talk } = await storeFosdemTalk();
    expect((await storedTalk({ title: 'x', speakers: [], url: FOSDEM_URL }, FOSDEM_URL))?.id).toBe(talk.id);
    expect(
      await storedTalk({ title: 'x', speakers: [], url: FOSDEM_URL }, 'https://evil.example/n'),
    ).toBeUndefined();
  });
});
