// @vitest-environment jsdom
/**
 * Fixture tests on real decks run by their real engines (tests/fixtures/slides/snapshot.mjs):
 * reveal.js and impress.js demo decks from their npm packages, a deck rendered by marp-cli, and the
 * Shower template's own deck run by @shower/core.
 */
import { describe, expect, it } from 'vitest';
import { capturePage } from '../../../../capture';
import { fixtureDoc } from './load';

describe('reveal.js (reveal.js@6.0.2 demo.html)', () => {
  const url = 'http://127.0.0.1:8000/demo.html#/2/1';
  const doc = fixtureDoc('reveal/demo-2-1.html', url);

  it('reads the vertical sub-slide: index in reading order, reveal’s "h.v" label, title and text', () => {
    const c = capturePage(doc, url);
    expect(c).toMatchObject({
      kind: 'slides',
      platform: 'reveal',
      url: 'http://127.0.0.1:8000/demo.html',
      title: 'reveal.js – The HTML Presentation Framework',
      slide: { index: 3, label: '3.2', title: 'Basement Level 1' },
      deck: { title: 'reveal.js – The HTML Presentation Framework', url: 'http://127.0.0.1:8000/demo.html' },
    });
    expect(c.slide?.text).toContain('Nested slides are useful for adding additional detail');
    expect(c.slide?.text?.startsWith('Basement Level 1')).toBe(true);
  });

  it('counts every slide reveal navigates to (vertical ones included, hidden ones not)', () => {
    const c = capturePage(doc, url);
    const sections = [...doc.querySelectorAll('.reveal .slides > section')];
    const expected = sections.reduce(
      (n, s) => n + Math.max(1, s.querySelectorAll(':scope > section').length),
      0,
    );
    expect(c.deck?.slideCount).toBe(expected);
    expect(doc.querySelector('[data-visibility="hidden"]')).toBeNull(); // reveal removed it at start
  });

  it('follows the named route #/fragments to the slide with that id', () => {
    const named = 'http://127.0.0.1:8000/demo.html#/fragments';
    const c = capturePage(fixtureDoc('reveal/demo-fragments.html', named), named);
    expect(c.slide).toMatchObject({ title: 'Fragments' });
    expect(c.slide?.label).toMatch(/^\d+\.1$/);
  });

  it('before reveal has started (no .present), reads #/h/v and #/name from the URL', () => {
    const d = fixtureDoc('reveal/demo-2-1.html', url);
    for (const el of d.querySelectorAll('.present')) el.classList.remove('present');
    expect(capturePage(d, 'http://127.0.0.1:8000/demo.html#/2').slide).toMatchObject({
      index: 2,
      label: '3.1',
    });
    expect(capturePage(d, 'http://127.0.0.1:8000/demo.html#/2/2').slide).toMatchObject({
      index: 4,
      label: '3.3',
      title: 'Basement Level 2',
    });
    expect(capturePage(d, 'http://127.0.0.1:8000/demo.html#/fragments').slide?.title).toBe('Fragments');
  });
});

describe('impress.js (impress.js@1.1.0 index.html)', () => {
  const url = 'http://127.0.0.1:8000/index.html#/big';
  it('reads the active step: its id is the label, its position the index', () => {
    const doc = fixtureDoc('impress/index-big.html', url);
    const c = capturePage(doc, url);
    const steps = [...doc.querySelectorAll('#impress .step')];
    expect(c).toMatchObject({ kind: 'slides', platform: 'impress', slide: { label: 'big' } });
    expect(c.slide?.index).toBe(steps.findIndex((s) => s.id === 'big'));
    expect(c.deck?.slideCount).toBe(steps.length);
    expect(c.slide?.text).toContain('big thoughts');
  });
});

describe('Marp (deck rendered by @marp-team/marp-cli 4.5.1)', () => {
  it('reads the bespoke-marp-active slide of the running deck', () => {
    const url = 'http://127.0.0.1:8000/deck.html#3';
    const c = capturePage(fixtureDoc('marp/runtime-3.html', url), url);
    expect(c).toMatchObject({
      kind: 'slides',
      platform: 'marp',
      deck: { title: 'Replication in practice', author: 'Talkmarks fixture', slideCount: 4 },
      slide: { index: 2, label: '3', title: 'Quorums' },
    });
    expect(c.slide?.text).toContain('Write to W nodes');
  });

  it('reads #N from the URL in the rendered file (no runtime classes yet); notes stay out of the text', () => {
    const url = 'http://127.0.0.1:8000/deck.html#2';
    const c = capturePage(fixtureDoc('marp/deck.html', url), url);
    expect(c.slide).toMatchObject({ index: 1, label: '2', title: 'Why replicate?' });
    expect(c.slide?.text).not.toContain('Speaker note');
  });
});

describe('Shower (the Shower template deck run by @shower/core 3.3.0)', () => {
  it('reads the active slide in full mode: id label, h2 title, the caption as the deck title', () => {
    const url = 'http://127.0.0.1:8000/source.html?full#3';
    const c = capturePage(fixtureDoc('shower/runtime-3.html', url), url);
    expect(c).toMatchObject({
      kind: 'slides',
      platform: 'shower',
      deck: { title: 'Shower Presentation Engine', slideCount: 12 },
      slide: { index: 2, label: '3', title: 'Plain text on your slides' },
    });
  });

  it('in list mode with nothing active, takes the slide the hash names', () => {
    const url = 'http://127.0.0.1:8000/source.html#picture';
    const c = capturePage(fixtureDoc('shower/source.html', url), url);
    expect(c.slide).toMatchObject({ index: 8, label: 'picture', title: 'Pictures' });
  });
});
