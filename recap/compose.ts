/** From talks and notes to a finished post: model → template → Markdown (+ front matter). */
import { builtinTemplate, DEFAULT_TEMPLATE_ID } from './builtins';
import { type FrontMatterStyle, frontMatter } from './front-matter';
import { hasText } from './markdown';
import { buildRecapModel, defaultTitle, type RecapInput, recapDay, recapTags } from './model';
import { type RenderResult, renderTemplate } from './render';

export interface ComposeOptions {
  /** Liquid source; defaults to the "Day recap" template. */
  template?: string;
  frontMatter?: FrontMatterStyle;
}

/** Composes a recap; on a template error the result says what and where, and no Markdown is made. */
export function composeRecap(input: RecapInput, options: ComposeOptions = {}): RenderResult {
  const source = options.template ?? builtinTemplate(DEFAULT_TEMPLATE_ID)!.source;
  const result = renderTemplate(source, buildRecapModel(input));
  const style = options.frontMatter ?? 'none';
  if (!result.ok || style === 'none') return result;
  const day = recapDay(input);
  const fm = frontMatter(style, {
    title: hasText(input.title) ? input.title : defaultTitle(input),
    date: day || undefined,
    tags: recapTags(input),
  });
  return { ok: true, markdown: fm + result.markdown };
}
