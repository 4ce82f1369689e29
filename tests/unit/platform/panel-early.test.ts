// @vitest-environment jsdom
/**
 * The side panel's early start (platform/panel-early.ts, run by entrypoints/sidepanel-early.ts): the
 * plain connection that opens the database's files before Dexie never creates a database and never
 * holds up an upgrade; "This page"'s tab and kept capture are read as platform/tabs.ts and
 * platform/tab-captures.ts read them; the view's modules listed in the HTML are preloaded. Real (fake)
 * IndexedDB and storage; the tabs API is the faked boundary.
 */
import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  type EarlyApi,
  opensOnThisPage,
  preloadThisPageModules,
  startThisPageEarly,
  THIS_PAGE_MODULES_META,
  warmDatabase,
} from '../../../platform/panel-early';
import { openDatabase, setDb } from '../../../storage/db';
import { DB_NAME, SCHEMA_VERSIONS } from '../../../storage/schema';

const names = async () => (await indexedDB.databases()).map((d) => d.name);

describe('warmDatabase', () => {
  it('creates no database when there is none, and Dexie then creates it with every store', async () => {
    await Dexie.delete(DB_NAME);
    expect(await warmDatabase(indexedDB)).toBe(false);
    expect(await names()).not.toContain(DB_NAME);

    const db = openDatabase();
    setDb(db);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version);
    expect([...db.backendDB().objectStoreNames].sort()).toEqual(db.tables.map((t) => t.name).sort());
  });

  it('lets Dexie upgrade an older database while the warm connection is held, and keeps its data', async () => {
    await Dexie.delete(DB_NAME);
    const old = openDatabase(DB_NAME, SCHEMA_VERSIONS.slice(0, 1));
    await old.open();
    await old.events.put({ id: 'e1', name: 'Conf', url: 'https://conf.example/' } as never);
    old.close();

    expect(await warmDatabase(indexedDB, 60_000)).toBe(true);
    const db = openDatabase();
    const blocked = vi.fn();
    db.on('blocked', blocked);
    setDb(db);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version);
    expect((await db.events.get('e1'))?.name).toBe('Conf');
    expect(blocked).not.toHaveBeenCalled();
    // …and the database can still be deleted (the warm connection closed on the version change).
    db.close();
    await Dexie.delete(DB_NAME);
    expect(await names()).not.toContain(DB_NAME);
  });
});

describe('startThisPageEarly', () => {
  const TAB = { id: 7, windowId: 1, url: 'https://conf.example/talks/a', title: 'A talk' };
  const ACTIVE = { id: 9, windowId: 1, url: 'https://conf.example/talks/b', title: 'B talk' };
  const api = (): EarlyApi => ({
    tabs: {
      get: async (id: number) => {
        if (id !== TAB.id) throw new Error(`No tab with id: ${id}`);
        return TAB;
      },
      query: async () => [ACTIVE],
    },
    storage: fakeBrowser.storage,
  });

  it('reads the tab of ?tabId= and the capture kept for it', async () => {
    const capture = { url: TAB.url, title: 'Kept', kind: 'page', platform: 'page' };
    await fakeBrowser.storage.session.set({
      'capture:7': capture,
      'capture:9': { ...capture, title: 'Other' },
    });
    const early = startThisPageEarly(api(), '?tabId=7');
    expect(await early.tab).toEqual(TAB);
    expect(await early.kept).toEqual(capture);
  });

  it('reads the active tab without ?tabId=, and says none when nothing is kept or the tab is gone', async () => {
    await fakeBrowser.storage.session.clear();
    const active = startThisPageEarly(api(), '?view=page');
    expect(await active.tab).toEqual(ACTIVE);
    expect(await active.kept).toBeNull();

    const gone = startThisPageEarly(api(), '?tabId=123');
    expect(await gone.tab).toBeNull();
    expect(await gone.kept).toBeNull();
  });

  it("asks the background what the tab shows, in the typed map's envelope, never for the panel itself", async () => {
    const sent: unknown[] = [];
    const answer = { url: TAB.url, title: 'Asked', kind: 'page', platform: 'tab' };
    const runtime = {
      sendMessage: async (m: unknown) => {
        sent.push(m);
        return { res: answer };
      },
    };
    const early = startThisPageEarly(
      { ...api(), runtime },
      '?tabId=7',
      'chrome-extension://x/sidepanel.html',
    );
    expect(await early.asked).toEqual(answer);
    expect(sent).toEqual([expect.objectContaining({ type: 'captureTab', data: { tabId: 7 } })]);

    // The panel opened as a tab follows no tab: nothing is asked.
    const self = startThisPageEarly({ ...api(), runtime }, '?tabId=7', `${TAB.url}?x=1`);
    expect(await self.asked).toBeNull();
    expect(sent).toHaveLength(1);
    // A refusal or no answer is "none", as the view's own ask says.
    const refused = startThisPageEarly(
      { ...api(), runtime: { sendMessage: async () => ({ err: { message: 'Refused' } }) } },
      '?tabId=7',
      'chrome-extension://x/sidepanel.html',
    );
    expect(await refused.asked).toBeNull();
    // Without a runtime the view asks for itself.
    expect(startThisPageEarly(api(), '?tabId=7').asked).toBeUndefined();
  });

  it('starts only when the panel opens on "This page"', () => {
    expect(opensOnThisPage('')).toBe(true);
    expect(opensOnThisPage('?tabId=4')).toBe(true);
    expect(opensOnThisPage('?view=page&tabId=4')).toBe(true);
    expect(opensOnThisPage('?view=library&scope=all')).toBe(false);
    expect(opensOnThisPage('?view=trash')).toBe(false);
  });
});

describe('preloadThisPageModules', () => {
  it('adds a modulepreload link for every module the HTML lists, none without the list', () => {
    const doc = new DOMParser().parseFromString(
      `<!doctype html><head><meta name="${THIS_PAGE_MODULES_META}" content="/chunks/ThisPage-a1.js /chunks/db-b2.js"></head>`,
      'text/html',
    );
    expect(preloadThisPageModules(doc)).toBe(2);
    const links = [...doc.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')];
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['/chunks/ThisPage-a1.js', '/chunks/db-b2.js']);
    // As Vite's own preload links (crossorigin), so that the same module is fetched once.
    expect(links.every((l) => l.getAttribute('crossorigin') === '')).toBe(true);

    const none = new DOMParser().parseFromString('<!doctype html><head></head>', 'text/html');
    expect(preloadThisPageModules(none)).toBe(0);
    expect(none.querySelectorAll('link').length).toBe(0);
  });
});
