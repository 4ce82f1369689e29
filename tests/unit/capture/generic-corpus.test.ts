/**
 * The talk-page corpus: real saved talk, session and video pages from public repositories (none
 * written by us), each with a capture a person wrote down from the page (`tests/fixtures/pages/talks/
 * <name>.expected.json`: the fields a reader sees; `null` where the page does not show the field, a
 * list where the page allows more than one reading; a field left out is not judged). The capture
 * pipeline runs on each page as the content script would, and the test prints per-field accuracy.
 *
 * The saved pages are in `tests/fixtures/pages/talks/<name>.html`, each behind one header line
 * naming its source (repository, path, commit); the bytes after that line are checked against the
 * SHA-256 its expectation records, so the page is the file as it is in its repository.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { capturePage } from '../../../capture';
import { readTalkPage } from '../../../capture/sessions/generic';
import type { PageCapture } from '../../../capture/types';

type Judged = string | string[] | null;
interface Expectation {
  page: string;
  source: { repository: string; path: string; commit: string };
  sha256: string;
  url: string;
  expected: Partial<Record<Field, Judged>>;
}
const FIELDS = ['title', 'speakers', 'event', 'slides', 'video', 'start'] as const;
type Field = (typeof FIELDS)[number];
type Outcome = 'right' | 'missing' | 'wrong' | 'invented' | 'absent';

const ROOT = resolve(__dirname, '../../..');
const EXPECTED_DIR = join(ROOT, 'tests/fixtures/pages/talks');
const CORPUS = EXPECTED_DIR;

/** A saved page's own bytes: the file without its one-line source header. */
function pageBytes(name: string): Buffer {
  const file = readFileSync(join(CORPUS, name));
  const end = file.indexOf(0x0a);
  return file.subarray(0, 5).toString() === '<!-- ' && end > 0 ? file.subarray(end + 1) : file;
}

/** Per-field floors, set from the corpus run (docs/capture-coverage.md): accuracy on pages that show the field. */
const FLOORS: Record<Field, number> = {
  title: 0.85,
  speakers: 0.9,
  event: 0.9,
  slides: 0.9,
  video: 0.8,
  start: 0.9,
};

const norm = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[“”«»"]/g, '"')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.。]$/, '')
    .toLowerCase();

function normUrl(s: string): string {
  try {
    const u = new URL(s);
    u.hash = '';
    return `${u.protocol}//${u.host.replace(/^www\./, '')}${u.pathname.replace(/\/$/, '')}${u.search}`;
  } catch {
    return s;
  }
}

/** ISO with or without seconds, compared to the minute. */
const normTime = (s: string) => s.replace(/T(\d{2}:\d{2}):00(?=[+-]|Z|$)/, 'T$1');

function judge(
  expected: Judged | undefined,
  actual: string | string[] | undefined,
  eq: (a: string, b: string) => boolean,
): Outcome | undefined {
  if (expected === undefined) return undefined;
  const has = Array.isArray(actual) ? actual.length > 0 : !!actual;
  if (expected === null) return has ? 'invented' : 'absent';
  if (!has) return 'missing';
  if (Array.isArray(actual)) {
    const want = (expected as string[]).map(norm).sort();
    const got = actual.map(norm).sort();
    return want.length === got.length && want.every((w, i) => w === got[i]) ? 'right' : 'wrong';
  }
  const options = Array.isArray(expected) ? expected : [expected];
  return options.some((o) => eq(o, actual as string)) ? 'right' : 'wrong';
}

function outcomes(
  exp: Expectation,
  c: PageCapture,
  wallStart: string | undefined,
): Partial<Record<Field, Outcome>> {
  const e = exp.expected;
  const out: Partial<Record<Field, Outcome>> = {};
  const text = (a: string, b: string) => norm(a) === norm(b);
  const url = (a: string, b: string) => normUrl(a) === normUrl(b);
  out.title = judge(e.title, c.talk?.title, text);
  out.speakers = judge(
    e.speakers,
    c.talk?.speakers.map((s) => s.name),
    text,
  );
  out.event = judge(e.event, c.event?.name, text);
  out.slides = judge(e.slides, c.talk?.slidesUrl, url);
  out.video = judge(e.video, c.talk?.videoUrl, url);
  if (e.start !== undefined) {
    const want = e.start;
    const stored = c.talk?.startsAt;
    if (want === null) out.start = stored || wallStart ? 'invented' : 'absent';
    else {
      const zoned = typeof want === 'string' && /[+-]\d{2}:\d{2}$/.test(want);
      // DESIGN §4: startsAt carries an offset. A page that names no zone is read (wallStart) but not
      // stored, unless its structured data declares the offset (then the wall time must match).
      const wall = stored ? normTime(stored).replace(/[+-]\d{2}:\d{2}$|Z$/, '') : undefined;
      if (zoned) out.start = judge(want, stored ? normTime(stored) : undefined, (a, b) => a === b);
      else if (stored) out.start = wall === want || wall?.startsWith(`${want}T`) ? 'right' : 'wrong';
      else out.start = judge(want, wallStart, (a, b) => a === b);
    }
  }
  for (const k of FIELDS) if (out[k] === undefined) delete out[k];
  return out;
}

const expectations: Expectation[] = readdirSync(EXPECTED_DIR)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(EXPECTED_DIR, f), 'utf8')) as Expectation);

describe('generic talk-page corpus (real pages)', () => {
  const results = new Map<string, { capture: PageCapture; out: Partial<Record<Field, Outcome>> }>();
  for (const exp of expectations) {
    const html = pageBytes(exp.page);
    const doc = new JSDOM(html.toString('utf8'), { url: exp.url }).window.document;
    const capture = capturePage(doc, exp.url);
    const reading = readTalkPage(doc, new URL(exp.url));
    results.set(exp.page, { capture, out: outcomes(exp, capture, reading.wallStart) });
  }

  it('has the pages the expectations were written from (SHA-256): ≥ 40 pages from ≥ 25 sites', () => {
    for (const exp of expectations) {
      const bytes = pageBytes(exp.page);
      expect(createHash('sha256').update(bytes).digest('hex'), exp.page).toBe(exp.sha256);
    }
    expect(expectations.length).toBeGreaterThanOrEqual(40);
    expect(new Set(expectations.map((e) => e.source.repository)).size).toBeGreaterThanOrEqual(25);
    expect(new Set(expectations.map((e) => new URL(e.url).hostname)).size).toBeGreaterThanOrEqual(25);
  });

  it('prints per-field accuracy and meets the floors', () => {
    const rows: string[] = [];
    const accuracy: Partial<Record<Field, number>> = {};
    for (const f of FIELDS) {
      const tally: Record<Outcome, number> = { right: 0, missing: 0, wrong: 0, invented: 0, absent: 0 };
      for (const { out } of results.values()) {
        const o = out[f];
        if (o) tally[o]++;
      }
      const shown = tally.right + tally.missing + tally.wrong;
      accuracy[f] = shown ? tally.right / shown : 1;
      rows.push(
        `${f.padEnd(9)} shown ${String(shown).padStart(2)}  right ${String(tally.right).padStart(2)}  missing ${String(tally.missing).padStart(2)}  wrong ${String(tally.wrong).padStart(2)}  invented ${tally.invented}  absent-ok ${String(tally.absent).padStart(2)}  accuracy ${(100 * (accuracy[f] ?? 0)).toFixed(0)} %`,
      );
    }
    const detail = [...results.entries()].map(
      ([page, { out }]) => `${page.padEnd(40)} ${FIELDS.map((f) => `${f}:${out[f] ?? '-'}`).join(' ')}`,
    );
    console.log(`talk-page corpus: ${results.size} pages\n${rows.join('\n')}\n\n${detail.join('\n')}`);
    for (const f of FIELDS) expect(accuracy[f], f).toBeGreaterThanOrEqual(FLOORS[f]);
  });

  it('invents no value: a field the page does not show is absent on every page', () => {
    const invented = [...results.entries()].flatMap(([page, { out }]) =>
      FIELDS.filter((f) => out[f] === 'invented').map((f) => `${page}: ${f}`),
    );
    expect(invented).toEqual([]);
  });
});
