// @vitest-environment jsdom
/**
 * The generic slide reader on real decks made with engines no adapter knows (tests/fixtures/slides/
 * generic/*: each file's header names its repository, path and commit). No engine script runs in
 * jsdom, so each test puts the page in the state its engine documents (the classes, ids and hash
 * it sets, read from the engine's source) and checks what a person reads off the deck: the slide
 * count, the current slide's place, label and title. Then the other side: ordinary pages with many
 * sections, carousels and tabs never become decks.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { capturePage, gotoTarget } from '../../../capture';
import { parseCapture } from '../../../capture/schema';

function deckDoc(name: string, url: string): Document {
  const html = readFileSync(resolve('tests/fixtures/slides/generic', name), 'utf8');
  return new JSDOM(html, { url }).window.document;
}

function htmlDoc(html: string, url: string): Document {
  return new JSDOM(html, { url }).window.document;
}

/** Puts `classes` on every element of `els` by position: deck engines mark slides before, at and after the current one. */
function mark(els: Element[], at: number, current: string, before: string[], after: string[]): void {
  els.forEach((el, i) => {
    if (i === at) el.classList.add(current);
    else el.classList.add(...(i < at ? before : after));
  });
}

describe('CSSS (LeaVerou/csss index.html, the intro deck)', () => {
  // CSSS shows the slide the hash names (`:target`; slideshow.js goto() sets location.hash = slide id).
  it('reads the slide the hash names: its place among the 21 slides, its id as label, its heading', () => {
    const url = 'http://127.0.0.1:8000/index.html#navigation';
    const c = capturePage(deckDoc('csss-intro.html', url), url);
    expect(c).toMatchObject({
      kind: 'slides',
      platform: 'generic-deck',
      url: 'http://127.0.0.1:8000/index.html',
      title: 'CSSS: A brief introduction',
      deck: { title: 'CSSS: A brief introduction', slideCount: 21 },
      slide: { index: 4, label: 'navigation', title: 'Navigation' },
    });
    expect(c.slide?.text).toContain('Home to go to the first slide, End to go to the last');
    expect(parseCapture(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });

  it('names the last slide by its heading, and goes back to a slide by setting its id as the hash', () => {
    const url = 'http://127.0.0.1:8000/index.html#navigation';
    const doc = deckDoc('csss-intro.html', url);
    // slideshow.js gives id-less slides "slide" + (i + 1).
    [...doc.querySelectorAll('.slide')].forEach((s, i) => {
      if (!s.id) s.id = `slide${i + 1}`;
    });
    expect(gotoTarget(doc, url, { slide: { index: 20, label: 'slide21' } })).toBe(true);
    expect(doc.location.hash).toBe('#slide21');
    const c = capturePage(doc, doc.location.href);
    expect(c.slide).toMatchObject({ index: 20, label: 'slide21', title: 'Thank you!' });
  });

  it('is no deck at all before a slide is chosen (no hash, no class): it cannot say which one is shown', () => {
    const url = 'http://127.0.0.1:8000/index.html';
    const c = capturePage(deckDoc('csss-intro.html', url), url);
    expect(c.platform).not.toBe('generic-deck');
    expect(c.kind).not.toBe('slides');
  });
});

describe('Inspire.js (LeaVerou/csss index.html at its Inspire.js commit)', () => {
  it('reads #overview as the 13th of 22 slides', () => {
    const url = 'http://127.0.0.1:8000/index.html#overview';
    const c = capturePage(deckDoc('inspire-intro.html', url), url);
    expect(c).toMatchObject({
      platform: 'generic-deck',
      deck: { slideCount: 22, title: 'Inspire.js: A brief introduction' },
      slide: { index: 12, label: 'overview', title: 'Overview' },
    });
  });
});

describe('deck.js (imakewebthings/deck.js introduction/index.html)', () => {
  // deck.core.js: the current slide gets deck-current, the slides holding it deck-child-current,
  // its neighbours deck-previous / deck-next, the rest deck-before / deck-after.
  function atSlide(at: number): { doc: Document; c: ReturnType<typeof capturePage> } {
    const url = 'http://127.0.0.1:8000/introduction/index.html';
    const doc = deckDoc('deckjs-introduction.html', url);
    const slides = [...doc.querySelectorAll('.slide')];
    mark(slides, at, 'deck-current', ['deck-before'], ['deck-after']);
    slides[at - 1]?.classList.replace('deck-before', 'deck-previous');
    slides[at + 1]?.classList.replace('deck-after', 'deck-next');
    for (const s of slides)
      if (s !== slides[at] && s.contains(slides[at] as Element)) s.classList.add('deck-child-current');
    return { doc, c: capturePage(doc, url) };
  }

  it('reads a nested sub-slide (deck.menu, the 8th of 17) with its parent slide’s heading', () => {
    const { c } = atSlide(7);
    expect(c).toMatchObject({
      platform: 'generic-deck',
      deck: { title: 'Getting Started with deck.js', slideCount: 17 },
      slide: { index: 7, label: '8', title: 'Extensions' },
    });
    expect(c.slide?.text).toContain('deck.menu');
  });

  it('reads an ordinary slide and cannot jump back (deck.js without its hash extension has no URL per slide)', () => {
    const { doc, c } = atSlide(12);
    expect(c.slide).toMatchObject({ index: 12, label: '13', title: 'Nested Slides' });
    expect(
      gotoTarget(doc, 'http://127.0.0.1:8000/introduction/index.html', { slide: { index: 2, label: '3' } }),
    ).toBe(false);
  });
});

describe('WebSlides (webslides/WebSlides demos/keynote.html)', () => {
  // slide.js: each section gets class "slide" and id "section-N" (1-based); show() adds "current",
  // hide() sets display:none; going forward moves the slide left behind after the last one
  // (moveAfterLast); the hash plugin writes #slide=N.
  it('reads slide 2 of 40 after one step forward, in the deck’s order although the DOM has moved slide 1 last, copies in the zoom view left out', () => {
    const url = 'http://127.0.0.1:8000/demos/keynote.html#slide=2';
    const doc = deckDoc('webslides-keynote.html', url);
    const root = doc.getElementById('webslides') as Element;
    const sections = [...root.querySelectorAll(':scope > section')];
    sections.forEach((s, i) => {
      s.classList.add('slide');
      s.id = `section-${i + 1}`;
      if (i !== 1) (s as HTMLElement).style.display = 'none';
    });
    sections[1]?.classList.add('current');
    root.appendChild(sections[0] as Element); // moveAfterLast
    // zoom.js: a copy of #webslides (id webslides-zoomed) after it, each slide cloned with its id and classes, wrapped.
    const zoomed = root.cloneNode() as Element;
    zoomed.id = 'webslides-zoomed';
    for (const s of sections) {
      const wrap = doc.createElement('div');
      wrap.className = 'wrap-zoom';
      wrap.appendChild(s.cloneNode(true));
      zoomed.appendChild(wrap);
    }
    root.after(zoomed);
    const c = capturePage(doc, url);
    expect(c).toMatchObject({
      platform: 'generic-deck',
      deck: { slideCount: 40, title: 'Make a Keynote presentation using HTML' }, // its og:title
      slide: { index: 1, label: '2', title: 'Make a Keynote presentation using HTML' },
    });
    expect(gotoTarget(doc, url, { slide: { index: 3, label: '4' } })).toBe(true);
    expect(doc.location.hash).toBe('#slide=4');
  });

  it('before the engine runs, the #slide=N hash of the deck container’s sections says where it opens', () => {
    const url = 'http://127.0.0.1:8000/demos/keynote.html#slide=3';
    const c = capturePage(deckDoc('webslides-keynote.html', url), url);
    expect(c.slide).toMatchObject({ index: 2, label: '3', title: 'HTML presentations can be easy' });
  });
});

describe('bespoke.js (markdalgleish/presentation-a-unified-styling-language, gh-pages index.html)', () => {
  // bespoke-classes: bespoke-parent on the parent, bespoke-slide on each slide, bespoke-active on the
  // current one, bespoke-inactive plus bespoke-before(-N) / bespoke-after(-N) on the others.
  it('reads the bespoke-active slide: 7th of 143, “Just learn CSS”', () => {
    const url = 'http://127.0.0.1:8000/';
    const doc = deckDoc('bespoke-unified-styling.html', url);
    const parent = doc.querySelector('article') as Element;
    parent.classList.add('bespoke-parent');
    const slides = [...parent.children];
    for (const s of slides) s.classList.add('bespoke-slide');
    slides.forEach((s, i) => {
      if (i === 6) s.classList.add('bespoke-active');
      else {
        const side = i < 6 ? 'before' : 'after';
        s.classList.add('bespoke-inactive', `bespoke-${side}`, `bespoke-${side}-${Math.abs(i - 6)}`);
      }
    });
    const c = capturePage(doc, url);
    expect(c).toMatchObject({
      platform: 'generic-deck',
      deck: { title: 'A Unified Styling Language', slideCount: 143 },
      slide: { index: 6, label: '7', title: '“Just learn CSS”' },
    });
  });

  it('without bespoke running (no class, no hash) the page is not a deck', () => {
    const url = 'http://127.0.0.1:8000/';
    expect(capturePage(deckDoc('bespoke-unified-styling.html', url), url).kind).not.toBe('slides');
  });
});

describe('a hand-rolled deck (ReDI-School lesson-2.html)', () => {
  // lesson.js numbers the sections slide-1…slide-N and moves by setting the hash; lesson.css makes
  // each section 1200px high, so one fills the window at a time (a browser's layout, stubbed here).
  function lesson(url: string, layout: boolean): Document {
    const doc = deckDoc('handrolled-redi-lesson-2.html', url);
    [...doc.getElementsByTagName('section')].forEach((s, i) => {
      s.id = `slide-${i + 1}`;
      if (layout) s.getBoundingClientRect = () => ({ width: 1280, height: 1200 }) as DOMRect;
    });
    if (layout) {
      Object.defineProperty(doc.defaultView, 'innerWidth', { value: 1280 });
      Object.defineProperty(doc.defaultView, 'innerHeight', { value: 900 });
    }
    return doc;
  }

  it('reads the slide the hash names when the sections are window-sized: “Projects”, 4th of 16', () => {
    const url = 'http://127.0.0.1:8000/lesson-2.html#slide-4';
    const c = capturePage(lesson(url, true), url);
    expect(c).toMatchObject({
      platform: 'generic-deck',
      deck: { title: 'Lesson 2 - BWD - ReDI', slideCount: 16 },
      slide: { index: 3, label: 'slide-4', title: 'Projects' },
    });
  });

  it('plain sections and a hash are not enough without that layout (an article with anchors has both)', () => {
    const url = 'http://127.0.0.1:8000/lesson-2.html#slide-4';
    expect(capturePage(lesson(url, false), url).kind).not.toBe('slides');
  });
});

describe('markers a hand-rolled deck uses', () => {
  const slides = (attrs: string[]) =>
    `<main id="talk">${attrs.map((a, i) => `<section ${a}><h2>Point ${i + 1}</h2><p>${'words '.repeat(20)}</p></section>`).join('')}</main>`;

  it('aria-current on one section', () => {
    const url = 'http://127.0.0.1/deck.html';
    const c = capturePage(htmlDoc(slides(['', '', 'aria-current="step"', '']), url), url);
    expect(c.slide).toMatchObject({ index: 2, label: '3', title: 'Point 3' });
  });

  it('the only section not hidden', () => {
    const url = 'http://127.0.0.1/deck.html';
    const c = capturePage(htmlDoc(slides(['hidden', 'style="display:none"', '', 'hidden']), url), url);
    expect(c.slide).toMatchObject({ index: 2, title: 'Point 3' });
  });

  it('a class "active" on one section', () => {
    const url = 'http://127.0.0.1/deck.html';
    const c = capturePage(htmlDoc(slides(['', 'class="slide-x active"', '', '']), url), url);
    expect(c.slide).toMatchObject({ index: 1, title: 'Point 2' });
  });
});

describe('hostile decks', () => {
  const huge = (n: number, marked: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => `<div class="slide ${marked(i)}"><h2>S${i + 1}</h2>x</div>`).join('');

  it('5,000 slides: the current one among the first 3,000 read is found, the count is not claimed', () => {
    const url = 'http://127.0.0.1/huge.html';
    const t0 = performance.now();
    const c = capturePage(
      htmlDoc(
        huge(5000, (i) => (i === 41 ? 'active' : '')),
        url,
      ),
      url,
    );
    expect(c.slide).toMatchObject({ index: 41, label: '42', title: 'S42' });
    expect(c.deck?.slideCount).toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(20_000); // jsdom parse included; the walk itself is linear
  });

  it('half the slides marked active: no current slide, so no deck', () => {
    const url = 'http://127.0.0.1/huge.html';
    const c = capturePage(
      htmlDoc(
        huge(3000, (i) => (i % 2 ? 'active' : '')),
        url,
      ),
      url,
    );
    expect(c.kind).not.toBe('slides');
  });

  it('markup in a slide heading comes back as plain text', () => {
    const url = 'http://127.0.0.1/x.html';
    const html = `<div class="slide">a</div><div class="slide active"><h2>&lt;img src=x onerror=alert(1)&gt; <b>Bold</b></h2></div><div class="slide">c</div>`;
    const c = capturePage(htmlDoc(html, url), url);
    expect(c.slide?.title).toBe('<img src=x onerror=alert(1)> Bold');
    expect(parseCapture(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });
});

describe('pages that are not decks', () => {
  const para = (n: number) => `<p>${'An ordinary paragraph of an ordinary article. '.repeat(n)}</p>`;

  it('an article of many sections, opened at one of their anchors', () => {
    const url = 'http://127.0.0.1/article.html#part-3';
    const html = `<article><h1>A long read</h1>${[1, 2, 3, 4, 5, 6].map((i) => `<section id="part-${i}"><h2>Part ${i}</h2>${para(10)}</section>`).join('')}</article>`;
    expect(capturePage(htmlDoc(html, url), url).kind).not.toBe('slides');
  });

  it('a carousel of slides inside an article, one of them active', () => {
    const url = 'http://127.0.0.1/article.html';
    const html = `<article><h1>News</h1>${para(40)}<div class="carousel"><div class="slide active">One</div><div class="slide">Two</div><div class="slide">Three</div></div>${para(40)}</article>`;
    expect(capturePage(htmlDoc(html, url), url).kind).not.toBe('slides');
  });

  it('a small slider of .slide elements in a long page (most of the text outside it)', () => {
    const url = 'http://127.0.0.1/article.html';
    const html = `<article>${para(60)}<div class="slider"><div class="slide current">A</div><div class="slide">B</div><div class="slide">C</div></div></article>`;
    expect(capturePage(htmlDoc(html, url), url).kind).not.toBe('slides');
  });

  it('tab panels, one shown', () => {
    const url = 'http://127.0.0.1/docs.html';
    const html = `<div role="tablist"><button role="tab">a</button></div>${['', 'hidden', 'hidden'].map((h, i) => `<section role="tabpanel" ${h}><h2>Tab ${i}</h2>${para(5)}</section>`).join('')}`;
    expect(capturePage(htmlDoc(html, url), url).kind).not.toBe('slides');
  });

  it('sections that every one carry the same "active" class', () => {
    const url = 'http://127.0.0.1/page.html';
    const html = [1, 2, 3, 4]
      .map((i) => `<section class="active"><h2>S${i}</h2>${para(3)}</section>`)
      .join('');
    expect(capturePage(htmlDoc(html, url), url).kind).not.toBe('slides');
  });

  /** Every saved page and session fixture (other helpers add pages there too: none may become a deck). */
  function pages(dir: string): string[] {
    const out: string[] = [];
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) out.push(...pages(path));
      else if (name.endsWith('.html')) out.push(path);
    }
    return out;
  }
  const files = [...pages(resolve('tests/fixtures/pages')), ...pages(resolve('tests/fixtures/sessions'))];

  it.each(files)('%s is not a deck', (file) => {
    const url = 'https://conference.example/talks/some-talk/';
    const c = capturePage(htmlDoc(readFileSync(file, 'utf8'), url), url);
    expect(c.platform).not.toBe('generic-deck');
  });
});
