/**
 * The generic reader's candidates (issue 15): besides the value it chose for a field, it reports the
 * other values the page itself shows, each with where it was read (and the page's label), so "Not
 * right?" can offer them and a site hint can re-rank them. Pages are real saved talk pages of the
 * corpus (tests/fixtures/pages/talks/); the values below were read from their HTML by hand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { capturePage } from '../../../capture';
import { applySiteHints } from '../../../capture/hints';
import { parseCapture } from '../../../capture/schema';
import type { CandidateField, CaptureCandidate, PageCapture } from '../../../capture/types';

const DIR = resolve(__dirname, '../../fixtures/pages/talks');

/** A saved page as a document at its own address (the one-line source header is a comment). */
function load(name: string): { doc: Document; url: string } {
  const exp = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8')) as { url: string };
  const html = readFileSync(join(DIR, `${name}.html`), 'utf8');
  return { doc: new JSDOM(html, { url: exp.url }).window.document, url: exp.url };
}

function capture(name: string, edit?: (doc: Document) => void): PageCapture {
  const { doc, url } = load(name);
  edit?.(doc);
  return capturePage(doc, url);
}

const values = (c: PageCapture, field: CandidateField) => (c.candidates?.[field] ?? []).map((x) => x.value);
const find = (c: PageCapture, field: CandidateField, value: string): CaptureCandidate | undefined =>
  c.candidates?.[field]?.find((x) => x.value === value);

// almathverona-vtm8: <h1>Quantum groups</h1>, then "<strong>Speakers</strong>: Alessandro Contu",
// "<strong>Recording</strong>: <a href=…panopto…>Link</a>" and "<strong>Title</strong>: Quantum groups:
// algebraic objects arising from statistical physics"; the tab's title is "Alumni Matematica Verona | Quantum groups".
const VTM8_TITLE = 'Quantum groups: algebraic objects arising from statistical physics';
const VTM8_VIDEO =
  'https://univr.cloud.panopto.eu/Panopto/Pages/Viewer.aspx?id=0b4575a2-1c22-4b12-900b-ad4a01561ec1';

describe('generic reader candidates on real talk pages', () => {
  it('almathverona-vtm8: the labelled title stays chosen; the heading is the other title the page shows', () => {
    const c = capture('almathverona-vtm8');
    expect(c.platform).toBe('generic');
    expect(c.talk?.title).toBe(VTM8_TITLE);
    expect(c.evidence?.title).toBe('label');
    expect(c.candidates?.title?.[0]).toEqual({ value: VTM8_TITLE, source: 'label', label: 'Title' });
    expect(find(c, 'title', 'Quantum groups')).toEqual({ value: 'Quantum groups', source: 'heading' });
    expect(values(c, 'title')).not.toContain('Alumni Matematica Verona'); // the site's name alone is no title
    expect(c.candidates?.speakers).toEqual([
      { value: 'Alessandro Contu', source: 'label', label: 'Speakers' },
    ]);
    expect(c.talk?.videoUrl).toBe(VTM8_VIDEO);
    expect(c.candidates?.videoUrl?.[0]).toEqual({ value: VTM8_VIDEO, source: 'label', label: 'Recording' });
    expect(c.candidates?.slidesUrl).toBeUndefined(); // the page links no slides
    expect(parseCapture(c)).toEqual(c);
  });

  it('circlecitycon-5g-security: the speaker under "SPEAKER" with its label; no menu link is a candidate', () => {
    // <li><strong>SPEAKER</strong> <a href="/bios/swapnil_deshmukh">Swapnil Deshmukh</a></li>; the menu links "Sponsors"
    const c = capture('circlecitycon-5g-security');
    expect(c.talk?.speakers.map((s) => s.name)).toEqual(['Swapnil Deshmukh']);
    expect(c.candidates?.speakers).toEqual([
      { value: 'Swapnil Deshmukh', source: 'label', label: 'SPEAKER' },
    ]);
    expect(c.candidates?.title?.[0]).toEqual({
      value: '5G: Security Pitfalls and Considerations',
      source: 'heading',
    });
    for (const field of ['speakers', 'title', 'event'] as const) {
      expect(values(c, field).some((v) => /sponsor/i.test(v))).toBe(false);
    }
    expect(parseCapture(c)).toEqual(c);
  });

  it('gocon-2023-a10: the event from og:site_name and from the tab title; slides and video links chosen first', () => {
    const c = capture('gocon-2023-a10');
    expect(c.event?.name).toBe('Go Conference 2023');
    expect(c.candidates?.event).toEqual([
      { value: 'Go Conference 2023', source: 'og' },
      { value: 'Go Conference 2023', source: 'title' },
    ]);
    expect(c.candidates?.slidesUrl?.[0]?.value).toBe(
      'https://speakerdeck.com/convto/introduction-of-tree-structure-err-added-since-go-1-20',
    );
    expect(c.candidates?.videoUrl?.[0]).toEqual({
      value: 'https://www.youtube.com/embed/z7Y--8qiH28',
      source: 'embed',
    });
    // the event's name is not offered as the title
    expect(values(c, 'title')).not.toContain('Go Conference 2023');
    expect(parseCapture(c)).toEqual(c);
  });

  it('the chosen value comes first and each (value, source, label) once, at most 10 per field', () => {
    for (const name of [
      'almathverona-vtm8',
      'circlecitycon-5g-security',
      'gocon-2023-a10',
      'heapcon-2018-devtube',
    ]) {
      const c = capture(name);
      expect(c.candidates?.title?.[0]?.value).toBe(c.talk?.title);
      if (c.event) expect(c.candidates?.event?.[0]?.value).toBe(c.event.name);
      expect(values(c, 'speakers').slice(0, c.talk?.speakers.length)).toEqual(
        c.talk?.speakers.map((s) => s.name),
      );
      for (const list of Object.values(c.candidates ?? {})) {
        expect(list.length).toBeLessThanOrEqual(10);
        const keys = list.map((x) => `${x.value}|${x.source}|${x.label ?? ''}`);
        expect(new Set(keys).size).toBe(keys.length);
      }
    }
  });
});

describe('every corpus page', () => {
  const names = readdirSync(DIR)
    .filter((n) => n.endsWith('.expected.json'))
    .map((n) => n.replace(/\.expected\.json$/, ''));

  it('reports candidates whose first value is the one shown, bounded, that the schema keeps', () => {
    let withCandidates = 0;
    for (const name of names) {
      const c = capture(name);
      if (!c.candidates) continue;
      withCandidates++;
      const shown: Partial<Record<CandidateField, string | undefined>> = {
        title: c.talk?.title,
        event: c.event?.name,
        slidesUrl: c.talk?.slidesUrl,
        videoUrl: c.talk?.videoUrl,
        speakers: c.talk?.speakers[0]?.name,
      };
      for (const [field, list] of Object.entries(c.candidates) as [CandidateField, CaptureCandidate[]][]) {
        expect(list.length, `${name} ${field}`).toBeGreaterThan(0);
        expect(list.length, `${name} ${field}`).toBeLessThanOrEqual(10);
        expect(list[0]?.value, `${name} ${field}`).toBe(shown[field]);
        expect(list[0]?.source, `${name} ${field}`).toBe(c.evidence?.[field]);
      }
      expect(parseCapture(c), name).toEqual(c);
    }
    expect(withCandidates).toBeGreaterThanOrEqual(30);
  });
});

describe('what is never a candidate', () => {
  /** The vtm8 page with more under its labels: a second speaker label, hidden text, TBA, a sponsor table. */
  function withExtras(doc: Document): void {
    const post = doc.querySelector('h1.post-title')?.parentElement?.parentElement;
    if (!post) throw new Error('vtm8 layout changed');
    post.insertAdjacentHTML(
      'beforeend',
      `<p><strong>Vortragende</strong>: Grace Hopper</p>
       <p><strong>Speaker</strong>: <span style="display:none">Hidden Person</span></p>
       <p hidden><strong>Speaker</strong>: Secret Person</p>
       <div style="display: none"><p>Speaker: Tucked Away</p></div>
       <p><strong>Event</strong>: TBA</p>
       <div class="sponsors"><table><tr><th>Speaker</th><td>Sally Sponsor</td></tr>
         <tr><th>Event</th><td>Acme Developer Summit 2021</td></tr></table></div>`,
    );
  }

  it('a second label is offered with its words; hidden, TBA and sponsor values are not', () => {
    const c = capture('almathverona-vtm8', withExtras);
    expect(c.talk?.speakers.map((s) => s.name)).toEqual(['Alessandro Contu']); // the first label still wins
    expect(c.candidates?.speakers).toEqual([
      { value: 'Alessandro Contu', source: 'label', label: 'Speakers' },
      { value: 'Grace Hopper', source: 'label', label: 'Vortragende' },
    ]);
    const all = Object.values(c.candidates ?? {}).flatMap((l) => l.map((x) => x.value));
    for (const never of [
      'Hidden Person',
      'Secret Person',
      'Tucked Away',
      'TBA',
      'Sally Sponsor',
      'Acme Developer Summit 2021',
    ]) {
      expect(all).not.toContain(never);
    }
    expect(c.event).toBeUndefined();
    expect(c.candidates?.event).toBeUndefined();
    expect(parseCapture(c)).toEqual(c);
  });
});

describe('site hints act on the candidates', () => {
  const hint = (n: number, rule: Record<string, string>) => ({
    id: `h${n}`,
    site: 'almathverona.github.io',
    createdAt: n,
    ...rule,
  });

  it('a "Vortragende" label hint makes that label’s speaker the one shown', () => {
    const c = capture('almathverona-vtm8', (doc) => {
      doc
        .querySelector('h1.post-title')
        ?.parentElement?.parentElement?.insertAdjacentHTML(
          'beforeend',
          '<p><strong>Vortragende</strong>: Grace Hopper</p>',
        );
    });
    expect(c.talk?.speakers.map((s) => s.name)).toEqual(['Alessandro Contu']);
    const fixed = applySiteHints(c, [hint(1, { kind: 'label', field: 'speakers', label: 'Vortragende' })]);
    expect(fixed.talk?.speakers.map((s) => s.name)).toEqual(['Grace Hopper']);
    expect(fixed.evidence?.speakers).toBe('hint');
  });

  it('the page’s own "Title" label wins over an older hint to read the heading', () => {
    const c = capture('almathverona-vtm8');
    const heading = applySiteHints(c, [hint(1, { kind: 'source', field: 'title', source: 'heading' })]);
    expect(heading.talk?.title).toBe('Quantum groups');
    const label = applySiteHints(c, [
      hint(1, { kind: 'source', field: 'title', source: 'heading' }),
      hint(2, { kind: 'label', field: 'title', label: 'Title' }),
    ]);
    expect(label.talk?.title).toBe(VTM8_TITLE);
  });
});
