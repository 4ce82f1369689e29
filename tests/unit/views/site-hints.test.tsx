// @vitest-environment jsdom
/**
 * Per-site corrections on the popup's side (issue 15): the "Not right?" form, the rules a correction
 * teaches, the corrected capture a note is filed with, the hints repository, and the options list.
 * Expected values are written from the behaviour the brief asks for, not computed by the code.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { applySiteHints } from '../../../capture/hints';
import type { PageCapture } from '../../../capture/types';
import { CaptureSummary } from '../../../components/capture/CaptureSummary';
import { rulesOf, withFixes } from '../../../components/capture/corrections';
import { SiteHintsSection } from '../../../components/options/SiteHintsSection';
import {
  addSiteHints,
  allSiteHints,
  deleteSiteHints,
  SITE_HINTS_KEY,
  siteHintsFor,
} from '../../../storage/site-hints';

afterEach(() => {
  cleanup();
  fakeBrowser.reset();
});

const URL_A = 'https://talks.rustmeetup.de/2024/async/';

function capture(): PageCapture {
  return {
    url: URL_A,
    title: 'Async Rust | Rust Meetup',
    kind: 'session',
    platform: 'generic',
    talk: { title: 'Async Rust', speakers: [{ name: 'Admin' }, { name: 'Jana Nowak' }] },
    event: { name: 'Rust Meetup' },
    evidence: { title: 'heading', speakers: 'byline', event: 'og' },
    candidates: {
      speakers: [
        { value: 'Admin', source: 'byline' },
        { value: 'Jana Nowak', source: 'byline' },
        { value: 'Jana Nowak', source: 'label', label: 'Vortragende' },
        { value: 'Piotr Zieliński', source: 'label', label: 'Vortragende' },
      ],
      event: [
        { value: 'Rust Meetup', source: 'og' },
        { value: 'Rust Nights #42', source: 'breadcrumb' },
      ],
    },
  };
}

describe('the summary says where each field came from', () => {
  it('in words, as text only', () => {
    const c = capture();
    c.talk!.speakers = [{ name: '<b>Jana</b>' }];
    render(<CaptureSummary capture={c} />);
    expect(screen.getByTestId('evidence-speakers').textContent).toBe('from the byline');
    expect(screen.getByTestId('evidence-event').textContent).toBe('from og:site_name');
    expect(screen.getByTestId('evidence-title').textContent).toBe('from the page’s heading');
    expect(screen.getByTestId('capture-speakers').textContent).toBe('<b>Jana</b>');
    expect(document.querySelector('b')).toBeNull();
    // Without a correction handler (the side panel) there is nothing to click.
    expect(screen.queryByRole('button', { name: /Not right\?/ })).toBeNull();
  });

  it('names the page’s own label when the value came from one', () => {
    const c = capture();
    c.evidence!.speakers = 'label';
    c.talk!.speakers = [{ name: 'Piotr Zieliński' }];
    render(<CaptureSummary capture={c} />);
    expect(screen.getByTestId('evidence-speakers').textContent).toBe('from the page’s “Vortragende” label');
  });
});

describe('"Not right?"', () => {
  it('drops a speaker and adds one the page shows; the answer is the list and "every page"', async () => {
    const onCorrect = vi.fn();
    render(<CaptureSummary capture={capture()} onCorrect={onCorrect} />);
    fireEvent.click(screen.getByRole('button', { name: 'Not right? Correct the speakers' }));
    const form = await screen.findByRole('form', { name: 'Correct the speakers' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: /Admin/ })));
    fireEvent.click(screen.getByRole('checkbox', { name: /Admin/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Piotr Zieliński/ }));
    expect(screen.getByRole('checkbox', { name: /Remember for every page/ })).toHaveProperty('checked', true);
    fireEvent.submit(form);
    expect(onCorrect).toHaveBeenCalledWith(
      'speakers',
      [{ name: 'Jana Nowak' }, { name: 'Piotr Zieliński' }],
      true,
    );
    // The form closes and focus returns to the control that opened it.
    expect(screen.queryByRole('form')).toBeNull();
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Not right? Correct the speakers' }),
    );
  });

  it('Escape closes the form without a correction', async () => {
    const onCorrect = vi.fn();
    render(<CaptureSummary capture={capture()} onCorrect={onCorrect} />);
    fireEvent.click(screen.getByRole('button', { name: 'Not right? Correct the event' }));
    const form = await screen.findByRole('form', { name: 'Correct the event' });
    fireEvent.keyDown(form, { key: 'Escape' });
    expect(screen.queryByRole('form')).toBeNull();
    expect(onCorrect).not.toHaveBeenCalled();
  });

  it('a typed event is not the site’s unless the user ticks it; a typed slides link must be http(s)', async () => {
    const onCorrect = vi.fn();
    render(<CaptureSummary capture={capture()} onCorrect={onCorrect} />);
    fireEvent.click(screen.getByRole('button', { name: 'Not right? Correct the event' }));
    const form = await screen.findByRole('form', { name: 'Correct the event' });
    const box = screen.getByRole('textbox', { name: 'Type the event' });
    fireEvent.focus(box);
    fireEvent.input(box, { target: { value: 'RustFest Berlin' } });
    expect(
      screen.getByRole('checkbox', { name: 'This is the event of every page of this site' }),
    ).toHaveProperty('checked', false);
    fireEvent.submit(form);
    expect(onCorrect).toHaveBeenCalledWith('event', 'RustFest Berlin', false);
  });

  it('a page with no talk offers no correction of talk fields', () => {
    render(
      <CaptureSummary
        capture={{ url: 'https://blog.example/about', title: 'About', kind: 'page', platform: 'page' }}
        onCorrect={vi.fn()}
      />,
    );
    expect(screen.queryByRole('button', { name: /Not right\?/ })).toBeNull();
  });
});

describe('a correction: the page it is made on, and what it teaches the site', () => {
  it('applies to this page only, and the fixed field no longer claims to be from the page', () => {
    const fixed = withFixes(capture(), {
      url: URL_A,
      fields: { speakers: [{ name: 'Jana Nowak' }], event: null },
    });
    expect(fixed.talk?.speakers).toEqual([{ name: 'Jana Nowak' }]);
    expect(fixed.event).toBeUndefined();
    expect(fixed.evidence).toEqual({ title: 'heading' });
    const elsewhere = { ...capture(), url: 'https://talks.rustmeetup.de/2024/other/' };
    expect(withFixes(elsewhere, { url: URL_A, fields: { event: null } })).toBe(elsewhere);
  });

  it('speakers: each name dropped is never a speaker here; names added from one label teach that label', () => {
    expect(
      rulesOf(capture(), 'speakers', [{ name: 'Jana Nowak' }, { name: 'Piotr Zieliński' }], true),
    ).toEqual([
      { kind: 'reject', field: 'speakers', value: 'Admin' },
      { kind: 'label', field: 'speakers', label: 'Vortragende' },
    ]);
    // A name typed by hand, or names from different places, teach nothing about where names are.
    expect(rulesOf(capture(), 'speakers', [{ name: 'Admin' }, { name: 'Piotr Zieliński' }], true)).toEqual([
      { kind: 'reject', field: 'speakers', value: 'Jana Nowak' },
    ]);
    expect(rulesOf(capture(), 'speakers', [{ name: 'Jana Nowak' }, { name: 'Someone Else' }], true)).toEqual([
      { kind: 'reject', field: 'speakers', value: 'Admin' },
    ]);
    expect(rulesOf(capture(), 'speakers', [], true)).toEqual([{ kind: 'never', field: 'speakers' }]);
    expect(rulesOf(capture(), 'speakers', [{ name: 'Jana Nowak' }], false)).toEqual([]);
  });

  it('event: a pick teaches its source; a typed name is the site’s event only when ticked', () => {
    expect(rulesOf(capture(), 'event', 'Rust Nights #42', true)).toEqual([
      { kind: 'source', field: 'event', source: 'breadcrumb' },
      { kind: 'reject', field: 'event', value: 'Rust Meetup' },
    ]);
    expect(rulesOf(capture(), 'event', 'RustFest Berlin', true)).toEqual([
      { kind: 'event-name', name: 'RustFest Berlin' },
      { kind: 'reject', field: 'event', value: 'Rust Meetup' },
    ]);
    expect(rulesOf(capture(), 'event', 'RustFest Berlin', false)).toEqual([]);
  });
});

describe('storage/site-hints.ts', () => {
  it('keeps hints under the page’s registrable domain, renews rather than doubles, deletes by id', async () => {
    const added = await addSiteHints(URL_A, [{ kind: 'reject', field: 'speakers', value: 'Admin' }], 1000);
    expect(added).toMatchObject([{ site: 'rustmeetup.de', kind: 'reject', value: 'Admin', createdAt: 1000 }]);
    await addSiteHints(
      'https://www.rustmeetup.de/x',
      [{ kind: 'reject', field: 'speakers', value: 'ADMIN' }],
      2000,
    );
    expect((await allSiteHints()).map((h) => h.createdAt)).toEqual([2000]);
    expect(await siteHintsFor('https://blog.example/')).toEqual([]);
    // The hints read back apply to the next page of the site.
    const next = { ...capture(), url: 'https://rustmeetup.de/2024/next/' };
    expect(applySiteHints(next, await siteHintsFor(next.url)).talk?.speakers).toEqual([
      { name: 'Jana Nowak' },
    ]);
    await deleteSiteHints((await allSiteHints()).map((h) => h.id));
    expect(await allSiteHints()).toEqual([]);
  });

  it('a new event name or source for a field replaces the site’s earlier one', async () => {
    await addSiteHints(URL_A, [{ kind: 'event-name', name: 'One' }], 1);
    await addSiteHints(URL_A, [{ kind: 'event-name', name: 'Two' }], 2);
    await addSiteHints(URL_A, [{ kind: 'source', field: 'event', source: 'og' }], 3);
    await addSiteHints(URL_A, [{ kind: 'label', field: 'event', label: 'Konferenz' }], 4);
    expect((await allSiteHints()).map((h) => ('name' in h ? h.name : 'label' in h ? h.label : ''))).toEqual([
      'Two',
      'Konferenz',
    ]);
  });

  it('what storage holds is read defensively: broken entries are dropped, not applied', async () => {
    await fakeBrowser.storage.local.set({
      [SITE_HINTS_KEY]: [
        null,
        'x',
        {
          id: 'a',
          site: 'rustmeetup.de',
          createdAt: 1,
          kind: 'reject',
          field: 'constructor',
          value: 'Admin',
        },
        { id: 'b', site: 'rustmeetup.de', createdAt: 1, kind: 'never', field: 'event' },
      ],
    });
    expect((await allSiteHints()).map((h) => h.id)).toEqual(['b']);
    await fakeBrowser.storage.local.set({ [SITE_HINTS_KEY]: { not: 'a list' } });
    expect(await allSiteHints()).toEqual([]);
  });

  it('a page with no site (a file) keeps no hint', async () => {
    expect(await addSiteHints('file:///talk.html', [{ kind: 'never', field: 'event' }])).toEqual([]);
    expect(await allSiteHints()).toEqual([]);
  });
});

describe('Options: Site corrections', () => {
  it('lists each site’s rules in words and deletes one', async () => {
    await addSiteHints(URL_A, [
      { kind: 'reject', field: 'speakers', value: 'Admin' },
      { kind: 'source', field: 'event', source: 'breadcrumb' },
    ]);
    render(<SiteHintsSection />);
    const list = await screen.findByRole('list', { name: 'Corrections for rustmeetup.de' });
    expect(list.textContent).toContain('“Admin” is never a speaker');
    expect(list.textContent).toContain('The event: from the breadcrumb');
    fireEvent.click(
      screen.getByRole('button', { name: 'Delete: “Admin” is never a speaker (rustmeetup.de)' }),
    );
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
    expect((await allSiteHints()).map((h) => h.kind)).toEqual(['source']);
  });
});
