import { render } from 'preact';
import '../../assets/main.css';
import { firstPageKey } from '../../components/library/first-page';
import { DatabaseNotice } from '../../components/shared/DatabaseNotice';
import { loadNoteSettings } from '../../platform/note-settings';
import { type FirstPage, firstPageIn, loadFirstPage } from '../../storage/first-page';
import { PANEL_SETTINGS_KEY } from '../../storage/first-page-keys';
import { setNoteSettings } from '../../storage/settings';
import { App, loadE2eHooks } from './App';

declare global {
  /** The first storage read, started by sidepanel-early.js while these modules loaded. */
  var __talkmarksFirstRead: Promise<Record<string, unknown>> | undefined;
}

/**
 * The note settings put in force and the kept first page of `key`: from the read started early when
 * it answered (the settings are then read again and followed by loadNoteSettings, not awaited),
 * else read now.
 */
async function firstRead(key: string | null): Promise<FirstPage | null> {
  const got = await globalThis.__talkmarksFirstRead?.catch(() => undefined);
  if (!got) {
    const [, page] = await Promise.all([loadNoteSettings(), key ? loadFirstPage(key) : null]);
    return page;
  }
  setNoteSettings(got[PANEL_SETTINGS_KEY]);
  void loadNoteSettings();
  return key ? firstPageIn(got, key) : null;
}

// What happens to the database connection (an update in another tab) is said above the page.
// The note settings (private tag, promise words) are in force before anything is shown or exported.
// The list's persisted first page (if it is still current) is read with them, to paint at once.
const key = firstPageKey(location.search);
void firstRead(key).then((firstPage) => {
  render(
    <>
      <DatabaseNotice />
      <App firstPage={firstPage} />
    </>,
    document.getElementById('app')!,
  );
  // The end-to-end hooks once the panel has painted and is idle: the release build has no such
  // module, so the measured opening of the end-to-end build must not fetch it either.
  if (__TALKMARKS_E2E__) {
    requestAnimationFrame(() => setTimeout(() => requestIdleCallback(loadE2eHooks, { timeout: 300 })));
  }
});
