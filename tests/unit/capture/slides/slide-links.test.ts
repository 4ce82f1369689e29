// @vitest-environment jsdom
/**
 * The links a slide shows (capture/slides/links.ts), read by every adapter that knows the slide's
 * element: on hand-written slides (relative links, `javascript:`, `mailto:`, repeats, tracking
 * parameters, speaker notes, the cap) and on the real reveal.js demo deck.
 */
import { describe, expect, it } from 'vitest';
import { capturePage } from '../../../../capture';
import { parseCapture } from '../../../../capture/schema';
import { isSlideTrackingParam, MAX_SLIDE_LINKS, slideLinks } from '../../../../capture/slides/links';
import { isTrackingParam } from '../../../../storage/links';
import { fixtureDoc, htmlDoc } from './load';

const BASE = 'https://talks.example.org/2024/raft/index.html';

function slide(inner: string, base = BASE): Element {
  return htmlDoc(`<!doctype html><section id="s">${inner}</section>`, base).getElementById('s')!;
}

describe('slideLinks', () => {
  it('resolves relative links against the page, keeps http(s) only, and the text the slide shows', () => {
    const el = slide(`
      <a href="../papers/raft.pdf">The paper</a>
      <a href="/about">About</a>
      <a href="//cdn.example.net/x.png">Figure</a>
      <a href="#/3">Next slide</a>
      <a href="javascript:alert(1)">Run</a>
      <a href=" JavaScript:void(0)">Run again</a>
      <a href="mailto:speaker@example.org">Mail me</a>
      <a href="tel:+3212345">Call</a>
      <a href="data:text/html,hi">Data</a>
      <a href="ftp://files.example.org/x">FTP</a>
      <a>No address</a>
      <a href="http://[bad">Broken</a>`);
    expect(slideLinks(el, BASE)).toEqual([
      { url: 'https://talks.example.org/2024/papers/raft.pdf', text: 'The paper' },
      { url: 'https://talks.example.org/about', text: 'About' },
      { url: 'https://cdn.example.net/x.png', text: 'Figure' },
      { url: 'https://talks.example.org/2024/raft/index.html#/3', text: 'Next slide' },
    ]);
  });

  it('removes tracking parameters (an emptied query goes) and keeps the others', () => {
    const el = slide(`
      <a href="https://raft.github.io/?utm_source=slides&utm_medium=talk">Raft site</a>
      <a href="https://example.com/watch?v=abc&fbclid=XYZ&si=share">Video</a>
      <a href="https://example.com/search?q=raft&ref=deck">Search</a>`);
    expect(slideLinks(el, BASE)).toEqual([
      { url: 'https://raft.github.io/', text: 'Raft site' },
      { url: 'https://example.com/watch?v=abc', text: 'Video' },
      { url: 'https://example.com/search?q=raft', text: 'Search' },
    ]);
  });

  it('lists each address once, first seen first, taking the first text that says something', () => {
    const el = slide(`
      <a href="https://raft.github.io/">https://raft.github.io/</a>
      <a href="https://raft.github.io">The Raft site</a>
      <a href="https://raft.github.io/?utm_campaign=x">Raft again</a>
      <a href="https://etcd.io/"><img src="logo.png" alt="etcd logo"></a>
      <a href="https://etcd.io/" title="etcd">etcd</a>
      <a href="https://raft.github.io/raft.pdf" title="The paper (PDF)"><img src="p.png"></a>`);
    expect(slideLinks(el, BASE)).toEqual([
      { url: 'https://raft.github.io/', text: 'The Raft site' },
      { url: 'https://etcd.io/', text: 'etcd logo' },
      { url: 'https://raft.github.io/raft.pdf', text: 'The paper (PDF)' },
    ]);
  });

  it('leaves out speaker notes, and reads image map areas', () => {
    const el = slide(`
      <p><a href="https://a.example/shown">Shown</a></p>
      <aside class="notes">Remember <a href="https://a.example/secret">my notes</a></aside>
      <map name="m"><area href="/map-area" alt="Region"></map>`);
    expect(slideLinks(el, BASE)).toEqual([
      { url: 'https://a.example/shown', text: 'Shown' },
      { url: 'https://talks.example.org/map-area' },
    ]);
  });

  it('keeps at most 20 links', () => {
    const many = Array.from({ length: 30 }, (_, i) => `<a href="https://a.example/${i}">Link ${i}</a>`).join(
      '',
    );
    const links = slideLinks(slide(many), BASE);
    expect(MAX_SLIDE_LINKS).toBe(20);
    expect(links).toHaveLength(20);
    expect(links[0]).toEqual({ url: 'https://a.example/0', text: 'Link 0' });
    expect(links[19]).toEqual({ url: 'https://a.example/19', text: 'Link 19' });
  });

  it('gives nothing for no slide or a slide without links', () => {
    expect(slideLinks(null, BASE)).toEqual([]);
    expect(slideLinks(slide('<h2>Plain</h2><p>No links here.</p>'), BASE)).toEqual([]);
  });

  it('resolves against the document base (a <base href>), as the browser does', () => {
    const doc = htmlDoc(
      '<!doctype html><head><base href="https://cdn.example.org/decks/raft/"></head><section id="s"><a href="img/fig.png">Fig</a></section>',
      BASE,
    );
    const el = doc.getElementById('s')!;
    expect(slideLinks(el, doc.baseURI)).toEqual([
      { url: 'https://cdn.example.org/decks/raft/img/fig.png', text: 'Fig' },
    ]);
  });

  it('removes the same tracking parameters as the links collected per talk (storage/links.ts)', () => {
    const names = [
      'utm_source',
      'utm_whatever_2',
      '_ga',
      '_gl',
      'fbclid',
      'gclid',
      'gclsrc',
      'dclid',
      'gbraid',
      'wbraid',
      'msclkid',
      'yclid',
      'twclid',
      'ttclid',
      'li_fat_id',
      'igshid',
      'si',
      'mc_cid',
      '_hsenc',
      '_hsmi',
      'mkt_tok',
      'vero_id',
      'oly_enc_id',
      'ck_subscriber_id',
      'ref',
      'ref_src',
      'ref_url',
      'referrer',
      'UTM_SOURCE',
      // Kept by both:
      'source',
      'v',
      'q',
      'page',
      'utm',
      'reference',
    ];
    for (const n of names) expect(isSlideTrackingParam(n), n).toBe(isTrackingParam(n));
    expect(isSlideTrackingParam('source')).toBe(false);
    expect(isSlideTrackingParam('utm_source')).toBe(true);
  });
});

describe('adapters record the current slide’s links (reveal.js@6.0.2 demo.html)', () => {
  it('the "Transition Styles" slide: its six relative links, resolved against the deck', () => {
    const url = 'http://127.0.0.1:8000/demo.html#/transitions';
    const doc = fixtureDoc('reveal/demo-2-1.html', url);
    // Before reveal has started: the #/transitions route names the slide.
    for (const el of doc.querySelectorAll('.present')) el.classList.remove('present');
    const c = capturePage(doc, url);
    expect(c.slide?.title).toBe('Transition Styles');
    expect(c.slide?.links).toEqual(
      ['None', 'Fade', 'Slide', 'Convex', 'Concave', 'Zoom'].map((name) => ({
        url: `http://127.0.0.1:8000/demo.html?transition=${name.toLowerCase()}#/transitions`,
        text: name,
      })),
    );
    // What the content script sends passes the schema unchanged.
    expect(parseCapture(c)?.slide?.links).toEqual(c.slide?.links);
  });

  it('the title slide: the logo link (by its alt text) and the two credits', () => {
    const url = 'http://127.0.0.1:8000/demo.html#/0';
    const doc = fixtureDoc('reveal/demo-2-1.html', url);
    for (const el of doc.querySelectorAll('.present')) el.classList.remove('present');
    expect(capturePage(doc, url).slide?.links).toEqual([
      { url: 'https://revealjs.com/', text: 'reveal.js logo' },
      { url: 'http://hakim.se/', text: 'Hakim El Hattab' },
      { url: 'https://github.com/hakimel/reveal.js/graphs/contributors', text: 'contributors' },
    ]);
  });

  it('a slide without links has none', () => {
    const url = 'http://127.0.0.1:8000/demo.html#/2/1';
    const c = capturePage(fixtureDoc('reveal/demo-2-1.html', url), url);
    expect(c.slide?.title).toBe('Basement Level 1');
    expect(c.slide).not.toHaveProperty('links');
  });

  it('the schema drops a link that is not http(s), and refuses more than 20', () => {
    const base = { url: 'https://a.example/', title: 'Deck', kind: 'slides', platform: 'reveal' };
    const one = parseCapture({
      ...base,
      slide: {
        index: 0,
        label: '1',
        links: [
          { url: 'javascript:alert(1)', text: 'x' },
          { url: 'https://a.example/ok', text: 'ok' },
        ],
      },
    });
    expect(one?.slide?.links).toEqual([{ url: 'https://a.example/ok', text: 'ok' }]);
    const tooMany = Array.from({ length: 21 }, (_, i) => ({ url: `https://a.example/${i}` }));
    expect(parseCapture({ ...base, slide: { index: 0, label: '1', links: tooMany } })).toBeNull();
  });
});
