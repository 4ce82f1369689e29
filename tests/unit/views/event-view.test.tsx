// @vitest-environment jsdom
/**
 * The Events view in its states — loading, error, no events, an event's talks by day — over real
 * storage (fake IndexedDB) seeded with the Red Hat Summit 2012 talks.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventView } from '../../../components/events/EventView';
import { getDb } from '../../../storage/db';
import type { EventRecord, TalkRecord } from '../../../storage/types';
import { EVENT, TALKS } from '../../fixtures/recap/summit-2012';

/**
 * A read that fails (as IndexedDB does on a disk error). Not a broken database: Dexie's live queries
 * wait for a database that cannot open instead of reporting it.
 */
const read = vi.hoisted(() => ({ fail: false }));
vi.mock('../../../storage/events', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../storage/events')>();
  return {
    ...real,
    listEvents: (...args: Parameters<typeof real.listEvents>) =>
      read.fail ? Promise.reject(new Error('disk I/O error')) : real.listEvents(...args),
  };
});

afterEach(() => {
  cleanup();
  read.fail = false;
});

const notify = () => undefined;

const UNTIMED: TalkRecord = {
  ...TALKS[0]!,
  id: '01CE0000000000000000000T09',
  title: 'Hallway track',
  startsAt: undefined,
  endsAt: undefined,
};
const LATER: EventRecord = {
  ...EVENT,
  id: '01CE0000000000000000000002',
  name: 'Red Hat Summit 2013',
  startDate: '2013-06-11',
  endDate: '2013-06-14',
  location: 'Boston',
};

async function seed(events: EventRecord[], talks: TalkRecord[]) {
  await getDb().events.bulkAdd(events);
  await getDb().talks.bulkAdd(talks);
}

/** The talk titles under a day, as the list shows them. */
const titlesIn = (section: HTMLElement) =>
  within(section)
    .getAllByRole('listitem')
    .map((li) => li.querySelector('button[aria-expanded]')?.firstChild?.textContent);

describe('EventView', () => {
  it('says it is loading before the events are read', () => {
    render(<EventView notify={notify} />);
    expect(screen.getByText('Loading events…')).toBeInstanceOf(HTMLElement);
  });

  it('says how events come about when there are none', async () => {
    render(<EventView notify={notify} />);
    expect(
      await screen.findByText('No events yet. Star a talk or write a note on a session page.'),
    ).toBeInstanceOf(HTMLElement);
    expect(screen.queryByRole('combobox')).toBeNull();
  });

  it('shows an alert when the events cannot be read', async () => {
    read.fail = true;
    render(<EventView notify={notify} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Events could not be read: disk I/O error');
  });

  it("groups the event's talks by day at the venue, in time order, with talks of unknown time last", async () => {
    await seed([EVENT], [...TALKS, UNTIMED]);
    render(<EventView notify={notify} />);
    expect((await screen.findByTestId('event-name')).textContent).toBe('Red Hat Summit 2012');
    expect(
      screen.getByText('Hynes Convention Center, Boston, MA · Times in America/New_York'),
    ).toBeInstanceOf(HTMLElement);
    const wednesday = await screen.findByRole('region', { name: 'Wednesday, June 27, 2012' });
    expect(titlesIn(wednesday)).toEqual([
      'GlusterFS and Red Hat Storage: the roadmap',
      'SELinux for Mere Mortals',
      'Tuning RHEL 6 for 40 Gb/s networks',
    ]);
    expect(
      within(wednesday)
        .getAllByTestId('event-talk-time')
        .map((t) => t.textContent),
    ).toEqual([
      // At the venue (EDT), in the 24-hour or 12-hour clock of the default locale.
      expect.stringMatching(/^10:40( AM)?–11:40( AM)?$/),
      expect.stringMatching(/^(13|01):20( PM)?–(14|02):20( PM)?$/),
      expect.stringMatching(/^(15|03):40( PM)?–(16|04):40( PM)?$/),
    ]);
    const thursday = screen.getByRole('region', { name: 'Thursday, June 28, 2012' });
    expect(titlesIn(thursday)).toEqual(['Keynote: Open source clouds']);
    const unknown = screen.getByRole('region', { name: 'Time not known' });
    expect(titlesIn(unknown)).toEqual(['Hallway track']);
    expect(within(unknown).getByTestId('event-talk-time').textContent).toBe('—');
    // Days in calendar order, the unknown ones last.
    expect(screen.getAllByRole('region').map((r) => r.getAttribute('aria-label'))).toEqual([
      'Wednesday, June 27, 2012',
      'Thursday, June 28, 2012',
      'Time not known',
    ]);
  });

  it('opens on the latest event and switches to another', async () => {
    await seed([EVENT, LATER], TALKS);
    render(<EventView notify={notify} />);
    expect((await screen.findByTestId('event-name')).textContent).toBe('Red Hat Summit 2013');
    expect(await screen.findByText('No talks kept for this event yet.')).toBeInstanceOf(HTMLElement);
    const select = screen.getByRole('combobox', { name: 'Event' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Red Hat Summit 2013',
      'Red Hat Summit 2012',
    ]);
    fireEvent.change(select, { target: { value: EVENT.id } });
    expect((await screen.findByTestId('event-name')).textContent).toBe('Red Hat Summit 2012');
    expect(await screen.findByRole('region', { name: 'Thursday, June 28, 2012' })).toBeInstanceOf(
      HTMLElement,
    );
  });

  it('stars a talk into the agenda, and the star shows it', async () => {
    await seed([EVENT], TALKS);
    render(<EventView notify={notify} />);
    const star = await screen.findByRole('button', { name: 'Star “SELinux for Mere Mortals”' });
    expect(star.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(star);
    const unstar = await screen.findByRole('button', { name: 'Unstar “SELinux for Mere Mortals”' });
    expect(unstar.getAttribute('aria-pressed')).toBe('true');
    await waitFor(async () => expect((await getDb().talks.get(TALKS[1]!.id))?.starredAt).toBeGreaterThan(0));
  });
});
