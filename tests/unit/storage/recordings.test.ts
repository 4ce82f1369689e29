/**
 * The talk's clock → recording links (issue 16, item 1): offsets of live notes, moments in an aligned
 * recording, the links to them per platform, which video is a talk's recording, and the recap's
 * `note.moment_url`. Expected values are worked out by hand from the inputs.
 */
import { describe, expect, it } from 'vitest';
import type { PageCapture } from '../../../capture/types';
import { buildRecapModel } from '../../../recap/model';
import { getDb } from '../../../storage/db';
import { fileNoteDetailed } from '../../../storage/file-note';
import { ASSUMED_DURATION_MS } from '../../../storage/filing';
import { ASSUMED_TALK_MS } from '../../../storage/recording-moments';
import {
  alignRecording,
  isRecordingOf,
  liveNotesOf,
  liveOffsetSec,
  markTalkStarted,
  momentUrl,
  noteMomentSec,
  talkOfRecording,
} from '../../../storage/recordings';

const START = Date.parse('2026-09-10T10:00:00Z');
const SESSION: PageCapture = {
  kind: 'session',
  platform: 'jsonld',
  url: 'https://conf.example/talks/clock/',
  title: 'Clocks in distributed systems',
  talk: {
    title: 'Clocks in distributed systems',
    speakers: [{ name: 'Ada' }],
    startsAt: '2026-09-10T10:00:00Z',
    endsAt: '2026-09-10T10:40:00Z',
    url: 'https://conf.example/talks/clock/',
  },
};
const VIDEO = {
  url: 'https://www.youtube.com/watch?v=abcdefghijk',
  title: 'Clocks in Distributed Systems — ConfEx 2026',
};

describe('live offsets', () => {
  it('counts seconds from the slot start while the slot runs, and nothing outside it', () => {
    const talk = { startsAt: '2026-09-10T10:00:00Z', endsAt: '2026-09-10T10:40:00Z' };
    expect(liveOffsetSec(talk, START)).toBe(0);
    expect(liveOffsetSec(talk, START + 61_400)).toBe(61);
    expect(liveOffsetSec(talk, START + 61_600)).toBe(62);
    expect(liveOffsetSec(talk, START - 1)).toBeUndefined();
    expect(liveOffsetSec(talk, START + 40 * 60_000)).toBeUndefined(); // the end is not inside
    expect(liveOffsetSec({}, START)).toBeUndefined();
  });

  it('takes 45 minutes for a talk without an end, as the Now rule does', () => {
    expect(ASSUMED_TALK_MS).toBe(ASSUMED_DURATION_MS);
    const talk = { startsAt: '2026-09-10T10:00:00Z' };
    expect(liveOffsetSec(talk, START + 44 * 60_000)).toBe(2640);
    expect(liveOffsetSec(talk, START + 45 * 60_000)).toBeUndefined();
  });

  it('counts from "Talk started" when the user pressed it (a late start), for up to 3 hours without an end', () => {
    const late = START + 7 * 60_000;
    const talk = { startsAt: '2026-09-10T10:00:00Z', endsAt: '2026-09-10T10:40:00Z', startedAt: late };
    expect(liveOffsetSec(talk, late + 30_000)).toBe(30);
    expect(liveOffsetSec(talk, late - 1_000)).toBeUndefined();
    expect(liveOffsetSec({ startedAt: late }, late + 2 * 3600_000)).toBe(7200);
    expect(liveOffsetSec({ startedAt: late }, late + 3 * 3600_000)).toBeUndefined();
  });
});

describe('moments and their links', () => {
  it('adds the alignment to the offset; a note taken before the video starts has no moment', () => {
    const rec = { url: VIDEO.url, startSec: 95, alignedAt: 1 };
    expect(noteMomentSec({ talkOffsetSec: 60 }, rec)).toBe(155);
    expect(noteMomentSec({ talkOffsetSec: 60 }, { ...rec, startSec: -90 })).toBeUndefined();
    expect(noteMomentSec({}, rec)).toBeUndefined();
    expect(noteMomentSec({ talkOffsetSec: 60 }, undefined)).toBeUndefined();
  });

  it('links YouTube with t=, Vimeo with #t=, PeerTube with start=, anything else with a media fragment', () => {
    expect(momentUrl('https://www.youtube.com/watch?v=abcdefghijk', 155)).toBe(
      'https://www.youtube.com/watch?v=abcdefghijk&t=155s',
    );
    expect(momentUrl('https://www.youtube.com/watch?v=abcdefghijk&t=42s#x', 7.6)).toBe(
      'https://www.youtube.com/watch?v=abcdefghijk&t=8s',
    );
    expect(momentUrl('https://youtu.be/abcdefghijk', 3)).toBe('https://youtu.be/abcdefghijk?t=3s');
    expect(momentUrl('https://vimeo.com/123456', 75)).toBe('https://vimeo.com/123456#t=75s');
    expect(momentUrl('https://tube.example/w/9c9de5e8-0a1e', 75)).toBe(
      'https://tube.example/w/9c9de5e8-0a1e?start=75s',
    );
    expect(momentUrl('https://media.example/talk.mp4', 75)).toBe('https://media.example/talk.mp4#t=75');
    expect(momentUrl('javascript:alert(1)', 5)).toBeUndefined();
    expect(momentUrl('not a url', 5)).toBeUndefined();
  });

  it('knows a recording by the talk’s video link or by its whole title in the video’s title', () => {
    const talk = { title: 'Clocks in distributed systems', url: SESSION.url };
    expect(isRecordingOf(talk, VIDEO)).toBe(true);
    expect(isRecordingOf(talk, { url: VIDEO.url, title: 'Clocks in distributed databases' })).toBe(false);
    expect(isRecordingOf({ ...talk, videoUrl: `${VIDEO.url}&feature=share&t=42s` }, { url: VIDEO.url })).toBe(
      true,
    );
    expect(
      isRecordingOf({ ...talk, videoUrl: 'https://www.youtube.com/watch?v=zzzzzzzzzzz' }, { url: VIDEO.url }),
    ).toBe(false);
    expect(isRecordingOf({ ...talk, videoUrl: VIDEO.url }, { url: VIDEO.url })).toBe(true);
    // Too short a title says nothing.
    expect(isRecordingOf({ title: 'Intro' }, { url: VIDEO.url, title: 'Intro to Rust' })).toBe(false);
    // The video page's own talk is not its recording's talk.
    expect(isRecordingOf({ title: VIDEO.title, url: VIDEO.url }, VIDEO)).toBe(false);
  });
});

describe('live notes filed and linked', () => {
  it('files notes taken during the slot with their offsets, others without; aligns and links them in the recap', async () => {
    const before = await fileNoteDetailed('Before it started', SESSION, { now: START - 60_000 });
    const a = await fileNoteDetailed('Lamport clocks first', SESSION, { now: START + 60_000 });
    const b = await fileNoteDetailed('Hybrid clocks next', SESSION, { now: START + 300_000 });
    const c = await fileNoteDetailed('! Never trust wall time', SESSION, { now: START + 1_200_000 });
    expect(before.note.talkOffsetSec).toBeUndefined();
    expect([a, b, c].map((f) => f.note.talkOffsetSec)).toEqual([60, 300, 1200]);
    const talkId = a.filedUnder?.talkId ?? '';
    expect((await liveNotesOf(talkId)).map((n) => n.body)).toEqual([
      'Lamport clocks first',
      'Hybrid clocks next',
      'Never trust wall time',
    ]);

    // The recording is found by its title, then aligned: the talk starts 95 s into the video.
    expect((await talkOfRecording(VIDEO))?.id).toBe(talkId);
    expect(await talkOfRecording({ url: VIDEO.url, title: 'Another talk entirely' })).toBeUndefined();
    await alignRecording(talkId, VIDEO.url, 95);
    const talk = await getDb().talks.get(talkId);
    expect(talk?.recording).toMatchObject({ url: VIDEO.url, startSec: 95 });

    const notes = await getDb().notes.where('talkId').equals(talkId).sortBy('createdAt');
    const model = buildRecapModel({
      title: 'Day one',
      talks: [{ talk: talk!, notes, decks: [], options: { include: 'all', thumbnails: false } }],
    } as never);
    const byBody = Object.fromEntries(model.talks[0]!.notes.map((n) => [n.text, n.moment_url]));
    expect(byBody).toEqual({
      'Before it started': '',
      'Lamport clocks first': 'https://www.youtube.com/watch?v=abcdefghijk&t=155s',
      'Hybrid clocks next': 'https://www.youtube.com/watch?v=abcdefghijk&t=395s',
      'Never trust wall time': 'https://www.youtube.com/watch?v=abcdefghijk&t=1295s',
    });
  });

  it('counts from "Talk started" for a talk whose slot is unknown', async () => {
    const noSlot: PageCapture = {
      ...SESSION,
      talk: { ...SESSION.talk!, startsAt: undefined, endsAt: undefined },
    };
    const first = await fileNoteDetailed('Waiting for it', noSlot, { now: START });
    expect(first.note.talkOffsetSec).toBeUndefined();
    await markTalkStarted(first.filedUnder!.talkId, START + 10_000);
    const next = await fileNoteDetailed('Off we go', noSlot, { now: START + 70_000 });
    expect(next.note.talkOffsetSec).toBe(60);
  });

  it('gives a note written while watching a video its moment from the video time', () => {
    const model = buildRecapModel({
      title: 'Watched',
      talks: [],
      moments: [
        {
          id: 'n1',
          createdAt: START,
          updatedAt: START,
          url: 'https://vimeo.com/123456',
          body: 'At this moment',
          tags: [],
          kind: 'note',
          anchor: { time: 42.4 },
        },
      ],
    } as never);
    expect(model.moments[0]?.moment_url).toBe('https://vimeo.com/123456#t=42s');
  });
});
