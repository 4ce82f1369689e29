import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  createTemplate,
  listTemplates,
  TemplateSyntaxError,
  templateSource,
  trashTemplate,
  updateTemplate,
} from '../../../recap/templates';
import { getDb } from '../../../storage/db';
import {
  attendedTalks,
  createRecap,
  getRecap,
  listRecaps,
  loadAllNotes,
  loadRecapInput,
  suggestedDay,
  trashRecap,
  updateRecap,
} from '../../../storage/recaps';
import { EVENT, GLUSTER, NOTES, SELINUX, TALKS } from '../../fixtures/recap/summit-2012';

async function seed() {
  await getDb().events.add(EVENT);
  await getDb().talks.bulkAdd(TALKS);
  await getDb().notes.bulkAdd(NOTES);
}

describe('recaps repository', () => {
  it('saves, changes, lists and trashes recaps', async () => {
    const r = await createRecap({
      title: '',
      eventId: EVENT.id,
      day: '2012-06-27',
      talkIds: [SELINUX.id],
      templateId: 'builtin:day-recap',
    });
    const changed = await updateRecap(r.id, { talkIds: [GLUSTER.id, SELINUX.id], intro: 'Hi' });
    expect(changed.updatedAt).toBeGreaterThan(r.updatedAt);
    expect((await getRecap(r.id))?.talkIds).toEqual([GLUSTER.id, SELINUX.id]);
    expect((await listRecaps()).map((x) => x.id)).toEqual([r.id]);
    await trashRecap(r.id);
    expect(await getRecap(r.id)).toBeUndefined();
    expect(await listRecaps()).toEqual([]);
  });

  it('loads talks in the recap order with their live notes and per-talk options', async () => {
    await seed();
    await getDb().notes.update(NOTES[8]!.id, { deletedAt: 1 });
    const input = await loadRecapInput({
      title: 'x',
      talkIds: [SELINUX.id, GLUSTER.id, 'gone'],
      talkOptions: { [SELINUX.id]: { include: 'quotes', thumbnails: true } },
    });
    expect(input.talks.map((t) => t.talk.id)).toEqual([SELINUX.id, GLUSTER.id]);
    expect(input.talks[0]!.notes.some((n) => n.id === NOTES[8]!.id)).toBe(false);
    expect(input.talks[0]!.options).toEqual({ include: 'quotes', thumbnails: true });
  });

  it('suggests the day of the talk noted last, with its talks', async () => {
    expect(await suggestedDay()).toBeUndefined();
    await seed();
    expect(await suggestedDay()).toEqual({ eventId: EVENT.id, day: '2012-06-28', talkIds: [TALKS[3]!.id] });
    await getDb().notes.update(NOTES.at(-1)!.id, { deletedAt: Date.now() });
    expect(await suggestedDay()).toEqual({
      eventId: EVENT.id,
      day: '2012-06-27',
      talkIds: [GLUSTER.id, SELINUX.id, TALKS[2]!.id],
    });
  });

  it('lists attended talks and gathers all notes for the archive', async () => {
    await seed();
    expect((await attendedTalks()).map((t) => t.title)[0]).toBe('Keynote: Open source clouds');
    const all = await loadAllNotes();
    expect(all.talks).toHaveLength(4);
    expect(all.loose).toEqual([]);
  });
});

describe('templates repository', () => {
  it('keeps built-ins first and saves user templates only when they parse', async () => {
    await expect(createTemplate('Bad', '{% for x in y %}')).rejects.toThrow(TemplateSyntaxError);
    const mine = await createTemplate('Short', '# {{ recap.title }}');
    expect((await listTemplates()).map((t) => t.name)).toEqual([
      'Day post',
      'Day one',
      'Takeaways by theme',
      'Talk notes (bullets)',
      'My takeaways',
      'Talk notes',
      'Slides digest',
      'Short',
    ]);
    await updateTemplate(mine.id, { source: '## {{ recap.title }}' });
    expect(await templateSource(mine.id)).toBe('## {{ recap.title }}');
    await expect(updateTemplate(mine.id, { source: '{{ x | nope' })).rejects.toThrow(/Line 1/);
    await trashTemplate(mine.id);
    expect(await templateSource(mine.id)).toMatch(/^# \{\{ recap.title \}\}\n\{% if recap.intro/);
  });
});

describe('no eval', () => {
  it('uses a liquidjs build without eval or new Function (extension pages forbid both)', () => {
    const require = createRequire(import.meta.url);
    const dist = readFileSync(require.resolve('liquidjs/dist/liquid.browser.mjs'), 'utf8');
    expect(dist).not.toMatch(/\bnew Function\s*\(|\beval\s*\(/);
  });
});
