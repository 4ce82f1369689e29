/**
 * User templates repository: stores template records only. Built-in templates live in code and
 * template checks belong to `recap/` (recap/templates.ts validates before it calls this).
 */
import { getDb } from './db';
import { createRecord, softDelete, updateRecord } from './records';
import type { TemplateRecord } from './types';

/** The user's live templates, by name. */
export async function listUserTemplates(): Promise<TemplateRecord[]> {
  return (await getDb().templates.orderBy('name').toArray()).filter((t) => !t.deletedAt);
}

/** One live user template. */
export async function getUserTemplate(id: string): Promise<TemplateRecord | undefined> {
  const found = await getDb().templates.get(id);
  return found && !found.deletedAt ? found : undefined;
}

/** Saves a new user template. */
export async function createTemplate(name: string, source: string): Promise<TemplateRecord> {
  return createRecord(getDb().templates, { name, source, builtin: false });
}

/**
 * Changes a user template; `check` sees the changed record before it is written and may throw to
 * refuse it (nothing is written then).
 */
export async function updateTemplate(
  id: string,
  patch: { name?: string; source?: string },
  options: { check?: (next: TemplateRecord) => void; missing?: () => Error } = {},
): Promise<TemplateRecord> {
  const template = await updateRecord(
    getDb().templates,
    id,
    (old) => {
      const next = { ...old, ...patch };
      options.check?.(next);
      return next;
    },
    { missing: options.missing ?? (() => new Error('That template no longer exists.')) },
  );
  return template!;
}

/** Moves a user template to the trash. */
export async function trashTemplate(id: string): Promise<void> {
  await softDelete(getDb().templates, [id]);
}
