// @vitest-environment jsdom
/**
 * The generic reader's page scans after they moved from JS passes over every element to the browser's
 * tag collections and selector engine (capture/tags.ts, sessions/generic/page-elements.ts): what the
 * JS tests took, the new scans still take (mixed-case class names, headings of several levels in page
 * order, a noscript's text left out), and the bound on how far into a page the reader looks still
 * holds. Expected values are written here by hand.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { readTalkPage } from '../../../capture/sessions/generic';
import { labelField } from '../../../capture/sessions/generic/labels';
import { byTags, firstMatch, hasClassMatch } from '../../../capture/tags';

const URL_ = 'https://talks.example.org/2019/talks/deep-dive/';
const page = (body: string, head = '<title>Deep dive into caches</title>') =>
  new JSDOM(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`, { url: URL_ }).window
    .document;
const read = (doc: Document) => readTalkPage(doc, new URL(URL_));
/** A speaker label, so the page reads as one talk's page whatever else it shows. */
const SPEAKER = '<dl><dt>Speaker</dt><dd>Ada Lovelace</dd><dt>Date</dt><dd>2019-10-01 14:30</dd></dl>';

describe('tag lookups (capture/tags.ts)', () => {
  const doc = page(
    '<h3 id="a">A</h3><div><h2 id="b">B</h2><section><h5 id="c">C</h5></section></div><h2 id="d">D</h2><p class="page" data-page-number="1"></p>',
    '<meta name="description" content="x"><meta name="GENERATOR"><meta name="Generator" content="pretalx"><link rel="Canonical" href="/x"><link rel="alternate canonical" href="/y">',
  );

  it('byTags gives the elements of several tags in page order, cut at the limit', () => {
    const ids = (els: Element[]) => els.map((e) => e.id);
    expect(ids(byTags(doc, ['h2', 'h3', 'h4', 'h5']))).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(byTags(doc, ['h5', 'h2'], 2))).toEqual(['b', 'c']);
    expect(ids(byTags(doc.body, ['h4']))).toEqual([]);
  });

  it('firstMatch takes the first element of the tag the selector accepts (case-blind where it says i)', () => {
    expect(firstMatch(doc, 'meta', 'meta[name="generator" i][content]')?.getAttribute('content')).toBe(
      'pretalx',
    );
    expect(firstMatch(doc, 'link', 'link[rel~="canonical" i][href]')?.getAttribute('href')).toBe('/x');
    expect(firstMatch(doc, 'meta', 'meta[name="author"]')).toBeNull();
  });

  it('hasClassMatch asks the selector of the elements of one class only', () => {
    expect(hasClassMatch(doc, 'page', 'body > .page[data-page-number]')).toBe(true);
    expect(hasClassMatch(doc, 'page', '.pdfViewer .page')).toBe(false);
  });
});

describe('the reader finds what its JS scans found', () => {
  it('a breadcrumb trail whose class is in capitals, after an element whose class only contains the word', () => {
    const doc = page(
      `<span class="breadcrumb-item">Not the trail</span><ol class="Site BreadCrumbs"><li><a href="/">Home</a></li><li><a href="/2019/">ExampleConf 2019</a></li></ol><main><h1>Deep dive into caches</h1>${SPEAKER}</main>`,
    );
    const capture = read(doc).capture;
    expect(capture?.event?.name).toBe('ExampleConf 2019');
    expect(capture?.evidence?.event).toBe('breadcrumb');
  });

  it('a speaker name marked with a mixed-case class', () => {
    const doc = page(
      '<main><h1>Deep dive into caches</h1><div class="Talk-Speaker-Name">Grace Hopper</div><p>Slides: <a href="/slides.pdf">slides.pdf</a></p></main>',
    );
    const capture = read(doc).capture;
    expect(capture?.talk?.speakers.map((s) => s.name)).toEqual(['Grace Hopper']);
    expect(capture?.evidence?.speakers).toBe('class');
  });

  it('a dated element marked by a mixed-case class gives the day', () => {
    const doc = page(
      '<main><h1>Deep dive into caches</h1><dl><dt>Speaker</dt><dd>Ada Lovelace</dd></dl><div class="Event-Date">2019-10-01 14:30</div></main>',
    );
    expect(read(doc).wallStart).toBe('2019-10-01T14:30');
  });

  it('the abstract under the first abstract heading in page order, whatever its level', () => {
    const doc = page(
      `<main><h1>Deep dive into caches</h1>${SPEAKER}<h4>Summary</h4><p>Caches, first reading.</p><h2>Abstract</h2><p>Caches, second reading.</p></main>`,
    );
    expect(read(doc).capture?.talk?.abstract).toBe('Caches, first reading.');
  });

  it('text inside a noscript (parsed as elements when scripts are off) is not the lead', () => {
    const doc = page(
      '<main><h1>Deep dive into caches</h1><noscript><div><p>The talk was given by Eve Hacker.</p></div></noscript><p>The talk was given by Ada Lovelace at ExampleConf 2019.</p></main>',
    );
    const capture = read(doc).capture;
    expect(capture?.talk?.speakers.map((s) => s.name)).toEqual(['Ada Lovelace']);
    expect(capture?.evidence?.speakers).toBe('sentence');
  });

  it('looks no further than the first 20,000 elements: a trail there counts, one after them does not', () => {
    const filler = '<i></i>'.repeat(19_990);
    const trail = '<ol class="breadcrumb"><li><a href="/2019/">ExampleConf 2019</a></li></ol>';
    const before = page(`${trail}${filler}<main><h1>Deep dive into caches</h1>${SPEAKER}</main>`);
    expect(read(before).capture?.event?.name).toBe('ExampleConf 2019');
    const after = page(
      `${filler}<main><h1>Deep dive into caches</h1>${SPEAKER}</main>${'<b></b>'.repeat(20)}${trail}`,
    );
    expect(read(after).capture?.event).toBeUndefined();
  });
});

describe('labelField answers again what it answered', () => {
  it('the same field for a label read many times, and after many other texts', () => {
    expect(labelField('Speaker:')).toBe('speakers');
    expect(labelField('Speaker:')).toBe('speakers');
    expect(labelField('eviction')).toBeUndefined();
    for (let i = 0; i < 6_000; i++) labelField(`word ${i}`);
    expect(labelField('Speaker:')).toBe('speakers');
    expect(labelField('eviction')).toBeUndefined();
    expect(labelField('Folien')).toBe('slides');
  });
});
