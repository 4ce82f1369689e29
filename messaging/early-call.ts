/**
 * A call of the page → background map (messaging/protocol.ts) made without @webext-core/messaging:
 * for the early scripts (entrypoints/popup-early.ts), which run while the page's modules load and
 * carry no library and no polyfill. The message is the library's own envelope (v4: `{ id, type,
 * data, timestamp }`, answered `{ res }` or `{ err }`), so the background's one typed, guarded
 * listener (`onPageMessage`) answers it like any other call; tests/unit/messaging/early-call.test.ts
 * holds the two together.
 */
import type { PageToBackgroundCalls } from './protocol';

/** `runtime.sendMessage` of either browser's promise-based API. */
export interface EarlyRuntime {
  sendMessage(message: unknown): Promise<unknown>;
}

type Call = keyof PageToBackgroundCalls;
type Data<K extends Call> = Parameters<PageToBackgroundCalls[K]>[0];
type Answer<K extends Call> = Awaited<ReturnType<PageToBackgroundCalls[K]>>;

/** Sends `type` with `data` to the background; resolves with its answer, rejects with its error. */
export async function earlyCall<K extends Call>(
  runtime: EarlyRuntime,
  type: K,
  data: Data<K>,
): Promise<Answer<K>> {
  const message = { id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() };
  const reply = (await runtime.sendMessage(message)) as { res?: unknown; err?: { message?: unknown } } | null;
  if (!reply || typeof reply !== 'object') throw new Error(`No answer to "${type}".`);
  if (reply.err != null) throw new Error(String(reply.err.message ?? `"${type}" failed.`));
  return reply.res as Answer<K>;
}
