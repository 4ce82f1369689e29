/**
 * Concurrency (issue 14, item 8), in Chromium: two side panels (two extension pages) edit the same
 * note. The second save finds the note changed since its edit began and offers "keep both /
 * theirs / mine" instead of overwriting; each choice is checked in the database, so no text is
 * lost silently.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchExtension } from './harness';
import { readDatabase } from './in-page';
import { type FixtureServer, serveFixtures } from './server';

let server: FixtureServer;
let session: ExtensionSession | undefined;

beforeAll(async () => {
  server = await serveFixtures(['tests/fixtures/pages']);
});
afterAll(async () => {
  await server?.close();
});
afterEach(async () => {
  await session?.close(true);
  session = undefined;
});

interface NoteRow {
  id: string;
  body: string;
  deletedAt?: number;
}

async function liveNotes(s: ExtensionSession): Promise<NoteRow[]> {
  const page = await s.openPage('popup.html');
  const db = await page.evaluate(readDatabase);
  await page.close();
  return (db.notes as NoteRow[]).filter((n) => !n.deletedAt);
}

/** A note on the fixture talk page, and two panels on that page with its editor open in both. */
async function twoPanelsEditing() {
  session = await launchExtension();
  const s = session;
  const pageUrl = server.url('/talk.html');
  const page = await s.context.newPage();
  await page.goto(pageUrl);
  const tabId = await s.tabIdOf(pageUrl);
  const popup = await s.openPage('popup.html', { tabId });
  const box = popup.getByRole('combobox', { name: 'Note' });
  await box.fill('Replicas need quorum');
  await box.press('Control+Enter');
  await expect.poll(() => popup.getByTestId('page-note-count').textContent()).toBe('1 note on this page');
  await popup.close();
  const panels = [
    await s.openPage('sidepanel.html', { tabId }),
    await s.openPage('sidepanel.html', { tabId }),
  ];
  for (const panel of panels) {
    const notes = panel.getByRole('list', { name: 'Notes on this page' });
    await notes.getByRole('listitem').filter({ hasText: 'Replicas need quorum' }).waitFor();
    await notes.getByRole('button', { name: 'Edit' }).click();
  }
  const [a, b] = panels as [(typeof panels)[0], (typeof panels)[0]];
  await a.getByRole('textbox', { name: 'Edit note' }).fill('Replicas need quorum: three at least (A)');
  await a.getByRole('button', { name: 'Save', exact: true }).click();
  await a.getByRole('textbox', { name: 'Edit note' }).waitFor({ state: 'detached' });
  // B's editor was opened before A saved: its save must not overwrite A's text.
  await b.getByRole('textbox', { name: 'Edit note' }).fill('Replicas need quorum, and fencing (B)');
  await b.getByRole('button', { name: 'Save', exact: true }).click();
  const conflict = b.getByTestId('edit-conflict');
  await conflict.waitFor();
  expect(await conflict.getAttribute('role')).toBe('alert');
  expect(await conflict.getByTestId('edit-theirs').textContent()).toBe(
    'Replicas need quorum: three at least (A)',
  );
  // Nothing was written by B's save.
  expect((await liveNotes(s)).map((n) => n.body)).toEqual(['Replicas need quorum: three at least (A)']);
  return { s, a, b, conflict };
}

describe('two side panels editing one note', () => {
  it("keep both: B's text becomes a second note, A's stays", async () => {
    const { s, b, conflict } = await twoPanelsEditing();
    await conflict.getByRole('button', { name: 'Keep both' }).click();
    await b.getByRole('textbox', { name: 'Edit note' }).waitFor({ state: 'detached' });
    await expect
      .poll(async () => (await liveNotes(s)).map((n) => n.body).sort())
      .toEqual(['Replicas need quorum, and fencing (B)', 'Replicas need quorum: three at least (A)']);
    const list = b.getByRole('list', { name: 'Notes on this page' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
  });

  it("keep theirs: A's text stays, B's edit is dropped by choice", async () => {
    const { s, b, conflict } = await twoPanelsEditing();
    await conflict.getByRole('button', { name: 'Keep theirs' }).click();
    await b.getByRole('textbox', { name: 'Edit note' }).waitFor({ state: 'detached' });
    expect((await liveNotes(s)).map((n) => n.body)).toEqual(['Replicas need quorum: three at least (A)']);
    await b.getByText('Replicas need quorum: three at least (A)').waitFor();
  });

  it("keep mine: B's text replaces A's, knowingly; A's panel shows it", async () => {
    const { s, a, conflict } = await twoPanelsEditing();
    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await expect
      .poll(async () => (await liveNotes(s)).map((n) => n.body))
      .toEqual(['Replicas need quorum, and fencing (B)']);
    await a.getByText('Replicas need quorum, and fencing (B)').waitFor();
  });
});
