/** User templates repository; the built-in ones live in code (recap/builtins.ts) and are never stored. */
import { BUILTIN_TEMPLATES, builtinTemplate, DEFAULT_TEMPLATE_ID } from '../recap/builtins';
import { checkTemplate } from '../recap/render';
import { getDb } from './db';
import { createRecord, softDelete, updateRecord } from './records';
import type { TemplateRecord } from './types';

/** A template whose source does not parse, with the line it fails on. */
export class TemplateSyntaxError extends Error {
  override name = 'TemplateSyntaxError';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line ? `Line ${line}: ${message}` : message);
  }
}

export interface TemplateChoice {
  id: string;
  name: string;
  source: string;
  builtin: boolean;
}

function validate(name: string, source: string): void {
  if (!name.trim()) throw new TemplateSyntaxError('Give the template a name.');
  const error = checkTemplate(source);
  if (error) throw new TemplateSyntaxError(error.message, error.line);
}

/** Built-in templates first, then the user's by name. */
export async function listTemplates(): Promise<TemplateChoice[]> {
  const mine = (await getDb().templates.orderBy('name').toArray()).filter((t) => !t.deletedAt);
  return [
    ...BUILTIN_TEMPLATES.map((t) => ({ id: t.id, name: t.name, source: t.source, builtin: true })),
    ...mine.map((t) => ({ id: t.id, name: t.name, source: t.source, builtin: false })),
  ];
}

/** The source of a template by id; the default "Day recap" when it is gone. */
export async function templateSource(id: string): Promise<string> {
  const builtin = builtinTemplate(id);
  if (builtin) return builtin.source;
  const mine = await getDb().templates.get(id);
  return mine && !mine.deletedAt ? mine.source : builtinTemplate(DEFAULT_TEMPLATE_ID)!.source;
}

/** Saves a new user template (its syntax checked first). */
export async function createTemplate(name: string, source: string): Promise<TemplateRecord> {
  validate(name, source);
  return createRecord(getDb().templates, { name: name.trim(), source, builtin: false });
}

/** Changes a user template. */
export async function updateTemplate(
  id: string,
  patch: { name?: string; source?: string },
): Promise<TemplateRecord> {
  const builtin = () => new TemplateSyntaxError('Built-in templates cannot be changed: make a copy.');
  const template = await updateRecord(
    getDb().templates,
    id,
    (old) => {
      if (old.builtin) throw builtin();
      const next = { ...old, ...patch };
      validate(next.name, next.source);
      return next;
    },
    { missing: builtin },
  );
  return template!;
}

/** Moves a user template to the trash. */
export async function trashTemplate(id: string): Promise<void> {
  await softDelete(getDb().templates, [id]);
}
