// @vitest-environment jsdom
/**
 * The composer's parts for issue 13, over real storage (fake IndexedDB) seeded with the Red Hat
 * Summit 2012 Wednesday of the voice goldens: "Day post" equal to the hand-written golden; the note
 * about the day goes through the background's saveNote then moveNotes (the existing message paths),
 * filed under the event on no talk; themes typed for "Takeaways by theme" head its paragraphs; the
 * word count follows an edit of the post.
 */
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecapComposer } from '../../../components/recap/RecapComposer';
import { getDb } from '../../../storage/db';
import { EVENT, INTRO, MOMENTS, NOTES, OUTRO, TALKS } from '../../fixtures/recap/voice/red-hat-summit-2012';

const calls: { type: string; data: unknown }[] = [];
vi.mock('../../../messaging/protocol', () => ({
  sendMessage: async (type: string, data: unknown) => {
    calls.push({ type, data });
    return type === 'saveNote' ? { ok: true, id: 'NEWNOTE' } : { ok: true, moved: 1, previous: [] };
  },
}));

afterEach(() => {
  cleanup();
  calls.length = 0;
});

const GOLDEN = readFileSync('tests/fixtures/recap/voice/red-hat-summit-2012-wednesday.md', 'utf8');
const settled = (check: () => void) => waitFor(check, { timeout: 10_000 });
const markdown = () => (screen.getByTestId('recap-markdown') as HTMLTextAreaElement).value;

async function openWednesday(notify: (t: { message: string }) => void = () => undefined) {
  const db = getDb();
  await db.events.add(EVENT);
  await db.talks.bulkAdd(TALKS);
  await db.notes.bulkAdd([...NOTES, ...MOMENTS]);
  render(<RecapComposer notify={notify} wide />);
  const day = screen.getByRole('combobox', { name: 'Day' }) as HTMLSelectElement;
  // The party was noted last: a new recap opens on that Wednesday.
  await settled(() => expect(day.value).toBe('2012-06-27'));
  fireEvent.change(screen.getByRole('combobox', { name: 'Template' }), {
    target: { value: 'builtin:day-post' },
  });
  fireEvent.input(screen.getByRole('textbox', { name: 'Intro' }), { target: { value: INTRO } });
  fireEvent.input(screen.getByRole('textbox', { name: 'Outro' }), { target: { value: OUTRO } });
  await settled(() => expect(markdown()).toBe(GOLDEN));
}

describe('the composer writes posts in the writer’s voice', () => {
  it('a note about the day is saved through the background, filed under the event on no talk', async () => {
    const told: string[] = [];
    await openWednesday((t) => told.push(t.message));
    const box = screen.getAllByRole('textbox', { name: 'Note about the day' })[0]!;
    fireEvent.input(box, { target: { value: 'Photos of the day: [album](https://example.org/album)' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add to the day' }));
    await settled(() => expect(told).toEqual(['Note about the day added to Red Hat Summit 2012.']));
    expect(calls).toEqual([
      {
        type: 'saveNote',
        data: {
          body: 'Photos of the day: [album](https://example.org/album)',
          capture: {
            url: 'https://www.redhat.com/summit/2012/',
            title: 'Red Hat Summit 2012',
            kind: 'page',
            platform: 'day-note',
          },
          to: {},
        },
      },
      { type: 'moveNotes', data: { ids: ['NEWNOTE'], to: { eventId: EVENT.id } } },
    ]);
    expect((box as HTMLTextAreaElement).value).toBe('');
  });

  it('themes typed for Takeaways by theme head its paragraphs, the rest under Everything else', async () => {
    await openWednesday();
    fireEvent.change(screen.getByRole('combobox', { name: 'Template' }), {
      target: { value: 'builtin:takeaways-by-theme' },
    });
    const themes = screen.getByRole('textbox', { name: 'Themes' });
    fireEvent.input(themes, { target: { value: 'SELinux, Performance' } });
    fireEvent.change(themes, { target: { value: 'SELinux, Performance' } });
    await settled(() => expect(markdown()).toContain('## SELinux\n'));
    const headings = markdown()
      .split('\n')
      .filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## SELinux', '## Performance', '## Everything else']);
    expect(markdown()).toContain(
      '## SELinux\n\nFrom [SELinux for Mere Mortals](https://www.redhat.com/summit/2012/sessions/selinux-for-mere-mortals) by Thomas Cameron: Never `setenforce 0`: read the denial with `audit2why` first, most of them are mislabeled files.\n',
    );
  });

  it('the word count follows an edit of the post', async () => {
    await openWednesday();
    const length = () => screen.getByTestId('recap-length').textContent ?? '';
    const before = Number(/^(\d+) words · \d+ min read$/.exec(length())?.[1]);
    expect(before).toBeGreaterThan(100);
    fireEvent.click(screen.getByRole('button', { name: 'Edit the post' }));
    await settled(() =>
      expect((screen.getByTestId('recap-markdown') as HTMLTextAreaElement).readOnly).toBe(false),
    );
    fireEvent.input(screen.getByTestId('recap-markdown'), {
      target: { value: GOLDEN.replace('Tomorrow:', 'Tomorrow, three more words:') },
    });
    await settled(() =>
      expect(length()).toBe(`${before + 3} words · ${Math.round((before + 3) / 230) || 1} min read`),
    );
    expect(screen.getByTestId('recap-edits').textContent).toContain('copies and downloads use your text');
  });
});
