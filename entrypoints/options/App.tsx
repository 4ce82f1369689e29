/**
 * The options page: one section per concern, each a component in components/options/ (a new
 * concern — sync — is one more import and one more line in the list below).
 */
import { useState } from 'preact/hooks';
import { BackupPanel } from '../../components/backup/BackupPanel';
import { HighlightSitesSection } from '../../components/highlights/HighlightSitesSection';
import { HelpSection } from '../../components/options/HelpSection';
import { NotesSection } from '../../components/options/NotesSection';
import { ShortcutsSection } from '../../components/options/ShortcutsSection';
import { SiteHintsSection } from '../../components/options/SiteHintsSection';
import { SitesSection } from '../../components/options/SitesSection';
import { StorageSection } from '../../components/options/StorageSection';
import { SyncSection } from '../../components/options/SyncSection';
import { Toast, type ToastState } from '../../components/shared/Toast';

export function App() {
  const [toast, setToast] = useState<ToastState | null>(null);
  return (
    <div class="mx-auto flex min-h-screen max-w-3xl flex-col gap-6 p-6">
      <header class="flex flex-wrap items-baseline justify-between gap-2">
        <h1 class="text-lg font-semibold">Talkmarks settings</h1>
        <nav aria-label="Other Talkmarks pages" class="flex gap-4 text-sm">
          <a class="text-accent underline" href="/composer.html">
            Recap composer
          </a>
          <a class="text-accent underline" href="/help.html">
            Help
          </a>
        </nav>
      </header>
      <main class="flex flex-col gap-4">
        <ShortcutsSection />
        <SitesSection />
        <HighlightSitesSection />
        <SiteHintsSection />
        <NotesSection />
        <SyncSection />
        <BackupPanel notify={setToast} />
        <StorageSection />
        <HelpSection />
      </main>
      <Toast toast={toast} onClose={() => setToast(null)} />
    </div>
  );
}
