import { describe, expect, it } from 'vitest';
import { applySiteHints, isSiteHint, type SiteHint } from '../../../capture/hints';
import { parseCapture } from '../../../capture/schema';
import type { PageCapture } from '../../../capture/types';

const SITE = 'rustmeetup.de';
let n = 0;
const hint = (rule: Record<string, unknown>, site = SITE): SiteHint =>
  ({ id: `h${++n}`, site, createdAt: n, ...rule }) as SiteHint;

/** A talk page of the site, as the generic reader reads it (with the other values the page shows). */
function page(): PageCapture {
  return {
    url: 'https://www.rustmeetup.de/2024/03/rust-async',
    title: 'Async Rust in practice | Rust Meetup Berlin',
    kind: 'session',
    platform: 'generic',
    talk: {
      title: 'Async Rust in practice',
      speakers: [{ name: 'Admin' }, { name: 'Jana Nowak', url: 'https://www.rustmeetup.de/people/jana' }],
      startsAt: '2024-03-12T19:00:00+01:00',
      endsAt: '2024-03-12T19:45:00+01:00',
      slidesUrl: 'https://www.rustmeetup.de/files/paper.pdf',
    },
    event: { name: 'Rust Meetup Berlin', url: 'https://www.rustmeetup.de/' },
    evidence: { title: 'heading', speakers: 'byline', event: 'og', slidesUrl: 'heading', startsAt: 'text' },
    candidates: {
      speakers: [
        { value: 'Admin', source: 'byline' },
        { value: 'Jana Nowak', source: 'byline' },
        { value: 'Jana Nowak', source: 'label', label: 'Vortragende' },
        { value: 'Piotr Zieliński', source: 'label', label: 'Vortragende' },
      ],
      event: [
        { value: 'Rust Meetup Berlin', source: 'og' },
        { value: 'Berlin Rust Nights #42', source: 'breadcrumb' },
      ],
      slidesUrl: [
        { value: 'https://www.rustmeetup.de/files/paper.pdf', source: 'heading' },
        { value: 'https://speakerdeck.com/jana/async-rust', source: 'host' },
      ],
    },
  };
}

describe('applySiteHints', () => {
  it('without hints of the site, the capture is returned as it came', () => {
    const c = page();
    expect(applySiteHints(c, [])).toEqual(page());
  });

  it('a rejected speaker is left out on every page of the site; the others keep their links', () => {
    const c = page();
    const out = applySiteHints(c, [hint({ kind: 'reject', field: 'speakers', value: 'admin' })]);
    expect(out.talk?.speakers).toEqual([
      { name: 'Jana Nowak', url: 'https://www.rustmeetup.de/people/jana' },
    ]);
    expect(out.evidence?.speakers).toBe('hint');
    expect(out.candidates?.speakers?.map((s) => s.value)).toEqual([
      'Jana Nowak',
      'Jana Nowak',
      'Piotr Zieliński',
    ]);
    // The input is not changed.
    expect(c).toEqual(page());
  });

  it('"the speakers are under the label Vortragende" reads them from that label when the page has it', () => {
    const out = applySiteHints(page(), [hint({ kind: 'label', field: 'speakers', label: 'VORTRAGENDE' })]);
    expect(out.talk?.speakers).toEqual([
      { name: 'Jana Nowak', url: 'https://www.rustmeetup.de/people/jana' },
      { name: 'Piotr Zieliński' },
    ]);
    expect(out.evidence?.speakers).toBe('hint');
  });

  it('"the event is the breadcrumb" picks the breadcrumb the page shows; the old event\'s link does not carry over', () => {
    const out = applySiteHints(page(), [hint({ kind: 'source', field: 'event', source: 'breadcrumb' })]);
    expect(out.event).toEqual({ name: 'Berlin Rust Nights #42' });
    expect(out.evidence?.event).toBe('hint');
  });

  it('a rejected slides link gives way to the next one the page shows', () => {
    const out = applySiteHints(page(), [
      hint({ kind: 'reject', field: 'slidesUrl', value: 'https://www.rustmeetup.de/files/paper.pdf' }),
    ]);
    expect(out.talk?.slidesUrl).toBe('https://speakerdeck.com/jana/async-rust');
    expect(out.evidence?.slidesUrl).toBe('hint');
  });

  it('"this site never has a speaker here" clears the speakers; "never a start" takes the end too', () => {
    const out = applySiteHints(page(), [
      hint({ kind: 'never', field: 'speakers' }),
      hint({ kind: 'never', field: 'startsAt' }),
    ]);
    expect(out.talk?.speakers).toEqual([]);
    expect(out.talk?.startsAt).toBeUndefined();
    expect(out.talk?.endsAt).toBeUndefined();
    expect(out.evidence).toEqual({ title: 'heading', event: 'og', slidesUrl: 'heading' });
  });

  it('the event the user typed for every page of the site is the event', () => {
    const out = applySiteHints(page(), [
      hint({ kind: 'never', field: 'event' }),
      hint({ kind: 'event-name', name: 'Rust Berlin' }),
    ]);
    expect(out.event).toEqual({ name: 'Rust Berlin' });
    expect(out.evidence?.event).toBe('hint');
  });

  it('the newest of two hints on one field wins', () => {
    const out = applySiteHints(page(), [
      hint({ kind: 'source', field: 'event', source: 'breadcrumb' }),
      hint({ kind: 'source', field: 'event', source: 'og' }),
    ]);
    expect(out.event?.name).toBe('Rust Meetup Berlin');
    // The page's own reading stood: its evidence is kept.
    expect(out.evidence?.event).toBe('og');
  });

  describe('never invents', () => {
    it('a label or source the page does not show changes nothing', () => {
      const out = applySiteHints(page(), [
        hint({ kind: 'label', field: 'speakers', label: 'Referent' }),
        hint({ kind: 'source', field: 'event', source: 'label' }),
        hint({ kind: 'source', field: 'videoUrl', source: 'embed' }),
        hint({ kind: 'label', field: 'title', label: 'Titel' }),
      ]);
      expect(out).toEqual(page());
    });

    it('a page without candidates keeps its own reading under re-ranking hints', () => {
      const c = page();
      delete c.candidates;
      const out = applySiteHints(c, [
        hint({ kind: 'label', field: 'speakers', label: 'Vortragende' }),
        hint({ kind: 'source', field: 'event', source: 'breadcrumb' }),
      ]);
      expect(out.talk?.speakers.map((s) => s.name)).toEqual(['Admin', 'Jana Nowak']);
      expect(out.event?.name).toBe('Rust Meetup Berlin');
    });

    it('a rejected value with no other candidate leaves the field out, not guessed', () => {
      const c = page();
      delete c.candidates;
      const out = applySiteHints(c, [hint({ kind: 'reject', field: 'event', value: 'Rust Meetup Berlin' })]);
      expect(out.event).toBeUndefined();
      expect(out.evidence?.event).toBeUndefined();
    });

    it('a page with no talk gets none, even from the typed event name', () => {
      const plain: PageCapture = {
        url: 'https://rustmeetup.de/about',
        title: 'About us',
        kind: 'page',
        platform: 'page',
      };
      const out = applySiteHints(plain, [
        hint({ kind: 'event-name', name: 'Rust Berlin' }),
        hint({ kind: 'never', field: 'speakers' }),
      ]);
      expect(out).toEqual(plain);
    });

    it('a rejected title with no other candidate keeps the title (a talk has one)', () => {
      const out = applySiteHints(page(), [
        hint({ kind: 'reject', field: 'title', value: 'Async Rust in practice' }),
      ]);
      expect(out.talk?.title).toBe('Async Rust in practice');
    });
  });

  it('hints of another site are ignored, and so is a site that only ends like this one', () => {
    const out = applySiteHints(page(), [
      hint({ kind: 'reject', field: 'speakers', value: 'Admin' }, 'example.org'),
      hint({ kind: 'never', field: 'event' }, 'meetup.de'),
      hint({ kind: 'never', field: 'event' }, 'rustmeetup.de.evil.com'),
    ]);
    expect(out).toEqual(page());
  });

  it('hostile or broken hints are ignored without an exception', () => {
    const bad: unknown[] = [
      null,
      42,
      'reject',
      [],
      { kind: 'reject', field: 'speakers', value: 'Admin' }, // no id, no site
      { id: 'x', site: SITE, createdAt: 1, kind: 'reject', field: '__proto__', value: 'Admin' },
      { id: 'x', site: SITE, createdAt: 1, kind: 'never', field: 'title' },
      { id: 'x', site: SITE, createdAt: 1, kind: 'eval', field: 'speakers' },
      { id: 'x', site: SITE, createdAt: 1, kind: 'reject', field: 'speakers', value: 'A'.repeat(5000) },
      { id: 'x', site: SITE, createdAt: 1, kind: 'event-name', name: '   ' },
      { id: 'x', site: SITE, createdAt: 'soon', kind: 'never', field: 'event' },
      { id: 'x', site: { toString: () => SITE }, createdAt: 1, kind: 'never', field: 'event' },
    ];
    for (const h of bad) expect(isSiteHint(h)).toBe(false);
    expect(applySiteHints(page(), bad)).toEqual(page());
    expect(applySiteHints(page(), 'not a list' as unknown as unknown[])).toEqual(page());
  });

  it('page text in a hint stays text: markup is compared and kept as the characters it is', () => {
    const c = page();
    c.talk!.speakers.push({ name: '<img src=x onerror=alert(1)>' });
    const out = applySiteHints(c, [
      hint({ kind: 'reject', field: 'speakers', value: '<img src=x onerror=alert(1)>' }),
      hint({ kind: 'event-name', name: '<b>Rust</b> Berlin' }),
    ]);
    expect(out.talk?.speakers.map((s) => s.name)).toEqual(['Admin', 'Jana Nowak']);
    expect(out.event).toEqual({ name: '<b>Rust</b> Berlin' });
  });

  it('a capture whose URL has no site (a file, a data URL) is returned as it came', () => {
    const c = { ...page(), url: 'file:///home/me/talk.html' };
    expect(applySiteHints(c, [hint({ kind: 'never', field: 'speakers' })])).toBe(c);
  });
});

describe('candidates in the capture schema (what a content script may send)', () => {
  it('keeps the candidates, bounded, and drops a link that is not http(s) rather than the capture', () => {
    const sent = {
      ...page(),
      candidates: {
        speakers: [{ value: 'Jana Nowak', source: 'label', label: 'Vortragende' }],
        slidesUrl: [
          { value: 'javascript:alert(1)', source: 'link-text' },
          { value: 'https://speakerdeck.com/jana/async-rust', source: 'host' },
        ],
      },
    };
    expect(parseCapture(sent)?.candidates).toEqual({
      speakers: [{ value: 'Jana Nowak', source: 'label', label: 'Vortragende' }],
      slidesUrl: [{ value: 'https://speakerdeck.com/jana/async-rust', source: 'host' }],
    });
    const many = {
      ...page(),
      candidates: { speakers: Array.from({ length: 51 }, () => ({ value: 'A', source: 'x' })) },
    };
    expect(parseCapture(many)).toBeNull();
  });
});
