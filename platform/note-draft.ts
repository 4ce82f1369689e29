/**
 * The popup's note draft, kept outside the database until it is saved: in `storage.session` (memory
 * of the browser session, not the profile's disk, so a full disk cannot refuse it), keyed by the
 * page's URL. Closing the popup loses nothing: it comes back with the text, and a save that failed
 * (a full disk, a quota error) is tried again when the popup opens, until it goes through.
 */
import { browser } from 'wxt/browser';
import type { PageCapture } from '../capture/types';
import type { NotePlace } from '../storage/move-notes';

export interface NoteDraft {
  /** The page's (canonical) URL the note is for. */
  url: string;
  body: string;
  /** Set when a save failed: why, and what to save again. */
  failed?: { error: string; capture: PageCapture; to?: NotePlace; at: number };
}

const PREFIX = 'note-draft:';

type Area = {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: object): Promise<void>;
  remove(key: string): Promise<void>;
};

function area(): Area | undefined {
  const storage = browser.storage as unknown as { session?: Area; local?: Area };
  return storage.session ?? storage.local;
}

/** The draft for a page, when there is one. */
export async function readDraft(url: string): Promise<NoteDraft | undefined> {
  const key = PREFIX + url;
  try {
    const found = (await area()?.get(key))?.[key] as NoteDraft | undefined;
    return found && typeof found.body === 'string' && found.url === url ? found : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps (or, for an empty body without a failed save, forgets) a page's draft. */
export async function writeDraft(draft: NoteDraft): Promise<void> {
  const key = PREFIX + draft.url;
  try {
    if (!draft.body.trim() && !draft.failed) await area()?.remove(key);
    else await area()?.set({ [key]: draft });
  } catch {
    // No session storage: the text stays in the open popup only, as before.
  }
}

/** Forgets a page's draft (its note was saved). */
export async function clearDraft(url: string): Promise<void> {
  try {
    await area()?.remove(PREFIX + url);
  } catch {
    // nothing kept
  }
}

const SAVED_KEY = 'notes-saved-in-popup';
const ASKED_KEY = 'persist-asked';

/**
 * Asks the browser once, after the 10th note saved from the popup, to keep this extension's data
 * under storage pressure (`navigator.storage.persist()`): by then the user has something to lose,
 * and the question comes after a save they made, not at install. Counted in `storage.local`.
 */
export async function askPersistenceOnce(): Promise<void> {
  try {
    const got = await browser.storage.local.get([SAVED_KEY, ASKED_KEY]);
    if (got[ASKED_KEY]) return;
    const saved = (typeof got[SAVED_KEY] === 'number' ? got[SAVED_KEY] : 0) + 1;
    if (saved < 10 || !navigator.storage?.persist) {
      await browser.storage.local.set({ [SAVED_KEY]: saved });
      return;
    }
    await browser.storage.local.set({ [SAVED_KEY]: saved, [ASKED_KEY]: Date.now() });
    await navigator.storage.persist();
  } catch {
    // Not asked: nothing else depends on it.
  }
}
