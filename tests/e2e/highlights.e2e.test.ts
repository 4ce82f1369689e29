/**
 * "Show my notes on this page" (issue 16, item 5), end to end in Chromium (E2E build).
 *
 * (a) A real saved page with prose (pretalx's talk page of GOOD 2025,
 *     tests/fixtures/sessions/pretalx-good2025-talk.html) with three quote notes. The option is off:
 *     nothing of Talkmarks is in the page's DOM (asked of the page's own script). Turned on, all
 *     three are highlighted; then the page's text is edited slightly (one quote reworded a little,
 *     another hyphenated, the third sentence removed) and reloaded: two re-anchor, the third is
 *     listed in the side panel as not found. The drawing is in a closed shadow root (the page's
 *     script sees one element and no shadow root; the test reads inside through CDP, which pierces
 *     it) and shifts no layout. Turned off: the page's DOM is as before.
 * (b) The reveal.js demo deck with notes on slides 1 (two) and 3 (one): the badge with the count
 *     shows on those two slides, none on slide 2.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureOf, type ExtensionSession, launchExtension, until } from './harness';
import { type FixtureServer, serveFixtures } from './server';

const PAGE_PATH = '/good2025/talk/';
// The three quotes and their context, copied by hand from the saved page's text.
const QUOTES = [
  {
    exact: 'OOD at Princeton started over 8 years ago as an attempt to make teaching easier.',
    prefix: 'and continued pain points. ',
    suffix: ' It quickly blossomed into an',
  },
  {
    exact: 'we developed Jobstats, which is a job monitoring platform that includes OOD helper apps.',
    prefix: 'help users optimize their jobs, ',
    suffix: ' For a given job ID, we have an',
  },
  {
    exact: 'Feedback from instructors and students will be presented.',
    prefix: 'as well as their solutions. ',
    suffix: ' While OOD is working well for',
  },
];
/** The slight edits: each `from` is in the saved page (checked), replaced everywhere. */
const EDITS: [string, string][] = [
  ['started over 8 years ago', 'started over eight years ago'],
  ['job monitoring platform', 'job-monitoring platform'],
  [' Feedback from instructors and students will be presented.', ''],
];
/** The page's own script: what its DOM holds, as any script of the page can see it. */
const PAGE_SCRIPT = `<script>
window.__domReport = () => ({
  elements: document.getElementsByTagName('*').length,
  // The name is put together so that this script's own text does not mention it.
  mentions: (new RegExp('.{0,80}' + 'talk' + 'marks.{0,80}', 'i').exec(document.documentElement.outerHTML) || [''])[0],
  custom: [...document.getElementsByTagName('*')].filter((e) => e.tagName.includes('-')).map((e) => ({ tag: e.tagName.toLowerCase(), shadow: e.shadowRoot !== null })),
  height: document.documentElement.scrollHeight,
  firstP: document.querySelector('p')?.getBoundingClientRect().top,
});
</script>`;

let server: FixtureServer;
let session: ExtensionSession;
let edited = false;

function page(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.url !== PAGE_PATH) return false;
  let html = readFileSync('tests/fixtures/sessions/pretalx-good2025-talk.html', 'utf8');
  if (edited) {
    for (const [from, to] of EDITS) {
      if (!html.includes(from)) throw new Error(`the saved page lacks ${from}`);
      html = html.replaceAll(from, to);
    }
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html.replace('</head>', `${PAGE_SCRIPT}</head>`));
  return true;
}

beforeAll(async () => {
  server = await serveFixtures(['node_modules/reveal.js'], [page]);
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  edited = false;
  session = await launchExtension();
});
afterEach(async () => {
  await session?.close(true);
});

async function openTab(url: string): Promise<{ page: Page; tabId: number }> {
  const p = await session.context.newPage();
  await p.goto(url);
  return { page: p, tabId: await session.tabIdOf(p.url()) };
}

type DomReport = {
  elements: number;
  mentions: string;
  custom: { tag: string; shadow: boolean }[];
  height: number;
  firstP: number;
};
const report = (p: Page) =>
  p.evaluate(() => (window as unknown as { __domReport: () => DomReport }).__domReport());

interface CdpNode {
  nodeName: string;
  localName?: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: (CdpNode & { shadowRootType?: string })[];
}

/** Inside the closed shadow roots of the page (CDP pierces them): each root's type and its elements' classes and text. */
async function closedRoots(p: Page): Promise<{ type?: string; classes: string[]; text: string }[]> {
  const cdp = await p.context().newCDPSession(p);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const out: { type?: string; classes: string[]; text: string }[] = [];
    const collect = (n: CdpNode, acc: { classes: string[]; text: string[] }) => {
      const at = n.attributes ?? [];
      const i = at.indexOf('class');
      if (i >= 0) acc.classes.push(at[i + 1] ?? '');
      if (n.nodeName === '#text' && n.nodeValue) acc.text.push(n.nodeValue);
      if (n.nodeName === 'STYLE') return; // the layer's CSS is not what it shows
      for (const c of n.children ?? []) collect(c, acc);
    };
    const walk = (n: CdpNode) => {
      for (const s of n.shadowRoots ?? []) {
        const acc = { classes: [] as string[], text: [] as string[] };
        collect(s, acc);
        out.push({ type: s.shadowRootType, classes: acc.classes, text: acc.text.join(' ') });
      }
      for (const c of n.children ?? []) walk(c);
    };
    walk(root);
    return out;
  } finally {
    await cdp.detach();
  }
}

describe('notes on the page itself in Chromium', () => {
  it('re-anchors quotes on a slightly edited real page, lists the lost one, and leaves nothing when off', async () => {
    const tab = await openTab(server.url(PAGE_PATH));
    const capture = (await until(
      () => captureOf(session, tab.tabId) as Promise<{ url: string } | null>,
      (c) => !!c?.url,
    )) as { url: string };
    const panel = await session.openPage('sidepanel.html', { tabId: tab.tabId });
    await panel.waitForFunction(() => '__talkmarksLibrary' in window);
    for (const q of QUOTES) {
      await panel.evaluate(
        ([quote, url]) =>
          (
            window as unknown as { __talkmarksLibrary: { createNote: (n: unknown) => Promise<unknown> } }
          ).__talkmarksLibrary.createNote({
            body: `> ${quote.exact}`,
            url,
            kind: 'quote',
            anchor: { quote },
          }),
        [q, capture.url] as const,
      );
    }

    // Off by default, and saying why; the page's DOM holds nothing of Talkmarks.
    const section = panel.getByRole('region', { name: 'Notes on the page itself' });
    const toggle = section.getByRole('checkbox', { name: 'Show my notes on this page' });
    await expect.poll(() => toggle.count()).toBe(1);
    expect(await toggle.isChecked()).toBe(false);
    expect(await section.textContent()).toContain(
      'anything drawn into a page can be read by the page’s own scripts',
    );
    const before = await report(tab.page);
    expect(before.mentions).toBe('');
    expect(before.custom).toEqual([]);

    // On: all three highlighted, in a closed shadow root, with no layout shift.
    await toggle.check();
    const status = section.getByTestId('highlights-status');
    await expect.poll(() => status.textContent()).toBe('3 quotes highlighted on the page');
    const on = await report(tab.page);
    expect(on.custom).toEqual([{ tag: 'talkmarks-notes', shadow: false }]); // the page sees no shadow root
    expect(on.elements).toBe(before.elements + 1);
    expect(on.height).toBe(before.height);
    expect(on.firstP).toBe(before.firstP);
    const roots = (await closedRoots(tab.page)).filter((r) => r.classes.includes('mark'));
    expect(roots).toHaveLength(1);
    expect(roots[0]?.type).toBe('closed');

    // The page's text is edited slightly; after a reload two quotes re-anchor, the third is not found.
    edited = true;
    await tab.page.reload();
    expect(
      await tab.page.evaluate(() => document.body.textContent?.includes('Feedback from instructors')),
    ).toBe(false);
    await expect.poll(() => status.textContent()).toBe('2 quotes highlighted on the page');
    const orphans = section
      .getByRole('list', { name: 'Quotes not found on this page' })
      .getByRole('listitem');
    await expect.poll(() => orphans.allTextContents()).toEqual([QUOTES[2]!.exact]);

    // Off: the page's DOM is as it was, nothing of Talkmarks in it.
    await toggle.uncheck();
    await expect.poll(async () => (await report(tab.page)).custom).toEqual([]);
    const off = await report(tab.page);
    expect(off.mentions).toBe('');
    expect(off.elements).toBe(before.elements);
  });

  it('badges the two slides of a deck that have notes, with their counts', async () => {
    const tab = await openTab(server.url('/demo.html#/0'));
    const capture = (await until(
      () => captureOf(session, tab.tabId) as Promise<{ url: string; slide?: { index: number } } | null>,
      (c) => c?.slide?.index === 0,
    )) as { url: string };
    const panel = await session.openPage('sidepanel.html', { tabId: tab.tabId });
    await panel.waitForFunction(() => '__talkmarksLibrary' in window);
    const notes = [
      { body: 'The title slide promises a lot', index: 0, label: '1' },
      { body: 'Reveal is HTML all the way down', index: 0, label: '1' },
      { body: 'Vertical slides are a nice touch', index: 2, label: '3' },
    ];
    for (const n of notes) {
      await panel.evaluate(
        ([note, url]) =>
          (
            window as unknown as { __talkmarksLibrary: { createNote: (n: unknown) => Promise<unknown> } }
          ).__talkmarksLibrary.createNote({
            body: note.body,
            url,
            anchor: { slide: { index: note.index, label: note.label } },
          }),
        [n, capture.url] as const,
      );
    }
    const toggle = panel.getByRole('checkbox', { name: 'Show my notes on this page' });
    await expect.poll(() => toggle.count()).toBe(1);
    await toggle.check();

    const badge = async () =>
      (await closedRoots(tab.page))
        .filter((r) => r.classes.includes('badge'))
        .map((r) => ({ type: r.type, text: r.text.trim() }));
    await expect.poll(badge).toEqual([{ type: 'closed', text: '2 notes' }]);
    await tab.page.evaluate(() => {
      location.hash = '#/1';
    });
    await expect.poll(badge).toEqual([]);
    await tab.page.evaluate(() => {
      location.hash = '#/2';
    });
    await expect.poll(badge).toEqual([{ type: 'closed', text: '1 note' }]);
  });
});
