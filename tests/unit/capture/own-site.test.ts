// @vitest-environment jsdom
/**
 * A page describes only itself (issue 14, item 2): `rel=canonical`, JSON-LD `url` and `og:url` name
 * the page or its talk only on the page's own site. Expected URLs are written by hand.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { capturePage } from '../../../capture';
import { ownSiteOnly } from '../../../capture/sessions/post';
import type { PageCapture } from '../../../capture/types';

const FOSDEM_TALK = 'https://fosdem.org/2026/schedule/event/replication/';

function page(url: string, head: string, body = ''): PageCapture {
  const doc = new JSDOM(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`, { url })
    .window.document;
  return capturePage(doc, url);
}

const canonical = (href: string) => `<title>A page</title><link rel="canonical" href="${href}">`;
const jsonLd = (node: object) => `<script type="application/ld+json">${JSON.stringify(node)}</script>`;
const talkNode = (url: string, extra: object = {}) => ({
  '@context': 'https://schema.org',
  '@type': 'Event',
  name: 'Replication in practice',
  startDate: '2026-02-01T10:00:00+01:00',
  url,
  ...extra,
});

describe('rel=canonical', () => {
  it('is taken on the page’s own site (another subdomain or scheme included)', () => {
    expect(page('https://www.fosdem.org/talk?utm_source=x', canonical(FOSDEM_TALK)).url).toBe(FOSDEM_TALK);
    expect(page('http://archive.fosdem.org/t', canonical(FOSDEM_TALK)).url).toBe(FOSDEM_TALK);
  });
  it('is ignored when it points at another site: the page’s own address is used', () => {
    expect(page('https://evil.example/post?utm_medium=a#x', canonical(FOSDEM_TALK)).url).toBe(
      'https://evil.example/post',
    );
    expect(page('https://fosdem.org.evil.example/p', canonical(FOSDEM_TALK)).url).toBe(
      'https://fosdem.org.evil.example/p',
    );
  });
  it('follows the suffix list: a neighbour under co.uk or github.io is another site', () => {
    expect(page('https://a.co.uk/talk', canonical('https://b.co.uk/talk')).url).toBe('https://a.co.uk/talk');
    expect(page('https://www.a.co.uk/talk', canonical('https://a.co.uk/talk')).url).toBe(
      'https://a.co.uk/talk',
    );
    expect(page('https://alice.github.io/deck/', canonical('https://bob.github.io/deck/')).url).toBe(
      'https://alice.github.io/deck/',
    );
    expect(page('https://alice.github.io/deck/', canonical('https://alice.github.io/talks/1')).url).toBe(
      'https://alice.github.io/talks/1',
    );
  });
  it('on IP hosts and localhost: the same host (any port) only', () => {
    expect(page('http://127.0.0.1:8000/d', canonical('http://localhost:8000/d')).url).toBe(
      'http://127.0.0.1:8000/d',
    );
    expect(page('http://127.0.0.1:8000/d', canonical('http://127.0.0.1:9000/e')).url).toBe(
      'http://127.0.0.1:9000/e',
    );
    expect(page('http://localhost:3000/d', canonical('http://127.0.0.1:3000/d')).url).toBe(
      'http://localhost:3000/d',
    );
  });
});

describe('the talk’s URL (JSON-LD url, og:url)', () => {
  it('a foreign JSON-LD url does not make the page that talk: the talk is the page’s own', () => {
    const c = page(
      'https://evil.example/notes',
      `<title>Notes</title><link rel="canonical" href="${FOSDEM_TALK}">${jsonLd(talkNode(FOSDEM_TALK))}`,
    );
    expect(c.url).toBe('https://evil.example/notes');
    expect(c.talk?.title).toBe('Replication in practice');
    expect(c.talk?.url).toBeUndefined(); // filing then takes the page's own URL
    expect(JSON.stringify(c)).not.toContain('fosdem.org');
  });
  it('an own-site JSON-LD url is kept', () => {
    const c = page(FOSDEM_TALK, `<title>T</title>${jsonLd(talkNode(FOSDEM_TALK))}`);
    expect(c.talk?.url).toBe(FOSDEM_TALK);
  });
  it('a foreign url that is a recording is kept as the talk’s video link', () => {
    const c = page(
      'https://conf.example/talks/7',
      `<title>T</title>${jsonLd(talkNode('https://www.youtube.com/watch?v=DIsktwOQZuU'))}`,
    );
    expect(c.talk?.url).toBeUndefined();
    expect(c.talk?.videoUrl).toBe('https://www.youtube.com/watch?v=DIsktwOQZuU');
  });
  it('a foreign og:url is dropped too', () => {
    const c = page(
      'https://blog.example/post',
      `<title>Post</title><meta property="og:title" content="My talk"><meta property="og:type" content="video.other"><meta property="og:url" content="${FOSDEM_TALK}">`,
    );
    expect(c.talk?.title).toBe('My talk');
    expect(c.talk?.url).toBeUndefined();
    expect(c.url).toBe('https://blog.example/post');
  });
});

describe('ownSiteOnly', () => {
  const base: PageCapture = { url: 'https://conf.example/schedule', title: 'S', kind: 'page', platform: 'x' };
  it('keeps only own-site URLs of the talks a schedule lists', () => {
    const out = ownSiteOnly(
      {
        ...base,
        schedule: [
          { title: 'Mine', speakers: [], url: 'https://conf.example/talks/1' },
          { title: 'Theirs', speakers: [], url: FOSDEM_TALK },
          { title: 'No link', speakers: [] },
        ],
      },
      'https://www.conf.example/schedule',
    );
    expect(out.schedule).toEqual([
      { title: 'Mine', speakers: [], url: 'https://conf.example/talks/1' },
      { title: 'Theirs', speakers: [] },
      { title: 'No link', speakers: [] },
    ]);
  });
  it('puts the page’s address in place of a foreign capture URL', () => {
    expect(ownSiteOnly({ ...base, url: FOSDEM_TALK }, 'https://conf.example/x?utm_source=a').url).toBe(
      'https://conf.example/x',
    );
  });
  it('leaves Talkmarks’ own pages (the PDF viewer) as they say', () => {
    const pdf = { ...base, url: 'https://fosdem.org/slides.pdf' };
    expect(ownSiteOnly(pdf, 'chrome-extension://abc/pdf.html?file=x')).toBe(pdf);
  });
  it('keeps a foreign talk URL that is a slides link as the slides link, unless one is there', () => {
    const deck = 'https://speakerdeck.com/alice/replication';
    const talk = { title: 'T', speakers: [], url: deck };
    expect(ownSiteOnly({ ...base, talk }, base.url).talk).toEqual({
      title: 'T',
      speakers: [],
      slidesUrl: deck,
    });
    const other = 'https://conf.example/slides.pdf';
    expect(ownSiteOnly({ ...base, talk: { ...talk, slidesUrl: other } }, base.url).talk).toEqual({
      title: 'T',
      speakers: [],
      slidesUrl: other,
    });
  });
});
