/** The wide recap composer, in its own tab: editor beside raw Markdown and preview; templates below. */
import { useState } from 'preact/hooks';
import { RecapComposer } from '../../components/recap/RecapComposer';
import { TemplateEditor } from '../../components/recap/TemplateEditor';
import { Toast, type ToastState } from '../../components/shared/Toast';

export function App() {
  const [toast, setToast] = useState<ToastState | null>(null);
  const recapId = new URLSearchParams(location.search).get('recap') ?? undefined;
  return (
    <div class="mx-auto flex min-h-screen max-w-[110rem] flex-col gap-6 p-6">
      <header class="flex items-baseline justify-between">
        <h1 class="text-lg font-semibold">Recap composer</h1>
        <a class="text-sm text-accent underline" href="/options.html">
          Backup and export
        </a>
      </header>
      <main class="flex flex-col gap-8">
        <RecapComposer wide recapId={recapId} notify={setToast} />
        <details class="card">
          <summary class="cursor-pointer text-sm font-semibold">Templates</summary>
          <TemplateEditor notify={setToast} />
        </details>
      </main>
      <Toast toast={toast} onClose={() => setToast(null)} />
    </div>
  );
}
