/**
 * Templates as the composer offers them: the built-ins (recap/builtins.ts, never stored) first,
 * then the user's. Saving checks the Liquid syntax here, before the repository stores anything.
 */
import * as store from '../storage/templates';
import type { TemplateRecord } from '../storage/types';
import { BUILTIN_TEMPLATES, builtinTemplate, DEFAULT_TEMPLATE_ID } from './builtins';
import { checkTemplate } from './render';

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

/** Throws a {@link TemplateSyntaxError} for a template that cannot be saved. */
export function validateTemplate(name: string, source: string): void {
  if (!name.trim()) throw new TemplateSyntaxError('Give the template a name.');
  const error = checkTemplate(source);
  if (error) throw new TemplateSyntaxError(error.message, error.line);
}

/** Built-in templates first, then the user's by name. */
export async function listTemplates(): Promise<TemplateChoice[]> {
  const mine = await store.listUserTemplates();
  return [
    ...BUILTIN_TEMPLATES.map((t) => ({ id: t.id, name: t.name, source: t.source, builtin: true })),
    ...mine.map((t) => ({ id: t.id, name: t.name, source: t.source, builtin: false })),
  ];
}

/** The source of a template by id; the default "Day recap" when it is gone. */
export async function templateSource(id: string): Promise<string> {
  const builtin = builtinTemplate(id);
  if (builtin) return builtin.source;
  const mine = await store.getUserTemplate(id);
  return mine ? mine.source : builtinTemplate(DEFAULT_TEMPLATE_ID)!.source;
}

/** Saves a new user template (its syntax checked first). */
export async function createTemplate(name: string, source: string): Promise<TemplateRecord> {
  validateTemplate(name, source);
  return store.createTemplate(name.trim(), source);
}

/** Changes a user template (built-ins cannot be changed; the result is checked before it is stored). */
export async function updateTemplate(
  id: string,
  patch: { name?: string; source?: string },
): Promise<TemplateRecord> {
  const builtin = () => new TemplateSyntaxError('Built-in templates cannot be changed: make a copy.');
  if (builtinTemplate(id)) throw builtin();
  return store.updateTemplate(id, patch, {
    check: (next) => validateTemplate(next.name, next.source),
    missing: builtin,
  });
}

/** Moves a user template to the trash. */
export const trashTemplate = store.trashTemplate;
