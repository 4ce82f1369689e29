import { describe, expect, it } from 'vitest';
import { captureFixture } from './load';

describe('schema.org JSON-LD', () => {
  it('reads schema.org’s online-event example: UTC times, VirtualLocation', () => {
    const c = captureFixture('jsonld-online-event.html', 'https://storytimereadings.com/july');
    expect(c.platform).toBe('jsonld');
    expect(c.talk).toEqual({
      title: 'Story Time Reading',
      speakers: [],
      startsAt: '2020-07-24T16:00:00+00:00',
      endsAt: '2020-07-24T16:30:00+00:00',
      room: 'Online',
      abstract: 'Story Time readings for children of all ages - July 2020 edition',
    });
  });

  it('reads a Place with address and a performer array; a time without offset or zone stays unknown', () => {
    const c = captureFixture('jsonld-physical-event.html', 'https://festival.com/summer');
    expect(c.talk?.title).toBe('Summer Music Festival 2024');
    expect(c.talk?.speakers).toEqual([{ name: 'The Indie Collective' }, { name: 'Sarah Johnson' }]);
    expect(c.talk?.room).toBe('Riverside Park');
    expect(c.talk?.startsAt).toBeUndefined();
    expect(c.talk?.endsAt).toBeUndefined();
    expect(c.event).toBeUndefined();
  });

  it('walks an @graph: @type arrays, @id references, Place + VirtualLocation, EventSeries as the event, slides', () => {
    const c = captureFixture(
      'jsonld-graph-education.html',
      'https://pgday.example/talks/zero-downtime/?utm_source=x',
    );
    expect(c.talk).toEqual({
      title: 'Zero-downtime Postgres upgrades',
      speakers: [
        { name: 'Ana Silva', url: 'https://pgday.example/speakers/ana-silva/' },
        { name: 'Bruno Costa' },
      ],
      startsAt: '2026-06-04T11:00:00+02:00',
      endsAt: '2026-06-04T11:40:00+02:00',
      room: 'Main Hall',
      abstract: 'Logical replication, pg_upgrade and the cut-over nobody notices.',
      url: 'https://pgday.example/talks/zero-downtime/',
      slidesUrl: 'https://speakerdeck.com/anasilva/zero-downtime-postgres-upgrades',
    });
    expect(c.event).toEqual({
      name: 'PGDay Demo 2026',
      url: 'https://pgday.example/',
      startDate: '2026-06-04',
      endDate: '2026-06-05',
    });
  });
});

describe('microdata', () => {
  it('reads a real page marked up as an Event; the date-only startDate yields no talk time', () => {
    const c = captureFixture('microdata-conference.html', 'https://material.is/2018/slack-invite.php');
    expect(c.platform).toBe('microdata');
    expect(c.talk).toEqual({ title: 'Material 2018', speakers: [], url: 'https://material.is/2018/' });
  });
});

describe('Open Graph fallback', () => {
  it('reads name="og:…" tags and takes the page for a talk because it links its slides', () => {
    const c = captureFixture(
      'opengraph-name-form.html',
      'https://paperswelove.example/2026/video/raft-revisited/',
    );
    expect(c.platform).toBe('opengraph');
    expect(c.talk).toMatchObject({
      title: 'Raft, revisited',
      slidesUrl: 'https://speakerdeck.com/paperswelove/raft-revisited',
      videoUrl: 'https://www.youtube.com/embed/abcdEFGhijk',
      abstract: 'A walk through the Raft paper and what implementations changed since.',
    });
  });

  it('does not make a talk of an ordinary article', async () => {
    const { captureHtml } = await import('./load');
    const c = captureHtml(
      '<meta property="og:title" content="Ten tips"><meta property="og:type" content="article"><p>text</p>',
      'https://blog.example/tips',
    );
    expect(c.talk).toBeUndefined();
    expect(c.title).toBe('Ten tips');
  });
});
