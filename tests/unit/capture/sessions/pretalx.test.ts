import { describe, expect, it } from 'vitest';
import {
  enrichFromPretalxApi,
  mergeTalk,
  talkFromPretalxApi,
} from '../../../../capture/sessions/pretalx-api';
import { captureFixture, docOf, fixture } from './load';

const URL_2024 = 'https://pretalx.com/democon2024/talk/ABC123/';
const URL_2025 = 'https://talks.democon.example/democon2025/talk/QRS789/';

describe('pretalx adapter', () => {
  it('reads the 2024 talk template: title, speakers, ISO times with zone, room with a comma, resources', () => {
    const c = captureFixture('pretalx-2024-talk.html', URL_2024);
    expect(c.platform).toBe('pretalx');
    expect(c.kind).toBe('session');
    expect(c.talk).toEqual({
      title: 'Observability for the rest of us',
      speakers: [
        { name: 'Ana Lima', url: 'https://pretalx.com/democon2024/speaker/QWE7RT/' },
        { name: 'Jonas Weber', url: 'https://pretalx.com/democon2024/speaker/ZX9KLM/' },
      ],
      startsAt: '2024-05-23T10:00:00+02:00',
      endsAt: '2024-05-23T10:30:00+02:00',
      timezone: 'Europe/Berlin',
      room: 'Hall A, Track Room',
      abstract:
        'Traces, metrics and logs without a platform team: what a small team can run, and what it can skip.\n\n' +
        'We walk through three setups we ran in production, with their costs.\n\nBring questions about sampling.',
      url: URL_2024,
      slidesUrl:
        'https://pretalx.com/media/democon2024/submissions/ABC123/resources/observability-slides.pdf',
      videoUrl: 'https://media.ccc.de/v/democon2024-abc123-observability',
    });
    expect(c.event).toEqual({
      name: 'DemoCon 2024',
      url: 'https://pretalx.com/democon2024/',
      timezone: 'Europe/Berlin',
    });
  });

  it('reads the 2025+ template: speaker cards, slot card, track fact, resources list; markup in the title stays text', () => {
    const c = captureFixture('pretalx-2025-talk.html', URL_2025);
    expect(c.talk?.title).toBe('Keeping schemas honest');
    expect(c.talk?.speakers.map((s) => s.name)).toEqual(['Mei Chen', 'Tomás Ruiz']);
    expect(c.talk?.startsAt).toBe('2025-10-14T14:30:00+01:00');
    expect(c.talk?.endsAt).toBe('2025-10-14T15:15:00+01:00');
    expect(c.talk?.timezone).toBe('Europe/Lisbon');
    expect(c.talk?.room).toBe('Auditorium 2');
    expect(c.talk?.track).toBe('Data Engineering');
    expect(c.talk?.slidesUrl).toBe('https://speakerdeck.com/meichen/keeping-schemas-honest');
    expect(c.talk?.abstract).toBe(
      'Contract tests for event-driven systems.\n\nHow we caught breaking changes before consumers did.',
    );
    expect(c.event?.name).toBe('DemoCon 2025');
  });

  it('fills what the HTML lacks from the JSON alternate, same origin only, and never rejects', async () => {
    const doc = docOf(fixture('pretalx-2024-talk.html'), URL_2024);
    const { captureHtml } = await import('./load');
    const base = captureHtml(fixture('pretalx-2024-talk.html'), URL_2024);
    const api = JSON.parse(fixture('pretalx-api-talk.json'));
    const asked: string[] = [];
    const enriched = await enrichFromPretalxApi(base, doc, async (u) => {
      asked.push(u);
      return api;
    });
    expect(asked).toEqual(['https://pretalx.com/api/events/democon2024/talks/ABC123']);
    expect(enriched.talk?.track).toBe('Operations');
    expect(enriched.talk?.room).toBe('Hall A, Track Room'); // the page's value is kept
    const failing = await enrichFromPretalxApi(base, doc, () => Promise.reject(new Error('offline')));
    expect(failing).toEqual(base);
    const other = docOf(
      fixture('pretalx-2024-talk.html').replace('https://pretalx.com/api', 'https://evil.example/api'),
      URL_2024,
    );
    const untouched = await enrichFromPretalxApi(base, other, async () => api);
    expect(untouched).toEqual(base);
  });

  it('reads both API shapes (legacy slot with { en } room, expanded slots) and ignores ids it cannot resolve', () => {
    const legacy = talkFromPretalxApi(JSON.parse(fixture('pretalx-api-talk.json')), URL_2024);
    expect(legacy).toMatchObject({
      startsAt: '2024-05-23T10:00:00+02:00',
      room: 'Hall A, Track Room',
      track: 'Operations',
    });
    const v2 = talkFromPretalxApi(
      {
        title: 'T',
        speakers: ['CODE1'],
        slots: [
          { start: '2025-01-02T09:00:00Z', end: '2025-01-02T09:30:00Z', room: { name: { en: 'R1' }, id: 3 } },
        ],
        track: 7,
      },
      URL_2024,
    );
    expect(v2).toEqual({
      title: 'T',
      startsAt: '2025-01-02T09:00:00+00:00',
      endsAt: '2025-01-02T09:30:00+00:00',
      room: 'R1',
    });
    expect(talkFromPretalxApi('nonsense', URL_2024)).toEqual({});
    expect(mergeTalk({ title: 'A', speakers: [] }, { speakers: [{ name: 'B' }], title: 'X' })).toEqual({
      title: 'A',
      speakers: [{ name: 'B' }],
    });
  });

  it('takes the title from the page heading when the <title> split would be ambiguous', async () => {
    const { captureHtml } = await import('./load');
    const html = fixture('pretalx-2024-talk.html').replace(
      '<title>Observability for the rest of us ::  DemoCon 2024 :: pretalx</title>',
      '<title>C++ :: modules :: in practice ::  DemoCon 2024 :: pretalx</title>',
    );
    const c = captureHtml(html, URL_2024);
    expect(c.talk?.title).toBe('Observability for the rest of us');
    expect(c.event?.name).toBe('DemoCon 2024');
  });
});

describe('pretalx schedule (no-JS list)', () => {
  it('lists every session of every day with its day’s offset, duration as end, speaker names split; breaks left out', () => {
    const c = captureFixture('pretalx-schedule-nojs.html', 'https://pretalx.com/democon2024/schedule/nojs');
    expect(c.platform).toBe('pretalx-schedule');
    expect(c.event).toEqual({ name: 'DemoCon 2024', url: 'https://pretalx.com/democon2024/' });
    expect(c.schedule).toEqual([
      {
        title: 'Observability for the rest of us',
        speakers: [{ name: 'Ana Lima' }, { name: 'Jonas Weber' }],
        startsAt: '2024-05-23T10:00:00+02:00',
        endsAt: '2024-05-23T10:30:00+02:00',
        room: 'Hall A, Track Room',
        track: 'Operations',
        url: 'https://pretalx.com/democon2024/talk/ABC123/',
      },
      {
        title: 'Incident reviews, Ana, Jonas & friends',
        speakers: [{ name: 'Priya Natarajan' }, { name: 'Lars Eriksen' }, { name: 'Mei Chen' }],
        startsAt: '2024-05-23T13:15:00+02:00',
        endsAt: '2024-05-23T14:00:00+02:00',
        room: 'Hall B',
        url: 'https://pretalx.com/democon2024/talk/DEF456/',
      },
      {
        title: 'Workshop: tracing in practice',
        speakers: [{ name: 'Jonas Weber' }],
        startsAt: '2024-05-24T09:00:00+02:00',
        endsAt: '2024-05-24T10:30:00+02:00',
        room: 'Room 3',
        track: 'Operations',
        url: 'https://pretalx.com/democon2024/talk/GHI789/',
      },
    ]);
  });
});
