/**
 * The golden test: three Wednesday talks of Red Hat Summit 2012, seeded into the database, gathered
 * the way the composer gathers them and composed through "Day recap", equal to the committed file.
 *
 * The golden file is written by hand, line by line, from the notes in `summit-2012.ts` and what
 * docs/templates.md says Day recap writes (title `{event}: {weekday}`, a section per talk with its
 * byline and slides link, one bullet per note with its trailing `#tags` moved to the closing
 * `Tagged:` line, quotes in “…”, questions after "Open question:", to-dos left out). No test writes
 * it: when the output changes on purpose, edit the file by hand from the docs, then run this test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinTemplate } from '../../../recap/builtins';
import { composeRecap } from '../../../recap/compose';
import { getDb } from '../../../storage/db';
import { attendedByDay, loadRecapInput, talksForDay } from '../../../storage/recaps';
import { EVENT, NOTES, RECAP_INTRO, TALKS } from '../../fixtures/recap/summit-2012';

/** This test is about the bullet template ("Talk notes (bullets)"); new recaps start on the Day post. */
const BULLETS = builtinTemplate('builtin:day-recap')!.source;

const GOLDEN = new URL('../../fixtures/recap/red-hat-summit-2012-wednesday.md', import.meta.url);

async function seed() {
  const db = getDb();
  await db.events.add(EVENT);
  await db.talks.bulkAdd(TALKS);
  await db.notes.bulkAdd(NOTES);
}

describe('Day recap golden file', () => {
  it('gathers the Wednesday talks in start order', async () => {
    await seed();
    const days = await attendedByDay(EVENT.id);
    expect([...days.keys()]).toEqual(['2012-06-27', '2012-06-28']);
    const talks = await talksForDay(EVENT.id, '2012-06-27');
    expect(talks.map((t) => t.title)).toEqual([
      'GlusterFS and Red Hat Storage: the roadmap',
      'SELinux for Mere Mortals',
      'Tuning RHEL 6 for 40 Gb/s networks',
    ]);
  });

  it('composes Red Hat Summit 2012: Wednesday equal to the golden file', async () => {
    await seed();
    const talks = await talksForDay(EVENT.id, '2012-06-27');
    const input = await loadRecapInput({
      title: '',
      eventId: EVENT.id,
      day: '2012-06-27',
      talkIds: talks.map((t) => t.id),
      intro: RECAP_INTRO,
    });
    const result = composeRecap(input, { template: BULLETS });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.markdown).toBe(readFileSync(GOLDEN, 'utf8'));
    expect(result.markdown.startsWith('# Red Hat Summit 2012: Wednesday\n')).toBe(true);
  });
});
