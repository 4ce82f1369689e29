import { describe, expect, it } from 'vitest';
import {
  enrichFromPretalxApi,
  mergeTalk,
  talkFromPretalxApi,
} from '../../../../capture/sessions/pretalx-api';
import { captureFixture, docOf, fixture } from './load';

// Where each export's pages are served: GOOD 2025's pretalx instance (slug "2025"), and the local
// instance DemoCon was exported from (its JSON alternate points at http://localhost/api/…).
const URL_GOOD = 'https://cfp.openondemand.org/2025/talk/KX33UB/';
const URL_DEMO = 'http://localhost/democon/talk/8GXXJZ/';

describe('pretalx adapter (real exported talk pages)', () => {
  it('reads a GOOD 2025 talk: title, three speakers, the room before its tooltip icon; no year, so no time', () => {
    const c = captureFixture('pretalx-good2025-talk.html', URL_GOOD);
    expect(c.platform).toBe('pretalx');
    expect(c.kind).toBe('session');
    expect(c.talk).toMatchObject({
      title: 'Lessons Learned from 8 Years of Open OnDemand at Princeton Research Computing',
      speakers: [
        // The event put affiliations into the speaker names; the page shows them so.
        {
          name: 'Josko Plazonic [Princeton]',
          url: 'https://cfp.openondemand.org/good2025/schedule/speaker/RB7MVU/',
        },
        {
          name: 'Jonathan Halverson [Princeton]',
          url: 'https://cfp.openondemand.org/good2025/schedule/speaker/PXTCFR/',
        },
        {
          name: 'Irene Kopaliani [Princeton]',
          url: 'https://cfp.openondemand.org/good2025/schedule/speaker/7ZKSVJ/',
        },
      ],
      room: 'Belfer Case Study Room (CGIS S020)',
      url: URL_GOOD,
    });
    // "03-18, 14:30–14:55 (US/Eastern)": month and day only; the year is not on the page.
    expect(c.talk?.startsAt).toBeUndefined();
    expect(c.talk?.endsAt).toBeUndefined();
    expect(c.talk?.slidesUrl).toBeUndefined();
    expect(c.talk?.abstract?.startsWith('Adopting a new software platform that has the power')).toBe(true);
    expect(c.talk?.abstract).toContain(
      '\n\nOOD at Princeton started over 8 years ago as an attempt to make teaching easier.',
    );
    expect(c.talk?.abstract).not.toContain('This speaker also appears in');
    expect(c.event).toEqual({
      name: 'GOOD 2025',
      url: 'https://cfp.openondemand.org/2025/',
      timezone: 'US/Eastern',
    });
  });

  it('reads the DemoCon export (pretalx-generated demo content) in full', () => {
    const c = captureFixture('pretalx-democon2022-talk.html', URL_DEMO);
    expect(c.platform).toBe('pretalx');
    expect(c.talk).toEqual({
      title: 'Balanced demand-driven Graphical User Interface',
      speakers: [{ name: 'Tommy Baker', url: 'http://localhost/democon/speaker/P9KCWL/' }],
      room: 'Pale Golden Rod Room',
      abstract:
        'Implement vertical portals!\n\n' +
        'Many before no student many special participant bit. Wish later huge just buy himself. ' +
        'Century form bad owner how easy big nothing. Citizen work act give morning.',
      url: URL_DEMO,
    });
    expect(c.event).toEqual({
      name: 'DemoCon',
      url: 'http://localhost/democon/',
      timezone: 'Europe/Berlin',
    });
  });

  it('fills what the HTML lacks from the JSON alternate, same origin only, and never rejects', async () => {
    const doc = docOf(fixture('pretalx-democon2022-talk.html'), URL_DEMO);
    const { captureHtml } = await import('./load');
    const base = captureHtml(fixture('pretalx-democon2022-talk.html'), URL_DEMO);
    // pretalx-api-talk.json is a real answer of the legacy talks resource, but of another event's talk
    // (JuliaCon 2023, MS7YWQ): no saved answer of DemoCon's API exists. Only the merge is checked here.
    const api = JSON.parse(fixture('pretalx-api-talk.json'));
    const asked: string[] = [];
    const enriched = await enrichFromPretalxApi(base, doc, async (u) => {
      asked.push(u);
      return api;
    });
    expect(asked).toEqual(['http://localhost/api/events/democon/talks/8GXXJZ']);
    // The page had no time. The answer's 11:50–12:00 at -04:00 is 15:50–16:00 UTC, kept in the page's
    // zone (Europe/Berlin, +02:00 in July): the same instants.
    expect(enriched.talk?.startsAt).toBe('2023-07-27T17:50:00+02:00');
    expect(enriched.talk?.endsAt).toBe('2023-07-27T18:00:00+02:00');
    expect(enriched.talk?.track).toBe('JuliaCon');
    expect(enriched.talk?.room).toBe('Pale Golden Rod Room'); // the page's value is kept
    expect(enriched.talk?.title).toBe('Balanced demand-driven Graphical User Interface');
    const failing = await enrichFromPretalxApi(base, doc, () => Promise.reject(new Error('offline')));
    expect(failing).toEqual(base);
    const other = docOf(
      fixture('pretalx-democon2022-talk.html').replace('http://localhost/api', 'https://evil.example/api'),
      URL_DEMO,
    );
    const untouched = await enrichFromPretalxApi(base, other, async () => api);
    expect(untouched).toEqual(base);
  });

  it('reads both API shapes (legacy slot with { en } room, expanded slots) and ignores ids it cannot resolve', () => {
    // A real legacy answer: JuliaCon 2023's talk MS7YWQ as pretalx.com's talks API gave it (see the docs).
    const legacy = talkFromPretalxApi(
      JSON.parse(fixture('pretalx-api-talk.json')),
      'https://pretalx.com/juliacon2023/talk/MS7YWQ/',
    );
    expect(legacy).toMatchObject({
      title: 'MultilayerGraphs.jl: Multilayer Network Science in Julia',
      speakers: [{ name: 'Pietro Monticone' }, { name: 'Claudio Moroni' }],
      startsAt: '2023-07-27T11:50:00-04:00',
      endsAt: '2023-07-27T12:00:00-04:00',
      room: '32-123',
      track: 'JuliaCon',
      // Eleven resources: a DOI, a tweet, posts, a repository… The deck is the one labelled "Slides
      // (10min Talk)" (a self-hosted deck, known only by its label); the recording is the YouTube link.
      slidesUrl: 'https://inphyt.github.io/Talks/2023/JuliaCon/short/index.html',
      videoUrl: 'https://youtu.be/Q2PwKQCkZJ4',
    });
    // pretalx gives Markdown; it is kept as text, abstract then description.
    expect(legacy.abstract?.startsWith('**MultilayerGraphs.jl** is a Julia package for the creation')).toBe(
      true,
    );
    expect(legacy.abstract).toContain(
      '\n\n[**MultilayerGraphs.jl**](https://github.com/JuliaGraphs/MultilayerGraphs.jl) is a Julia package',
    );
    const v2 = talkFromPretalxApi(
      {
        title: 'T',
        speakers: ['CODE1'],
        slots: [
          { start: '2025-01-02T09:00:00Z', end: '2025-01-02T09:30:00Z', room: { name: { en: 'R1' }, id: 3 } },
        ],
        track: 7,
      },
      URL_DEMO,
    );
    expect(v2).toEqual({
      title: 'T',
      startsAt: '2025-01-02T09:00:00+00:00',
      endsAt: '2025-01-02T09:30:00+00:00',
      room: 'R1',
    });
    expect(talkFromPretalxApi('nonsense', URL_DEMO)).toEqual({});
    expect(mergeTalk({ title: 'A', speakers: [] }, { speakers: [{ name: 'B' }], title: 'X' })).toEqual({
      title: 'A',
      speakers: [{ name: 'B' }],
    });
  });

  it('takes the title from the page heading when the <title> split would be ambiguous', async () => {
    const { captureHtml } = await import('./load');
    const html = fixture('pretalx-democon2022-talk.html').replace(
      '<title>Balanced demand-driven Graphical User Interface ::  DemoCon :: pretalx</title>',
      '<title>C++ :: modules :: in practice ::  DemoCon :: pretalx</title>',
    );
    const c = captureHtml(html, URL_DEMO);
    expect(c.talk?.title).toBe('Balanced demand-driven Graphical User Interface');
    expect(c.event?.name).toBe('DemoCon');
  });
});

describe('pretalx schedule (no-JS list, real export)', () => {
  it('lists the first day’s sessions but the registration break, speaker names split; no zone on the page, so no times', () => {
    const c = captureFixture('pretalx-schedule-nojs.html', 'https://cfp.openondemand.org/2025/schedule/nojs');
    expect(c.platform).toBe('pretalx-schedule');
    expect(c.event).toEqual({ name: 'GOOD 2025', url: 'https://cfp.openondemand.org/2025/' });
    const emily = { name: 'Emily Moffat Sadeghi [Ohio Supercomputer Center]' };
    const travis = { name: 'Travis Ravert [Ohio Supercomputer Center]' };
    expect(c.schedule).toEqual([
      {
        title: 'Contributor Jam',
        speakers: [emily, travis],
        room: 'Tsai Auditorium (CGIS S010)',
        track: 'Core Team Track',
        url: 'https://cfp.openondemand.org/2025/talk/CFEMBK/',
      },
      {
        title: 'Contributor Jam (Breakout Sessions)',
        speakers: [travis, emily],
        room: 'Belfer Case Study Room (CGIS S020)',
        track: 'Core Team Track',
        url: 'https://cfp.openondemand.org/2025/talk/TXCCLT/',
      },
      {
        title: 'Contributor Jam (Breakout Sessions)',
        speakers: [emily, travis],
        room: 'Kang Conference Room (CGIS S050)',
        track: 'Core Team Track',
        url: 'https://cfp.openondemand.org/2025/talk/RXCFVB/',
      },
    ]);
  });

  it("reads a day's data-start where pretalx fills it: start from the day's offset, end from the duration", async () => {
    const { captureHtml } = await import('./load');
    // The real export leaves data-start empty; a served page carries the day's start with its offset.
    const html = fixture('pretalx-schedule-nojs.html').replace(
      'data-start=""',
      'data-start="2025-03-17T12:00:00-04:00"',
    );
    const c = captureHtml(html, 'https://cfp.openondemand.org/2025/schedule/nojs');
    expect(c.schedule?.[0]).toMatchObject({
      title: 'Contributor Jam',
      startsAt: '2025-03-17T13:00:00-04:00',
      endsAt: '2025-03-17T17:00:00-04:00',
    });
  });
});
