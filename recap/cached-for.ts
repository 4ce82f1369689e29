/**
 * Liquid's `for` with each iteration's output remembered between renders. After an edit to one
 * note, the post's loop over ten talks writes nine of them exactly as last time: their talk models
 * are the same objects (recap/talk-cache.ts), so what the loop body wrote for them can be written
 * again without interpreting it (most of a large recap's render time).
 *
 * Exact by construction: a loop's iterations are remembered only when its body's output can depend
 * on nothing but the loop variable's value and the `forloop` values, decided once, when the
 * template is parsed:
 * - every variable the body reads (liquidjs static analysis) is the loop variable or `forloop`
 *   (nested loops' own variables are theirs; anything else — `recap`, an outer loop's variable —
 *   and the loop is not cached);
 * - the body holds only tags without side effects or state: `if`, `unless`, `case`, `for` (not
 *   `offset: continue`, which reads and writes the render's registers), `echo`, `raw`, comments.
 *   `assign`, `capture`, `increment`, `decrement`, `cycle`, `tablerow`, `break`, `continue`,
 *   `include`, `render`, `liquid`, `layout` or any other tag: not cached;
 * - no filter whose answer is not a function of its input (`date`, which reads the clock for "now",
 *   and `sample`, which is random).
 * An iteration is then keyed by the item (objects by identity — the model is never changed once
 * built — and other values by value), its index and the loop's length (every `forloop` value follows
 * from these). On a hit the output is written as it was, and the memory the render counted for it
 * is counted again, so `memoryLimit` stops the same templates; `renderLimit` is checked as before.
 * Templates stay interpreted (no eval). What a loop's render did not use is forgotten after its next one.
 *
 * tests/unit/recap/cached-for.property.test.ts compares cached and uncached renders.
 */
import {
  analyzeSync,
  type Context,
  type Emitter,
  ForTag,
  type Liquid,
  Output,
  Tag,
  type TagToken,
  type Template,
  TokenKind,
  type TopLevelToken,
  toValueSync,
} from 'liquidjs';
import { ListEmitter } from './list-emitter';

type Parser = ConstructorParameters<typeof ForTag>[3];

/**
 * What a `for` body sees of the render, which liquidjs's types keep private (liquidjs is pinned in
 * package.json; the property test fails on a version that moves these).
 */
interface RenderState {
  /** The innermost scope is the loop's: its variable and `forloop`. */
  scopes: Record<string, unknown>[];
  memoryLimit: { base: number; use(count: number): void };
}

/** Tags that write output from their arguments and children only, changing nothing else. */
const PURE_TAGS = new Set(['if', 'unless', 'case', 'for', 'echo', 'raw', 'comment', '#']);

/** Filters whose answer does not follow from their input (the clock, randomness). */
const IMPURE_FILTER = /\|\s*(?:date|sample)/;

/** Counts renders: an entry not used in this render or the loop's last one is forgotten. */
let generation = 0;
/** Counts clears: a store from before the last clear is never read. */
let epoch = 0;

/** Called once per template render (recap/render.ts). */
export function nextRender(): void {
  generation++;
  held = 0;
}

interface Iteration {
  length: number;
  output: string;
  /** The memory liquidjs counted while writing it. */
  memory: number;
}

/** Item → index → what that iteration wrote (for the loop length it had). */
type Store = Map<unknown, Map<number, Iteration>>;

/** Characters remembered in this render: past the cap, a render remembers nothing more. */
let held = 0;
const MAX_HELD = 8_000_000;

/** True when every template (and what it holds) is a pure tag, an output or text. */
function pureTemplates(templates: readonly Template[]): boolean {
  for (const t of templates) {
    if (t instanceof Tag) {
      if (!PURE_TAGS.has(t.name)) return false;
      if (t.name === 'for' && /\bcontinue\b/.test((t.token as TagToken).args)) return false;
      const own = t as Tag & Pick<Template, 'children'>;
      const children = own.children ? toValueSync(own.children(false, true)) : [];
      if (!pureTemplates(children)) return false;
    } else if (!(t instanceof Output) && t.token.kind !== TokenKind.HTML) {
      return false;
    }
  }
  return true;
}

/** The template text the body was parsed from (for the filter check). */
function sourceOf(templates: readonly Template[]): string {
  const first = templates[0]!.token;
  const last = templates[templates.length - 1]!.token;
  return first.input.slice(first.begin, last.end);
}

export class CachedForTag extends ForTag {
  private readonly body: Template[];
  private store: Store = new Map();
  private last: Store = new Map();
  private storeGeneration = -1;
  private storeEpoch = -1;

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid, parser);
    this.body = this.templates;
    if (this.cacheable()) this.templates = [this.cachedBody()];
  }

  /** The body as written (what static analysis of an enclosing loop walks). */
  // biome-ignore lint/correctness/useYield: liquidjs reads children as a generator's return value, like ForTag's own.
  override *children(): Generator<unknown, Template[]> {
    return [...this.body, ...this.elseTemplates];
  }

  private cacheable(): boolean {
    if (!this.body.length || !pureTemplates(this.body)) return false;
    if (IMPURE_FILTER.test(sourceOf(this.body))) return false;
    const read = Object.keys(analyzeSync(this.body, { partials: false }).globals);
    return read.every((name) => name === this.variable || name === 'forloop');
  }

  /**
   * This render's store; the store of the last render this loop ran in (however long ago: another
   * template may have been rendered since) is kept for lookups, older ones dropped.
   */
  private current(): Store {
    if (this.storeGeneration !== generation) {
      this.last = this.storeEpoch === epoch ? this.store : new Map();
      this.store = new Map();
      this.storeGeneration = generation;
      this.storeEpoch = epoch;
    }
    return this.store;
  }

  private cachedBody(): Template {
    const tag = this;
    const renderer = this.liquid.renderer;
    return {
      token: this.token,
      *render(context: Context, emitter: Emitter): Generator<unknown, void, unknown> {
        const ctx = context as unknown as RenderState;
        const scope = ctx.scopes[ctx.scopes.length - 1]!;
        const item = scope[tag.variable];
        // -0 and 0 print alike but divide differently, and a Map does not tell them apart: not cached.
        if (Object.is(item, -0)) {
          yield renderer.renderTemplates(tag.body, context, emitter);
          return;
        }
        const loop = scope.forloop as { index0(): number; length: number };
        const index = loop.index0();
        const store = tag.current();
        const found = (s: Store) => {
          const e = s.get(item)?.get(index);
          return e?.length === loop.length ? e : undefined;
        };
        const keep = (e: Iteration) => {
          const byIndex = store.get(item) ?? new Map<number, Iteration>();
          byIndex.set(index, e);
          store.set(item, byIndex);
        };
        let hit = found(store);
        if (!hit) {
          hit = found(tag.last);
          if (hit) keep(hit);
        }
        if (hit) {
          ctx.memoryLimit.use(hit.memory);
          emitter.write(hit.output);
          return;
        }
        const before = ctx.memoryLimit.base;
        const own = new ListEmitter();
        yield renderer.renderTemplates(tag.body, context, own);
        const output = own.text();
        held += output.length;
        if (held <= MAX_HELD) keep({ length: loop.length, output, memory: ctx.memoryLimit.base - before });
        emitter.write(output);
      },
    };
  }
}

/** Forgets every remembered iteration (for a cold measure, and tests). */
export function clearCachedIterations(): void {
  epoch++;
}
