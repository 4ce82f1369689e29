/**
 * The per-note part of the recap model is remembered between composes (recap/note-cache.ts): a
 * remembered note is used again only when nothing it depends on changed. Each edit below keeps the
 * note's id and `updatedAt` (a backup or another device may change a record without it) and must
 * change the post; the expected text is written from the templates, not read from the code.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { builtinTemplate } from '../../../recap/builtins';
import { composeRecap } from '../../../recap/compose';
import { buildRecapModel, type RecapInput } from '../../../recap/model';
import { clearNoteModelCache } from '../../../recap/note-cache';
import { DEFAULT_PROMISE_WORDS, setNoteSettings } from '../../../storage/settings';
import type { NoteRecord, TalkRecord } from '../../../storage/types';
import { EVENT, GLUSTER, NOTES } from '../../fixtures/recap/summit-2012';

const BULLETS = builtinTemplate('builtin:day-recap')!.source;
const talkNotes = NOTES.filter((n) => n.talkId === GLUSTER.id);

function post(notes: NoteRecord[], talk: TalkRecord = GLUSTER, template?: string): string {
  const input: RecapInput = { event: EVENT, talks: [{ talk, notes }] };
  const result = composeRecap(input, template ? { template } : {});
  if (!result.ok) throw new Error(result.error.message);
  return result.markdown;
}

const edit = (i: number, fields: Partial<NoteRecord>) =>
  talkNotes.map((n, j) => (j === i ? { ...n, ...fields, updatedAt: n.updatedAt } : n));

afterEach(() => {
  setNoteSettings({ promiseWords: DEFAULT_PROMISE_WORDS });
  clearNoteModelCache();
});

describe('remembered note models', () => {
  it('are used again for the same notes, even as copies (the render worker gets clones)', () => {
    const input: RecapInput = { event: EVENT, talks: [{ talk: GLUSTER, notes: talkNotes }] };
    const first = buildRecapModel(input);
    const again = buildRecapModel(structuredClone(input));
    expect(again.talks[0]!.notes[0]).toBe(first.talks[0]!.notes[0]);
  });

  it('an edited body changes the post, with the same id and updatedAt', () => {
    const before = post(talkNotes);
    expect(before).toContain('Red Hat Storage 2.0 is GlusterFS 3.3 underneath');
    const after = post(edit(0, { body: 'Red Hat Storage 2.1 ships in the autumn' }));
    expect(after).toContain('Red Hat Storage 2.1 ships in the autumn');
    expect(after).not.toContain('Red Hat Storage 2.0 is GlusterFS 3.3 underneath');
  });

  it('a changed kind, slide label or speaker changes the post', () => {
    post(talkNotes);
    // Day post: a question is asked in the first person.
    expect(post(edit(1, { kind: 'question' }))).toContain('I asked: Unified file and object');
    // Bullets: a note's line names its slide.
    expect(post(talkNotes, GLUSTER, BULLETS)).toContain('(slide 7)');
    const relabelled = edit(1, { anchor: { slide: { index: 6, label: 'vii', title: 'UFO' } } });
    expect(post(relabelled, GLUSTER, BULLETS)).toContain('(slide vii)');
    // A quote names the talk's speakers: the talk passes them in.
    const quoted = edit(1, { kind: 'quote' });
    expect(post(quoted)).toContain('As John Mark Walker put it: “Unified file and object');
    const renamed = { ...GLUSTER, speakers: [{ name: 'Jane Doe' }] };
    expect(post(quoted, renamed)).toContain('As Jane Doe put it: “Unified file and object');
  });

  it('a moved recording moves the note’s moment link', () => {
    const moments = '{% for t in talks %}{% for n in t.notes %}{{ n.moment_url }}\n{% endfor %}{% endfor %}';
    const timed = edit(0, { talkOffsetSec: 90 });
    const recorded = (startSec: number) => ({
      ...GLUSTER,
      recording: { url: 'https://www.youtube.com/watch?v=abc', startSec, alignedAt: 0 },
    });
    // The recording starts 60 s in, then 120 s in: the note 90 s into the talk is at 150 s, then 210 s.
    expect(post(timed, recorded(60), moments)).toContain('https://www.youtube.com/watch?v=abc&t=150s');
    expect(post(timed, recorded(120), moments)).toContain('https://www.youtube.com/watch?v=abc&t=210s');
  });

  it('a promise of slides follows the promise words in force', () => {
    // The talk's slides are known: the note that promised them reads as the link (Day post).
    const promising = edit(2, { body: 'He said the slides will be posted on the site' });
    const kept = post(promising);
    expect(kept).toContain(`The slides are now [online](${GLUSTER.slidesUrl})`);
    expect(kept).not.toContain('He said the slides will be posted');
    setNoteSettings({ promiseWords: ['deck comes soon'] });
    const plain = post(promising);
    expect(plain).toContain('He said the slides will be posted on the site.');
    expect(plain).not.toContain('The slides are now');
  });
});
