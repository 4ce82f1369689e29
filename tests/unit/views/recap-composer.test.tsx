// @vitest-environment jsdom
/**
 * The composer says how many of the day's notes are in the post and which are out and why, over
 * real storage (fake IndexedDB) seeded with Red Hat Summit 2012's Wednesday: its three talks and
 * its moments (notes on no talk). Counts and labels are written by hand from the fixtures.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecapComposer } from '../../../components/recap/RecapComposer';
import { getDb } from '../../../storage/db';
import { EVENT, NOTES, TALKS } from '../../fixtures/recap/summit-2012';
import { MOMENT_NOTES, OTHER_EVENT } from '../../fixtures/recap/summit-2012-moments';

// Notes filed under no event are counted in the browser's zone on a plain date: fixed here.
vi.mock('../../../capture/time', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../capture/time')>()),
  userZone: () => 'Europe/Brussels',
}));

afterEach(cleanup);

/** Waits for live queries on a busy machine: the first render also loads the composer's modules. */
const settled = (check: () => void) => waitFor(check, { timeout: 10_000 });

async function seed() {
  const db = getDb();
  await db.events.bulkAdd([EVENT, OTHER_EVENT]);
  await db.talks.bulkAdd(TALKS);
  await db.notes.bulkAdd([...NOTES, ...MOMENT_NOTES]);
}

const status = () => within(screen.getByTestId('recap-coverage')).getByRole('status');
const leftOut = () =>
  [...screen.getByTestId('recap-coverage').querySelectorAll('summary')].map((s) => s.textContent);
const markdown = () => (screen.getByTestId('recap-markdown') as HTMLTextAreaElement).value;

/** Opens the composer on the Wednesday of the summit, as a user picks it. */
async function openWednesday() {
  await seed();
  render(<RecapComposer notify={() => undefined} wide />);
  const day = screen.getByRole('combobox', { name: 'Day' }) as HTMLSelectElement;
  // A new recap opens on the day of the talk noted last: the Thursday keynote.
  await settled(() => expect(day.value).toBe('2012-06-28'));
  expect([...day.options].map((o) => o.textContent)).toEqual([
    'Choose a day…',
    'Wednesday, June 27, 2012 (3 talks, 4 moments)',
    'Thursday, June 28, 2012 (1 talk)',
  ]);
  // Thursday: the keynote's note, and a note on no talk written just after midnight in Boston.
  await settled(() => expect(status().textContent).toBe('In the post: all 2 notes of the day.'));
  expect(screen.getByText('1 note').textContent).toBe('1 note');
  fireEvent.change(day, { target: { value: '2012-06-27' } });
  await settled(() => expect(status().textContent).toBe('In the post: 24 of 26 notes of the day.'));
}

describe('the composer counts the day’s notes', () => {
  it('shows the day’s moments, ticked, and counts every note of the day', async () => {
    await openWednesday();
    const moments = screen.getByRole('list', { name: 'Moments of the day' });
    const boxes = within(moments).getAllByRole('checkbox') as HTMLInputElement[];
    // The to-do is not offered: it is private, and counted as such.
    expect(boxes.map((b) => b.closest('label')?.textContent)).toEqual([
      '12:05Lunch in the hallway with the GlusterFS developers: a QEMU block driver is comingRed Hat Summit 2012',
      "14:45Dan's blog has the SELinux coloring bookDan Walsh's Journal",
      '15:00Erasure coding keeps the overhead near half a copyStorage futures',
      '17:10Takeaway: The Fedora ARM team needs testers with real boardsRed Hat Summit 2012',
      '19:30Question: Who is speaking on Ceph tomorrow?Red Hat Summit 2012',
      '23:59Long day: three talks and a booth',
    ]);
    expect(boxes.every((b) => b.checked)).toBe(true);
    expect(leftOut()).toEqual(['2 to-dos left out: private']);
    // The post is the default Day post: the moments close it, by part of the day.
    await settled(() =>
      expect(markdown()).toContain(
        '\n\nIn the afternoon: Lunch in the hallway with the GlusterFS developers',
      ),
    );
    expect(screen.getAllByText('7 notes')).toHaveLength(1);
    expect(screen.getAllByText('6 notes')).toHaveLength(2);
  });

  it('an unticked moment is counted out, can be seen, and leaves the post', async () => {
    await openWednesday();
    const moments = screen.getByRole('list', { name: 'Moments of the day' });
    fireEvent.click(within(moments).getByRole('checkbox', { name: /Who is speaking on Ceph/ }));
    await settled(() => expect(status().textContent).toBe('In the post: 23 of 26 notes of the day.'));
    expect(leftOut()).toEqual(['2 to-dos left out: private', '1 moment unticked']);
    const group = screen.getByTestId('recap-coverage').querySelector('[data-reason="moment-unticked"]')!;
    expect(group.querySelector('li')?.textContent).toBe(
      'Question: Who is speaking on Ceph tomorrow? — Red Hat Summit 2012',
    );
    await settled(() => expect(markdown()).not.toContain('Who is speaking on Ceph'));
    expect(markdown()).toMatch(/\n\nIn the evening: Long day: three talks and a booth\.?\n/);
  });

  it('a talk left out is counted with its notes and can be put back in its place', async () => {
    await openWednesday();
    fireEvent.click(screen.getByRole('button', { name: 'Leave SELinux for Mere Mortals out' }));
    await settled(() => expect(status().textContent).toBe('In the post: 18 of 26 notes of the day.'));
    expect(leftOut()).toEqual(['2 to-dos left out: private', '6 notes on a talk you left out']);
    await settled(() => expect(markdown()).not.toContain('SELinux for Mere Mortals'));
    fireEvent.click(screen.getByRole('button', { name: 'Put back SELinux for Mere Mortals' }));
    await settled(() => expect(status().textContent).toBe('In the post: 24 of 26 notes of the day.'));
    await settled(() => expect(markdown()).toContain('SELinux for Mere Mortals'));
    const talks = within(screen.getByRole('list', { name: 'Talks in this recap' }))
      .getAllByRole('listitem')
      .map((li) => li.getAttribute('data-talk-id'));
    expect(talks).toEqual([TALKS[0]!.id, TALKS[1]!.id, TALKS[2]!.id]);
  });

  it('takeaways only: the other notes of that talk are counted out, by that reason', async () => {
    await openWednesday();
    const select = screen.getByRole('combobox', { name: /^Notes of Tuning RHEL 6 for 40 Gb\/s networks/ });
    fireEvent.change(select, { target: { value: 'takeaways' } });
    await settled(() => expect(status().textContent).toBe('In the post: 19 of 26 notes of the day.'));
    expect(leftOut()).toEqual(['2 to-dos left out: private', '5 notes left out: takeaways only']);
  });

  it('My takeaways counts what it does not list', async () => {
    await openWednesday();
    fireEvent.change(screen.getByRole('combobox', { name: 'Template' }), {
      target: { value: 'builtin:my-takeaways' },
    });
    // Takeaways: 2 + 2 + 1 on the talks, and the booth.
    await settled(() => expect(status().textContent).toBe('In the post: 6 of 26 notes of the day.'));
    expect(leftOut()).toEqual([
      '2 to-dos left out: private',
      '18 notes left out: not takeaways (this template lists takeaways)',
    ]);
    expect((screen.getByRole('textbox', { name: 'Title' }) as HTMLInputElement).placeholder).toBe(
      'Red Hat Summit 2012, Wednesday: my takeaways',
    );
  });

  it('a plain date gathers every note of that calendar day, whatever its event', async () => {
    await seed();
    render(<RecapComposer notify={() => undefined} wide />);
    fireEvent.click(screen.getByRole('radio', { name: 'A date' }));
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2012-06-27' } });
    // The 26 notes of the event's Wednesday, less the 23:59 one (Thursday in Brussels), plus the
    // note filed under another event that day.
    await settled(() => expect(status().textContent).toBe('In the post: 24 of 26 notes of the day.'));
    await settled(() => expect(markdown()).toContain('Texas Linux Fest call for papers closes soon'));
    expect(markdown()).not.toContain('Long day');
    expect(markdown().startsWith('# Wednesday, June 27, 2012\n')).toBe(true);
  });
});
