/** The popup: what this tab is, a note box, how many notes the page has, and the way to the side panel. */
import { useEffect, useState } from 'preact/hooks';
import { CaptureSummary } from '../../components/CaptureSummary';
import { NoteComposer } from '../../components/NoteComposer';
import { Toast, type ToastState } from '../../components/Toast';
import { useLive } from '../../components/useLive';
import { openPanel } from '../../platform/panel';
import { type TabInfo, targetTab } from '../../platform/tabs';
import { useTabCapture } from '../../platform/use-tab-capture';
import { fileNote } from '../../storage/file-note';
import { countNotesForUrl, knownTags } from '../../storage/notes';

export function App() {
  const [tab, setTab] = useState<TabInfo | null | undefined>(undefined);
  const [toast, setToast] = useState<ToastState | null>(null);
  useEffect(() => {
    void targetTab().then(setTab);
  }, []);
  const captured = useTabCapture(tab?.id);
  const capture = captured.status === 'ready' ? captured.capture : null;
  const url = capture?.url;
  const count = useLive(() => (url ? countNotesForUrl(url) : Promise.resolve(0)), [url]);
  const tags = useLive(knownTags, []);

  if (tab === null || (captured.status === 'ready' && !capture)) {
    return (
      <main class="w-[380px] p-4">
        <p class="text-sm">
          Talkmarks can’t take notes on this page (browser pages and the web store are off limits).
        </p>
      </main>
    );
  }

  return (
    <main class="flex w-[380px] flex-col gap-3 p-4">
      {capture ? <CaptureSummary capture={capture} /> : <p class="text-sm text-muted">Reading the page…</p>}
      <NoteComposer
        autoFocus
        knownTags={tags.status === 'ready' ? tags.value : []}
        onEscape={() => window.close()}
        onSave={async (body) => {
          if (!capture) throw new Error('Still reading the page: try again in a moment.');
          await fileNote(body, capture);
          setToast({ message: 'Note saved' });
        }}
      />
      <footer class="flex items-center justify-between gap-2">
        <p class="text-sm text-muted" data-testid="page-note-count">
          {count.status === 'ready' ? notesOnPage(count.value) : ' '}
        </p>
        <button
          type="button"
          class="btn"
          onClick={() => {
            void openPanel(tab?.id, tab?.windowId).catch(() =>
              setToast({ message: 'The side panel could not be opened here.' }),
            );
          }}
        >
          Open side panel
        </button>
      </footer>
      <Toast toast={toast} onClose={() => setToast(null)} timeoutMs={3000} />
    </main>
  );
}

function notesOnPage(n: number): string {
  if (n === 0) return 'No notes on this page yet';
  return n === 1 ? '1 note on this page' : `${n} notes on this page`;
}
