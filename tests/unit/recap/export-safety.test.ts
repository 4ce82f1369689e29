// @vitest-environment jsdom
/**
 * Exports safe to publish (issue 14, "Must show"): a corpus of 1,000 hostile notes — with the talk
 * fields, quotes, page titles, recap texts and templates around them as hostile as a page or a
 * backup can make them (links in every encoding, raw HTML, Markdown tricks, non-Latin text) — goes
 * through every export path: Copy Markdown and the `.md` download (each built-in template and
 * imported templates that try to write HTML or put values where a link address goes), the slides
 * digest zip, Copy rich text, the Markdown archive and the Web Annotations. Each output is PARSED
 * (micromark + GFM through mdast; parse5 for HTML; JSON) and must hold no link or image to a
 * `javascript:`, `data:` or `vbscript:` address (the recap's own raster thumbnails aside) and no raw
 * HTML (a note's own HTML shows as text too: docs/templates.md).
 *
 * The seed is random each run and printed on failure; `EXPORT_SEED=n` replays one. The oracle calls
 * none of recap/'s helpers: URLs are judged by the WHATWG URL parser (what a browser does with an
 * address), Markdown by micromark, HTML by parse5.
 */
import { strFromU8, unzipSync } from 'fflate';
import type { Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString as mdText } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import { parse as parseHtml } from 'parse5';
import { describe, expect, it, onTestFailed } from 'vitest';
import { annotationCollection } from '../../../recap/annotations';
import { notesArchive } from '../../../recap/archive';
import { BUILTIN_TEMPLATES, builtinTemplate } from '../../../recap/builtins';
import { composeRecap } from '../../../recap/compose';
import { makeZip } from '../../../recap/files';
import { htmlDocument, markdownToSafeHtml } from '../../../recap/html';
import type { RecapInput } from '../../../recap/model';
import type { DeckRecord, EventRecord, NoteKind, NoteRecord, TalkRecord } from '../../../storage/types';
import { random } from '../../corpus';

const SEED = Number(process.env.EXPORT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const NOTES = 1000;
const TALKS = 20;

/** A 1×1 PNG: the recap's own thumbnail, the one `data:` image an export may carry. */
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/* ---------------------------------------------------------------- the hostile corpus */

/** Links to the three schemes, written every way CommonMark or a browser would still read them. */
const BAD_LINKS = [
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](jav&#x61;script:alert(1))',
  '[x](javascript&#58;alert(1))',
  '[x](javascript&colon;alert(1))',
  '[x](java&Tab;script:alert(1))',
  '[x](java&#9;script:alert(1))',
  '[x](<java\tscript:alert(1)>)',
  '[x](<javascript:alert(1)>)',
  '[x]( javascript:alert(1) )',
  '[x](&#32;javascript:alert(1))',
  '[x](&#1;javascript:alert(1))',
  '[x](\njavascript:alert(1))',
  '[x](javascript\\:alert(1))',
  '[x](javascript:alert(1) "title")',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html,<script>alert(1)</script>)',
  '[x](DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](data:image/svg+xml,<svg onload=alert(1)>)',
  '![x](data:text/html;base64,PHNjcmlwdD4=)',
  '![x](javascript:alert(1))',
  '[x](data:image/png;base64,AAAA)',
  '<javascript:alert(1)>',
  '<JAVASCRIPT:alert(1)>',
  '<data:text/html,x>',
  '<vbscript:x>',
  '[ref]\n\n[ref]: javascript:alert(1)',
  '[go][r1]\n[r1]: <javascript:alert(1)>',
  '[r2]: vbscript:x "t"\n[r2]',
  '[r3]:\njavascript:alert(1)\n\n[r3]',
  '[a\nb]: javascript:x\n\n[a b]',
  '[![i](https://ok.example/i.png)](javascript:alert(1))',
  '[[x](javascript:y)](https://ok.example)',
  '[x](https://ok.example/a)(javascript:alert(1))',
  '[x][](javascript:alert(1))',
];
/**
 * Pieces of the list above that are no bad link by themselves (they become one only next to other
 * text, or an export could get them wrong): micromark reads `&#1;` as U+FFFD, which no browser trims;
 * the second parenthesis after a link is text.
 */
const HARMLESS_ALONE = new Set([
  '[x](&#1;javascript:alert(1))',
  '[x](https://ok.example/a)(javascript:alert(1))',
]);

/** Raw HTML of every kind (blocks and inline, with URLs to fetch or run). */
const HTML = [
  '<img src=x onerror=alert(1)>',
  '<img src="https://tracker.example/pixel.png">',
  '<script>alert(1)</script>',
  '<a href="javascript:alert(1)">a</a>',
  '<a href=javascript:alert(1)>a</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<style>body{display:none}</style>',
  '<svg><script>alert(1)</script></svg>',
  '<div\nonclick="alert(1)">x</div>',
  '<div>\n\n*md inside*\n\n</div>',
  '<!-- comment -->',
  '<?php echo 1; ?>',
  '<!DOCTYPE html>',
  '<![CDATA[x]]>',
  '</b>',
  '<b>',
  '<x-y a=b>',
  '<a\thref="https://evil.example">',
  '<details open ontoggle=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<video poster="https://tracker.example/p.png">',
  '<object data="javascript:alert(1)">',
  '\\<b>x</b>',
  '&lt;b&gt;',
];
/** Markdown that tries to break out of its place or to restyle what follows. */
const TRICKS = [
  '# heading',
  '## ',
  '> quote',
  '- item',
  '1. first',
  '***',
  '---',
  '===',
  '| a | b |\n| --- | --- |\n| <b> | [x](javascript:y) |',
  '```\n<script>alert(1)</script>\n```',
  '`<b>code</b>`',
  '~~~',
  '[^1]: footnote',
  '[^1]',
  '*',
  '_',
  '**',
  '\\',
  '`',
  '``',
  '![',
  '](',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '{{ recap.title }}',
  '{% raw %}',
  '\r\n',
  '\n\n',
  '    indented',
  'http://ok.example/a_b',
  'www.ok.example',
  'a@b.example',
  'mailto:a@b.example',
];
const NON_LATIN = [
  '日本語のメモ',
  'Ελληνικά',
  'العربية',
  'עברית',
  'русский текст',
  'हिन्दी',
  '한국어',
  '🙂🚀',
  'é',
  '\u202Eevil',
  '\u200B',
  '\uFFFD',
  '\uD800',
  '\u0000',
];
const PLAIN = ['storage', 'quorum', 'latency', 'kernel', 'the', 'a', 'note', 'slides'];
const URLS = [
  'https://ok.example/talk',
  'http://ok.example/a (b)/c<d>',
  'javascript:alert(1)',
  ' JAVASCRIPT:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'not a url',
  '<img src=x onerror=alert(1)>',
  'file:///etc/passwd',
];

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

/** Some words, links, HTML, tricks and non-Latin text, joined by spaces, line breaks or nothing. */
function hostile(rng: Rng, parts = 1 + Math.floor(rng() * 6)): string {
  const out: string[] = [];
  for (let i = 0; i < parts; i++) {
    const r = rng();
    const source = r < 0.22 ? BAD_LINKS : r < 0.42 ? HTML : r < 0.62 ? TRICKS : r < 0.8 ? NON_LATIN : PLAIN;
    out.push(pick(rng, source));
    out.push(pick(rng, [' ', ' ', '\n', '']));
  }
  return out.join('');
}
const maybe = <T>(rng: Rng, make: () => T): T | undefined => (rng() < 0.5 ? make() : undefined);

interface Corpus {
  input: RecapInput;
  notes: NoteRecord[];
  decks: DeckRecord[];
  event: EventRecord;
}

function makeCorpus(seed: number): Corpus {
  const rng = random(seed);
  const event: EventRecord = {
    id: 'E1',
    createdAt: 0,
    updatedAt: 0,
    name: hostile(rng),
    url: pick(rng, URLS),
    location: hostile(rng),
    timezone: pick(rng, ['America/New_York', 'Europe/Berlin', '<b>', undefined as unknown as string]),
  };
  const kinds: NoteKind[] = ['note', 'takeaway', 'quote', 'question', 'todo'];
  const talks: TalkRecord[] = Array.from({ length: TALKS }, (_, i) => ({
    id: i % 7 === 6 ? `T${i}<img src=x onerror=alert(1)>` : `T${i}`,
    createdAt: 0,
    updatedAt: 0,
    title: hostile(rng),
    speakers: Array.from({ length: Math.floor(rng() * 3) }, () => ({
      name: hostile(rng, 2),
      url: maybe(rng, () => pick(rng, URLS)),
    })),
    room: maybe(rng, () => hostile(rng, 2)),
    track: maybe(rng, () => hostile(rng, 2)),
    abstract: maybe(rng, () => hostile(rng, 8)),
    url: pick(rng, URLS),
    slidesUrl: maybe(rng, () => pick(rng, URLS)),
    videoUrl: maybe(rng, () => pick(rng, URLS)),
    // As a backup may carry them: the issue's `<img onerror>` start time among real ones.
    startsAt: pick(rng, ['2012-06-27T10:00:00-04:00', '<img src=x onerror=alert(1)>', hostile(rng, 1)]),
    endsAt: maybe(rng, () => pick(rng, ['2012-06-27T11:00:00-04:00', '[x](javascript:alert(1))'])),
    timezone: maybe(rng, () => pick(rng, ['America/New_York', 'javascript:alert(1)'])),
    eventId: event.id,
    tags: rng() < 0.3 ? [hostile(rng, 1)] : ['storage'],
    editedFields: rng() < 0.2 ? ['slidesUrl'] : undefined,
    source: { platform: 'page', url: pick(rng, URLS), capturedAt: 0 },
  }));
  const decks: DeckRecord[] = talks.map((t, i) => ({
    id: `D${i}`,
    createdAt: 0,
    updatedAt: 0,
    talkId: t.id,
    url: pick(rng, URLS),
    title: hostile(rng, 2),
    platform: 'page',
  }));
  const notes: NoteRecord[] = Array.from({ length: NOTES }, (_, i) => {
    const onTalk = i % 10 !== 9;
    const kind = pick(rng, kinds);
    return {
      id: i % 97 === 0 ? `N${i}"><script>` : `N${String(i).padStart(4, '0')}`,
      createdAt: Date.parse('2012-06-27T14:00:00Z') + i * 1000,
      updatedAt: Date.parse('2012-06-27T14:00:00Z') + i * 1000,
      talkId: onTalk ? talks[i % TALKS]!.id : undefined,
      eventId: onTalk ? undefined : event.id,
      url: pick(rng, URLS),
      pageTitle: maybe(rng, () => hostile(rng, 2)),
      body: hostile(rng),
      kind,
      tags: rng() < 0.2 ? [pick(rng, ['storage', '日本', hostile(rng, 1)])] : [],
      anchor: {
        slide: maybe(rng, () => ({
          index: Math.floor(rng() * 40),
          label: hostile(rng, 1),
          title: maybe(rng, () => hostile(rng, 2)),
        })),
        time: maybe(rng, () => Math.floor(rng() * 4000)),
        quote:
          kind === 'quote' || rng() < 0.2
            ? { exact: hostile(rng, 3), prefix: maybe(rng, () => hostile(rng, 1)), suffix: hostile(rng, 1) }
            : undefined,
      },
      thumbnailId: rng() < 0.3 ? `B${i}` : undefined,
    };
  });
  const input: RecapInput = {
    title: rng() < 0.5 ? hostile(rng) : undefined,
    intro: hostile(rng, 8),
    outro: hostile(rng, 8),
    event,
    day: '2012-06-27',
    zone: 'America/New_York',
    talks: talks.map((talk) => ({
      talk,
      notes: notes.filter((n) => n.talkId === talk.id),
      options: { include: 'all', thumbnails: true },
      decks: decks.filter((d) => d.talkId === talk.id),
    })),
    moments: notes.filter((n) => !n.talkId),
  };
  return { input, notes, decks, event };
}

/**
 * Templates as an import or another device could bring them (not written on this device): each
 * tries to write raw HTML, or to put a value where a link's address goes.
 */
const IMPORTED_TEMPLATES = [
  '<img src=x onerror=alert(1)>\n# {{ recap.title }}\n<script>alert(1)</script>',
  '{% for t in recap.talks %}[t]({{ t.title }}) [s]({{ t.starts_at }}) <{{ t.room }}>\n{% endfor %}',
  '{% for t in recap.talks %}{% for n in t.notes %}[q]({{ n.quote }})[b]({{ n.body }}) {{ n.text }}{% endfor %}\n\n{% endfor %}',
  '{% for t in recap.talks %}{% for n in t.notes %}{{ n.text | remove: "\\\\" }}{% endfor %}{% endfor %}',
  '{{ "&lt;b onclick=x&gt;" | replace: "&lt;", "<" | replace: "&gt;", ">" }}\n{% for t in recap.talks %}<a href="{{ t.url }}">{{ t.title }}</a>{% endfor %}',
  '[go][ref]\n\n[ref]: {% for t in recap.talks %}{{ t.title }}{% endfor %}\n{% for m in recap.moments %}\n[p]: {{ m.page_title }}\n[p]{% endfor %}',
  'javascript:{{ recap.title }} [x](javascript:{{ recap.title }}) <javascript:{{ recap.title }}>',
  '{{ "%3Cimg src=x onerror=alert(1)%3E" | url_decode }}\n{% for t in recap.talks %}{{ t.abstract }}\n\n{% for n in t.notes %}- {{ n.quote }} {{ n.id }} {{ n.kind }}\n{% endfor %}{% endfor %}',
];

/* ---------------------------------------------------------------- the oracle */

const parseMd = (md: string): Root =>
  fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

function walk(node: Root | RootContent, visit: (n: Root | RootContent) => void): void {
  visit(node);
  if ('children' in node) for (const c of node.children) walk(c, visit);
}

const BAD = new Set(['javascript:', 'data:', 'vbscript:']);

/** The scheme a browser sees in an address (the WHATWG URL parser: trims, drops tabs, folds case). */
function schemeOf(url: string): string {
  try {
    return new URL(url, 'https://base.invalid/').protocol;
  } catch {
    return 'unparseable';
  }
}

/** Problems in one Markdown export: raw HTML, or a link or image to a bad scheme. */
function markdownProblems(md: string, thumbnails: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  walk(parseMd(md), (n) => {
    if (n.type === 'html') problems.push(`raw HTML: ${n.value.slice(0, 80)}`);
    if (n.type === 'link' || n.type === 'definition') {
      if (BAD.has(schemeOf(n.url))) problems.push(`${n.type} to ${n.url.slice(0, 80)}`);
    }
    if (n.type === 'image' && BAD.has(schemeOf(n.url)) && !thumbnails.has(n.url)) {
      problems.push(`image of ${n.url.slice(0, 80)}`);
    }
  });
  return problems;
}

/** Elements Markdown renders to (and the document around rich text); nothing else may appear. */
const MARKDOWN_ELEMENTS = new Set(
  'html head body meta title h1 h2 h3 h4 h5 h6 p br hr a img ul ol li blockquote pre code em strong del table thead tbody tr th td span'.split(
    ' ',
  ),
);
const SAFE_ATTRIBUTES = new Set([
  'href',
  'src',
  'alt',
  'title',
  'target',
  'rel',
  'align',
  'start',
  'charset',
  'data-remote-image',
]);

interface Parse5Node {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Parse5Node[];
  content?: Parse5Node;
}

/** Problems in rich HTML: an element Markdown does not make, an unknown attribute, a bad link, a foreign image. */
function htmlProblems(html: string, images: (src: string) => boolean): string[] {
  const problems: string[] = [];
  const visit = (node: Parse5Node) => {
    if (node.tagName) {
      if (!MARKDOWN_ELEMENTS.has(node.tagName)) problems.push(`element <${node.tagName}>`);
      for (const a of node.attrs ?? []) {
        if (!SAFE_ATTRIBUTES.has(a.name)) problems.push(`attribute ${a.name} on <${node.tagName}>`);
        if (
          (a.name === 'href' || a.name === 'src') &&
          BAD.has(schemeOf(a.value)) &&
          !(a.name === 'src' && images(a.value))
        ) {
          problems.push(`${a.name}=${a.value.slice(0, 60)}`);
        }
        if (node.tagName === 'img' && a.name === 'src' && !images(a.value))
          problems.push(`image ${a.value.slice(0, 60)}`);
      }
    }
    for (const c of node.childNodes ?? []) visit(c);
    if (node.content) visit(node.content);
  };
  visit(parseHtml(html) as unknown as Parse5Node);
  return problems;
}

/* ---------------------------------------------------------------- the test */

describe('exports of a hostile library', { timeout: 600_000 }, () => {
  it('the oracle finds what it must (on the raw material, before any export)', () => {
    // Each bad link, as Markdown, is found; each raw HTML piece is found. A test that could not fail is no test.
    for (const link of BAD_LINKS.filter((l) => !HARMLESS_ALONE.has(l))) {
      expect(markdownProblems(`${link}\n`, new Set()), link).not.toEqual([]);
    }
    for (const html of HTML.filter((h) => !h.startsWith('\\') && !h.startsWith('&'))) {
      expect(markdownProblems(`x ${html}\n`, new Set()), html).not.toEqual([]);
    }
    expect(
      htmlProblems('<p><a href="JAVA\tSCRIPT:x">a</a><img src="https://t.example/p.png"></p>', () => false),
    ).toEqual(['href=JAVA\tSCRIPT:x', 'image https://t.example/p.png']);
  });

  it(`1,000 notes through every export path: no bad link, no raw HTML (seed ${SEED})`, () => {
    onTestFailed(() => {
      console.error(`export-safety: replay with EXPORT_SEED=${SEED}`);
    });
    const { input, notes, decks, event } = makeCorpus(SEED);
    const hostileBits = notes.map((n) => n.body).join('\n');
    // The corpus is what it claims: bad links and HTML in many notes, non-Latin text.
    expect(hostileBits.match(/javascript/gi)?.length ?? 0).toBeGreaterThan(50);
    expect(hostileBits.match(/<script>|onerror/g)?.length ?? 0).toBeGreaterThan(20);
    expect(hostileBits).toMatch(/日本語|русский|العربية/);

    const inline = new Set([PNG]);
    const checked: string[] = [];
    const problems: string[] = [];
    const started = performance.now();
    let last = performance.now();
    const check = (path: string, list: string[]) => {
      const now = performance.now();
      if (process.env.EXPORT_TIMES) console.info(path, Math.round(now - last));
      last = now;
      checked.push(path);
      for (const p of list) problems.push(`${path}: ${p}`);
    };

    const templates = [
      ...BUILTIN_TEMPLATES.map((t) => ({ name: t.name, source: t.source })),
      ...IMPORTED_TEMPLATES.map((source, i) => ({ name: `imported #${i + 1}`, source })),
    ];
    for (const [i, t] of templates.entries()) {
      const frontMatter = (['none', 'jekyll', 'hugo'] as const)[i % 3];
      // Copy Markdown and the .md download: the composer's Markdown, thumbnails inline.
      const copied = composeRecap({ ...input, thumbnailUrl: () => PNG }, { template: t.source, frontMatter });
      if (!copied.ok) throw new Error(`${t.name}: ${copied.error.message}`);
      check(`Markdown (${t.name})`, markdownProblems(copied.markdown, inline));
      // Copy rich text and the preview: the same Markdown as HTML, foreign images blocked, then allowed.
      const blocked = htmlDocument('post', markdownToSafeHtml(copied.markdown, window, { images: 'block' }));
      check(
        `rich text (${t.name})`,
        htmlProblems(blocked, (src) => inline.has(src)),
      );
      if (i < BUILTIN_TEMPLATES.length) {
        // With the post's images allowed, foreign images stay (http(s) only), nothing else changes.
        const allowed = htmlDocument('post', markdownToSafeHtml(copied.markdown, window, { images: 'keep' }));
        check(
          `rich text, images allowed (${t.name})`,
          htmlProblems(allowed, (src) => inline.has(src) || ['http:', 'https:'].includes(schemeOf(src))),
        );
      }
      if (t.name === 'Day post') {
        // Not an empty post: a paragraph per talk at least, the non-Latin text still there.
        const tree = parseMd(copied.markdown);
        expect(tree.children.filter((n) => n.type === 'paragraph').length).toBeGreaterThanOrEqual(TALKS);
        // Notes become sentences, never a list. The intro is the user's own Markdown, kept as blocks
        // (a hostile one may hold "- item"), so this is asked of the same post without it.
        const prose = composeRecap({ ...input, intro: undefined, outro: undefined }, { template: t.source });
        if (!prose.ok) throw new Error(`${t.name}: ${prose.error.message}`);
        expect(parseMd(prose.markdown).children.some((n) => n.type === 'list')).toBe(false);
        expect(mdText(tree)).toMatch(/日本語のメモ|русский текст|العربية|한국어/);
      }
      if (t.name === 'Talk notes (bullets)') {
        // Not an empty post: a heading per talk, the non-Latin text still there.
        const tree = parseMd(copied.markdown);
        expect(
          tree.children.filter((n) => n.type === 'heading' && n.depth === 2).length,
        ).toBeGreaterThanOrEqual(TALKS);
        expect(mdText(tree)).toMatch(/日本語のメモ|русский текст|العربية|한국어/);
      }
    }

    // The slides digest as a zip: thumbnails as files, the Markdown pointing at them.
    const digest = composeRecap(
      { ...input, thumbnailUrl: (id) => `images/${id}.png` },
      { template: builtinTemplate('builtin:slides-digest')!.source, frontMatter: 'jekyll' },
    );
    if (!digest.ok) throw new Error(digest.error.message);
    const zip = unzipSync(
      makeZip([
        { path: 'post.md', data: digest.markdown },
        { path: 'images/B1.png', data: new Uint8Array([137, 80, 78, 71]) },
      ]),
    );
    check('zip post.md', markdownProblems(strFromU8(zip['post.md']!), new Set()));

    // The Markdown archive: one file per talk, one per page of the notes without a talk.
    const archive = unzipSync(
      notesArchive(
        input.talks.map((t) => ({ talk: t.talk, event, notes: t.notes, decks })),
        notes.filter((n) => !n.talkId),
      ),
    );
    const files = Object.keys(archive).filter((p) => p.endsWith('.md'));
    expect(files.length).toBeGreaterThan(TALKS);
    for (const p of files) check(`archive ${p}`, markdownProblems(strFromU8(archive[p]!), new Set()));

    // Web Annotations: JSON; Markdown bodies parsed as Markdown, addresses judged as addresses.
    const doc = JSON.parse(JSON.stringify(annotationCollection(notes))) as {
      first: { items: { id: string; body: { value: string; format?: string }[]; target: unknown }[] };
    };
    expect(doc.first.items.length).toBe(NOTES);
    for (const a of doc.first.items) {
      const where = `annotation ${a.id}`;
      const target = typeof a.target === 'string' ? a.target : (a.target as { source: string }).source;
      for (const address of [a.id, target]) {
        if (!['http:', 'https:', 'file:', 'urn:'].includes(schemeOf(address))) {
          problems.push(`${where}: address ${address.slice(0, 60)}`);
        }
      }
      for (const b of a.body) {
        if (b.format === 'text/markdown') check(where, markdownProblems(b.value, new Set()));
        else expect(b.format, where).toBe('text/plain');
      }
    }

    console.info(
      `export-safety: ${checked.length} outputs checked in ${Math.round(performance.now() - started)} ms`,
    );
    expect(checked.length).toBeGreaterThan(templates.length * 2 + TALKS + NOTES);
    expect(problems.slice(0, 20), `seed ${SEED}`).toEqual([]);
  });
});
