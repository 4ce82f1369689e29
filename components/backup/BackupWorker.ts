/**
 * The backup worker: parses, checks and writes imports and builds exports away from the page's
 * main thread, so a 50,000-note file never freezes the page. Progress is posted as it goes.
 */

import { builtinTemplate } from '../../recap/builtins';
import { checkTemplate } from '../../recap/render';
import { applyImport, exportBackup, prepareImport } from '../../storage/backup';
import { type ImportPlan, writeCount } from '../../storage/backup/plan';
import type { BackupReply, BackupRequest } from './BackupProtocol';
import { workerHasher } from './hash-client';

let plan: ImportPlan | null = null;
const post = (reply: BackupReply) => (self as unknown as Worker).postMessage(reply);
const progress = (phase: 'reading' | 'checking' | 'writing', done: number, total: number) =>
  post({ type: 'progress', phase, done, total });

async function handle(req: BackupRequest): Promise<void> {
  // Every request but a cancel is answered at once: the panel takes silence for a worker that never ran.
  if (req.type === 'export') {
    progress('reading', 0, 1);
    post({ type: 'exported', text: await exportBackup(req.app, progress) });
  } else if (req.type === 'prepare') {
    plan = null;
    progress('reading', 0, 1);
    // The file is read a piece at a time (never whole into one string); its size limit is checked first.
    const prepared = await prepareImport(req.file, progress, {
      checkTemplate,
      // The checksum is computed in a worker of its own, beside the parsing (Node tests hash inline).
      hasher: typeof Worker === 'undefined' ? undefined : workerHasher,
      isBuiltinTemplate: (id) => builtinTemplate(id) !== undefined,
    });
    if (!prepared.ok) {
      post({ type: 'failed', error: prepared.error });
      return;
    }
    plan = prepared.plan;
    post({ type: 'prepared', summary: prepared.summary, writes: prepared.writes });
  } else if (req.type === 'apply') {
    if (!plan) throw new Error('Nothing to import: choose the file again.');
    progress('writing', 0, writeCount(plan));
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
