import { render } from 'preact';
import '../../assets/main.css';
import { firstPageKey } from '../../components/library/first-page';
import { DatabaseNotice } from '../../components/shared/DatabaseNotice';
import { loadNoteSettings } from '../../platform/note-settings';
import { type FirstPage, firstPageIn, loadFirstPage } from '../../storage/first-page';
import { PANEL_SETTINGS_KEY } from '../../storage/first-page-keys';
import { setNoteSettings } from '../../storage/settings';
import { loadThisPageFirst, type ThisPageFirst, thisPageFirstIn } from '../../storage/this-page-first';
import { App, initialView, loadE2eHooks, loadOpeningView } from './App';

declare global {
  /** The first storage read, started by sidepanel-early.js while these modules loaded. */
  var __talkmarksFirstRead: Promise<Record<string, unknown>> | undefined;
}

/** What the panel paints first: the library's kept page, or "This page"'s kept notes (either current). */
interface Kept {
  library: FirstPage | null;
  thisPage: ThisPageFirst | null;
}

/**
 * The note settings put in force and the kept first page of `key` (the library) or "This page"'s
 * (`thisPage`): from the read started early when it answered (the settings are then read again and
 * followed by loadNoteSettings, not awaited), else read now.
 */
async function firstRead(key: string | null, thisPage: boolean): Promise<Kept> {
  const got = await globalThis.__talkmarksFirstRead?.catch(() => undefined);
  if (!got) {
    const [, library, kept] = await Promise.all([
      loadNoteSettings(),
      key ? loadFirstPage(key) : null,
      thisPage ? loadThisPageFirst() : null,
    ]);
    return { library, thisPage: kept };
  }
  setNoteSettings(got[PANEL_SETTINGS_KEY]);
  void loadNoteSettings();
  return { library: key ? firstPageIn(got, key) : null, thisPage: thisPage ? thisPageFirstIn(got) : null };
}

// What happens to the database connection (an update in another tab) is said above the page.
// The note settings (private tag, promise words) are in force before anything is shown or exported.
// The list's persisted first page (if it is still current) is read with them, to paint at once.
const key = firstPageKey(location.search);
const onThisPage = initialView() === 'page';
void firstRead(key, onThisPage).then((kept) => {
  if (onThisPage && !kept.thisPage) loadOpeningView();
  render(
    <>
      <DatabaseNotice />
      <App firstPage={kept.library} thisPageFirst={kept.thisPage} />
    </>,
    document.getElementById('app')!,
  );
  // The end-to-end hooks once the panel has painted and is idle: the release build has no such
  // module, so the measured opening of the end-to-end build must not fetch it either.
  if (__TALKMARKS_E2E__) {
    requestAnimationFrame(() => setTimeout(() => requestIdleCallback(loadE2eHooks, { timeout: 300 })));
  }
});
