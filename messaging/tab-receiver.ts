/**
 * The receiving end of the tab requests (`tab.ts`), shared by the capture module and the PDF viewer:
 * one schema for what may arrive, one parser, one listener that answers only well-formed requests.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import type { TabAnswers, TabRequest } from './tab';

const GotoTargetSchema = v.object({
  slide: v.optional(
    v.object({
      index: v.pipe(v.number(), v.integer(), v.minValue(0)),
      label: v.string(),
    }),
  ),
  time: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
});

/** Every request a tab answers; unknown keys are dropped. */
export const TabRequestSchema = v.variant('type', [
  v.object({ type: v.literal('talkmarks:capture') }),
  v.object({ type: v.literal('talkmarks:goto'), target: GotoTargetSchema }),
]);

// The schema and the senders' types must describe the same messages.
type Parsed = v.InferOutput<typeof TabRequestSchema>;
const sameShape: [Parsed, TabRequest] extends [TabRequest, Parsed] ? true : never = true;
void sameShape;

/** The request `message` is, or null when it is none (another message, or a malformed one). */
export function parseTabRequest(message: unknown): TabRequest | null {
  const result = v.safeParse(TabRequestSchema, message);
  return result.success ? result.output : null;
}

/**
 * How a receiver answers each request. `undefined` means "not this frame": it stays silent so that
 * another frame of the tab can answer.
 */
export type TabHandlers = {
  [T in TabRequest['type']]: (
    request: Extract<TabRequest, { type: T }>,
  ) => TabAnswers[T] | Promise<TabAnswers[T]> | undefined;
};

/** Answers well-formed tab requests with `handlers`; everything else is left to other listeners. */
export function answerTabRequests(handlers: TabHandlers): void {
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
    const request = parseTabRequest(message);
    if (!request) return undefined;
    const answer =
      request.type === 'talkmarks:capture'
        ? handlers['talkmarks:capture'](request)
        : handlers['talkmarks:goto'](request);
    if (answer === undefined) return undefined;
    void Promise.resolve(answer).then(sendResponse);
    return true;
  });
}
