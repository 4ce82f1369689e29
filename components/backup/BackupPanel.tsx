/**
 * Backup and export: everything as a versioned JSON backup (thumbnails included); import with a
 * summary of what will change before anything is written; notes as Web Annotations; all notes as
 * a zip of Markdown files. Export and import run in a worker with progress shown.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { annotationCollection } from '../../recap/annotations';
import { notesArchive } from '../../recap/archive';
import { BACKUP_TABLES } from '../../storage/backup/format';
import type { ImportSummary } from '../../storage/backup/plan';
import { MAX_BACKUP_BYTES } from '../../storage/backup/read';
import { loadAllNotes } from '../../storage/recaps';
import { downloadFile } from '../recap/RecapActions';
import type { ToastState } from '../shared/Toast';
import type { BackupReply, BackupRequest } from './BackupProtocol';

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; label: string; done: number; total: number }
  | { kind: 'review'; summary: ImportSummary; writes: number; file: string }
  | { kind: 'done'; message: string }
  | { kind: 'error'; message: string };

/** What the last action was: its errors are worded for it. */
type Action = 'export' | 'import' | 'notes';
const FAILED: Record<Action, string> = {
  export: 'The backup could not be written.',
  import: 'Nothing was imported.',
  notes: 'The notes could not be exported.',
};

const LABEL = { reading: 'Reading', checking: 'Checking', writing: 'Writing' } as const;
/** The worker answers each request (but a cancel) at once with its first progress: silence this long means it never ran. */
const FIRST_ANSWER_MS = 15_000;
const today = () => new Date().toISOString().slice(0, 10);
/** The backup's sections as the import summary names them (`blobs` are the slide images). */
const SECTION_NAME: Record<(typeof BACKUP_TABLES)[number], string> = {
  events: 'Events',
  talks: 'Talks',
  decks: 'Decks',
  blobs: 'Slide images',
  notes: 'Notes',
  recaps: 'Recaps',
  templates: 'Templates',
};

export function BackupPanel({ notify }: { notify: (t: ToastState) => void }) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  // Private notes stay out of both note exports unless ticked (the backup always holds everything).
  const [includePrivate, setIncludePrivate] = useState(false);
  const worker = useRef<Worker | null>(null);
  const fileName = useRef('');
  const action = useRef<Action>('export');

  /** Pending until the worker answers a request at all (it posts its first progress at once). */
  const unanswered = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const stopWorker = () => {
    clearTimeout(unanswered.current);
    worker.current?.terminate();
    worker.current = null;
  };
  useEffect(() => stopWorker, []);

  /**
   * The worker could not run (its script failed to load or threw outside a request) or never
   * answered: said on the status line, and the next action starts a new worker — never a "Reading…"
   * that spins forever. A write that had begun keeps what it committed (each chunk is a transaction).
   */
  const workerFailed = (why: string) => {
    stopWorker();
    setStatus({ kind: 'error', message: `${FAILED[action.current]} The backup worker ${why}.` });
  };

  const send = (req: BackupRequest) => {
    if (!worker.current) {
      const w = new Worker(new URL('./BackupWorker.ts', import.meta.url), { type: 'module' });
      w.onmessage = (e: MessageEvent<BackupReply>) => {
        clearTimeout(unanswered.current);
        receive(e.data);
      };
      w.onerror = (e) => {
        e.preventDefault();
        workerFailed(`stopped${e.message ? ` (${e.message})` : ''}`);
      };
      w.onmessageerror = () => workerFailed('sent an answer this page could not read');
      worker.current = w;
    }
    clearTimeout(unanswered.current);
    // A cancel has no answer; every other request is answered at once with its first progress.
    if (req.type !== 'cancel')
      unanswered.current = setTimeout(() => workerFailed('did not start; try again'), FIRST_ANSWER_MS);
    worker.current.postMessage(req);
  };
  const receive = (reply: BackupReply) => {
    if (reply.type === 'progress') {
      setStatus({ kind: 'busy', label: LABEL[reply.phase], done: reply.done, total: reply.total });
    } else if (reply.type === 'exported') {
      downloadFile(`talkmarks-backup-${today()}.json`, reply.text, 'application/json');
      setStatus({ kind: 'done', message: 'Backup downloaded.' });
    } else if (reply.type === 'prepared') {
      setStatus({ kind: 'review', summary: reply.summary, writes: reply.writes, file: fileName.current });
    } else if (reply.type === 'applied') {
      setStatus({
        kind: 'done',
        message: `Import finished: ${reply.written.toLocaleString('en')} records written.`,
      });
      notify({ message: 'Backup imported.' });
    } else {
      setStatus({ kind: 'error', message: `${FAILED[action.current]} ${reply.error}` });
    }
  };

  // Every action starts a fresh status line: a result never outlives the next click.
  const start = (what: Action, req?: BackupRequest) => {
    action.current = what;
    const label =
      req?.type === 'apply' ? LABEL.writing : req?.type === 'prepare' ? LABEL.reading : 'Preparing';
    setStatus({ kind: 'busy', label, done: 0, total: 0 });
    if (req) send(req);
  };
  const exportNotes = async (kind: 'annotations' | 'archive') => {
    start('notes');
    try {
      const { talks, loose } = await loadAllNotes();
      const count = talks.reduce((n, t) => n + t.notes.length, loose.length);
      const notes = `${count.toLocaleString('en')} ${count === 1 ? 'note' : 'notes'}`;
      if (kind === 'annotations') {
        const all = [...talks.flatMap((t) => t.notes), ...loose];
        const doc = JSON.stringify(annotationCollection(all, undefined, { includePrivate }), null, 2);
        downloadFile(`talkmarks-annotations-${today()}.jsonld`, doc, 'application/ld+json');
        setStatus({ kind: 'done', message: `Web Annotations downloaded: ${notes}.` });
      } else {
        downloadFile(
          `talkmarks-notes-${today()}.zip`,
          notesArchive(talks, loose, { includePrivate }) as Uint8Array<ArrayBuffer>,
          'application/zip',
        );
        setStatus({ kind: 'done', message: `Markdown archive downloaded: ${notes}.` });
      }
    } catch (e) {
      setStatus({ kind: 'error', message: `${FAILED.notes} ${e instanceof Error ? e.message : ''}`.trim() });
    }
  };
  const busy = status.kind === 'busy';

  return (
    <section class="card flex flex-col gap-3" aria-labelledby="backup-heading">
      <div class="flex flex-col gap-1">
        <h2 id="backup-heading" class="text-base font-semibold">
          Backup and export
        </h2>
        <p class="text-sm text-muted">
          A backup is one file with everything: talks, notes, slide images, recaps and templates. Importing
          one adds what is new and keeps the newer copy of anything you have twice, so nothing is lost or
          doubled. A file is checked in full before anything is written; backups up to{' '}
          {MAX_BACKUP_BYTES / 1e6} MB can be imported.
        </p>
      </div>
      <div class="flex flex-wrap gap-2">
        <button
          type="button"
          class="btn btn-primary"
          disabled={busy}
          onClick={() =>
            start('export', { type: 'export', app: `Talkmarks ${browser.runtime.getManifest().version}` })
          }
        >
          Export backup (.json)
        </button>
        <label class={`btn ${busy ? 'pointer-events-none opacity-50' : 'cursor-pointer'}`}>
          Import backup…
          <input
            type="file"
            accept=".json,application/json"
            class="sr-only"
            data-testid="backup-file"
            disabled={busy}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (!file) return;
              fileName.current = file.name;
              start('import', { type: 'prepare', file });
            }}
          />
        </label>
        <button type="button" class="btn" disabled={busy} onClick={() => void exportNotes('annotations')}>
          Notes as Web Annotations (.jsonld)
        </button>
        <button type="button" class="btn" disabled={busy} onClick={() => void exportNotes('archive')}>
          All notes as Markdown (.zip)
        </button>
        <label class="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={includePrivate}
            onChange={(e) => setIncludePrivate(e.currentTarget.checked)}
          />
          Include private notes
        </label>
      </div>
      <div role="status" data-testid="backup-status">
        {status.kind === 'busy' && (
          <p class="flex items-center gap-2 text-sm">
            {status.label}…
            <progress
              max={Math.max(status.total, 1)}
              value={status.done}
              aria-label={`${status.label} progress`}
            />
            {status.total > 1 &&
              `${status.done.toLocaleString('en')} of ${status.total.toLocaleString('en')}`}
          </p>
        )}
        {status.kind === 'done' && <p class="text-sm">{status.message}</p>}
        {status.kind === 'error' && (
          <p role="alert" class="text-sm text-danger">
            {status.message}
          </p>
        )}
        {status.kind === 'review' && (
          <ImportReview
            status={status}
            onConfirm={() => start('import', { type: 'apply' })}
            onCancel={() => {
              send({ type: 'cancel' });
              setStatus({ kind: 'idle' });
            }}
          />
        )}
      </div>
    </section>
  );
}

function ImportReview({
  status,
  onConfirm,
  onCancel,
}: {
  status: Extract<Status, { kind: 'review' }>;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div class="card flex flex-col gap-3">
      <p class="text-sm">
        <strong>{status.file}</strong> is a valid backup. Importing it will change this:
      </p>
      <table class="text-sm" aria-label="What the import changes">
        <thead>
          <tr class="text-left text-xs text-muted">
            <th class="pr-4 font-medium">Records</th>
            <th class="pr-4 font-medium">New</th>
            <th class="pr-4 font-medium">Updated</th>
            <th class="font-medium">Unchanged</th>
          </tr>
        </thead>
        <tbody>
          {BACKUP_TABLES.map((t) => (
            <tr key={t} data-table={t}>
              <td class="pr-4">{SECTION_NAME[t]}</td>
              <td class="pr-4">{status.summary[t].new}</td>
              <td class="pr-4">{status.summary[t].updated}</td>
              <td>{status.summary[t].unchanged}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="text-xs text-muted">
        Records are matched by id; where both sides have one, the more recently changed copy is kept.
      </p>
      <div class="flex gap-2">
        <button type="button" class="btn btn-primary" disabled={status.writes === 0} onClick={onConfirm}>
          {status.writes === 0 ? 'Nothing to import' : `Import ${status.writes.toLocaleString('en')} records`}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
