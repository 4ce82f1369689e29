/** "Recap": the composer in the side panel, with a way to the wide view in its own tab. */
import { browser } from 'wxt/browser';
import { RecapComposer } from '../../components/RecapComposer';
import type { ToastState } from '../../components/Toast';

export function RecapView({ notify }: { notify: (t: ToastState) => void }) {
  return (
    <RecapComposer
      notify={notify}
      onOpenWide={(id) =>
        void browser.tabs.create({
          url: `${browser.runtime.getURL('/composer.html')}?recap=${encodeURIComponent(id)}`,
        })
      }
    />
  );
}
