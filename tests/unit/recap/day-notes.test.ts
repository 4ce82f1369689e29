/**
 * The notes of a day, as storage gathers them for a recap: the day's moments (notes on no talk)
 * counted in the event's zone, the days an event's recap can be about, a plain date's talks, what a
 * day recap leaves out by the user's choice, the decks a talk's slides link comes from, and the
 * day a new recap suggests. Expected ids and days are written by hand from the fixtures' comments.
 */
import { describe, expect, it, vi } from 'vitest';
import { dayZone, eventMomentDays, momentsOfDay, noteDay } from '../../../storage/day-notes';
import { getDb } from '../../../storage/db';
import {
  attendedOnDate,
  eventRecapDays,
  loadAllNotes,
  loadRecapInput,
  suggestedDay,
} from '../../../storage/recaps';
import type { DeckRecord, TalkRecord } from '../../../storage/types';
import { EVENT, GLUSTER, NETWORK, NOTES, SELINUX, TALKS, THURSDAY } from '../../fixtures/recap/summit-2012';
import {
  AFTER_MIDNIGHT,
  BLOG,
  BOOTH,
  ELSEWHERE,
  HALLWAY,
  LATE,
  MOMENT_NOTES,
  OTHER_EVENT,
  PARTY,
  PDF_DECK,
  TODO,
} from '../../fixtures/recap/summit-2012-moments';

// The browser's zone, for notes filed under no event on a plain date: fixed here so the test does
// not depend on the zone of the machine it runs on.
vi.mock('../../../capture/time', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../capture/time')>()),
  userZone: () => 'Europe/Brussels',
}));

async function seed() {
  const db = getDb();
  await db.events.bulkAdd([EVENT, OTHER_EVENT]);
  await db.talks.bulkAdd(TALKS);
  await db.notes.bulkAdd([...NOTES, ...MOMENT_NOTES]);
}

const ids = (notes: { id: string }[]) => notes.map((n) => n.id);

describe('a note’s day', () => {
  it('is the day of its writing in the event’s zone, else the browser’s', () => {
    expect(dayZone(EVENT)).toBe('America/New_York');
    expect(dayZone({ timezone: 'Not/AZone' })).toBe('Europe/Brussels');
    expect(dayZone()).toBe('Europe/Brussels');
    // 03:59 UTC on the 28th is 23:59 on the 27th in Boston, 05:59 on the 28th in Brussels.
    expect(noteDay(LATE, 'America/New_York')).toBe('2012-06-27');
    expect(noteDay(LATE, 'Europe/Brussels')).toBe('2012-06-28');
    expect(noteDay(AFTER_MIDNIGHT, 'America/New_York')).toBe('2012-06-28');
  });
});

describe('moments of a day', () => {
  it('an event’s day: notes on no talk filed under the event or under none, in the event’s zone, oldest first', async () => {
    await seed();
    const moments = await momentsOfDay('2012-06-27', EVENT);
    // Not: the talks' notes, another event's note, the one after midnight in Boston, the trashed one.
    expect(ids(moments)).toEqual(ids([HALLWAY, BLOG, PDF_DECK, BOOTH, TODO, PARTY, LATE]));
    expect(ids(await momentsOfDay('2012-06-28', EVENT))).toEqual(ids([AFTER_MIDNIGHT]));
  });

  it('a plain date: every note on no talk, each in its event’s zone or the browser’s', async () => {
    await seed();
    // In Brussels (UTC+2) the 27th ends at 22:00 UTC: the party (23:30 UTC, filed under Red Hat
    // Summit) is still the 27th in Boston's zone; LATE (no event) is the 28th in Brussels.
    const moments = await momentsOfDay('2012-06-27');
    expect(ids(moments)).toEqual(ids([HALLWAY, ELSEWHERE, BLOG, PDF_DECK, BOOTH, TODO, PARTY]));
    expect(ids(await momentsOfDay('2012-06-28'))).toEqual(ids([LATE, AFTER_MIDNIGHT]));
  });

  it('lists the days an event’s recap can be about, a day of moments alone included', async () => {
    await seed();
    expect([...(await eventMomentDays(EVENT))]).toEqual([['2012-06-27', 4]]);
    const party: typeof HALLWAY = {
      ...HALLWAY,
      id: '01CE00000000000000000M0020',
      createdAt: Date.parse('2012-06-29T23:00:00Z'),
      updatedAt: Date.parse('2012-06-29T23:00:00Z'),
    };
    await getDb().notes.add(party);
    const days = await eventRecapDays(EVENT.id);
    expect([...days.keys()]).toEqual(['2012-06-27', '2012-06-28', '2012-06-29']);
    expect(days.get('2012-06-27')!.talks.map((t) => t.id)).toEqual([GLUSTER.id, SELINUX.id, NETWORK.id]);
    expect(days.get('2012-06-27')!.moments).toBe(4);
    expect(days.get('2012-06-28')).toEqual({ talks: [THURSDAY], moments: 0 });
    expect(days.get('2012-06-29')).toEqual({ talks: [], moments: 1 });
  });

  it('a plain date’s talks: the attended talks of any event on that day at their venue', async () => {
    await seed();
    const meetup: TalkRecord = {
      ...GLUSTER,
      id: '01CE0000000000000000000T10',
      eventId: undefined,
      title: 'Boston Linux meetup: btrfs',
      timezone: undefined,
      startsAt: '2012-06-27T21:00:00-04:00',
      starredAt: 1,
    };
    const unattended: TalkRecord = { ...meetup, id: '01CE0000000000000000000T11', starredAt: undefined };
    await getDb().talks.bulkAdd([meetup, unattended]);
    expect(ids(await attendedOnDate('2012-06-27'))).toEqual([GLUSTER.id, SELINUX.id, NETWORK.id, meetup.id]);
    expect(ids(await attendedOnDate('2012-06-28'))).toEqual([THURSDAY.id]);
    expect(await attendedOnDate('not a day')).toEqual([]);
  });

  it('a plain date’s talks: then the talks with no time noted that day, by their first note that day', async () => {
    await seed();
    // Two talk videos (no time), one filed under Red Hat Summit (Boston's zone), one under no event
    // (the browser's zone, Brussels here), and one more noted only on the 28th.
    const video = (n: number, eventId?: string): TalkRecord => ({
      ...GLUSTER,
      id: `01CE0000000000000000000V0${n}`,
      title: `Talk video ${n}`,
      eventId,
      timezone: undefined,
      startsAt: undefined,
    });
    const [inBoston, nowhere, later] = [video(1, EVENT.id), video(2), video(3)];
    await getDb().talks.bulkAdd([inBoston, nowhere, later]);
    const note = (n: number, talkId: string, at: string, extra = {}) => ({
      ...NOTES[0]!,
      id: `01CE00000000000000000V0N0${n}`,
      talkId,
      createdAt: Date.parse(at),
      updatedAt: Date.parse(at),
      ...extra,
    });
    await getDb().notes.bulkAdd([
      // 21:30 UTC on the 27th: still the 27th in Brussels (23:30).
      note(1, nowhere.id, '2012-06-27T21:30:00Z'),
      // 02:00 UTC on the 28th: 22:00 on the 27th in Boston, so the 27th for the event's talk.
      note(2, inBoston.id, '2012-06-28T02:00:00Z'),
      // A second note on the first video, later: it does not move that talk.
      note(3, nowhere.id, '2012-06-28T03:00:00Z'),
      note(4, later.id, '2012-06-28T12:00:00Z'),
      // Trashed: does not bring its talk in.
      note(5, later.id, '2012-06-27T12:00:00Z', { deletedAt: Date.parse('2012-06-27T13:00:00Z') }),
    ]);
    // The timed talks first, in start order, then the videos by their first note of the 27th.
    expect(ids(await attendedOnDate('2012-06-27'))).toEqual([
      GLUSTER.id,
      SELINUX.id,
      NETWORK.id,
      nowhere.id,
      inBoston.id,
    ]);
    // The 28th: THURSDAY, then the videos with a note written that day (05:00 Brussels; 14:00 Brussels).
    expect(ids(await attendedOnDate('2012-06-28'))).toEqual([THURSDAY.id, nowhere.id, later.id]);
  });
});

describe('what a day recap reads', () => {
  it('keeps the ticked moments, and says what of the day is left out', async () => {
    await seed();
    const content = await loadRecapInput({
      title: '',
      eventId: EVENT.id,
      day: '2012-06-27',
      talkIds: [GLUSTER.id, SELINUX.id],
      momentsOut: [PARTY.id, 'gone'],
    });
    expect(content.zone).toBe('America/New_York');
    expect(ids(content.moments)).toEqual(ids([HALLWAY, BLOG, PDF_DECK, BOOTH, TODO, LATE]));
    expect(ids(content.dayLeftOut.moments)).toEqual([PARTY.id]);
    expect(content.dayLeftOut.talks.map((t) => t.talk.id)).toEqual([NETWORK.id]);
    expect(content.dayLeftOut.talks[0]!.notes).toHaveLength(6);
  });

  it('a recap of picked talks has no moments and leaves nothing of a day out', async () => {
    await seed();
    const content = await loadRecapInput({ title: '', talkIds: [SELINUX.id, THURSDAY.id] });
    expect(content.moments).toEqual([]);
    expect(content.dayLeftOut).toEqual({ talks: [], moments: [] });
  });

  it('reads a broken list of unticked moments as none', async () => {
    await seed();
    const content = await loadRecapInput({
      title: '',
      eventId: EVENT.id,
      day: '2012-06-27',
      talkIds: [],
      momentsOut: 'oops' as unknown as string[],
    });
    expect(content.moments).toHaveLength(7);
    expect(content.dayLeftOut.talks).toHaveLength(3);
  });

  it('gives each talk its attached decks, newest first, trashed ones left out', async () => {
    await seed();
    const deck = (n: number, updatedAt: number, extra: Partial<DeckRecord> = {}): DeckRecord => ({
      id: `01CE0000000000000000000D0${n}`,
      createdAt: 1,
      updatedAt,
      talkId: SELINUX.id,
      url: `https://speakerdeck.com/dwalsh/selinux-${n}`,
      title: 'SELinux for Mere Mortals',
      platform: 'speakerdeck',
      ...extra,
    });
    await getDb().decks.bulkAdd([
      deck(1, 10),
      deck(2, 30),
      deck(3, 50, { deletedAt: 60 }),
      deck(4, 20, { talkId: GLUSTER.id }),
    ]);
    const content = await loadRecapInput({ title: '', talkIds: [SELINUX.id, GLUSTER.id, NETWORK.id] });
    expect(content.talks.map((t) => ids(t.decks))).toEqual([
      ['01CE0000000000000000000D02', '01CE0000000000000000000D01'],
      ['01CE0000000000000000000D04'],
      [],
    ]);
    const all = await loadAllNotes();
    expect(ids(all.talks.find((t) => t.talk.id === SELINUX.id)!.decks)).toEqual([
      '01CE0000000000000000000D02',
      '01CE0000000000000000000D01',
    ]);
  });
});

describe('the day a new recap suggests', () => {
  it('is the event day of the last note filed under the event without a talk', async () => {
    await seed();
    await getDb().notes.update(BOOTH.id, { updatedAt: Date.parse('2012-07-01T00:00:00Z') });
    expect(await suggestedDay()).toEqual({
      eventId: EVENT.id,
      day: '2012-06-27',
      talkIds: [GLUSTER.id, SELINUX.id, NETWORK.id],
    });
  });

  it('is the plain date of the last talk noted when it has no event', async () => {
    await seed();
    const meetup: TalkRecord = {
      ...GLUSTER,
      id: '01CE0000000000000000000T10',
      eventId: undefined,
      timezone: undefined,
      startsAt: '2012-06-30T19:00:00-04:00',
    };
    await getDb().talks.add(meetup);
    await getDb().notes.add({
      ...NOTES[0]!,
      id: '01CE00000000000000000N0099',
      talkId: meetup.id,
      updatedAt: Date.parse('2012-07-02T00:00:00Z'),
    });
    expect(await suggestedDay()).toEqual({ day: '2012-06-30', talkIds: [meetup.id] });
  });

  it('is the plain date the last note was written on when its talk has no time', async () => {
    await seed();
    // A talk video filed under Red Hat Summit, no time: the note's day in Boston's zone.
    const video: TalkRecord = { ...GLUSTER, id: '01CE0000000000000000000V01', startsAt: undefined };
    await getDb().talks.add(video);
    await getDb().notes.add({
      ...NOTES[0]!,
      id: '01CE00000000000000000V0N01',
      talkId: video.id,
      // 01:00 UTC on the 28th is 21:00 on the 27th in Boston.
      createdAt: Date.parse('2012-06-28T01:00:00Z'),
      updatedAt: Date.parse('2012-07-03T00:00:00Z'),
    });
    expect(await suggestedDay()).toEqual({
      day: '2012-06-27',
      talkIds: [GLUSTER.id, SELINUX.id, NETWORK.id, video.id],
    });
  });
});
