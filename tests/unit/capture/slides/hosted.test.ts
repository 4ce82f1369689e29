// @vitest-environment jsdom
/**
 * Selector-level tests: the markup below is NOT a saved page. Each snippet carries only the selectors
 * and attributes that the cited sources document (../shared/research/capture.md holds the full
 * citations), so these tests pin the adapters to those conventions where no real page could be had:
 * SlideShare and Google Slides (docs/capture-coverage.md marks them "not checked on a saved page"),
 * Speaker Deck's current-slide marker (the saved player has none), the video position readers and
 * the PDF.js viewer. Real-markup tests: speakerdeck/remark/slidev.fixture.test.ts, frameworks.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { capturePage, gotoTarget } from '../../../../capture';
import { htmlDoc } from './load';

describe('Speaker Deck player: current-slide marker (selector-level)', () => {
  // Which slide the live player shows has no documented marker (the saved player in
  // speakerdeck.fixture.test.ts is in its initial state). The adapter's heuristic takes a slide with an
  // `active`/`current` class first; these slides follow the saved player's structure.
  const slide = (n: number, text: string, cls = '') =>
    `<div class="sd-player-slide js-sd-slide ${cls}" data-url="https://files.speakerdeck.com/presentations/abc/slide_${n}.jpg?1"><div class="sd-player-slides--content visually-hidden"><h2 class="sd-player-slides--heading">Slide ${n + 1}</h2><div class="sd-player-slides--text">${text}</div></div></div>`;
  const html = `<div class="sd-player js-sd-player" data-start-slide="0" data-url="https://speakerdeck.com/ctdesign/researching-casework" data-ratio="1.77">
    <div class="sd-player-title"><div class="sd-player-title-name"><a>Researching casework</a></div><div class="sd-player-title-author">by <a>ctdesign</a></div></div>
    <div class="sd-player-slides js-sd-player-slides">${slide(0, 'Researching casework')}${slide(1, 'Boundary queries', 'active')}${slide(2, 'Research aims')}</div></div>`;

  it('takes the slide marked active over ?slide=N and data-start-slide', () => {
    const url = 'https://speakerdeck.com/player/1910ac12ec6a4e6eb07b38ad85c09631?slide=3';
    const c = capturePage(htmlDoc(html, url), url);
    expect(c.slide).toMatchObject({
      index: 1,
      label: '2',
      text: 'Boundary queries',
      imageUrl: 'https://files.speakerdeck.com/presentations/abc/slide_1.jpg?1',
    });
  });
});

describe('SlideShare (selector-level)', () => {
  // `script#__NEXT_DATA__` → props.pageProps.slideshow per mikf/gallery-dl slideshare.py.
  const data = {
    props: { pageProps: { slideshow: { title: 'Scaling GlusterFS', username: 'jdarcy', totalSlides: 42 } } },
  };
  it('takes title, author and slide count from the page data', () => {
    const url = 'https://www.slideshare.net/jdarcy/scaling-glusterfs#5';
    const doc = htmlDoc(
      `<title>x</title><script id="__NEXT_DATA__" type="application/json">${JSON.stringify(data)}</script>`,
      url,
    );
    expect(capturePage(doc, url)).toMatchObject({
      platform: 'slideshare',
      deck: { title: 'Scaling GlusterFS', author: 'jdarcy', slideCount: 42 },
      slide: { index: 4, label: '5' },
    });
  });
  it('survives broken page data', () => {
    const url = 'https://www.slideshare.net/jdarcy/scaling-glusterfs';
    const doc = htmlDoc('<title>T</title><script id="__NEXT_DATA__">{"props":', url);
    expect(capturePage(doc, url)).toMatchObject({ platform: 'slideshare', deck: { title: 'T' } });
  });
});

describe('Google Slides (selector-level)', () => {
  // The viewer's accessibility label, as several extensions' test fixtures record it: "Slide N of M: Title".
  it('reads "Slide N of M: Title" from the viewer', () => {
    const url = 'https://docs.google.com/presentation/d/e/2PACX-abc/pub?start=false';
    const doc = htmlDoc(
      '<title>Why replicate? - Google Slides</title><div class="punch-viewer-svgpage-a11yelement" aria-label="Slide 3 of 10: Quorums and you"></div>',
      url,
    );
    expect(capturePage(doc, url)).toMatchObject({
      platform: 'google-slides',
      deck: { title: 'Why replicate?', slideCount: 10 },
      slide: { index: 2, label: '3', title: 'Quorums and you' },
    });
  });
  it('in the editor, labels the slide with the #slide=id.X the deck links, and goes back to it', () => {
    const url = 'https://docs.google.com/presentation/d/abc/edit#slide=id.p37';
    const doc = htmlDoc('<title>Deck - Google Slides</title>', url);
    const c = capturePage(doc, url);
    expect(c.slide).toMatchObject({ label: 'id.p37' });
    expect(gotoTarget(doc, url, { slide: { index: 0, label: 'id.p12' } })).toBe(true);
    expect(doc.defaultView?.location.hash).toBe('#slide=id.p12');
  });
});

describe('YouTube and Vimeo position', () => {
  it('adds the video time and rebuilds the watch URL from the video id', () => {
    const url = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s&si=tracking';
    const doc = htmlDoc(
      '<title>A talk - YouTube</title><div id="movie_player"><video class="html5-main-video"></video></div>',
      url,
    );
    const video = doc.querySelector('video') as HTMLVideoElement;
    Object.defineProperty(video, 'currentTime', { value: 754.26, writable: true });
    Object.defineProperty(video, 'duration', { value: 2710 });
    expect(capturePage(doc, url)).toMatchObject({
      kind: 'video',
      platform: 'youtube',
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      video: { currentTime: 754.3, duration: 2710 },
    });
    expect(gotoTarget(doc, url, { time: 60 })).toBe(true);
    expect(video.currentTime).toBe(60);
  });
  it('reads the Vimeo player frame', () => {
    const url = 'https://player.vimeo.com/video/76979871?h=abc';
    const doc = htmlDoc('<video></video>', url);
    Object.defineProperty(doc.querySelector('video'), 'currentTime', { value: 12 });
    expect(capturePage(doc, url)).toMatchObject({
      kind: 'video',
      platform: 'vimeo',
      url: 'https://vimeo.com/76979871',
      video: { currentTime: 12 },
    });
  });
});

describe('PDF.js viewer', () => {
  // PDF.js generic viewer DOM (#pageNumber, #numPages, .page[data-page-number] .textLayer), per
  // hypothesis/browser-extension's vendored viewer.html; Talkmarks' own viewer page uses the same.
  it('takes the page number as the slide and the PDF file as the deck', () => {
    const url = 'chrome-extension://abc/pdf.html?file=https%3A%2F%2Fexample.org%2Fslides.pdf#page=2';
    const doc = htmlDoc(
      '<title>slides.pdf</title><input id="pageNumber" value="2" max="12"><span id="numPages">of 12</span><div id="viewerContainer"><div class="pdfViewer"><div class="page" data-page-number="1"></div><div class="page" data-page-number="2"><div class="textLayer"><span>Why replicate?</span> <span>Availability</span></div></div></div></div>',
      url,
    );
    expect(capturePage(doc, url)).toMatchObject({
      platform: 'pdf',
      url: 'https://example.org/slides.pdf',
      deck: { url: 'https://example.org/slides.pdf', slideCount: 12 },
      slide: { index: 1, label: '2', title: 'Why replicate?', text: 'Why replicate? Availability' },
    });
  });
});
