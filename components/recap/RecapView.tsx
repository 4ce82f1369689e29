/** "Recap": the composer in the side panel, with a way to the wide view in its own tab. */
import { browser } from 'wxt/browser';
import type { ToastState } from '../shared/Toast';
import { RecapComposer } from './RecapComposer';

export function RecapView({ notify }: { notify: (t: ToastState) => void }) {
  return (
    <div class="flex flex-col gap-3">
      <RecapComposer
        notify={notify}
        onOpenWide={(id) =>
          void browser.tabs.create({
            url: `${browser.runtime.getURL('/composer.html')}?recap=${encodeURIComponent(id)}`,
          })
        }
      />
      <button
        type="button"
        class="btn btn-ghost self-start text-xs underline"
        onClick={() => void browser.runtime.openOptionsPage()}
      >
        Backup, import and exports…
      </button>
    </div>
  );
}
