/**
 * The one typed protocol map between contexts (popup / side panel / content scripts → background).
 * Messages sent by content scripts carry page data: the background validates them with
 * `capture/schema.ts` before use, whatever their static type says.
 *
 * Besides this map there is one plain public message, answered by the capture content script:
 * `browser.tabs.sendMessage(tabId, { type: 'talkmarks:capture' })` → `PageCapture | null` (DESIGN.md §4).
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { PageCapture } from '../capture/types';
import type { TagChange } from '../storage/tag-admin';
import type { NoteKind } from '../storage/types';

/** The public capture request (DESIGN.md §4). */
export const CAPTURE_REQUEST = { type: 'talkmarks:capture' } as const;

/** A rectangle in fractions (0–1) of the viewport. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Which talk a new note was filed under, and why (`now`: the starred talk running at that moment). */
export interface FiledUnderInfo {
  talkId: string;
  title: string;
  via: 'page' | 'deck' | 'now';
}

export type SaveNoteResult =
  | { ok: true; id: string; filedUnder?: FiledUnderInfo }
  | { ok: false; error: string };

export type TagChangeResult = { ok: true; change: TagChange } | { ok: false; error: string };

export interface ProtocolMap {
  /** Content script → background: what the page shows changed (slide flipped, navigation). */
  captureChanged(capture: PageCapture): void;
  /**
   * Extension page → background: what does this tab show? Injects the capture script on a user
   * gesture (activeTab) where no content script runs yet. Null when the tab cannot be read.
   */
  captureTab(data: { tabId: number }): PageCapture | null;
  /** Extension page → background: a thumbnail of the visible tab, cropped to `rect`; returns a blob id. */
  captureThumbnail(data: { tabId: number; rect?: Rect }): string | null;
  /**
   * Popup → background: file a note on the captured page. The popup stays free of the database
   * (it opens faster); errors come back as a message meant for the user.
   */
  saveNote(data: { body: string; capture: PageCapture; tabId?: number }): SaveNoteResult;
  /** Extension page → background: edit a note's body (tags and kind re-derived). */
  editNote(data: { id: string; body: string }): SaveNoteResult;
  /** Extension page → background: move a note to the trash, or take it back out. */
  trashNote(data: { id: string; restore?: boolean }): SaveNoteResult;
  /** Popup → background: how many live notes a page (canonical URL) has. */
  countNotes(data: { url: string }): number;
  /** Popup → background: every tag in use, for autocompletion. */
  knownTags(): string[];
  /**
   * Static detector → background: this frame needs the capture module; inject it here. The detector
   * sends this envelope by hand to stay tiny (entrypoints/detector.content.ts).
   */
  loadCapture(): void;
  /** Side panel → background: set a note's kind by hand (the kind toggle). */
  setNoteKind(data: { id: string; kind: NoteKind }): SaveNoteResult;
  /**
   * Side panel → background: rename (or merge, when `to` is in use) a tag everywhere, or delete it
   * (no `to`). The change comes back for undo.
   */
  changeTag(data: { from: string; to?: string }): TagChangeResult;
  /** Side panel → background: put back what a tag change rewrote. */
  undoTagChange(data: { change: TagChange }): { restored: number; skipped: number };
  /** Side panel → background: restore trashed notes, delete some for good, or empty the trash; returns how many. */
  trashAdmin(data: { action: 'restore' | 'delete' | 'empty'; ids?: string[] }): number;
  /** Popup / side panel → background: file a note under another talk, or under none (`talkId` absent). */
  moveNote(data: { id: string; talkId?: string }): SaveNoteResult;
  /** Extension page → background: open the side panel (Chrome) or sidebar (Firefox) for a tab. */
  openSidePanel(data: { tabId?: number; windowId?: number }): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

type Listener<K extends keyof ProtocolMap> = Parameters<typeof onMessage<K>>[1];

/**
 * Listens for a message that only extension pages (popup, side panel, composer, options) may send.
 * Content scripts run beside untrusted pages, so a message from one that asks to write or delete
 * is refused whatever it carries; content scripts get `captureChanged` and `loadCapture` only.
 */
export function onPageMessage<K extends keyof ProtocolMap>(type: K, listener: Listener<K>): () => void {
  return onMessage(type, (message) => {
    const origin = new URL(chrome.runtime.getURL('/')).origin;
    const from = message.sender.url ? new URL(message.sender.url).origin : '';
    if (from !== origin) throw new Error(`Refused "${String(type)}": only Talkmarks' own pages may send it.`);
    return listener(message);
  });
}
