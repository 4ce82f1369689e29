/**
 * The import plan: each record of a backup is new (no record with its id), updated (the file's
 * copy is newer by `updatedAt`) or unchanged (ours is as new or newer). Nothing is lost — ours wins
 * unless the file's is newer — and nothing is duplicated — records merge by id.
 */
import { BACKUP_TABLES, type BackupData, type BackupTable, type FileRecord } from './format';

export interface TablePlan {
  /** Records to write: new and updated ones. */
  write: FileRecord[];
  /** The ids of `write` that were absent when planning (written without reading a stored version). */
  fresh: Set<string>;
  new: number;
  updated: number;
  unchanged: number;
}

export type ImportPlan = Record<BackupTable, TablePlan>;

export type ImportSummary = Record<BackupTable, { new: number; updated: number; unchanged: number }>;

/** Plans one table from the `updatedAt` of the records we already have (by id). */
export function planTable(incoming: FileRecord[], existing: ReadonlyMap<string, number>): TablePlan {
  const plan: TablePlan = { write: [], fresh: new Set(), new: 0, updated: 0, unchanged: 0 };
  for (const record of incoming) {
    const ours = existing.get(record.id);
    if (ours === undefined) {
      plan.new++;
      plan.write.push(record);
      plan.fresh.add(record.id);
    } else if (record.updatedAt > ours) {
      plan.updated++;
      plan.write.push(record);
    } else {
      plan.unchanged++;
    }
  }
  return plan;
}

/** Plans every table. */
export function planImport(
  data: BackupData,
  existing: Record<BackupTable, ReadonlyMap<string, number>>,
): ImportPlan {
  return Object.fromEntries(BACKUP_TABLES.map((t) => [t, planTable(data[t], existing[t])])) as ImportPlan;
}

/** Counts per table, for "what will change" before the user confirms. */
export function summarize(plan: ImportPlan): ImportSummary {
  return Object.fromEntries(
    BACKUP_TABLES.map((t) => [
      t,
      { new: plan[t].new, updated: plan[t].updated, unchanged: plan[t].unchanged },
    ]),
  ) as ImportSummary;
}

/** Records the plan writes, across tables. */
export function writeCount(plan: ImportPlan): number {
  return BACKUP_TABLES.reduce((n, t) => n + plan[t].write.length, 0);
}
