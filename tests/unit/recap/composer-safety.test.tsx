// @vitest-environment jsdom
/**
 * What the composer says and shows about a post's safety, over real storage (fake IndexedDB): the
 * user's own template (saved on this device) keeps its HTML and is flagged; the same template
 * imported shows its HTML as text and says so; a defused link is counted; an image from another
 * site is a link in the preview, with the post's toggle offered and off.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecapComposer } from '../../../components/recap/RecapComposer';
import { markOwnTemplate } from '../../../components/recap/template-trust';
import { getDb } from '../../../storage/db';
import type { NoteRecord, TemplateRecord } from '../../../storage/types';
import { EVENT, GLUSTER } from '../../fixtures/recap/summit-2012';

afterEach(cleanup);
beforeEach(() => localStorage.clear());

const settled = (check: () => void) => waitFor(check, { timeout: 10_000 });

const SOURCE =
  '<details><summary>{{ recap.title }}</summary></details>\n\n{% for t in recap.talks %}## {{ t.title }}\n{% for n in t.notes %}- {{ n.text }}\n{% endfor %}{% endfor %}';
const template = (id: string, name: string): TemplateRecord => ({
  id,
  createdAt: 1,
  updatedAt: 1,
  name,
  source: SOURCE,
  builtin: false,
});
const NOTE: NoteRecord = {
  id: '01CE0000000000000000000S01',
  createdAt: Date.parse('2012-06-27T14:50:00Z'),
  updatedAt: Date.parse('2012-06-27T14:50:00Z'),
  talkId: GLUSTER.id,
  url: GLUSTER.url!,
  body: 'The chart ![chart](https://tracker.example/chart.png) and [docs](javascript:alert(1))',
  tags: [],
  kind: 'quote',
};

async function open() {
  const db = getDb();
  await db.events.add(EVENT);
  await db.talks.add(GLUSTER);
  await db.notes.add(NOTE);
  await db.templates.bulkAdd([
    template('01CE000000000000000000TM01', 'Mine'),
    template('01CE000000000000000000TM02', 'Imported'),
  ]);
  await markOwnTemplate('01CE000000000000000000TM01', SOURCE);
  render(<RecapComposer notify={() => undefined} wide />);
  const day = screen.getByRole('combobox', { name: 'Day' }) as HTMLSelectElement;
  await settled(() => expect(day.value).toBe('2012-06-27'));
}
const markdown = () => (screen.getByTestId('recap-markdown') as HTMLTextAreaElement).value;
const pick = (name: string) => {
  const select = screen.getByRole('combobox', { name: 'Template' }) as HTMLSelectElement;
  const option = [...select.options].find((o) => o.textContent === `${name} (mine)`)!;
  fireEvent.change(select, { target: { value: option.value } });
};

describe('the composer and a post’s safety', () => {
  it('flags raw HTML from the user’s own template and shows it; the same template imported writes text', async () => {
    await open();
    pick('Mine');
    await settled(() =>
      expect(screen.getByTestId('raw-html-flag').textContent).toMatch(/^Raw HTML in this post:/),
    );
    expect(screen.getByTestId('raw-html-flag').textContent).toContain(
      'writes an HTML element, kept as written',
    );
    expect(markdown()).toMatch(/^<details><summary>Red Hat Summit 2012: Wednesday<\/summary><\/details>\n/);
    expect(screen.getByTestId('recap-preview').querySelector('details summary')?.textContent).toBe(
      'Red Hat Summit 2012: Wednesday',
    );
    expect(screen.queryByTestId('html-escaped-note')).toBeNull();

    pick('Imported');
    await settled(() => expect(screen.queryByTestId('raw-html-flag')).toBeNull());
    expect(screen.getByTestId('html-escaped-note').textContent).toBe(
      'HTML from this template shows as text: only templates written on this device may write HTML.',
    );
    expect(markdown()).toMatch(
      /^&lt;details>&lt;summary>Red Hat Summit 2012: Wednesday&lt;\/summary>&lt;\/details>\n/,
    );
    expect(screen.getByTestId('recap-preview').querySelector('details')).toBeNull();
  });

  it('counts the defused link and blocks the image from another site, offering the post’s toggle', async () => {
    await open();
    await settled(() => expect(markdown()).toContain('[docs](javascript%3Aalert(1))'));
    expect(screen.getByTestId('links-defused-note').textContent).toBe(
      'A link with an unsafe address (javascript:, data: …) was made inert.',
    );
    const preview = screen.getByTestId('recap-preview');
    expect(preview.querySelector('img')).toBeNull();
    const stand = preview.querySelector('a[data-remote-image]');
    expect(stand?.getAttribute('href')).toBe('https://tracker.example/chart.png');
    expect(stand?.textContent).toBe('Image from tracker.example: chart (not loaded)');
    const toggle = screen.getByRole('checkbox', {
      name: 'Show images from other sites in this post (1)',
    }) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
  });
});
