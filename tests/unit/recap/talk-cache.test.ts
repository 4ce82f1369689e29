/**
 * Talk models remembered between composes (recap/talk-cache.ts) and the interned input
 * (recap/intern.ts): an unchanged talk is the very model object of the last compose, even from a
 * structured clone; each thing a talk's model reads — a note's text, a talk field, the talk's
 * options, the links setting, a thumbnail's link, the promise words, the event's zone — makes a new
 * one and changes the post, and a change elsewhere (the recap's title, another talk) does not.
 * Every post is also compared with a compose from cold caches. Expected text is written from the
 * fixtures and templates.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { builtinTemplate } from '../../../recap/builtins';
import { clearRecapCaches, composeRecap } from '../../../recap/compose';
import { buildRecapModel, type RecapInput, type RecapModel } from '../../../recap/model';
import { DEFAULT_PROMISE_WORDS, setNoteSettings } from '../../../storage/settings';
import type { NoteRecord } from '../../../storage/types';
import { EVENT, GLUSTER, NOTES, SELINUX } from '../../fixtures/recap/summit-2012';

const BULLETS = builtinTemplate('builtin:day-recap')!.source;

const day = (): RecapInput => ({
  event: EVENT,
  talks: [GLUSTER, SELINUX].map((talk) => ({ talk, notes: NOTES.filter((n) => n.talkId === talk.id) })),
});

/** The post, checked against a compose with every cache empty first; then the caches are warm again. */
function post(input: RecapInput, template?: string): string {
  const options = template ? { template } : {};
  const warm = composeRecap(structuredClone(input), options);
  if (!warm.ok) throw new Error(warm.error.message);
  clearRecapCaches();
  const cold = composeRecap(structuredClone(input), options);
  expect(warm).toEqual(cold);
  composeRecap(structuredClone(input), options);
  return warm.markdown;
}

/** The model after composing `input` (the caches as the compose left them). */
function modelAfter(input: RecapInput): RecapModel {
  composeRecap(input);
  return buildRecapModel(input);
}

const editNote = (input: RecapInput, talk: number, i: number, fields: Partial<NoteRecord>): RecapInput => ({
  ...input,
  talks: input.talks.map((t, k) =>
    k === talk ? { ...t, notes: t.notes.map((n, j) => (j === i ? { ...n, ...fields } : n)) } : t,
  ),
});

afterEach(() => {
  setNoteSettings({ promiseWords: DEFAULT_PROMISE_WORDS });
  clearRecapCaches();
});

describe('remembered talk models', () => {
  it('are the same objects for an unchanged talk, from a structured clone too', () => {
    const first = modelAfter(day());
    const again = modelAfter(structuredClone(day()));
    expect(again.talks[0]).toBe(first.talks[0]);
    expect(again.talks[1]).toBe(first.talks[1]);
  });

  it('an edited note makes its talk new and changes the post; the other talk stays', () => {
    const before = modelAfter(day());
    const edited = editNote(day(), 0, 1, { body: 'Unified file and object ships in 2.1' });
    const after = modelAfter(structuredClone(edited));
    expect(after.talks[0]).not.toBe(before.talks[0]);
    expect(after.talks[1]).toBe(before.talks[1]);
    expect(post(edited, BULLETS)).toContain('- Unified file and object ships in 2.1 (slide 7)');
  });

  it('a changed talk field, or the talk’s options, makes the talk new and changes the post', () => {
    const before = modelAfter(day());
    const renamed: RecapInput = {
      ...day(),
      talks: day().talks.map((t, k) =>
        k === 1 ? { ...t, talk: { ...t.talk, title: 'SELinux for Everyone' } } : t,
      ),
    };
    const after = modelAfter(renamed);
    expect(after.talks[0]).toBe(before.talks[0]);
    expect(after.talks[1]).not.toBe(before.talks[1]);
    expect(post(renamed, BULLETS)).toContain('## SELinux for Everyone');

    const quotesOnly: RecapInput = {
      ...day(),
      talks: day().talks.map((t, k) => (k === 0 ? { ...t, options: { include: 'quotes' } } : t)),
    };
    const options = modelAfter(quotesOnly);
    expect(options.talks[0]).not.toBe(after.talks[0]);
    // The Gluster talk has no quote: its takeaway is gone from the post.
    expect(post(quotesOnly, BULLETS)).not.toContain('Red Hat Storage 2.0 is GlusterFS 3.3 underneath');
  });

  it('the links setting, thumbnail links, promise words and the event’s zone make every affected talk new', () => {
    const base = modelAfter(day());
    const links = modelAfter({ ...day(), linksMentioned: 'talk' });
    expect(links.talks[0]).not.toBe(base.talks[0]);

    // A thumbnail's link is read through a new function each time: its answer is what counts.
    const withThumb = editNote(day(), 0, 0, { thumbnailId: 'blob-1' });
    const shown = (url: string): RecapInput => ({
      ...withThumb,
      talks: withThumb.talks.map((t) => ({ ...t, options: { thumbnails: true } })),
      thumbnailUrl: () => url,
    });
    const a = modelAfter(shown('images/a.png'));
    const same = modelAfter(shown('images/a.png'));
    const b = modelAfter(shown('images/b.png'));
    expect(same.talks[0]).toBe(a.talks[0]);
    expect(b.talks[0]).not.toBe(a.talks[0]);
    expect(b.talks[1]).toBe(a.talks[1]);
    const thumbPost = composeRecap(shown('images/b.png'), { template: BULLETS });
    expect(thumbPost.ok && thumbPost.markdown).toContain('](images/b.png)');

    const promising = editNote(day(), 1, 0, { body: 'Slides later, he said' });
    const promised = modelAfter(promising);
    expect(promised.talks[1]!.slides_promise).toBe(
      'The slides are now [online](https://www.redhat.com/summit/2012/presentations/selinux-for-mere-mortals.pdf).',
    );
    setNoteSettings({ promiseWords: ['nothing of the kind'] });
    const unpromised = modelAfter(promising);
    expect(unpromised.talks[1]).not.toBe(promised.talks[1]);
    expect(unpromised.talks[1]!.slides_promise).toBe('');
    setNoteSettings({ promiseWords: DEFAULT_PROMISE_WORDS });

    const zone = modelAfter({ ...day(), event: { ...EVENT, timezone: 'Asia/Tokyo' } });
    const home = modelAfter(day());
    expect(zone.talks[0]).not.toBe(home.talks[0]);
    // The talks carry their own zone: the post is the same, and as a cold compose makes it.
    expect(post({ ...day(), event: { ...EVENT, timezone: 'Asia/Tokyo' } })).toBe(post(day()));
  });

  it('a change outside the talks leaves them as they were, and changes the post where it should', () => {
    const before = modelAfter(day());
    const titled = modelAfter({ ...day(), title: 'Boston, day two' });
    expect(titled.talks[0]).toBe(before.talks[0]);
    expect(titled.talks[1]).toBe(before.talks[1]);
    expect(post({ ...day(), title: 'Boston, day two' })).toMatch(/^# Boston, day two\n/);
  });

  it('a trashed or private note leaves the post, though its record is otherwise equal', () => {
    const body = 'Geo-replication is asynchronous (rsync underneath): fine for DR, not for active-active';
    expect(post(day(), BULLETS)).toContain(body);
    expect(post(editNote(day(), 0, 3, { deletedAt: 1 }), BULLETS)).not.toContain(body);
    expect(post(editNote(day(), 0, 3, { visibility: 'private' }), BULLETS)).not.toContain(body);
    expect(post(day(), BULLETS)).toContain(body);
  });
});
