/** The side panel: notes on this page, and all notes. */
import { useState } from 'preact/hooks';
import { lazyView } from '../../components/lazy';
import { Toast, type ToastState } from '../../components/Toast';
import { Tabs } from './Tabs';
import { ThisPage } from './ThisPage';

// Every view but "This page" loads on first use (see components/lazy.tsx).
const AllNotes = lazyView(() => import('./AllNotes').then((m) => m.AllNotes));

const VIEWS = [
  { id: 'page', label: 'This page' },
  { id: 'all', label: 'All notes' },
] as const;
type View = (typeof VIEWS)[number]['id'];

export function App() {
  const [view, setView] = useState<View>('page');
  const [toast, setToast] = useState<ToastState | null>(null);
  return (
    <div class="flex min-h-screen flex-col">
      <header class="sticky top-0 z-10 border-b border-line bg-surface px-3 pt-3">
        <p class="mb-2 text-sm font-semibold">Talkmarks</p>
        <Tabs views={VIEWS} current={view} onChange={setView} />
      </header>
      <main class="flex-1 p-3" id={`panel-${view}`} role="tabpanel" aria-labelledby={`tab-${view}`}>
        {view === 'page' ? <ThisPage notify={setToast} /> : <AllNotes notify={setToast} />}
      </main>
      <Toast toast={toast} onClose={() => setToast(null)} />
    </div>
  );
}
