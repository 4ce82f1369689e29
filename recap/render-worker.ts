/**
 * The composer's render worker: a recap is composed here (model → Liquid template → Markdown →
 * the export safety pass), off the page's main thread, so a template that loops for seconds never
 * holds a keystroke. liquidjs stops a render after its limit (recap/render.ts) with the template
 * line it was on; the page stops a worker that does not answer at all (components/recap/
 * useRenderWorker.ts). Thumbnail links come as a table (a function cannot be posted).
 */
import { type NoteSettings, setNoteSettings } from '../storage/settings';
import { type ComposeOptions, type ComposeResult, composeRecap } from './compose';
import type { RecapInput } from './model';

export interface RenderRequest {
  id: number;
  input: Omit<RecapInput, 'thumbnailUrl'>;
  /** Blob id → the link the post uses for it. */
  thumbs: [string, string][];
  options: ComposeOptions;
  /** The page's note settings (private tag, promise words): a worker has no storage to read them from. */
  settings?: NoteSettings;
}

export interface RenderReply {
  id: number;
  result: ComposeResult;
}

/** Composes one request (the worker's whole job; exported for tests). */
export function composeRequest(req: RenderRequest): ComposeResult {
  const urls = new Map(req.thumbs);
  if (req.settings) setNoteSettings(req.settings);
  return composeRecap({ ...req.input, thumbnailUrl: (id) => urls.get(id) }, req.options);
}

const scope = globalThis as unknown as {
  addEventListener?: (type: 'message', listener: (e: MessageEvent<RenderRequest>) => void) => void;
  postMessage: (reply: RenderReply) => void;
  document?: unknown;
};

// Only inside a worker (no document): importing this file elsewhere registers nothing.
if (scope.document === undefined && typeof scope.addEventListener === 'function') {
  scope.addEventListener('message', (e) => {
    let result: ComposeResult;
    try {
      result = composeRequest(e.data);
    } catch (err) {
      result = { ok: false, error: { message: err instanceof Error ? err.message : String(err) } };
    }
    scope.postMessage({ id: e.data.id, result });
  });
}
