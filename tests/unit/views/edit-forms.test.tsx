// @vitest-environment jsdom
/**
 * The talk and event edit forms: day and time pickers and a time zone choice instead of ISO text,
 * over real storage (fake IndexedDB) for the talk's event. Every expected stored string is written
 * by hand: Europe/Brussels is +01:00 in March before the 29th and +02:00 after; New York is −04:00
 * until 1 November 2026, 01:59 (the first 01:30 that day); Asia/Tokyo is +09:00.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventEditForm } from '../../../components/events/EventEditForm';
import { TalkEditForm } from '../../../components/talk/TalkEditForm';
import { getDb } from '../../../storage/db';
import type { EventRecord, TalkRecord } from '../../../storage/types';

afterEach(cleanup);

const EVENT: EventRecord = {
  id: '01EV0000000000000000000001',
  createdAt: 1,
  updatedAt: 1,
  name: 'KubeCon EU 2026',
  timezone: 'Europe/Brussels',
  startDate: '2026-03-18',
  endDate: '2026-03-20',
  location: 'Amsterdam',
};

const TALK: TalkRecord = {
  id: '01TK0000000000000000000001',
  createdAt: 1,
  updatedAt: 1,
  title: 'Scaling the scheduler',
  speakers: [{ name: 'Ann Lee' }],
  startsAt: '2026-03-19T14:30:00+01:00',
  endsAt: '2026-03-19T15:05:00+01:00',
  room: 'Hall 7',
  eventId: EVENT.id,
  tags: [],
  source: { platform: 'sched', url: 'https://kccnceu2026.sched.com/event/1', capturedAt: 1 },
};

async function openTalkForm(talk: TalkRecord, event?: EventRecord) {
  if (event) await getDb().events.add(event);
  const onSave = vi.fn(async () => undefined);
  render(<TalkEditForm talk={talk} onSave={onSave} onCancel={() => undefined} />);
  const form = await screen.findByRole('form', { name: 'Edit talk' });
  return { form, onSave };
}

const input = (form: HTMLElement, label: string) => within(form).getByLabelText(label) as HTMLInputElement;
const type = (form: HTMLElement, label: string, value: string) =>
  fireEvent.input(input(form, label), { target: { value } });
const choose = (form: HTMLElement, label: string, value: string) =>
  fireEvent.change(input(form, label), { target: { value } });
const save = (form: HTMLElement) => fireEvent.click(within(form).getByRole('button', { name: 'Save talk' }));

describe('talk edit form', () => {
  it('shows the start and end as day and time pickers in the event’s zone, said in words', async () => {
    const { form } = await openTalkForm(TALK, EVENT);
    expect(input(form, 'Start day').type).toBe('date');
    expect(input(form, 'Start day').value).toBe('2026-03-19');
    expect(input(form, 'Start time').type).toBe('time');
    expect(input(form, 'Start time').value).toBe('14:30');
    expect(input(form, 'End day').value).toBe('2026-03-19');
    expect(input(form, 'End time').value).toBe('15:05');
    const zone = input(form, 'Time zone');
    expect(zone.tagName).toBe('SELECT');
    expect(zone.value).toBe('Europe/Brussels');
    expect(zone.getAttribute('aria-describedby')).toBeTruthy();
    expect(form.textContent).toContain('Times are in Europe/Brussels: the time zone of KubeCon EU 2026.');
    expect(form.textContent).not.toMatch(/ISO|8601|offset\)/);
  });

  it('saves a new time in the stored form, with the zone’s offset on that day', async () => {
    const { form, onSave } = await openTalkForm(TALK, EVENT);
    type(form, 'Start time', '15:00');
    type(form, 'End time', '15:30');
    save(form);
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave).toHaveBeenCalledWith({
      startsAt: '2026-03-19T15:00:00+01:00',
      endsAt: '2026-03-19T15:30:00+01:00',
    });
  });

  it('saves nothing about times when only the room changed', async () => {
    const { form, onSave } = await openTalkForm(TALK, EVENT);
    type(form, 'Room', 'Hall 8');
    save(form);
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave).toHaveBeenCalledWith({ room: 'Hall 8' });
  });

  it('moves a day across the spring change to summer time', async () => {
    const { form, onSave } = await openTalkForm(TALK, EVENT);
    type(form, 'Start day', '2026-03-30');
    type(form, 'End day', '2026-03-30');
    save(form);
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave).toHaveBeenCalledWith({
      startsAt: '2026-03-30T14:30:00+02:00',
      endsAt: '2026-03-30T15:05:00+02:00',
    });
  });

  it('keeps the offset a page gave when no zone is known, and says so', async () => {
    const talk = { ...TALK, eventId: undefined, startsAt: '2022-09-08T14:00:00+02:00', endsAt: undefined };
    const { form, onSave } = await openTalkForm(talk);
    const zone = input(form, 'Time zone') as unknown as HTMLSelectElement;
    expect(zone.value).toBe('+02:00');
    expect(zone.selectedOptions[0]?.textContent).toBe('UTC+02:00');
    expect(form.textContent).toContain('Times are in UTC+02:00: the offset the talk’s page gave');
    expect(input(form, 'Start time').value).toBe('14:00');
    expect(input(form, 'End time').value).toBe('');
    type(form, 'End time', '14:30'); // no end day: the start's
    save(form);
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave).toHaveBeenCalledWith({ endsAt: '2022-09-08T14:30:00+02:00' });
  });

  it('reads typed times in another zone when the user picks one, and keeps that zone', async () => {
    const { form, onSave } = await openTalkForm(TALK, EVENT);
    choose(form, 'Time zone', 'Asia/Tokyo');
    expect(form.textContent).toContain('Times are in Asia/Tokyo.');
    save(form);
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave).toHaveBeenCalledWith({
      startsAt: '2026-03-19T14:30:00+09:00',
      endsAt: '2026-03-19T15:05:00+09:00',
      timezone: 'Asia/Tokyo',
    });
  });

  it('takes the first of a time that happens twice when the clocks go back', async () => {
    const talk = {
      ...TALK,
      eventId: undefined,
      timezone: 'America/New_York',
      startsAt: undefined,
      endsAt: undefined,
    };
    const { form, onSave } = await openTalkForm(talk);
    expect(form.textContent).toContain('Times are in America/New_York: the talk’s own time zone.');
    type(form, 'Start day', '2026-11-01');
    type(form, 'Start time', '01:30');
    save(form);
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave).toHaveBeenCalledWith({ startsAt: '2026-11-01T01:30:00-04:00' });
  });

  it('clears a time when both of its pickers are emptied', async () => {
    const { form, onSave } = await openTalkForm(TALK, EVENT);
    for (const label of ['Start day', 'Start time', 'End day', 'End time']) type(form, label, '');
    save(form);
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave).toHaveBeenCalledWith({ startsAt: '', endsAt: '' });
  });

  it('says what is wrong with half a time or an end before the start, and saves nothing', async () => {
    const { form, onSave } = await openTalkForm(TALK, EVENT);
    type(form, 'Start time', '');
    save(form);
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'Give the start a time as well as a day.',
    );
    type(form, 'Start time', '16:00');
    save(form);
    await waitFor(() =>
      expect(within(form).getByRole('alert').textContent).toBe('The talk ends before it starts.'),
    );
    expect(onSave).not.toHaveBeenCalled();
  });
});

describe('event edit form', () => {
  const openEventForm = () => {
    const onSave = vi.fn(async () => undefined);
    render(<EventEditForm event={EVENT} onSave={onSave} onCancel={() => undefined} />);
    return { form: screen.getByRole('form', { name: 'Edit event' }), onSave };
  };
  const saveEvent = (form: HTMLElement) =>
    fireEvent.click(within(form).getByRole('button', { name: 'Save event' }));

  it('shows day pickers and a zone choice, and saves what changed', async () => {
    const { form, onSave } = openEventForm();
    expect(input(form, 'First day').type).toBe('date');
    expect(input(form, 'First day').value).toBe('2026-03-18');
    expect(input(form, 'Last day').value).toBe('2026-03-20');
    const zone = input(form, 'Time zone') as unknown as HTMLSelectElement;
    expect(zone.value).toBe('Europe/Brussels');
    expect([...zone.options].map((o) => o.value)).toContain('Europe/Lisbon');
    expect(zone.options[0]?.textContent).toBe('Not known');
    expect(form.textContent).toContain('Talk times and days of this event are read in Europe/Brussels.');
    expect(form.textContent).not.toMatch(/YYYY|IANA/);
    choose(form, 'Time zone', 'Europe/Lisbon');
    type(form, 'Last day', '2026-03-21');
    saveEvent(form);
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave).toHaveBeenCalledWith({ timezone: 'Europe/Lisbon', endDate: '2026-03-21' });
  });

  it('refuses a last day before the first', async () => {
    const { form, onSave } = openEventForm();
    type(form, 'Last day', '2026-03-17');
    saveEvent(form);
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'The last day is before the first day.',
    );
    expect(onSave).not.toHaveBeenCalled();
  });
});
