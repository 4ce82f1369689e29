/**
 * Content script → background: what the capture module (and the PDF viewer, which stands in for it
 * in its own tab) tells the background about the tab it runs in. Everything in these messages is
 * page data: `onContentMessage` validates it (capture/schema.ts) before any handler sees it, so a
 * handler cannot forget to, and drops what fails. Only messages sent from a tab are accepted.
 *
 * Nothing here writes the library: calls that do are page → background (`protocol.ts`), refused to
 * content scripts. The two maps share no message name (checked below), so neither direction's
 * registration helper accepts the other's messages.
 */
import { defineExtensionMessaging, type GetDataType, type GetReturnType } from '@webext-core/messaging';
import type { FrameReport } from '../capture/frames';
import { parseCapture } from '../capture/schema';
import type { PageCapture } from '../capture/types';
import type { PageToBackgroundCalls } from './protocol';

/** Every call a content script makes to the background. Registrable only with `onContentMessage`. */
export interface ContentToBackgroundCalls {
  /** What the page shows changed (slide flipped, navigation). Top frame only. */
  captureChanged(capture: PageCapture): void;
  /**
   * What a child frame (an embedded player or deck) shows changed. Kept by the background for the
   * tab's top frame, keyed by tab and frame id: frames never tell their parent window (capture/frames.ts).
   */
  frameCaptureChanged(capture: PageCapture): void;
  /** The top frame asks what its tab's child frames last reported (an empty list for any other frame). */
  frameCaptures(): FrameReport[];
  /**
   * The static detector: this frame needs the capture module; inject it here. The detector writes
   * this envelope by hand (`ContentEnvelope`) to stay tiny (entrypoints/detector.ts).
   */
  loadCapture(): void;
  /** "Show my notes on this page": the user clicked a slide's badge; open the side panel on this tab. */
  openNotes(): void;
}

type Call = keyof ContentToBackgroundCalls;
type Data<K extends Call> = GetDataType<ContentToBackgroundCalls[K]>;
type Answer<K extends Call> = GetReturnType<ContentToBackgroundCalls[K]>;

/** The wire format of one content call, for senders that cannot load the messaging library. */
export interface ContentEnvelope<K extends Call> {
  id: number;
  type: K;
  data: Data<K> | null;
  timestamp: number;
}

// A message name in both maps would reach both registration helpers: make that a type error.
type Shared = Call & keyof PageToBackgroundCalls;
const disjoint: [Shared] extends [never] ? true : never = true;
void disjoint;

const contents = defineExtensionMessaging<ContentToBackgroundCalls>();

/** Sends a call from a content script (or the PDF viewer's tab) to the background. */
export const sendToBackground = contents.sendMessage;

/** Turns a call's untrusted payload into its type, or null when it is not one. */
const VALIDATE: { [K in Call]: (raw: unknown) => Data<K> | null } = {
  captureChanged: parseCapture,
  frameCaptureChanged: parseCapture,
  frameCaptures: () => undefined, // no payload: whatever came is ignored
  loadCapture: () => undefined, // no payload: whatever came is ignored
  openNotes: () => undefined, // no payload: whatever came is ignored
};

/** A content call after validation, with the tab and frame it came from. */
export interface FromTab<K extends Call> {
  data: Data<K>;
  tabId: number;
  frameId: number;
  /** The sending frame's address, as the browser gives it ('' when it gives none). */
  url: string;
}

/**
 * Registers the background's handler for a content call. The handler runs only for a sender in a
 * tab and only with data that passed the schema; anything else is dropped without an answer.
 */
export function onContentMessage<K extends Call>(
  type: K,
  listener: (message: FromTab<K>) => Answer<K> | Promise<Answer<K>>,
): () => void {
  return contents.onMessage(type, (message) => {
    const tabId = message.sender.tab?.id;
    if (tabId === undefined) return; // only tabs report what they show
    const data = VALIDATE[type](message.data);
    if (data === null) return; // page data that fails the schema goes no further
    return listener({ data, tabId, frameId: message.sender.frameId ?? 0, url: message.sender.url ?? '' });
  });
}
