/**
 * Strict backup imports (issue 14, item 5). 10,000 mutated backups — truncations, wrong types,
 * huge strings, deep nesting, duplicate ids, dangling references, future timestamps, SVG and other
 * non-image thumbnails, hostile templates, unknown fields where they are refused — are each
 * rejected with a message that names the problem and where it is, and the database (every table,
 * the sync outbox and state included) is byte-for-byte what it was. The seed is random per run
 * and printed with any failure; TALKMARKS_FUZZ_SEED=<n> replays one.
 *
 * Expected messages are patterns written from docs/backup-format.md; mutated files are re-signed
 * with a SHA-256 computed here from the documented checksum rule, so only the strict checks (not
 * the checksum) can catch them.
 */
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { builtinTemplate } from '../../recap/builtins';
import { checkTemplate } from '../../recap/render';
import { applyImport, exportBackup, prepareImport } from '../../storage/backup';
import { getDb, openDatabase, setDb } from '../../storage/db';

// The clock the exports in these tests are stamped with: a fixed date would be "after tomorrow" to them
// a day later, and every export would be refused.
const NOW = Date.now();
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);

const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]);
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>';

const checks = {
  checkTemplate,
  isBuiltinTemplate: (id: string) => builtinTemplate(id) !== undefined,
  now: NOW,
};

async function freshDb() {
  await getDb().delete();
  setDb(openDatabase());
}

/** A small library with every kind of record and every kind of reference between them. */
async function seed() {
  const db = getDb();
  await db.events.add({
    id: 'EV1',
    createdAt: T0,
    updatedAt: T0,
    name: 'Conf 2026',
    startDate: '2026-11-20',
  });
  const talk = (id: string, title: string) => ({
    id,
    createdAt: T0,
    updatedAt: T0 + 5,
    eventId: 'EV1',
    title,
    speakers: [{ name: 'Ada' }],
    tags: ['infra'],
    url: `https://conf.example/${id}`,
    source: { platform: 'generic', url: `https://conf.example/${id}`, capturedAt: T0 },
  });
  await db.talks.bulkAdd([talk('TK1', 'Kernels'), talk('TK2', 'Queues')]);
  await db.decks.add({
    id: 'DK1',
    createdAt: T0,
    updatedAt: T0,
    talkId: 'TK1',
    url: 'https://speakerdeck.com/a/k',
    title: 'Kernels',
    platform: 'speakerdeck',
  });
  await db.blobs.bulkAdd([
    {
      id: 'BL1',
      createdAt: T0,
      updatedAt: T0,
      mime: 'image/png',
      data: new Blob([PNG]),
      width: 1,
      height: 1,
    },
    {
      id: 'BL2',
      createdAt: T0,
      updatedAt: T0,
      mime: 'image/jpeg',
      data: new Blob([JPEG]),
      width: 2,
      height: 2,
    },
  ]);
  await db.notes.bulkAdd([
    {
      id: 'NT1',
      createdAt: T0 + 10,
      updatedAt: T0 + 10,
      talkId: 'TK1',
      deckId: 'DK1',
      thumbnailId: 'BL1',
      url: 'https://speakerdeck.com/a/k',
      anchor: { slide: { index: 2, label: '3' } },
      body: 'Schedulers are hard',
      tags: [],
      kind: 'takeaway',
    },
    {
      id: 'NT2',
      createdAt: T0 + 20,
      updatedAt: T0 + 30,
      talkId: 'TK2',
      url: 'https://conf.example/TK2',
      body: 'Back-pressure matters',
      tags: ['queues'],
      kind: 'note',
      anchor: { quote: { exact: 'queue', prefix: 'a ', suffix: ' b' } },
    },
    {
      id: 'NT3',
      createdAt: T0 + 40,
      updatedAt: T0 + 40,
      eventId: 'EV1',
      thumbnailId: 'BL2',
      url: 'https://conf.example/hallway',
      body: 'Hallway chat',
      tags: [],
      kind: 'note',
    },
  ]);
  await db.templates.add({
    id: 'TP1',
    createdAt: T0,
    updatedAt: T0,
    name: 'Mine',
    source: '{% for t in talks %}## {{ t.title }}\n{% endfor %}',
    builtin: false,
  });
  await db.recaps.bulkAdd([
    {
      id: 'RC1',
      createdAt: T0,
      updatedAt: T0 + 1,
      title: 'Day one',
      eventId: 'EV1',
      day: '2026-11-20',
      talkIds: ['TK1', 'TK2'],
      templateId: 'TP1',
      talkOptions: { TK1: { include: 'all', thumbnails: true } },
    },
    {
      id: 'RC2',
      createdAt: T0,
      updatedAt: T0,
      title: 'Picked',
      talkIds: ['TK2'],
      templateId: 'builtin:day-recap',
    },
  ]);
}

/**
 * Every table of the database (or those named), in key order, blob bytes and types spelled out:
 * compared as one string.
 */
async function dump(only?: readonly string[], blobType = true): Promise<string> {
  const db = getDb();
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) {
    if (only && !only.includes(table.name)) continue;
    const rows = await table.toCollection().toArray();
    out[table.name] = await Promise.all(
      rows.map(async (r) =>
        r && typeof r === 'object' && 'data' in r && r.data instanceof Blob
          ? {
              ...r,
              data: [...new Uint8Array(await r.data.arrayBuffer())],
              ...(blobType ? { type: r.data.type } : {}),
            }
          : r,
      ),
    );
  }
  return JSON.stringify(out);
}

// biome-ignore lint/suspicious/noExplicitAny: mutations reach into any part of a parsed file
type Json = any;

/** The checksum as docs/backup-format.md defines it. */
function sign(f: Json): string {
  if (f && typeof f === 'object' && f.data && typeof f.data === 'object') {
    const input = JSON.stringify([f.format, f.version, f.exportedAt, f.app, f.data]);
    f.checksum = `sha256:${createHash('sha256').update(input).digest('hex')}`;
  }
  return JSON.stringify(f);
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return (n: number) => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}

interface Variant {
  what: string;
  text: string;
  expect: RegExp[];
}

const SECTIONS = ['events', 'talks', 'decks', 'blobs', 'notes', 'recaps', 'templates'] as const;

/** Known fields per section (from docs/backup-format.md) and a wrong-typed value for each type. */
function wrongValue(value: unknown, pick: (n: number) => number): unknown {
  const options =
    typeof value === 'string'
      ? [42, null, true, {}, [], ['x']]
      : typeof value === 'number'
        ? ['5', null, [], {}, true, 1.5, -1]
        : typeof value === 'boolean'
          ? ['true', 0, null, []]
          : Array.isArray(value)
            ? ['x', 3, {}, null, [7]]
            : ['x', 3, [], null];
  return options[pick(options.length)];
}

const HOSTILE_TEMPLATES = [
  '{% for t in talks %}never closed',
  '{{ x | nofilter }}',
  '## Talks\n{% unknowntag %}',
  '{% comment %}',
  '{% if %}x{% endif %}',
  '{% endfor %}',
  '{{ "unterminated }}',
  '{% include "../../etc/passwd" %',
  '{% raw %}open',
  '{% assign = 1 %}',
  '{% case %}{% endcase %}',
  '{% tablerow x in %}',
];

function makeVariants(base: string, count: number, seed: number): Variant[] {
  const pick = rng(seed);
  const original: Json = JSON.parse(base);
  const out: Variant[] = [];
  const rec = (f: Json, s: (typeof SECTIONS)[number]) => {
    const i = pick(f.data[s].length);
    return { r: f.data[s][i], at: `${s}[${i}]`, i };
  };
  const kinds: (() => Variant)[] = [
    // Truncation: anywhere but at the very end.
    () => {
      const cut = 1 + pick(base.length - 1);
      return { what: `cut at ${cut}`, text: base.slice(0, cut), expect: [/cut short/] };
    },
    // Wrong type in a known field.
    () => {
      const f = structuredClone(original);
      const s = SECTIONS[pick(SECTIONS.length)]!;
      const { r, at } = rec(f, s);
      const fields = Object.keys(r);
      const field = fields[pick(fields.length)]!;
      const bad = wrongValue(r[field], pick);
      r[field] = bad;
      return {
        what: `${at}.${field} = ${JSON.stringify(bad)}`,
        text: sign(f),
        expect: [new RegExp(`^Record ${esc(at)}\\.${esc(field)}\\b.* is not valid`)],
      };
    },
    // Huge strings, in known fields and unknown ones.
    () => {
      const f = structuredClone(original);
      const s = (['notes', 'talks', 'events', 'templates', 'recaps'] as const)[pick(5)]!;
      const { r, at } = rec(f, s);
      // Mostly just over a field's limit; one in ten over what the reader takes in any field, one in
      // fifty a 5 MB string.
      const roll = pick(50);
      const size = roll === 0 ? 5_000_000 : roll < 5 ? 600_003 + pick(400_000) : 100_001 + pick(50_000);
      const field =
        s === 'notes'
          ? 'body'
          : s === 'talks'
            ? 'title'
            : s === 'templates'
              ? 'source'
              : s === 'events'
                ? 'name'
                : 'title';
      const unknown = pick(4) === 0;
      r[unknown ? 'extra' : field] = 'x'.repeat(size);
      // What the reader takes in any string of the section (a recap's edited post is long).
      const tooLongForFile = size > (s === 'recaps' ? 6_000_002 : 600_002);
      const expectField = unknown ? 'extra' : field;
      return {
        what: `${at}.${expectField} of ${size} characters`,
        text: sign(f),
        expect: tooLongForFile
          ? [new RegExp(`more than [\\d,]+ characters in ${esc(at)}`)]
          : unknown && s !== 'templates'
            ? [/never/] // replaced below: an unknown field under the file limit is dropped, not refused
            : [new RegExp(`^Record ${esc(at)}\\.${esc(expectField)} is not valid`)],
      };
    },
    // Deep nesting, in an unknown field (dropped if it were shallow) or in a known one.
    () => {
      const f = structuredClone(original);
      const s = SECTIONS[pick(SECTIONS.length)]!;
      const { r, at } = rec(f, s);
      const depth = 5 + pick(pick(4) === 0 ? 4000 : 60);
      let v: Json = 1;
      for (let k = 0; k < depth; k++) v = pick(2) ? [v] : { a: v };
      r[pick(2) ? 'deep' : 'anchor'] = v;
      return {
        what: `${at} nested ${depth} deep`,
        text: sign(f),
        expect: [new RegExp(`levels deep in ${esc(at)}`)],
      };
    },
    // Duplicate ids within a section.
    () => {
      const f = structuredClone(original);
      const s = SECTIONS[pick(SECTIONS.length)]!;
      const { r } = rec(f, s);
      const copy = structuredClone(r);
      if (pick(2) && f.data[s].length > 1) {
        const other = f.data[s].find((x: Json) => x.id !== r.id);
        other.id = r.id;
      } else f.data[s].splice(pick(f.data[s].length + 1), 0, copy);
      return {
        what: `${s} repeats ${r.id}`,
        text: sign(f),
        expect: [new RegExp(`^Record ${esc(s)}\\[\\d+\\] repeats the id ${esc(r.id)}`)],
      };
    },
    // Dangling references: ids that are neither in the file nor in the library.
    () => {
      const f = structuredClone(original);
      const refs: [(typeof SECTIONS)[number], string, string][] = [
        ['notes', 'talkId', 'talk'],
        ['notes', 'deckId', 'deck'],
        ['notes', 'eventId', 'event'],
        ['notes', 'thumbnailId', 'slide image'],
        ['talks', 'eventId', 'event'],
        ['decks', 'talkId', 'talk'],
        ['recaps', 'eventId', 'event'],
        ['recaps', 'templateId', 'template'],
        ['recaps', 'talkIds', 'talk'],
      ];
      const [s, field, noun] = refs[pick(refs.length)]!;
      const { r, at } = rec(f, s);
      const id = `GONE${pick(1_000_000)}`;
      if (field === 'talkIds') {
        const k = pick(r.talkIds.length + 1);
        r.talkIds.splice(k, 0, id);
        return {
          what: `${at}.talkIds.${k} = ${id}`,
          text: sign(f),
          expect: [new RegExp(`^Record ${esc(at)}\\.talkIds\\.${k} names talk ${id}, which is neither`)],
        };
      }
      const value = field === 'templateId' && pick(3) === 0 ? `builtin:${id}` : id;
      r[field] = value;
      return {
        what: `${at}.${field} = ${value}`,
        text: sign(f),
        expect: [new RegExp(`^Record ${esc(at)}\\.${field} names ${noun} ${esc(value)}, which is neither`)],
      };
    },
    // Future timestamps (after tomorrow), up to the largest date JavaScript has.
    () => {
      const f = structuredClone(original);
      const s = SECTIONS[pick(SECTIONS.length)]!;
      const { r, at } = rec(f, s);
      const fields = ['createdAt', 'updatedAt', 'deletedAt'];
      if (s === 'talks') fields.push('starredAt', 'source.capturedAt');
      const field = fields[pick(fields.length)]!;
      const when = pick(5) === 0 ? 8_640_000_000_000_000 : NOW + DAY + 1 + pick(2_000_000_000) * 1000;
      if (field === 'source.capturedAt') r.source.capturedAt = when;
      else r[field] = when;
      if (field === 'createdAt') r.updatedAt = Math.max(r.updatedAt, when);
      return {
        what: `${at}.${field} = ${when}`,
        text: sign(f),
        expect: [
          new RegExp(
            `^Record ${esc(at)}\\.(${esc(field)}|updatedAt|createdAt) is not valid: is later than tomorrow`,
          ),
        ],
      };
    },
    // Thumbnails that are not PNG, JPEG or WebP images.
    () => {
      const f = structuredClone(original);
      const { r, at } = rec(f, 'blobs');
      const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');
      const cases: [string, string, RegExp][] = [
        ['image/svg+xml', b64(SVG), /\.mime is not valid: is not PNG, JPEG or WebP/],
        ['image/png', b64(SVG), /is not a image\/png image/],
        ['image/jpeg', b64(PNG), /is not a image\/jpeg image/],
        ['image/webp', b64('RIFF\0\0\0\0WAVEfmt '), /is not a image\/webp image/],
        ['image/gif', b64('GIF89a'), /\.mime is not valid: is not PNG, JPEG or WebP/],
        ['text/html', b64('<b>hi</b>'), /\.mime is not valid: is not PNG, JPEG or WebP/],
        [
          'image/png',
          b64(new Uint8Array(64).map((_, k) => (k * 37 + pick(256)) & 255)),
          /is not a image\/png image/,
        ],
        ['image/png', '', /is not a image\/png image/],
      ];
      const [mime, data, message] = cases[pick(cases.length)]!;
      r.mime = mime;
      r.data = data;
      return { what: `${at} as ${mime}`, text: sign(f), expect: [new RegExp(`^Record ${esc(at)}`), message] };
    },
    // Hostile templates: not compiling, claiming to be built in, carrying fields templates lack.
    () => {
      const f = structuredClone(original);
      const { r, at } = rec(f, 'templates');
      const k = pick(3);
      if (k === 0) {
        r.source = HOSTILE_TEMPLATES[pick(HOSTILE_TEMPLATES.length)]!;
        return {
          what: `${at}.source = ${r.source}`,
          text: sign(f),
          expect: [new RegExp(`^Record ${esc(at)}\\.source does not compile \\(line \\d+\\)`)],
        };
      }
      if (k === 1) {
        r.builtin = true;
        if (pick(2)) r.id = `builtin:${r.id}`;
        return { what: `${at} built-in`, text: sign(f), expect: [/built-in templates come with Talkmarks/] };
      }
      r[pick(2) ? 'trusted' : 'html'] = true;
      return {
        what: `${at} with an extra field`,
        text: sign(f),
        expect: [/is a field this record does not have/],
      };
    },
    // Unknown fields where records are taken whole: slide images.
    () => {
      const f = structuredClone(original);
      const { r, at } = rec(f, 'blobs');
      r.onload = 'alert(1)';
      return {
        what: `${at}.onload`,
        text: sign(f),
        expect: [new RegExp(`^Record ${esc(at)}\\.onload is not valid: is a field`)],
      };
    },
  ];
  while (out.length < count) {
    const v = kinds[out.length % kinds.length]!();
    // An unknown field short enough for the file is dropped, not refused: not a hostile variant.
    if (v.expect[0]?.source === 'never') continue;
    out.push(v);
  }
  return out;
}

const seedFromEnv = Number(process.env.TALKMARKS_FUZZ_SEED);
const SEED = Number.isFinite(seedFromEnv) && seedFromEnv > 0 ? seedFromEnv : (Math.random() * 2 ** 31) >>> 0;

describe('strict backup imports', () => {
  beforeEach(async () => {
    await freshDb();
    await seed();
  });

  it("accepts the library's own backup, read a few bytes at a time or whole, from text or a file", async () => {
    const text = await exportBackup('t');
    // (Node's fake IndexedDB keeps no Blob type; the import gives each image its type again.)
    const before = await dump(SECTIONS, false);
    for (const pieceSize of [1, 7, 64, 4096]) {
      const asText = await prepareImport(text, undefined, { ...checks, pieceSize });
      const asFile = await prepareImport(new Blob([text]), undefined, { ...checks, pieceSize });
      expect(asText).toMatchObject({ ok: true, writes: 0 });
      expect(asFile).toMatchObject({ ok: true, writes: 0 });
    }
    // Into an empty library: every record comes back as it was.
    await freshDb();
    const prepared = await prepareImport(new Blob([text]), undefined, { ...checks, pieceSize: 5 });
    if (!prepared.ok) throw new Error(prepared.error);
    await applyImport(prepared.plan);
    // The records as they were, field order included (the sync tables record the import's writes).
    expect(await dump(SECTIONS, false)).toBe(before);
  });

  it('drops unknown fields of notes, talks, events, decks and recaps; refuses them in images and templates', async () => {
    const f = JSON.parse(await exportBackup('t'));
    await freshDb();
    f.data.notes[0].color = 'red';
    f.data.notes[0].anchor.slide.glow = true;
    f.data.talks[0].speakers[0].twitter = '@ada';
    f.data.recaps[0].colour = ['x'];
    // Fields the composer added lately are known, not dropped.
    f.data.recaps[0].themes = [{ tag: 'infra', name: 'Infrastructure' }];
    f.data.recaps[0].pictures = ['NT1'];
    f.data.recaps[0].edited = { markdown: '# Day one, edited', from: '# Day one' };
    const prepared = await prepareImport(sign(f), undefined, checks);
    if (!prepared.ok) throw new Error(prepared.error);
    await applyImport(prepared.plan);
    const note = await getDb().notes.get('NT1');
    expect(note).not.toHaveProperty('color');
    expect(note?.anchor).toEqual({ slide: { index: 2, label: '3' } });
    expect((await getDb().talks.get('TK1'))?.speakers).toEqual([{ name: 'Ada' }]);
    const recap = await getDb().recaps.get('RC1');
    expect(recap).not.toHaveProperty('colour');
    expect(recap).toMatchObject({
      themes: [{ tag: 'infra', name: 'Infrastructure' }],
      pictures: ['NT1'],
      edited: { markdown: '# Day one, edited', from: '# Day one' },
    });
  });

  it('refuses a file over the size limit and names the limit', async () => {
    const text = await exportBackup('t');
    const r = await prepareImport(text, undefined, { ...checks });
    expect(r.ok).toBe(true);
    // The limit applies to text as well (in characters): a small limit shows it without a 500 MB file.
    const { readBackup } = await import('../../storage/backup/read');
    expect(await readBackup(text, { maxChars: 100 })).toEqual({
      ok: false,
      error: 'The file is larger than a backup may be (100 characters).',
    });
  });

  it(`rejects 10,000 mutated backups, each with a message naming the problem; the database stays byte-identical (seed ${SEED})`, async () => {
    const text = await exportBackup('t');
    expect(await prepareImport(text, undefined, checks)).toMatchObject({ ok: true });
    const before = await dump();
    const variants = makeVariants(text, 10_000, SEED);
    const seen = new Map<string, number>();
    for (const [n, v] of variants.entries()) {
      const r = await prepareImport(v.text, undefined, checks);
      const fail = (why: string) => {
        throw new Error(`seed ${SEED}, variant ${n} (${v.what}): ${why}`);
      };
      if (r.ok) fail('accepted');
      if (r.ok) continue;
      for (const pattern of v.expect)
        if (!pattern.test(r.error)) fail(`message "${r.error}" does not match ${pattern}`);
      const kind = v.what.replace(/[\d.]+|=.*$/g, '').slice(0, 20);
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
      if (n % 2_500 === 0 && (await dump()) !== before) fail('the database changed');
    }
    expect(variants.length).toBe(10_000);
    expect(await dump()).toBe(before);
  }, 600_000);
});
