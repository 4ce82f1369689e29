/** Messages between the backup panel and its worker (export and import run off the main thread). */
import type { ImportSummary } from '../../storage/backup/plan';

export type BackupRequest =
  | { type: 'export'; app: string }
  | { type: 'prepare'; file: Blob }
  | { type: 'apply' }
  | { type: 'cancel' };

export type BackupReply =
  | { type: 'progress'; phase: 'reading' | 'checking' | 'writing'; done: number; total: number }
  | { type: 'exported'; text: string }
  | { type: 'prepared'; summary: ImportSummary; writes: number }
  | { type: 'applied'; written: number }
  | { type: 'failed'; error: string };
