/**
 * "Show my notes on this page" (issue 16, item 5): extension → tab requests that draw the notes of a
 * page into it, or take them out. Typed here and validated by the receiver (the request arrives in a
 * content script: anything else on the message bus is ignored). The answer says which quotes were
 * placed and which could not be (orphans, listed in the side panel, never dropped); senders validate
 * it too, as page data.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import type { HighlightAnswer, HighlightRequest } from '../capture/highlights/layer';

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

const RequestSchema = v.variant('type', [
  v.object({
    type: v.literal('talkmarks:highlights'),
    quotes: v.pipe(
      v.array(
        v.object({
          id: text(100),
          exact: v.pipe(v.string(), v.minLength(1), v.maxLength(5000)),
          prefix: v.optional(text(200)),
          suffix: v.optional(text(200)),
        }),
      ),
      v.maxLength(2000),
    ),
    slides: v.pipe(
      v.array(
        v.object({
          index: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
          count: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
        }),
      ),
      v.maxLength(10_000),
    ),
  }),
  v.object({ type: v.literal('talkmarks:highlights-clear') }),
]);

const AnswerSchema = v.object({
  placed: v.pipe(v.array(text(100)), v.maxLength(2000)),
  orphans: v.pipe(v.array(text(100)), v.maxLength(2000)),
});

export type HighlightsMessage =
  | ({ type: 'talkmarks:highlights' } & HighlightRequest)
  | { type: 'talkmarks:highlights-clear' };

// The schema and the senders' type describe the same messages.
type Parsed = v.InferOutput<typeof RequestSchema>;
const sameShape: [Parsed, HighlightsMessage] extends [HighlightsMessage, Parsed] ? true : never = true;
void sameShape;

/** The request `message` is, or null. */
export function parseHighlightsMessage(message: unknown): HighlightsMessage | null {
  const r = v.safeParse(RequestSchema, message);
  return r.success ? r.output : null;
}

/** The tab's answer, or null when it is not one (page data). */
export function parseHighlightAnswer(answer: unknown): HighlightAnswer | null {
  const r = v.safeParse(AnswerSchema, answer);
  return r.success ? r.output : null;
}

/** Content script: answers well-formed highlight requests (top frame only). */
export function answerHighlights(handlers: {
  show(request: HighlightRequest): HighlightAnswer;
  clear(): void;
}): void {
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
    const request = parseHighlightsMessage(message);
    if (!request) return undefined;
    if (request.type === 'talkmarks:highlights-clear') {
      handlers.clear();
      sendResponse({ placed: [], orphans: [] });
      return undefined;
    }
    sendResponse(handlers.show({ quotes: request.quotes, slides: request.slides }));
    return undefined;
  });
}

/** Extension page or background: asks the tab's top frame; null when nothing there answers. */
export async function askHighlights(
  tabId: number,
  message: HighlightsMessage,
): Promise<HighlightAnswer | null> {
  try {
    return parseHighlightAnswer(await browser.tabs.sendMessage(tabId, message, { frameId: 0 }));
  } catch {
    return null;
  }
}
