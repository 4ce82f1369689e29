/**
 * Composes the recap preview in a worker (recap/render-worker.ts): the composer's main thread only
 * posts the input and shows the answer, so a keystroke is painted at once whatever the template
 * does. One render runs at a time: text typed meanwhile waits as one request (the newest; older
 * ones are dropped) and goes when the running one answers, so a slow template costs one core, not
 * a queue of renders. liquidjs stops a loop after 2 s with the template's line; a worker that does
 * not answer within {@link RENDER_TIME_LIMIT_MS} is stopped (and replaced) and an error shown. The
 * last answer stays shown until the next. Where there is no `Worker` (unit tests in Node), the
 * recap is composed in place as before.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type ComposeOptions, type ComposeResult, composeRecap } from '../../recap/compose';
import type { RecapInput } from '../../recap/model';
import type { RenderReply, RenderRequest } from '../../recap/render-worker';
import { noteSettings } from '../../storage/settings';

/** How long a render may run before its worker is stopped (liquidjs stops loops itself at 2 s, with the line). */
export const RENDER_TIME_LIMIT_MS = 5_000;

const hasWorker = typeof Worker === 'function';

function thumbsOf(input: RecapInput): [string, string][] {
  const out = new Map<string, string>();
  const add = (id: string | undefined) => {
    if (!id || out.has(id)) return;
    const url = input.thumbnailUrl?.(id);
    if (url !== undefined) out.set(id, url);
  };
  for (const t of input.talks) for (const n of t.notes) add(n.thumbnailId);
  for (const n of input.moments ?? []) add(n.thumbnailId);
  return [...out];
}

class RenderWorker {
  private worker: Worker | null = null;
  private running: { id: number; timer: ReturnType<typeof setTimeout> } | null = null;
  private waiting: RenderRequest | null = null;
  private next = 1;

  constructor(private readonly onResult: (result: ComposeResult) => void) {}

  private spawn(): Worker {
    const worker = new Worker(new URL('../../recap/render-worker.ts', import.meta.url), {
      type: 'module',
      name: 'talkmarks-render',
    });
    worker.onmessage = (e: MessageEvent<RenderReply>) => {
      if (!this.running || e.data.id !== this.running.id) return;
      clearTimeout(this.running.timer);
      this.running = null;
      this.onResult(e.data.result);
      this.sendWaiting();
    };
    return worker;
  }

  /** Stops the worker (and whatever it is rendering); nothing waits any more. */
  stop(): void {
    if (this.running) clearTimeout(this.running.timer);
    this.running = null;
    this.waiting = null;
    this.worker?.terminate();
    this.worker = null;
  }

  private sendWaiting(): void {
    const req = this.waiting;
    if (!req || this.running) return;
    this.waiting = null;
    this.worker ??= this.spawn();
    const timer = setTimeout(() => {
      const waiting = this.waiting;
      this.stop();
      this.onResult({
        ok: false,
        error: {
          message: `The template ran for more than ${RENDER_TIME_LIMIT_MS / 1000} s and was stopped: a loop in it is too long for these notes.`,
        },
      });
      this.waiting = waiting;
      this.sendWaiting();
    }, RENDER_TIME_LIMIT_MS);
    this.running = { id: req.id, timer };
    this.worker.postMessage(req);
  }

  render(input: RecapInput, options: ComposeOptions): void {
    const { thumbnailUrl: _fn, ...plain } = input;
    this.waiting = {
      id: this.next++,
      input: plain,
      thumbs: thumbsOf(input),
      options,
      settings: noteSettings(),
    };
    this.sendWaiting();
  }
}

/**
 * The composed recap for `input` (null while there is none yet). `input` null means "not ready":
 * the last result stays. `deps` say when to compose again.
 */
export function useRenderWorker(
  input: RecapInput | null,
  options: ComposeOptions,
  deps: readonly unknown[],
): ComposeResult | null {
  const [result, setResult] = useState<ComposeResult | null>(null);
  const worker = useRef<RenderWorker | null>(null);
  const last = useRef<ComposeResult | null>(null);
  useEffect(() => () => worker.current?.stop(), []);
  // Without workers: composed in place, as the composer always did.
  const inPlace = useMemo(() => {
    if (hasWorker) return null;
    if (input) last.current = composeRecap(input, options);
    return last.current;
  }, deps);
  useEffect(() => {
    if (!hasWorker || !input) return;
    worker.current ??= new RenderWorker(setResult);
    worker.current.render(input, options);
  }, deps);
  return hasWorker ? result : inPlace;
}
