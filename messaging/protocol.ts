/**
 * Extension page → background: the messages Talkmarks' own pages (popup, side panel, composer,
 * options) send to read and write the library, capture a tab or open the panel.
 *
 * The background registers these ONLY through `onPageMessage`, which refuses any sender that is not
 * an extension page: content scripts run beside untrusted pages and must not write or read the
 * library. The raw listener of this map is deliberately not exported, so a page message cannot be
 * registered without the guard. The other directions live beside this file: `content.ts` (content
 * script → background, validated page data) and `tab.ts` (→ a tab's capture receiver, public).
 *
 * The file keeps its historical name because every extension page imports `sendMessage` from it.
 */
import { defineExtensionMessaging, type ExtensionMessage, type Message } from '@webext-core/messaging';
import type { PageCapture } from '../capture/types';
import type { Destination } from '../storage/destination';
import type { NotePlace, NotePlacement } from '../storage/move-notes';
import type { SyncSettings, SyncStatus } from '../storage/sync-store';
import type { TagChange } from '../storage/tag-admin';
import type { NoteKind } from '../storage/types';

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
  via: 'page' | 'deck' | 'now' | 'chosen';
}

export type SaveNoteResult =
  | { ok: true; id: string; filedUnder?: FiledUnderInfo }
  | { ok: false; error: string };

/** An edit's answer: saved, refused, or made from an older version (`conflict`: the note as it is now). */
export type EditNoteResult =
  | SaveNoteResult
  | { ok: false; error: string; conflict: { body: string; updatedAt: number } };

export type MoveNotesResult =
  | { ok: true; moved: number; previous: NotePlacement[] }
  | { ok: false; error: string };

export type TagChangeResult = { ok: true; change: TagChange } | { ok: false; error: string };

/** Every call an extension page makes to the background. Registrable only with `onPageMessage`. */
export interface PageToBackgroundCalls {
  /**
   * What does this tab show? Injects the capture script on a user gesture (activeTab) where no
   * content script runs yet. Null when the tab cannot be read.
   */
  captureTab(data: { tabId: number }): PageCapture | null;
  /** A thumbnail of the visible tab, cropped to `rect`; returns a blob id. */
  captureThumbnail(data: { tabId: number; rect?: Rect }): string | null;
  /**
   * Popup: file a note on the captured page. The popup stays free of the database (it opens
   * faster); errors come back as a message meant for the user. `to` is where the user chose to
   * put it instead of where the page says (`noteDestination`); `{}` files it under no talk.
   */
  saveNote(data: { body: string; capture: PageCapture; tabId?: number; to?: NotePlace }): SaveNoteResult;
  /**
   * Edit a note's body (tags and kind re-derived). With `base` (the `updatedAt` the edit started
   * from) a note changed since is not overwritten: the answer carries it as `conflict`. `keep:
   * 'both'` saves the text as a new note beside it instead.
   */
  editNote(data: { id: string; body: string; base?: number; keep?: 'both' }): EditNoteResult;
  /** Move a note to the trash, or take it back out. */
  trashNote(data: { id: string; restore?: boolean }): SaveNoteResult;
  /** Popup: where a note on this page would go, before it is written. */
  noteDestination(data: { capture: PageCapture }): Destination;
  /** Popup: star or unstar the talk a note would go under (a page's talk is stored to be starred). */
  starTalk(data: {
    capture: PageCapture;
    talkId?: string;
    starred: boolean;
  }): { ok: true } | { ok: false; error: string };
  /** Popup: how many live notes a page (canonical URL) has. */
  countNotes(data: { url: string }): number;
  /** Popup: every tag in use, for autocompletion. */
  knownTags(): string[];
  /** Side panel: set a note's kind by hand (the kind toggle). */
  setNoteKind(data: { id: string; kind: NoteKind }): SaveNoteResult;
  /** Side panel: make a note private (kept out of recaps and exports) or public again (the lock toggle). */
  setNoteVisibility(data: { id: string; private: boolean }): SaveNoteResult;
  /**
   * Side panel: rename (or merge, when `to` is in use) a tag everywhere, or delete it (no `to`).
   * The change comes back for undo.
   */
  changeTag(data: { from: string; to?: string }): TagChangeResult;
  /** Side panel: put back what a tag change rewrote. */
  undoTagChange(data: { change: TagChange }): { restored: number; skipped: number };
  /** Side panel: restore trashed notes, delete some for good, or empty the trash; returns how many. */
  trashAdmin(data: { action: 'restore' | 'delete' | 'empty'; ids?: string[] }): number;
  /**
   * Popup / side panel: file notes (one or a selection) under a talk, under an event without a
   * talk, or under their page alone (`to` empty). Returns where they were, for undo.
   */
  moveNotes(data: { ids: string[]; to: NotePlace }): MoveNotesResult;
  /** Side panel: put notes back where a move found them (undo). */
  placeNotes(data: { placements: NotePlacement[] }): MoveNotesResult;
  /**
   * Options: connect this browser to a WebDAV folder — create the vault there or join it. The page
   * asks for the folder's host permission first (a user gesture); the passphrase is not kept.
   */
  syncConnect(data: {
    settings: SyncSettings;
    passphrase: string;
  }): { ok: true; created: boolean; fingerprint: string } | { ok: false; error: string };
  /** Options / side panel: a sync round now; answers the status after it. */
  syncNow(): SyncStatus;
  /** Options: pause or resume syncing. */
  syncPause(data: { paused: boolean }): SyncStatus;
  /** Options: "Remove this device" — forget the vault here; notes stay here and on the server. */
  syncDisconnect(): SyncStatus;
  /** Open the side panel (Chrome) or sidebar (Firefox) for a tab. */
  openSidePanel(data: { tabId?: number; windowId?: number }): void;
}

const pages = defineExtensionMessaging<PageToBackgroundCalls>();

/** Sends a call from an extension page to the background. */
export const sendMessage = pages.sendMessage;

type Received<K extends keyof PageToBackgroundCalls> = Message<PageToBackgroundCalls, K> & ExtensionMessage;
type Answer<K extends keyof PageToBackgroundCalls> = ReturnType<PageToBackgroundCalls[K]>;

/**
 * True when `sender` is one of Talkmarks' own pages: its URL lies under the extension's base URL
 * (`runtime.getURL('/')`, ending in a slash). A prefix rather than `URL.origin`, which is the opaque
 * "null" for about:blank, data: and, outside browsers, for extension schemes too.
 */
export function isExtensionPage(sender: chrome.runtime.MessageSender, extensionBase: string): boolean {
  return extensionBase.endsWith('/') && sender.url?.startsWith(extensionBase) === true;
}

/**
 * Registers the background's handler for a page call. Content scripts run beside untrusted pages,
 * so a call from one is refused (the sender gets an error) whatever it carries.
 */
export function onPageMessage<K extends keyof PageToBackgroundCalls>(
  type: K,
  listener: (message: Received<K>) => Answer<K> | Promise<Answer<K>>,
): () => void {
  return pages.onMessage(type, (message) => {
    if (!isExtensionPage(message.sender, chrome.runtime.getURL('/'))) {
      throw new Error(`Refused "${String(type)}": only Talkmarks' own pages may send it.`);
    }
    return listener(message);
  });
}
