/** The options page: backup, import and exports. */
import { useState } from 'preact/hooks';
import { BackupPanel } from '../../components/backup/BackupPanel';
import { Toast, type ToastState } from '../../components/shared/Toast';

export function App() {
  const [toast, setToast] = useState<ToastState | null>(null);
  return (
    <div class="mx-auto flex min-h-screen max-w-3xl flex-col gap-6 p-6">
      <header class="flex items-baseline justify-between">
        <h1 class="text-lg font-semibold">Talkmarks</h1>
        <a class="text-sm text-accent underline" href="/composer.html">
          Recap composer
        </a>
      </header>
      <main>
        <BackupPanel notify={setToast} />
      </main>
      <Toast toast={toast} onClose={() => setToast(null)} />
    </div>
  );
}
