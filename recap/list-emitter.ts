/** Where a render writes (recap/render.ts, recap/cached-for.ts). */
import { type Emitter, toValue } from 'liquidjs';

/** liquidjs's way of writing a value (its `stringify`, not exported). */
function stringify(value: unknown): string {
  const v = toValue(value);
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(stringify).join('');
  return String(v);
}

/**
 * An emitter that keeps what is written as a list, joined once when the render is done (`text`).
 * liquidjs reads `buffer` after every loop iteration and branch only to return it where no caller
 * uses it (10.30.1, pinned): joining there would copy the post once per iteration, so `buffer` is
 * empty and the text is read with `text` (recap/render.ts, recap/cached-for.ts).
 */
export class ListEmitter implements Emitter {
  private parts: string[] = [];
  readonly buffer = '';
  write(html: unknown): void {
    this.parts.push(stringify(html));
  }
  /** What was written, piece by piece (recap/pieces.ts reads them as one text without joining them). */
  written(): readonly string[] {
    return this.parts;
  }
  text(): string {
    const all = this.parts.join('');
    this.parts = [all];
    return all;
  }
}
