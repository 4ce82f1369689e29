// @vitest-environment jsdom
/**
 * remark on real markup: remark/boilerplate-2.html is gnab/remark's own boilerplate-local.html run by
 * remark 0.15.0 in Chromium at #2 (both from Debian's libjs-remark-slide 0.15.0+ds-2; regenerate with
 * `node tests/fixtures/slides/snapshot.mjs remark`).
 */
import { describe, expect, it } from 'vitest';
import { capturePage, gotoTarget } from '../../../../capture';
import { fixtureDoc } from './load';

const url = 'http://127.0.0.1:8000/remark/boilerplate-local.html#2';

describe('remark (gnab/remark boilerplate, run by remark 0.15.0)', () => {
  it('reads the visible slide: number from "N / total", heading, text without the number or notes', () => {
    const c = capturePage(fixtureDoc('remark/boilerplate-2.html', url), url);
    expect(c).toMatchObject({
      kind: 'slides',
      platform: 'remark',
      title: 'My Awesome Presentation',
      deck: {
        title: 'My Awesome Presentation',
        url: 'http://127.0.0.1:8000/remark/boilerplate-local.html',
        slideCount: 3,
      },
      slide: { index: 1, label: '2', title: 'Agenda' },
    });
    expect(c.slide?.text).toMatch(/^Agenda Introduction Deep-dive \.\.\./);
    expect(c.slide?.text).not.toContain('2 / 3');
  });

  it('keeps the presenter preview and the speaker notes out of the count and the text', () => {
    const doc = fixtureDoc('remark/boilerplate-2.html', url);
    // remark renders a fourth container (the next-slide preview) and slide 1's notes.
    expect(doc.querySelectorAll('.remark-slide-container')).toHaveLength(4);
    const first = 'http://127.0.0.1:8000/remark/boilerplate-local.html#1';
    doc.querySelector('.remark-visible')?.classList.remove('remark-visible');
    const c = capturePage(doc, first);
    expect(c.deck?.slideCount).toBe(3);
    expect(c.slide).toMatchObject({ index: 0, label: '1', title: 'My Awesome Presentation' });
    expect(c.slide?.text).not.toContain('Notes for the');
  });

  it('goes back to a slide through #N', () => {
    const doc = fixtureDoc('remark/boilerplate-2.html', url);
    expect(gotoTarget(doc, url, { slide: { index: 2, label: '3' } })).toBe(true);
    expect(doc.defaultView?.location.hash).toBe('#3');
  });
});
