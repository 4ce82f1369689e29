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
});

describe('microdata', () => {
  it('reads a real page marked up as an Event; the date-only startDate yields no talk time', () => {
    const c = captureFixture('microdata-conference.html', 'https://material.is/2018/slack-invite.php');
    expect(c.platform).toBe('microdata');
    expect(c.talk).toEqual({ title: 'Material 2018', speakers: [], url: 'https://material.is/2018/' });
  });
});

describe('Open Graph fallback', () => {
  it('reads a real page written with name="og:…" tags; its Speaker Deck link, not the papers’ PDFs, is the slides', () => {
    const url = 'http://paperswelove.org/2015/video/armon-dadgar-on-bloom-filters-and-hyperloglog/';
    const c = captureFixture('opengraph-name-form.html', url);
    // The generic talk-page reader takes this page before Open Graph: it also reads the speaker, the
    // bold name in the first paragraph that the title repeats ("<strong>Armon Dadgar</strong> from HashiCorp").
    expect(c.platform).toBe('generic');
    expect(c.kind).toBe('session');
    expect(c.title).toBe('Armon Dadgar on Bloom Filters and HyperLogLog | Papers We Love'); // the tab's title
    expect(c.talk).toEqual({
      title: 'Armon Dadgar on Bloom Filters and HyperLogLog',
      speakers: [{ name: 'Armon Dadgar' }],
      abstract: 'Armon Dadgar on Bloom Filters and HyperLogLog in San Francisco',
      url,
      slidesUrl:
        'https://speakerdeck.com/paperswelove/pwlsf-number-13-equals-armon-dadgar-on-bloom-filters-and-hyperloglog',
      videoUrl: 'https://www.youtube.com/embed/T3Bt9Tn6P5c',
    });
    expect(c.evidence).toEqual({
      title: 'heading',
      speakers: 'lead',
      slidesUrl: 'link-text',
      videoUrl: 'embed',
    });
  });

  it('keeps the tab’s title and takes the site’s name off the talk’s', async () => {
    const { captureHtml } = await import('./load');
    const c = captureHtml(
      '<title>Deep dive | Conf</title><meta property="og:title" content="Deep dive | Conf"><meta property="og:site_name" content="Conf"><meta property="og:type" content="video.other">',
      'https://conf.example/deep-dive',
    );
    expect(c.platform).toBe('opengraph');
    expect(c.title).toBe('Deep dive | Conf');
    expect(c.talk?.title).toBe('Deep dive');
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
