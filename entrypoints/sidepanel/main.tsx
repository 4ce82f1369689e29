import { render } from 'preact';
import '../../assets/main.css';
import { firstPageKey } from '../../components/library/first-page';
import { DatabaseNotice } from '../../components/shared/DatabaseNotice';
import { loadNoteSettings } from '../../platform/note-settings';
import { loadFirstPage } from '../../storage/first-page';
import { App, loadE2eHooks } from './App';

// What happens to the database connection (an update in another tab) is said above the page.
// The note settings (private tag, promise words) are in force before anything is shown or exported.
// The list's persisted first page (if it is still current) is read meanwhile, to paint at once.
const key = firstPageKey(location.search);
void Promise.all([loadNoteSettings(), key ? loadFirstPage(key) : null]).then(([, firstPage]) => {
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
