/**
 * The popup: what this tab is, a note box, how many notes the page has, and the way to the side panel.
 * It talks to storage through the background (typed messages), so it never loads the database itself.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CandidateField, PageCapture } from '../../capture/types';
import { sendMessage } from '../../messaging/protocol';
import { takeCaptureEarly } from '../../platform/capture-early';
import {
  askPersistenceOnce,
  clearDraft,
  type NoteDraft,
  readDraft,
  writeDraft,
} from '../../platform/note-draft';
import { openPanel } from '../../platform/panel';
import { toInfo } from '../../platform/tab-info';
import { type TabInfo, targetTab } from '../../platform/tabs';
import { useTabCapture } from '../../platform/use-tab-capture';
import type { Destination as Where } from '../../storage/destination';
import { splitKind } from '../../storage/kinds';
import type { NotePlace } from '../../storage/move-notes';
import { NoteComposer } from '../notes/NoteComposer';
import { savedToast } from '../notes/talk-filed';
import { Toast, type ToastState } from '../shared/Toast';
import { CaptureSummary } from './CaptureSummary';
import { type FixValue, type PageFixes, rulesOf, withFixes } from './corrections';
import { Destination } from './Destination';
import { EnableOnSite } from './EnableOnSite';
import { SlidePdfOpen } from './SlidePdfOpen';

export function Popup() {
  const [tab, setTab] = useState<TabInfo | null | undefined>(undefined);
  const [toast, setToast] = useState<ToastState | null>(null);
  // The tab and its capture, asked for by the popup's early script while this code loaded. Its answer
  // is taken only for the tab it was asked for: when the early script found no tab, the popup asks.
  const [early] = useState(takeCaptureEarly);
  const [earlyAsk, setEarlyAsk] = useState<{ tabId: number; answer: Promise<PageCapture | null> }>();
  useEffect(() => {
    void (async () => {
      const first = early && (await early.tab);
      const info = first ? toInfo(first) : null;
      if (early && info) setEarlyAsk({ tabId: info.id, answer: early.answer });
      setTab(info ?? (await targetTab()));
    })();
  }, [early]);
  const captured = useTabCapture(tab?.id, '', earlyAsk);
  const read = captured.status === 'ready' ? captured.capture : null;
  // The user's corrections on this page ("Not right?"): applied to what is shown and filed.
  const [fixes, setFixes] = useState<PageFixes | undefined>(undefined);
  const capture = useMemo(() => read && withFixes(read, fixes), [read, fixes]);
  const correct = async (field: CandidateField, value: FixValue, everyPage: boolean) => {
    if (!read) return;
    const before = fixes;
    const shown = capture ?? read;
    setFixes((f) => ({
      url: read.url,
      fields: { ...(f?.url === read.url ? f.fields : {}), [field]: value },
    }));
    // Remembered for the site (storage.local; its code loads on first use, off the popup's start).
    const rules = rulesOf(shown, field, value, everyPage);
    let ids: string[] = [];
    if (rules.length) {
      try {
        const { addSiteHints } = await import('../../storage/site-hints');
        ids = (await addSiteHints(read.url, rules)).map((h) => h.id);
      } catch {
        setToast({ message: 'Corrected here, but it could not be remembered for the site.' });
        return;
      }
    }
    setToast({
      message: ids.length ? 'Corrected, and remembered for this site.' : 'Corrected for this page.',
      action: {
        label: 'Undo',
        run: () => {
          setFixes(before);
          if (ids.length) void import('../../storage/site-hints').then((m) => m.deleteSiteHints(ids));
        },
      },
    });
  };
  const url = capture?.url;
  // A note typed (or a shortcut pressed) while the page is still being read waits for the reading
  // instead of failing: the user's words are kept and filed once the page is known.
  const waiting = useRef<((c: PageCapture) => void)[]>([]);
  useEffect(() => {
    if (capture) for (const resolve of waiting.current.splice(0)) resolve(capture);
  }, [capture]);
  const captureForSave = (): Promise<PageCapture> =>
    capture
      ? Promise.resolve(capture)
      : new Promise((resolve, reject) => {
          waiting.current.push(resolve);
          setTimeout(() => reject(new Error('Still reading the page: try again in a moment.')), 15_000);
        });
  const [count, setCount] = useState<number | undefined>(undefined);
  const [tags, setTags] = useState<string[]>([]);
  // Takes the URL rather than reading `url`: a save started while the page was still being read
  // finishes inside that earlier render's closure, where `url` is still undefined.
  // Only the newest question's answer is shown: an answer from before a save may arrive after it.
  const asked = useRef(0);
  const refreshCount = (pageUrl: string | undefined) => {
    if (!pageUrl) return;
    const n = ++asked.current;
    const show = (value: number | undefined) => n === asked.current && setCount(value);
    void sendMessage('countNotes', { url: pageUrl }).then(show, () => show(undefined));
  };
  useEffect(() => refreshCount(url), [url]);
  const refreshTags = () => void sendMessage('knownTags', undefined).then(setTags, () => setTags([]));
  useEffect(refreshTags, []);
  // Where the next note goes, asked again after each save and star (counts and stars change).
  const [where, setWhere] = useState<Where | undefined>(undefined);
  const [to, setTo] = useState<NotePlace | undefined>(undefined);
  const [typed, setTyped] = useState('');
  const whereAsked = useRef(0);
  const refreshWhere = (page: PageCapture | null) => {
    if (!page) return;
    const n = ++whereAsked.current;
    void sendMessage('noteDestination', { capture: page }).then(
      (d) => n === whereAsked.current && setWhere(d),
      () => undefined,
    );
  };
  useEffect(
    () => refreshWhere(capture),
    [url, capture?.talk?.title, capture?.deck?.url, capture?.event?.name, fixes],
  );

  // The note being typed is kept outside the database until it is saved (platform/note-draft.ts):
  // reopening the popup brings it back, and a save that failed (a full disk) is tried again.
  const [restore, setRestore] = useState<{ text: string; save: boolean } | undefined>(undefined);
  const failed = useRef<NoteDraft['failed']>(undefined);
  const [kept, setKept] = useState(false);
  useEffect(() => {
    if (!url) return;
    void readDraft(url).then((draft) => {
      if (!draft) return;
      failed.current = draft.failed;
      if (draft.failed?.to) setTo(draft.failed.to);
      setRestore({ text: draft.body, save: Boolean(draft.failed) });
    });
  }, [url]);

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
      {capture ? (
        <CaptureSummary capture={capture} onCorrect={(f, v, every) => void correct(f, v, every)} />
      ) : (
        <p class="text-sm text-muted">Reading the page…</p>
      )}
      {tab && <EnableOnSite url={tab.url} tabId={tab.id} />}
      {tab && <SlidePdfOpen url={tab.url} tabId={tab.id} />}
      {capture && (
        <Destination
          capture={capture}
          where={where}
          to={to}
          onTo={setTo}
          kind={splitKind(typed).kind}
          onStar={(starred) =>
            void sendMessage('starTalk', { capture, talkId: where?.talk?.id, starred }).then((r) => {
              if (!r.ok) setToast({ message: r.error });
              refreshWhere(capture);
            })
          }
        />
      )}
      <NoteComposer
        autoFocus
        knownTags={tags}
        onEscape={() => window.close()}
        restore={restore}
        onText={(text) => {
          setTyped(text);
          if (url)
            void writeDraft({ url, body: text, ...(failed.current ? { failed: failed.current } : {}) });
        }}
        onSave={async (body) => {
          const page = await captureForSave();
          const saved = await sendMessage('saveNote', { body, capture: page, tabId: tab?.id, to });
          if (!saved.ok) {
            failed.current = { error: saved.error, capture: page, to, at: Date.now() };
            await writeDraft({ url: page.url, body, failed: failed.current });
            setKept(true);
            throw new Error(saved.error);
          }
          failed.current = undefined;
          setKept(false);
          void clearDraft(page.url);
          void askPersistenceOnce();
          setToast(savedToast(saved, setToast));
          refreshCount(page.url);
          refreshWhere(page);
          refreshTags();
        }}
      />
      {kept && (
        <p class="text-sm text-muted" data-testid="draft-kept">
          Your note is kept: it is here when you open this popup again, and saved then.
        </p>
      )}
      <footer class="flex items-center justify-between gap-2">
        <p class="text-sm text-muted" data-testid="page-note-count">
          {count === undefined ? ' ' : notesOnPage(count)}
        </p>
        <a class="ml-auto text-sm text-accent underline" href="/help.html" target="_blank" rel="noopener">
          Help
        </a>
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
      <Toast toast={toast} onClose={() => setToast(null)} timeoutMs={toast?.action ? 8000 : 3000} />
    </main>
  );
}

function notesOnPage(n: number): string {
  if (n === 0) return 'No notes on this page yet';
  return n === 1 ? '1 note on this page' : `${n} notes on this page`;
}
