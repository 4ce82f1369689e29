/**
 * Hostile talk pages the reader must survive with less data, never wrong data presented as certain,
 * and never an exception (issue 15, Must show), beyond those in generic-reader.test.ts: names the
 * page hides in its markup, labels that point at things that are not people, the talk's labels after
 * 10,000 rows of something else, a two-column table of 10,000 rows, markup nested 5,000 deep and a
 * one-megabyte value. Expected values are written here by hand.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { capturePage } from '../../../capture';
import { readTalkPage } from '../../../capture/sessions/generic';

const URL_ = 'https://talks.example.org/2019/talks/deep-dive/';
const page = (body: string, head = '<title>Deep dive into caches | ExampleConf 2019</title>') =>
  new JSDOM(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`, { url: URL_ }).window
    .document;
const names = (doc: Document) =>
  readTalkPage(doc, new URL(URL_)).capture?.talk?.speakers.map((s) => s.name) ?? [];

describe('hostile talk pages', () => {
  it('a name the page hides (hidden, aria-hidden, display:none, a hidden link) is never the speaker', () => {
    for (const hide of [
      '<span hidden>, Eve Hacker</span>',
      '<span aria-hidden="true">, Eve Hacker</span>',
      '<span style="display: none">, Eve Hacker</span>',
      '<a href="/people/eve" style="display:none">Eve Hacker</a>',
    ]) {
      const doc = page(
        `<main><h1>Deep dive into caches</h1><dl><dt>Speaker</dt><dd>Ada Lovelace${hide}</dd><dt>Event</dt><dd>ExampleConf 2019</dd></dl></main>`,
      );
      expect(names(doc), hide).toEqual(['Ada Lovelace']);
    }
  });

  it('labels that point at things, not people: no speaker, the rest still read', () => {
    for (const value of [
      'Microphone 2',
      'Room 101',
      'see the schedule',
      'ACME Corp',
      'The Organizing Committee',
      '@ada',
    ]) {
      const doc = page(
        `<main><h1>Deep dive into caches</h1><dl><dt>Speaker</dt><dd>${value}</dd><dt>Event</dt><dd>ExampleConf 2019</dd><dt>Date</dt><dd>March 26, 2019 14:30</dd></dl></main>`,
      );
      const r = readTalkPage(doc, new URL(URL_));
      expect(r.capture?.talk?.speakers ?? [], value).toEqual([]);
      expect(r.capture?.event?.name, value).toBe('ExampleConf 2019');
      expect(r.wallStart, value).toBe('2019-03-26T14:30');
    }
  });

  it("the talk's labels after 10,000 rows of a sponsor list: less data (bounded), never a sponsor as speaker", () => {
    const sponsors = Array.from(
      { length: 10_000 },
      (_, i) => `<tr><th>Speaker</th><td>Sponsor Person${String.fromCharCode(65 + (i % 26))}</td></tr>`,
    ).join('');
    const doc = page(
      `<main><h1>Deep dive into caches</h1><section class="sponsors"><table>${sponsors}</table></section><dl><dt>Speaker</dt><dd>Ada Lovelace</dd></dl></main>`,
    );
    const found = names(doc);
    // the walk is bounded: the real label may lie beyond it (then nothing), but a sponsor is never taken
    expect(found.every((n) => n === 'Ada Lovelace')).toBe(true);
  }, 120_000);

  it('a two-column table of 10,000 rows with one real speaker row first: read, bounded, no exception', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `<tr><td>Row ${i}</td><td>${i}</td></tr>`).join('');
    const doc = page(
      `<main><h1>Deep dive into caches</h1><table><tr><th>Speaker</th><td>Ada Lovelace</td></tr><tr><th>Event</th><td>ExampleConf 2019</td></tr>${rows}</table></main>`,
    );
    const c = capturePage(doc, URL_);
    expect(c.talk?.speakers.map((s) => s.name)).toEqual(['Ada Lovelace']);
    expect(c.event?.name).toBe('ExampleConf 2019');
  }, 120_000);

  it('markup nested 5,000 deep and a one-megabyte value: no exception, no megabyte in the capture', () => {
    const deep = `${'<div>'.repeat(5000)}Speaker: Ada Lovelace${'</div>'.repeat(5000)}`;
    expect(() => capturePage(page(`<main><h1>Deep dive</h1>${deep}</main>`), URL_)).not.toThrow();
    const huge = 'x'.repeat(1_000_000);
    const c = capturePage(
      page(
        `<main><h1>Deep dive into caches</h1><dl><dt>Event</dt><dd>${huge}</dd><dt>Speaker</dt><dd>Ada Lovelace</dd></dl></main>`,
      ),
      URL_,
    );
    expect(JSON.stringify(c).length).toBeLessThan(20_000);
  }, 120_000);
});
