/** The library's places: which notes each holds, how the user's filters combine with it, what it shows. */
import { describe, expect, it } from 'vitest';
import {
  combine,
  formatDay,
  isBrowseLevel,
  isEventFixed,
  libraryView,
  type Scope,
  scopeFilter,
  scopeLabel,
} from '../../../components/library/LibraryScope';
import { isEmptyFilter } from '../../../storage/library';

const root: Scope = { level: 'root' };
const all: Scope = { level: 'all' };
const questions: Scope = { level: 'kind', kind: 'question' };
const todos: Scope = { level: 'kind', kind: 'todo' };
const event: Scope = { level: 'event', eventId: 'E1', name: 'Red Hat Summit 2012' };
const day: Scope = {
  level: 'day',
  eventId: 'E1',
  name: 'Red Hat Summit 2012',
  day: '2012-06-27',
  talkIds: ['T1', 'T2'],
};
const talk: Scope = { level: 'talk', talkId: 'T1', title: 'SELinux for Mere Mortals' };
const pages: Scope = { level: 'pages' };
const page: Scope = { level: 'page', url: 'https://example.org/post', title: 'A blog post' };
const note: Scope = { level: 'note', noteId: 'N1' };

describe('scopeFilter', () => {
  it('turns each place into the notes it holds', () => {
    expect(scopeFilter(root)).toEqual({});
    expect(scopeFilter(all)).toEqual({});
    expect(scopeFilter(questions)).toEqual({ kind: 'question' });
    expect(scopeFilter(event)).toEqual({ eventId: 'E1' });
    expect(scopeFilter(day)).toEqual({ talkIds: ['T1', 'T2'] });
    expect(scopeFilter(talk)).toEqual({ talkIds: ['T1'] });
    expect(scopeFilter(pages)).toEqual({ untalked: true });
    expect(scopeFilter(page)).toEqual({ url: 'https://example.org/post', untalked: true });
    expect(scopeFilter(note)).toEqual({});
  });
});

describe('combine', () => {
  it('keeps the user filters in a place that does not narrow them', () => {
    expect(combine(all, { tags: ['selinux'], kind: 'takeaway' })).toEqual({
      tags: ['selinux'],
      kind: 'takeaway',
    });
    expect(combine(root, {})).toEqual({});
  });

  it("lets the place win where both speak, and keeps the user's other filters", () => {
    expect(combine(event, { eventId: 'E2', tags: ['a', 'b'], hasThumbnail: true })).toEqual({
      eventId: 'E1',
      tags: ['a', 'b'],
      hasThumbnail: true,
    });
    expect(combine(questions, { kind: 'quote', from: 5 })).toEqual({ kind: 'question', from: 5 });
    expect(combine(talk, { talkIds: ['T9'], untalked: true })).toEqual({ talkIds: ['T1'], untalked: true });
    expect(combine(page, { url: 'https://other.org/', untalked: false })).toEqual({
      url: 'https://example.org/post',
      untalked: true,
    });
  });

  it('lists each tag once and adds no empty tag list', () => {
    expect(combine(day, { tags: ['a', 'a', 'b'] })).toEqual({ talkIds: ['T1', 'T2'], tags: ['a', 'b'] });
    expect(combine(day, {})).toEqual({ talkIds: ['T1', 'T2'] });
  });
});

describe('what a place shows', () => {
  it('lists places at the root, in an event, a day and the pages list; notes elsewhere', () => {
    expect([root, event, day, pages].map(isBrowseLevel)).toEqual([true, true, true, true]);
    expect([all, questions, talk, page, note].map(isBrowseLevel)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('fixes the event inside an event, a day or a talk', () => {
    expect([event, day, talk].map(isEventFixed)).toEqual([true, true, true]);
    expect([root, all, questions, pages, page, note].map(isEventFixed)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('shows the note, else search results, else places, else notes', () => {
    expect(libraryView(note, 'selinux', true)).toBe('note');
    expect(libraryView(root, 'selinux', false)).toBe('search');
    expect(libraryView(talk, ' x ', true)).toBe('search');
    expect(libraryView(root, '   ', false)).toBe('browse');
    expect(libraryView(event, '', false)).toBe('browse');
    expect(libraryView(event, '', true)).toBe('notes'); // a filter turns an event into its notes
    expect(libraryView(all, '', false)).toBe('notes');
    expect(libraryView(talk, '', false)).toBe('notes');
    expect(libraryView(page, '', false)).toBe('notes');
  });

  it('counts a filter as set only when it narrows something', () => {
    expect(isEmptyFilter({})).toBe(true);
    expect(isEmptyFilter({ tags: [] })).toBe(true);
    expect(isEmptyFilter({ tags: ['a'] })).toBe(false);
    expect(isEmptyFilter({ kind: 'quote' })).toBe(false);
    expect(isEmptyFilter({ hasThumbnail: true })).toBe(false);
  });
});

describe('breadcrumb labels', () => {
  it('names each place', () => {
    expect([root, all, questions, todos, event, talk, pages, page, note].map(scopeLabel)).toEqual([
      'Library',
      'All notes',
      'Questions for the speaker',
      'To do',
      'Red Hat Summit 2012',
      'SELinux for Mere Mortals',
      'Pages without a talk',
      'A blog post',
      'Note',
    ]);
  });

  it('names a day by its calendar date, in any time zone', () => {
    const label = scopeLabel(day);
    expect(label).toBe(formatDay('2012-06-27'));
    // The default locale decides the words; the date is the 27th of 2012 whatever the zone.
    expect(label).toMatch(/27/);
    expect(label).toMatch(/2012/);
    expect(formatDay('')).toBe('No date');
    expect(formatDay('not a day')).toBe('not a day');
  });
});
