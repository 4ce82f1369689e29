/**
 * Renders a recap model through a Liquid template. liquidjs interprets templates without `eval`
 * or `new Function` (extension pages forbid both); strict filters and variables turn a typo into
 * an error that names its line, and an error never yields a blank post.
 */
import { Context, Liquid, type LiquidOptions, type Template, toValueSync } from 'liquidjs';
import { CachedForTag, clearCachedIterations, nextRender } from './cached-for';
import { ListEmitter } from './list-emitter';
import { tidyMarkdown } from './markdown';
import type { RecapModel } from './model';

export interface TemplateError {
  message: string;
  /** 1-based position in the template source, when the error has one. */
  line?: number;
  column?: number;
}

export type RenderResult = { ok: true; markdown: string } | { ok: false; error: TemplateError };

/** The engine's options (tests build an engine without the remembering `for` from them). */
export const LIQUID_OPTIONS: LiquidOptions = {
  strictFilters: true,
  strictVariables: true,
  ownPropertyOnly: true,
  // Templates never read files: `include`/`render` find nothing rather than reach a disk or the network.
  relativeReference: false,
  fs: {
    exists: async () => false,
    existsSync: () => false,
    readFile: async (f) => Promise.reject(new Error(`No such template: ${f}`)),
    readFileSync: (f) => {
      throw new Error(`No such template: ${f}`);
    },
    resolve: (_root, file) => file,
    contains: async () => false,
    sep: '/',
  },
  // A template that loops forever or builds huge strings stops instead of freezing the page.
  renderLimit: 2_000,
  memoryLimit: 64_000_000,
  parseLimit: 1_000_000,
};

const engine = new Liquid(LIQUID_OPTIONS);
// `for` remembers what an iteration wrote when that provably depends on its item alone.
engine.registerTag('for', CachedForTag);

const parsed = new Map<string, Template[]>();

/** Parses a template once; the last 20 sources stay cached. */
function parse(source: string): Template[] {
  let t = parsed.get(source);
  if (!t) {
    t = engine.parse(source);
    if (parsed.size >= 20) parsed.delete(parsed.keys().next().value as string);
    parsed.set(source, t);
  }
  return t;
}

/** Forgets the parsed templates (for a cold measure). */
export function clearTemplateCache(): void {
  parsed.clear();
  clearCachedIterations();
}

/** Turns a liquidjs error into a message with the template line it points at. */
export function templateError(e: unknown): TemplateError {
  const err = e as { message?: unknown; token?: { getPosition?: () => [number, number] } };
  const message = typeof err?.message === 'string' ? err.message : String(e);
  const pos = err?.token?.getPosition?.();
  const clean = plainLimit(message.replace(/, line:\d+, col:\d+$/, ''));
  return pos ? { message: clean, line: pos[0], column: pos[1] } : { message: clean };
}

/**
 * liquidjs names its limits in its own words ("memory alloc limit exceeded"); the user is told which
 * limit stopped the template and where to look. Which one a runaway loop reaches first depends on
 * how fast it runs (loops whose iterations are remembered, recap/cached-for.ts, reach memory first).
 */
function plainLimit(message: string): string {
  if (/^memory alloc limit exceeded/.test(message))
    return 'The template stopped: it writes more than 64 MB (memory limit). Check its loops.';
  if (/^template render limit exceeded/.test(message))
    return 'The template stopped: it ran longer than 2 seconds (render limit). Check its loops.';
  if (/^parse length limit exceeded/.test(message))
    return 'The template is too long to read (parse limit): over 1,000,000 characters.';
  return message;
}

/** Checks a template's syntax (not its variables) without rendering it. */
export function checkTemplate(source: string): TemplateError | null {
  try {
    parse(source);
    return null;
  } catch (e) {
    return templateError(e);
  }
}

/** Renders the model; Markdown out, or an error with its line. */
export function renderTemplate(source: string, model: RecapModel): RenderResult {
  const out = renderRaw(source, model);
  if (!out.ok) return out;
  const markdown = tidyMarkdown(out.pieces.join(''));
  return markdown.trim() ? { ok: true, markdown } : { ok: false, error: EMPTY_POST };
}

/** A template that wrote nothing visible: an error, never a blank post. */
export const EMPTY_POST: TemplateError = {
  message: 'The template produced an empty post: it writes nothing for these talks.',
};

/**
 * The template's output as written, before tidying, in the pieces it was written in: recap/post-parts.ts
 * tidies it in parts and never joins the whole (recap/pieces.ts).
 */
export function renderRaw(
  source: string,
  model: RecapModel,
): { ok: true; pieces: readonly string[] } | { ok: false; error: TemplateError } {
  try {
    nextRender();
    // engine.renderSync, writing to a list (liquidjs appends to one string: the post was a rope of
    // thousands of pieces that every later step had to flatten), handed on as its pieces.
    const ctx = new Context(
      { recap: model, talks: model.talks },
      engine.options,
      { sync: true },
      { liquid: engine },
    );
    const out = new ListEmitter();
    toValueSync(engine.renderer.renderTemplates(parse(source), ctx, out));
    return { ok: true, pieces: out.written() };
  } catch (e) {
    return { ok: false, error: templateError(e) };
  }
}
