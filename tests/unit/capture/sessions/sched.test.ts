// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { captureFixture, captureHtml, fixture } from './load';

describe('sched adapter on a saved sched.com list page', () => {
  const url = 'https://technesummit2026.sched.com/2026-10-03/list/descriptions/';

  it('reads every session of the list as a schedule, not the page as one talk', () => {
    const c = captureFixture('sched-list-descriptions.html', url);
    expect(c.platform).toBe('sched');
    expect(c.kind).toBe('page');
    expect(c.talk).toBeUndefined();
    expect(c.schedule?.map((t) => t.title)).toEqual([
      'Registration',
      'SANAD ElevateHer Pitch',
      'Opening Remarks',
      'Celebrating 25 Years of Excellence – The Silver Jubilee of DETGD',
    ]);
    expect(c.event).toEqual({ name: 'Techne Summit 2026', url: 'https://technesummit2026.sched.com/' });
  });

  it('keeps each session to its own people, times (EEST as +03:00, no zone invented), room and track', () => {
    const [registration, pitch, , jubilee] =
      captureFixture('sched-list-descriptions.html', url).schedule ?? [];
    expect(registration).toEqual({
      title: 'Registration',
      speakers: [],
      startsAt: '2026-10-03T09:00:00+03:00',
      endsAt: '2026-10-03T12:00:00+03:00',
      room: '(ALX) Stage 01: The Great Hall',
      track: 'Registration',
      url: 'https://technesummit2026.sched.com/event/2WuuO/registration',
    });
    // "11:30am -  5:00pm": 12-hour clock, padded with spaces.
    expect(pitch?.startsAt).toBe('2026-10-03T11:30:00+03:00');
    expect(pitch?.endsAt).toBe('2026-10-03T17:00:00+03:00');
    expect(pitch?.timezone).toBeUndefined();
    // Links resolve against the page's <base href="/">, not the list's path.
    expect(pitch?.speakers).toEqual([
      { name: 'Nadia El-Tawil', url: 'https://technesummit2026.sched.com/speaker/nadia_el_tawil.2a8r57ll' },
      { name: 'Serdar Yucel', url: 'https://technesummit2026.sched.com/speaker/serdar_yucel.2a7607re' },
      { name: 'Ksenia Kurileva', url: 'https://technesummit2026.sched.com/speaker/ksenia_kurileva.2a6azxly' },
      { name: 'Reine Metlej', url: 'https://technesummit2026.sched.com/speaker/reine_metlej.87twf4p' },
    ]);
    // A moderator is on stage too; the type's sub-type ("Fireside chat") is a format, not the track.
    expect(jubilee?.speakers.map((s) => s.name)).toEqual(['Nagla Akl', 'Eng. Khalil Hassan']);
    expect(jubilee?.track).toBe('Opening');
    expect(jubilee?.abstract).toBe(
      'This year marks the Silver Jubilee of the Digital Economy and Technology General Division (DETGD), of the Federation of Egyptian Chambers of Commerce (FEDCOC)\n\n' +
        '25 years of serving the digital economy sectors with outstanding performance and commitment to promoting, supporting, and empowering digital companies across Egypt',
    );
  });

  it("reads one session's markup on its own page as the talk, with the page's URL", () => {
    // The list page's second session alone, as a session page serves it (same markup per session).
    const html = fixture('sched-list-descriptions.html');
    const start = html.indexOf('<h3>11:30am');
    const end = html.indexOf('<h3>12:00pm');
    const single = html.slice(0, html.indexOf('<h3> 9:00am')) + html.slice(start, end);
    const page = 'https://technesummit2026.sched.com/event/2P2ib/sanad-elevateher-pitch';
    const c = captureHtml(single, page);
    expect(c.kind).toBe('session');
    expect(c.talk).toMatchObject({
      title: 'SANAD ElevateHer Pitch',
      startsAt: '2026-10-03T11:30:00+03:00',
      room: '(ALX) Stage 04: Techne Arena',
      track: 'Pitching',
      url: page,
    });
    expect(c.talk?.speakers).toHaveLength(4);
  });

  it('leaves sponsors out of the speakers', () => {
    const html = fixture('sched-list-descriptions.html').replace(
      '<strong>Moderators</strong>',
      '<strong>Sponsors</strong>',
    );
    const jubilee = captureHtml(html, url).schedule?.[3];
    expect(jubilee?.speakers.map((s) => s.name)).toEqual(['Eng. Khalil Hassan']);
  });

  it('never takes a zone abbreviation for an IANA zone', () => {
    const html = fixture('sched-list-descriptions.html').replaceAll(
      "<span class='tz'>EEST</span>",
      "<span class='tz'>EET</span>",
    );
    const [registration] = captureHtml(html, url).schedule ?? [];
    expect(registration?.startsAt).toBe('2026-10-03T09:00:00+02:00');
    expect(registration?.timezone).toBeUndefined();
  });
});
