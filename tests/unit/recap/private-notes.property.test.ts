// @vitest-environment jsdom
/**
 * Private notes (issue 16, item 3): for random notes with random visibility, no private note's text
 * reaches any export — every built-in template (the prose ones too), the Markdown copy and the rich
 * HTML copy of each, the recap's zip, the Markdown archive, the Web Annotation export — unless the
 * user included private notes for that export; and when included, the text is there.
 *
 * Each note carries a token of its own (letters and digits only, so no Markdown escaping can touch
 * it) among random text; a private note's token appearing anywhere in an output is a leak. A note
 * is private by the `private` field, by the `% ` prefix typed on save, or by the `#private` tag.
 */
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { annotationCollection } from '../../../recap/annotations';
import { notesArchive } from '../../../recap/archive';
import { BUILTIN_TEMPLATES } from '../../../recap/builtins';
import { composeRecap } from '../../../recap/compose';
import { recapCoverage } from '../../../recap/coverage';
import { makeZip } from '../../../recap/files';
import { htmlDocument, markdownToSafeHtml } from '../../../recap/html';
import type { RecapInput } from '../../../recap/model';
import { buildNote } from '../../../storage/notes';
import type { EventRecord, NoteKind, NoteRecord, TalkRecord } from '../../../storage/types';

const EVENT: EventRecord = {
  id: 'EV1',
  createdAt: 0,
  updatedAt: 0,
  name: 'Privacy Summit',
  timezone: 'UTC',
};

const talk = (i: number): TalkRecord => ({
  id: `T${i}`,
  createdAt: 0,
  updatedAt: 0,
  eventId: EVENT.id,
  title: `Talk number ${i}`,
  speakers: [{ name: `Speaker ${i}` }],
  startsAt: `2024-05-02T${String(9 + i).padStart(2, '0')}:00:00Z`,
  url: `https://example.org/talk/${i}`,
  tags: [],
  source: { platform: 'test', url: `https://example.org/talk/${i}`, capturedAt: 0 },
});

const TALKS = [talk(0), talk(1), talk(2)];

type How = 'public' | 'field' | 'prefix' | 'tag';

interface Spec {
  how: How;
  kind: Exclude<NoteKind, 'todo'>;
  talk: number; // -1: a moment of the day
  before: string;
  after: string;
  slide: boolean;
}

const spec = fc.record<Spec>({
  how: fc.constantFrom<How>('public', 'field', 'prefix', 'tag'),
  kind: fc.constantFrom('note', 'takeaway', 'quote', 'question'),
  talk: fc.integer({ min: -1, max: 2 }),
  // Any text around the token, Markdown and HTML marks included.
  before: fc.string({ maxLength: 30 }),
  after: fc.string({ maxLength: 30 }),
  slide: fc.boolean(),
});

/** The token of note `i`: unique, never a substring of another's (fixed width), untouched by escaping. */
const token = (i: number, priv: boolean) => `${priv ? 'zqsecret' : 'zqpublic'}${String(i).padStart(4, '0')}x`;

/** Stored notes as the repository builds them from what the user typed. */
function makeNotes(specs: Spec[]): { notes: NoteRecord[]; secret: string[]; open: string[] } {
  const notes: NoteRecord[] = [];
  const secret: string[] = [];
  const open: string[] = [];
  specs.forEach((s, i) => {
    const priv = s.how !== 'public';
    const tok = token(i, priv);
    // A space on each side keeps the token a word of its own whatever the random text ends with;
    // the leading word keeps random text from typing a prefix (`% ` would make a public note private).
    let body = `w ${s.before} ${tok} ${s.after}`;
    if (s.how === 'prefix') body = `% ${body}`;
    if (s.how === 'tag') body = `${body} #private`;
    const note = buildNote(
      {
        body,
        url: s.talk >= 0 ? TALKS[s.talk]!.url! : 'https://example.org/hallway',
        pageTitle: 'A page',
        kind: s.kind,
        visibility: s.how === 'field' ? 'private' : undefined,
        talkId: s.talk >= 0 ? TALKS[s.talk]!.id : undefined,
        anchor: s.slide ? { slide: { index: 2, label: '3' } } : undefined,
      },
      Date.parse('2024-05-02T09:00:00Z') + i * 60_000,
    );
    note.id = `N${String(i).padStart(4, '0')}`;
    if (s.talk < 0) note.eventId = EVENT.id;
    notes.push(note);
    (priv ? secret : open).push(tok);
  });
  return { notes, secret, open };
}

function recapInput(notes: NoteRecord[], includePrivate: boolean): RecapInput {
  return {
    event: EVENT,
    day: '2024-05-02',
    zone: 'UTC',
    talks: TALKS.map((t) => ({ talk: t, notes: notes.filter((n) => n.talkId === t.id) })),
    moments: notes.filter((n) => !n.talkId),
    ...(includePrivate ? { includePrivate } : {}),
  };
}

/** Every output of every export path, as text, keyed by where it came from. */
function allOutputs(notes: NoteRecord[], includePrivate: boolean): Map<string, string> {
  const out = new Map<string, string>();
  const input = recapInput(notes, includePrivate);
  for (const t of BUILTIN_TEMPLATES) {
    const result = composeRecap(input, { template: t.source });
    if (!result.ok) {
      out.set(`${t.name}: error`, result.error.message);
      continue;
    }
    out.set(`${t.name}: Markdown copy`, result.markdown);
    out.set(`${t.name}: rich HTML copy`, htmlDocument('Post', markdownToSafeHtml(result.markdown, window)));
    const zip = unzipSync(makeZip([{ path: 'post.md', data: result.markdown }]));
    for (const [path, data] of Object.entries(zip)) out.set(`${t.name}: zip ${path}`, strFromU8(data));
  }
  const talks = TALKS.map((t) => ({ talk: t, event: EVENT, notes: notes.filter((n) => n.talkId === t.id) }));
  const archive = unzipSync(
    notesArchive(
      talks,
      notes.filter((n) => !n.talkId),
      { includePrivate },
    ),
  );
  for (const [path, data] of Object.entries(archive)) out.set(`archive ${path}`, strFromU8(data));
  out.set('Web Annotations', JSON.stringify(annotationCollection(notes, 'All', { includePrivate })));
  return out;
}

describe('private notes through every export path', () => {
  it('every note made private is stored private, and public notes are not', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 12 }), (specs) => {
        const { notes } = makeNotes(specs);
        for (const n of notes) {
          const priv = n.visibility === 'private' || n.tags.includes('private');
          expect(priv).toBe(/zqsecret/.test(n.body));
          expect(n.body.startsWith('%')).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('no private note text in any output unless included', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 12 }), (specs) => {
        const { notes, secret } = makeNotes(specs);
        for (const [where, text] of allOutputs(notes, false)) {
          for (const tok of secret) {
            if (text.includes(tok)) throw new Error(`${tok} leaked into ${where}`);
          }
          expect(text).not.toMatch(/zqsecret/);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('when included, private notes are in every export that lists all notes', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 12 }), (specs) => {
        const { notes, secret, open } = makeNotes(specs);
        const outputs = allOutputs(notes, true);
        const every = [...outputs.values()].join('\n');
        // The archive and the annotations list every note; the bullets and the Day post every talk's
        // note and every moment (to-dos aside, and there are none here).
        const lists = (prefix: string) =>
          [...outputs]
            .filter(([k]) => k.startsWith(prefix))
            .map(([, v]) => v)
            .join('\n');
        const anno = lists('Web Annotations');
        const archive = lists('archive ');
        const bullets = lists('Talk notes (bullets): Markdown copy');
        const dayPost = lists('Day post: Markdown copy');
        const dayPostHtml = lists('Day post: rich HTML copy');
        for (const tok of [...secret, ...open]) {
          expect(anno).toContain(tok);
          expect(archive).toContain(tok);
          expect(bullets).toContain(tok);
          expect(dayPost).toContain(tok);
          expect(dayPostHtml).toContain(tok);
        }
        expect(every.length).toBeGreaterThan(0);
      }),
      { numRuns: 40 },
    );
  });
});

describe('private notes, by hand', () => {
  const notes = [
    buildNote({ body: 'Open talk point', url: TALKS[0]!.url!, talkId: 'T0' }, 1),
    buildNote({ body: '% my rant about the speaker', url: TALKS[0]!.url!, talkId: 'T0' }, 2),
    buildNote({ body: '! % private takeaway', url: TALKS[0]!.url!, talkId: 'T0' }, 3),
    buildNote({ body: 'gossip #private', url: TALKS[0]!.url!, talkId: 'T0' }, 4),
  ];

  it('reads the % prefix before or after a kind prefix, and the #private tag', () => {
    expect(notes.map((n) => [n.body, n.kind, n.visibility ?? 'public'])).toEqual([
      ['Open talk point', 'note', 'public'],
      ['my rant about the speaker', 'note', 'private'],
      ['private takeaway', 'takeaway', 'private'],
      ['gossip #private', 'note', 'public'],
    ]);
    expect(notes[3]!.tags).toEqual(['private']);
  });

  it('leaves them out of the Day post, and puts them in when included', () => {
    const input: RecapInput = { event: EVENT, talks: [{ talk: TALKS[0]!, notes }] };
    const day = BUILTIN_TEMPLATES.find((t) => t.id === 'builtin:day-post')!.source;
    const out = composeRecap(input, { template: day });
    if (!out.ok) throw new Error(out.error.message);
    expect(out.markdown).toContain('Open talk point');
    expect(out.markdown).not.toMatch(/rant|private takeaway|gossip/);
    const all = composeRecap({ ...input, includePrivate: true }, { template: day });
    if (!all.ok) throw new Error(all.error.message);
    expect(all.markdown).toContain('my rant about the speaker');
    expect(all.markdown).toContain('private takeaway');
    expect(all.markdown).toContain('gossip');
  });

  it('counts them as left out, and as in when included', () => {
    const input: RecapInput = { event: EVENT, talks: [{ talk: TALKS[0]!, notes }] };
    const out = recapCoverage(input);
    expect(out.summary).toBe('In the post: 1 of 4 notes.');
    expect(out.out.map((g) => [g.reason, g.label])).toEqual([
      ['private-note', '3 private notes left out (tick "Include private notes" to put them in)'],
    ]);
    expect(recapCoverage({ ...input, includePrivate: true }).summary).toBe('In the post: all 4 notes.');
  });
});
