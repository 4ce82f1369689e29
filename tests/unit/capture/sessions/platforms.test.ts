import { describe, expect, it } from 'vitest';
import { captureFixture } from './load';

describe('FOSDEM adapter', () => {
  const url = 'https://fosdem.org/2026/schedule/event/rust-for-linux-drivers/';
  it('reads the generator template; the broken "+2:720" offset gives way to Europe/Brussels', () => {
    const c = captureFixture('fosdem-event.html', url);
    expect(c.platform).toBe('fosdem');
    expect(c.talk).toMatchObject({
      title: 'Rust for Linux: a year of drivers',
      startsAt: '2026-01-31T10:30:00+01:00',
      endsAt: '2026-01-31T11:00:00+01:00',
      timezone: 'Europe/Brussels',
      room: 'UD2.120 (Chavanne)',
      track: 'Rust',
      slidesUrl:
        'https://fosdem.org/2026/events/attachments/fosdem-2026-4242-rust-for-linux/slides/2701/rust_drivers.pdf',
      videoUrl:
        'https://video.fosdem.org/2026/ud2120/fosdem-2026-4242-rust-for-linux-a-year-of-drivers.av1.webm',
    });
    expect(c.talk?.speakers).toEqual([
      { name: 'Alice Ryhl', url: 'https://fosdem.org/2026/schedule/speaker/alice_ryhl/' },
      { name: 'Danilo Krummrich', url: 'https://fosdem.org/2026/schedule/speaker/danilo_krummrich/' },
    ]);
    expect(c.talk?.abstract).toContain('What changed since the first Rust drivers were merged');
    expect(c.event).toEqual({
      name: 'FOSDEM 2026',
      url: 'https://fosdem.org/2026/',
      timezone: 'Europe/Brussels',
    });
  });
});

describe('Indico adapter', () => {
  const url = 'https://indico.cern.ch/event/1234/contributions/5678/';
  it('reads a contribution: speakers (not authors), time in the event zone, room, track, attachment', () => {
    const c = captureFixture('indico-contribution.html', url);
    expect(c.platform).toBe('indico');
    expect(c.talk).toMatchObject({
      title: 'Streaming calibration data at the edge',
      speakers: [{ name: 'Priya Natarajan' }],
      startsAt: '2026-10-20T14:15:00+02:00',
      timezone: 'Europe/Zurich',
      room: '500/1-001 (CERN)',
      track: 'Track 3: Offline computing',
      slidesUrl:
        'https://indico.cern.ch/event/1234/contributions/5678/attachments/4321/9911/CHEP2026_calibration.pdf',
    });
    expect(c.talk?.endsAt).toBeUndefined(); // the page shows no end: none is made up
    expect(c.event).toEqual({
      name: 'CHEP 2026',
      url: 'https://indico.cern.ch/event/1234/',
      timezone: 'Europe/Zurich',
      location: 'CERN, Geneva',
    });
  });
});

describe('sched adapter, on the RECONSTRUCTED session page (real list page: sched.test.ts)', () => {
  const url = 'https://kccncdemo2026.sched.com/event/1abC/scaling-the-scheduler';
  it('reads the event page; with no zone on the page, no time is invented', () => {
    const c = captureFixture('sched-event.html', url);
    expect(c.platform).toBe('sched');
    expect(c.talk).toMatchObject({
      title: 'Scaling the scheduler',
      room: 'Hall 7 | Room B',
      track: 'Scheduling',
      slidesUrl: 'https://static.sched.com/hosted_files/kccncdemo2026/ab/Scaling%20the%20scheduler.pdf',
    });
    expect(c.talk?.speakers.map((s) => s.name)).toEqual(['Ruth Kim', 'Omar Patel & Friends']);
    expect(c.talk?.startsAt).toBeUndefined();
    expect(c.talk?.timezone).toBeUndefined();
    expect(c.event?.name).toBe('KubeCon + CloudNativeCon Demo 2026');
  });

  it('uses a zone the page names', async () => {
    const { fixture, captureHtml } = await import('./load');
    const html = fixture('sched-event.html').replace(
      '14:30 - 15:05',
      '14:30 - 15:05 <span class="tz">Europe/Amsterdam</span>',
    );
    const c = captureHtml(html, url);
    expect(c.talk?.startsAt).toBe('2026-03-19T14:30:00+01:00');
    expect(c.talk?.endsAt).toBe('2026-03-19T15:05:00+01:00');
    expect(c.talk?.timezone).toBe('Europe/Amsterdam');
  });
});

describe('Sessionize adapter, on the RECONSTRUCTED list view (real grid: sessionize.test.ts)', () => {
  it('lists the sessions of an embed as a schedule (breaks left out), UTC instants kept', () => {
    const c = captureFixture('sessionize-embed.html', 'https://devdays.example/schedule/');
    expect(c.platform).toBe('sessionize');
    expect(c.talk).toBeUndefined();
    expect(c.schedule).toEqual([
      {
        title: 'Typed SQL without an ORM',
        speakers: [{ name: 'Ines Duarte' }],
        startsAt: '2026-05-12T08:00:00+00:00',
        endsAt: '2026-05-12T08:45:00+00:00',
        room: 'Room 1',
        track: 'Databases',
        abstract: 'Query builders, code generation and what the compiler can check.',
      },
      {
        title: 'Accessibility audits in CI',
        speakers: [{ name: 'Kofi Mensah' }, { name: 'Laura Becker' }],
        startsAt: '2026-05-12T09:15:00+00:00',
        endsAt: '2026-05-12T10:00:00+00:00',
        room: 'Room 2',
        abstract: 'axe-core in the pipeline, and the issues it cannot see.',
      },
    ]);
  });

  it('takes the session of an open modal as the talk', async () => {
    const { fixture, captureHtml } = await import('./load');
    const html = fixture('sessionize-embed.html').replace(
      '</div>\n</body>',
      '<div class="sz-modal-container"><div class="sz-session" data-sessionid="501240"><h3 class="sz-session__title">Accessibility audits in CI</h3><ul class="sz-session__speakers"><li>Kofi Mensah</li></ul></div></div></div>\n</body>',
    );
    const c = captureHtml(html, 'https://devdays.example/schedule/');
    expect(c.talk?.title).toBe('Accessibility audits in CI');
    expect(c.kind).toBe('session');
  });
});

describe('YouTube adapter', () => {
  it('reads the saved watch page: title, channel as speaker, description, canonical videoUrl', () => {
    const c = captureFixture(
      'youtube-watch.html',
      'https://www.youtube.com/watch?v=DIsktwOQZuU&t=42s&si=abc',
    );
    expect(c.platform).toBe('youtube');
    expect(c.kind).toBe('video');
    expect(c.url).toBe('https://www.youtube.com/watch?v=DIsktwOQZuU');
    expect(c.talk).toEqual({
      title: 'GBAF 2024 – Highlights',
      speakers: [{ name: 'Global Brain', url: 'http://www.youtube.com/@globalbrain6133' }],
      abstract:
        'The Global Brain Alliance Forum (GBAF) is a conference where participants explore the latest trends surrounding startups, bringing together startups and larg...',
      url: 'https://www.youtube.com/watch?v=DIsktwOQZuU',
      videoUrl: 'https://www.youtube.com/watch?v=DIsktwOQZuU',
    });
  });

  it('ignores the first-load metadata once YouTube has navigated to another video', () => {
    const c = captureFixture('youtube-watch.html', 'https://www.youtube.com/watch?v=OTHERvideo1');
    expect(c.talk?.speakers).toEqual([]);
    expect(c.talk?.url).toBe('https://www.youtube.com/watch?v=OTHERvideo1');
  });
});

describe('Vimeo adapter', () => {
  it('reads the saved page head: title, description, canonical URL; no uploader is invented', () => {
    const c = captureFixture('vimeo-video.html', 'https://vimeo.com/637403296');
    expect(c.platform).toBe('vimeo');
    expect(c.talk).toMatchObject({
      title: 'Burberry - Open Spaces / Dir. Megaforce',
      speakers: [],
      url: 'https://vimeo.com/637403296',
      videoUrl: 'https://vimeo.com/637403296',
    });
    expect(c.talk?.abstract).toContain('FULL CREDITS');
  });
});
