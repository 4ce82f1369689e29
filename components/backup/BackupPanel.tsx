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

const LABEL = { reading: 'Reading', checking: 'Checking', writing: 'Writing' } as const;
const today = () => new Date().toISOString().slice(0, 10);

export function BackupPanel({ notify }: { notify: (t: ToastState) => void }) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const worker = useRef<Worker | null>(null);
  const fileName = useRef('');

  useEffect(() => () => worker.current?.terminate(), []);

  const send = (req: BackupRequest) => {
    if (!worker.current) {
      worker.current = new Worker(new URL('./BackupWorker.ts', import.meta.url), { type: 'module' });
      worker.current.onmessage = (e: MessageEvent<BackupReply>) => receive(e.data);
    }
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
      setStatus({ kind: 'error', message: reply.error });
    }
  };

  const exportNotes = async (kind: 'annotations' | 'archive') => {
    const { talks, loose } = await loadAllNotes();
    if (kind === 'annotations') {
      const notes = [...talks.flatMap((t) => t.notes), ...loose];
      const doc = JSON.stringify(annotationCollection(notes), null, 2);
      downloadFile(`talkmarks-annotations-${today()}.jsonld`, doc, 'application/ld+json');
    } else {
      downloadFile(
        `talkmarks-notes-${today()}.zip`,
        notesArchive(talks, loose) as Uint8Array<ArrayBuffer>,
        'application/zip',
      );
    }
  };
  const busy = status.kind === 'busy';

  return (
    <section class="flex flex-col gap-4" aria-labelledby="backup-heading">
      <h2 id="backup-heading" class="text-base font-semibold">
        Backup and export
      </h2>
      <div class="flex flex-wrap gap-2">
        <button
          type="button"
          class="btn btn-primary"
          disabled={busy}
          onClick={() => send({ type: 'export', app: `Talkmarks ${browser.runtime.getManifest().version}` })}
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
              send({ type: 'prepare', file });
            }}
          />
        </label>
        <button type="button" class="btn" disabled={busy} onClick={() => void exportNotes('annotations')}>
          Notes as Web Annotations (.jsonld)
        </button>
        <button type="button" class="btn" disabled={busy} onClick={() => void exportNotes('archive')}>
          All notes as Markdown (.zip)
        </button>
      </div>
      <div aria-live="polite" data-testid="backup-status">
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
            Nothing was imported. {status.message}
          </p>
        )}
        {status.kind === 'review' && (
          <ImportReview
            status={status}
            onConfirm={() => send({ type: 'apply' })}
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
              <td class="pr-4">{t}</td>
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
