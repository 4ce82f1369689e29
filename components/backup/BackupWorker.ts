/**
 * The backup worker: parses, checks and writes imports and builds exports away from the page's
 * main thread, so a 50,000-note file never freezes the page. Progress is posted as it goes.
 */

import { applyImport, exportBackup, prepareImport } from '../../storage/backup';
import type { ImportPlan } from '../../storage/backup/plan';
import type { BackupReply, BackupRequest } from './BackupProtocol';

/** Larger than any real backup (50,000 notes are ≈ 30 MB); a string this long would not fit in memory. */
const MAX_BACKUP_BYTES = 500_000_000;

let plan: ImportPlan | null = null;
const post = (reply: BackupReply) => (self as unknown as Worker).postMessage(reply);
const progress = (phase: 'reading' | 'checking' | 'writing', done: number, total: number) =>
  post({ type: 'progress', phase, done, total });

async function handle(req: BackupRequest): Promise<void> {
  if (req.type === 'export') {
    post({ type: 'exported', text: await exportBackup(req.app, progress) });
  } else if (req.type === 'prepare') {
    plan = null;
    if (req.file.size > MAX_BACKUP_BYTES) {
      post({
        type: 'failed',
        error: `The file is ${Math.round(req.file.size / 1e6)} MB: larger than any backup (at most 500 MB).`,
      });
      return;
    }
    progress('reading', 0, 1);
    const prepared = await prepareImport(await req.file.text(), progress);
    if (!prepared.ok) {
      post({ type: 'failed', error: prepared.error });
      return;
    }
    plan = prepared.plan;
    post({ type: 'prepared', summary: prepared.summary, writes: prepared.writes });
  } else if (req.type === 'apply') {
    if (!plan) throw new Error('Nothing to import: choose the file again.');
    const written = await applyImport(plan, progress);
    plan = null;
    post({ type: 'applied', written });
  } else {
    plan = null;
  }
}

self.addEventListener('message', (e: MessageEvent<BackupRequest>) => {
  handle(e.data).catch((err: unknown) =>
    post({ type: 'failed', error: err instanceof Error ? err.message : String(err) }),
  );
});
