/**
 * The generic reader's rules that the grown corpus asked for, each on a small page written here
 * (expected values by hand): a sentence that says who gave the talk, the lead past a title's header
 * block, a page title's last part dropped only when it names the site, captions and credits that are
 * not the talk's media, one word of a sentence that says "Slides", a bare "Speakers:" text before a
 * list, and event-series names that are not people. Each rule also has its near miss, which must
 * give nothing rather than something wrong.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { capturePage } from '../../../capture';
import { readTalkPage } from '../../../capture/sessions/generic';
import { isPersonName, sentenceSpeakers } from '../../../capture/sessions/generic/byline';

const URL_ = 'https://seminars.example.edu/archive/lie-theory/';
const doc = (body: string, head = '<title>Naïve Lie Theory</title>', url = URL_) =>
  new JSDOM(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`, { url }).window.document;

describe('a sentence that says who gave the talk', () => {
  it('"The talk was given by …" on a page with no title heading: title from <title>, day from the lead', () => {
    const d = doc(
      '<nav><a href="/">Home</a></nav><main><article><p>This talk on Naïve Lie Theory was held on Friday November 25, 2016 in MC 4020. The talk was given by Aidan Patterson.</p><h2>Abstract</h2><div><p>In 1870, Sophus Lie was studying symmetries.</p></div></article></main>',
    );
    const r = readTalkPage(d, new URL(URL_));
    expect(r.capture?.talk?.title).toBe('Naïve Lie Theory');
    expect(r.capture?.talk?.speakers.map((s) => s.name)).toEqual(['Aidan Patterson']);
    expect(r.evidence.speakers).toBe('sentence');
    expect(r.wallStart).toBe('2016-11-25');
    expect(r.capture?.talk?.startsAt).toBeUndefined(); // no zone on the page
  });

  it('a meetup post: the one who "nos habló" is the speaker, not the post byline under a header block', () => {
    const d = doc(
      '<main><header><div><p>Feb 28, 2017 · <span class="author">Sergio Alexander</span></p><h1>Aprendiendo sobre JWT</h1></div></header><div class="post"><p>En la primera reunión 2017 tuvimos el gusto de estar en la sede Belmonte con estudiantes y egresados del programa de Ingeniería de Sistemas y de otras universidades de la región, y con invitados de la comunidad.</p><p>En esta oportunidad Carlos González nos habló un poco sobre JSON web Tokens en NodeJs.</p><p>Slides: https://caal-15.github.io/jwt-node-talk/</p></div></main>',
      '<title>Aprendiendo sobre JWT — Pereira Tech Talks</title><meta property="og:site_name" content="Pereira Tech Talks">',
      'https://pereiratechtalks.example/jwt/',
    );
    const c = capturePage(d, 'https://pereiratechtalks.example/jwt/');
    expect(c.talk?.speakers.map((s) => s.name)).toEqual(['Carlos González']);
    expect(c.event?.name).toBe('Pereira Tech Talks');
    expect(c.talk?.slidesUrl).toBe('https://caal-15.github.io/jwt-node-talk/');
  });

  it('forms in German, French and Spanish; a sentence that only names someone gives nobody', () => {
    expect(sentenceSpeakers('Der Vortrag wird gehalten von Anna Schmidt aus Berlin.')).toEqual([
      'Anna Schmidt',
    ]);
    expect(sentenceSpeakers('Une conférence présentée par Marie Curie.')).toEqual(['Marie Curie']);
    expect(sentenceSpeakers('Charla impartida por Ana María López en la sala 2.')).toEqual([
      'Ana María López',
    ]);
    expect(sentenceSpeakers('The speaker was Grace Hopper. Abstract follows.')).toEqual(['Grace Hopper']);
    expect(sentenceSpeakers('Ada Lovelace wrote the first program. Alan Turing cracked Enigma.')).toEqual([]);
    expect(sentenceSpeakers('The talk was given by the organisers.')).toEqual([]);
  });
});

describe('titles and event names', () => {
  it('a title with a dash keeps its second part unless that part names the site', () => {
    const head =
      '<title>JSConf Budapest 2019</title><meta property="og:title" content="Weaving the web - Programming textile-based interactions in JavaScript"><meta property="og:site_name" content="JSConf Budapest 2019">';
    const d = doc(
      '<main><div><h3 class="speaker-styles-module--speaker_name">Charlie Gerard</h3><h2>Weaving the web - Programming textile-based interactions in JavaScript</h2></div><iframe src="https://www.youtube.com/embed/0H27M9TExvg"></iframe></main>',
      head,
      'https://2019.jsconfbp.example/speakers/charlie_gerard/',
    );
    const c = capturePage(d, 'https://2019.jsconfbp.example/speakers/charlie_gerard/');
    expect(c.talk?.title).toBe('Weaving the web - Programming textile-based interactions in JavaScript');
    expect(c.event?.name).toBe('JSConf Budapest 2019');
    const site = doc(
      '<main><p>The talk was given by Ada Lovelace.</p></main>',
      '<title>Deep caches | ExampleConf 2019</title>',
    );
    expect(readTalkPage(site, new URL(URL_)).capture?.talk?.title).toBe('Deep caches');
  });

  it('an event series is not a person (its name is the event, not a speaker look-alike)', () => {
    expect(isPersonName('Pereira Tech Talks')).toBe(false);
    expect(isPersonName('Bergen Machine Learning Meetup')).toBe(false);
    expect(isPersonName('Carlos González')).toBe(true);
  });
});

describe('media links', () => {
  it("an image credit's link is not the recording; a 'Slides' word in a sentence of instructions is not the deck", () => {
    const d = doc(
      '<main><h1>Assessing agroforestry options</h1><div class="article-container"><p>Event: <a href="https://euraf2022.example/">EURAF 2022</a></p><p>Speaker: Cory Whitney</p></div><figure><img src="/f.jpg" alt=""><span class="article-header-caption">Image credit: <a href="https://www.youtube.com/watch?v=QjDJrg_OBpI">Unsplash</a></span></figure><ul><li><strong>Create</strong> slides using the site builder’s <a href="https://docs.example.com/managing-content/#create-slides"><em>Slides</em></a> feature and link them from the front matter of the talk file</li></ul></main>',
      '<title>Assessing agroforestry options | Cory Whitney</title>',
    );
    const c = capturePage(d, URL_);
    expect(c.talk?.title).toBe('Assessing agroforestry options');
    expect(c.talk?.videoUrl).toBeUndefined();
    expect(c.talk?.slidesUrl).toBeUndefined();
  });

  it('a sentence whose link says more than the word ("slides for this talk") still links the deck', () => {
    const d = doc(
      '<main><article><p>This talk on Constructive analysis was held on Wednesday November 1, 2017 in MC 4045. The talk was given by Fengyang Wang.</p><h2>Summary</h2><div><p>The <a href="/assets/ConstructiveAnalysis.slides.html">slides for this talk</a> are also available, with notes taken during the session by the audience.</p></div></article></main>',
      '<title>Constructive analysis</title>',
    );
    const c = capturePage(d, URL_);
    expect(c.talk?.slidesUrl).toBe('https://seminars.example.edu/assets/ConstructiveAnalysis.slides.html');
  });
});

describe('labels as bare text', () => {
  it('"List of speakers:" before a list of linked names', () => {
    const d = doc(
      '<main class="grid"><div class="content-wrap"><h1>How we built Dev.Tube</h1><p>Built by 2 developers in only 2 months.</p><hr>\n  List of speakers:\n  <ul><li><a href="/speakers/eduards-sizovs/">Eduards Sizovs</a></li></ul></div></main>',
      '<title>How we built Dev.Tube - heapcon ⬣ a new conference by heapspace</title>',
      'https://heapcon.example/talks/how-we-built-devtube/',
    );
    const c = capturePage(d, 'https://heapcon.example/talks/how-we-built-devtube/');
    expect(c.talk?.title).toBe('How we built Dev.Tube');
    expect(c.talk?.speakers.map((s) => s.name)).toEqual(['Eduards Sizovs']);
    expect(c.event?.name).toBe('heapcon ⬣ a new conference by heapspace');
  });

  it('a bare "Sponsors:" text before a list names no speaker; "Speakers: TBA" gives none', () => {
    const d = doc(
      '<main><h1>Deep caches</h1><div>Sponsors:<ul><li><a href="/s/acme">Ada Lovelace</a></li></ul>Speakers:<ul><li>TBA</li></ul></div></main>',
      '<title>Deep caches</title>',
    );
    const r = readTalkPage(d, new URL(URL_));
    expect(r.capture?.talk?.speakers ?? []).toEqual([]);
  });
});

describe('dates a site generator writes', () => {
  it('a post\'s <time datetime="…T00:00:00Z"> is its day, not a start at midnight UTC; a printed time still counts', () => {
    const body = (time: string) =>
      `<main><h1>Aprendiendo sobre JWT</h1>${time}<dl><dt>Speaker</dt><dd>Carlos González</dd></dl></main>`;
    const day = readTalkPage(
      doc(body('<time datetime="2017-02-28T00:00:00Z">Feb 28, 2017</time>')),
      new URL(URL_),
    );
    expect(day.wallStart).toBe('2017-02-28');
    expect(day.capture?.talk?.startsAt).toBeUndefined();
    const timed = readTalkPage(
      doc(body('<time datetime="2017-02-28T18:30:00+01:00">Feb 28, 2017, 18:30</time>')),
      new URL(URL_),
    );
    expect(timed.wallStart?.startsWith('2017-02-28T18:30')).toBe(true);
  });
});
