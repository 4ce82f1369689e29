/**
 * The site hints repository (issue 15): the user's per-site corrections of captured fields, kept in
 * `browser.storage.local` under one key (a small list, not library data: it neither syncs nor needs
 * the database). Applying them is capture/hints.ts (`applySiteHints`, pure); this file only reads,
 * adds and deletes. Types are structural copies of capture/hints.ts's (storage/ may not import it),
 * and every read keeps only well-formed entries: what storage holds is not trusted blindly.
 */
import { browser } from 'wxt/browser';
import { siteOf } from '../capture/site';
import type { CandidateField } from '../capture/types';

/** chrome.storage.local key of the list. */
export const SITE_HINTS_KEY = 'siteHints';
/** The most hints kept: the oldest go first beyond it. */
export const SITE_HINTS_MAX = 500;

type Field = CandidateField;

/** One correction rule; see capture/hints.ts for what each does. */
export type StoredHintRule =
  | { kind: 'reject'; field: Field; value: string }
  | { kind: 'never'; field: Exclude<Field, 'title'> }
  | { kind: 'label'; field: Field; label: string }
  | { kind: 'source'; field: Field; source: string }
  | { kind: 'event-name'; name: string };

export type StoredSiteHint = StoredHintRule & { id: string; site: string; createdAt: number };

const FIELDS: readonly string[] = ['title', 'speakers', 'event', 'slidesUrl', 'videoUrl', 'startsAt'];
const text = (x: unknown, max = 300) => typeof x === 'string' && x.trim() !== '' && x.length <= max;

function wellFormed(x: unknown): x is StoredSiteHint {
  if (!x || typeof x !== 'object') return false;
  const h = x as Record<string, unknown>;
  if (!text(h.id, 100) || !text(h.site, 253) || typeof h.createdAt !== 'number') return false;
  const field = typeof h.field === 'string' && FIELDS.includes(h.field);
  switch (h.kind) {
    case 'reject':
      return field && text(h.value);
    case 'never':
      return field && h.field !== 'title';
    case 'label':
      return field && text(h.label);
    case 'source':
      return field && text(h.source, 20);
    case 'event-name':
      return text(h.name);
    default:
      return false;
  }
}

/** Every stored hint, oldest first. */
export async function allSiteHints(): Promise<StoredSiteHint[]> {
  const got = await browser.storage.local.get(SITE_HINTS_KEY);
  const list = got[SITE_HINTS_KEY];
  return Array.isArray(list) ? list.filter(wellFormed) : [];
}

/** The hints of the site a page belongs to (none for a page with no site). */
export async function siteHintsFor(pageUrl: string): Promise<StoredSiteHint[]> {
  const site = siteOf(pageUrl);
  if (!site) return [];
  return (await allSiteHints()).filter((h) => h.site === site);
}

/** The site hints for a page are kept under ("example.org"), or undefined for a page with none. */
export function hintSiteOf(pageUrl: string): string | undefined {
  return siteOf(pageUrl);
}

function sameRule(a: StoredHintRule, b: StoredHintRule): boolean {
  const key = (h: StoredHintRule) =>
    JSON.stringify([
      h.kind,
      'field' in h ? h.field : '',
      'value' in h ? h.value.toLocaleLowerCase() : '',
      'label' in h ? h.label.toLocaleLowerCase() : '',
      'source' in h ? h.source : '',
    ]);
  return key(a) === key(b);
}

/**
 * Remembers corrections for the site of `pageUrl`; returns the hints written (ids, for undo). A rule
 * the site already has is renewed, not doubled; a new event name, label or source for a field
 * replaces the site's earlier one for that field.
 */
export async function addSiteHints(
  pageUrl: string,
  rules: readonly StoredHintRule[],
  now = Date.now(),
): Promise<StoredSiteHint[]> {
  const site = siteOf(pageUrl);
  if (!site || !rules.length) return [];
  let list = await allSiteHints();
  const added: StoredSiteHint[] = [];
  for (const [i, rule] of rules.entries()) {
    const hint = {
      ...rule,
      id: `${now.toString(36)}-${i}-${Math.random().toString(36).slice(2, 8)}`,
      site,
      createdAt: now,
    };
    if (!wellFormed(hint)) continue;
    const replaces = (h: StoredSiteHint) =>
      h.site === site &&
      (sameRule(h, rule) ||
        (rule.kind === 'event-name' && h.kind === 'event-name') ||
        ((rule.kind === 'label' || rule.kind === 'source') &&
          (h.kind === 'label' || h.kind === 'source') &&
          h.field === rule.field));
    list = list.filter((h) => !replaces(h));
    list.push(hint);
    added.push(hint);
  }
  await browser.storage.local.set({ [SITE_HINTS_KEY]: list.slice(-SITE_HINTS_MAX) });
  return added;
}

/** Deletes hints by id (the options page's list, or undo of a correction). */
export async function deleteSiteHints(ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const list = await allSiteHints();
  await browser.storage.local.set({ [SITE_HINTS_KEY]: list.filter((h) => !ids.includes(h.id)) });
}

/** Calls `listener` with the whole list whenever it changes; returns the unsubscribe function. */
export function watchSiteHints(listener: (hints: StoredSiteHint[]) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(SITE_HINTS_KEY in changes)) return;
    const list = changes[SITE_HINTS_KEY]?.newValue;
    listener(Array.isArray(list) ? list.filter(wellFormed) : []);
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}
