/** From talks and notes to a finished post: model → template → Markdown (+ front matter). */

import { dayZone, noteDay } from '../storage/day-notes';
import { builtinTemplate, DEFAULT_TEMPLATE_ID, focusOf } from './builtins';
import { type FrontMatterStyle, frontMatter } from './front-matter';
import { hasText } from './markdown';
import { buildRecapModel, defaultTitle, postedNotes, type RecapInput, recapDay, recapTags } from './model';
import { type RenderResult, renderTemplate } from './render';

export interface ComposeOptions {
  /** Liquid source; defaults to the "Day recap" template. */
  template?: string;
  frontMatter?: FrontMatterStyle;
}

/** Composes a recap; on a template error the result says what and where, and no Markdown is made. */
export function composeRecap(input: RecapInput, options: ComposeOptions = {}): RenderResult {
  const source = options.template ?? builtinTemplate(DEFAULT_TEMPLATE_ID)!.source;
  input = input.focus ? input : { ...input, focus: focusOf(source) };
  const result = renderTemplate(source, buildRecapModel(input));
  const style = options.frontMatter ?? 'none';
  if (!result.ok || style === 'none') return result;
  const fm = frontMatter(style, {
    title: hasText(input.title) ? input.title : defaultTitle(input),
    date: postDate(input),
    tags: recapTags(input),
  });
  return { ok: true, markdown: fm + result.markdown };
}

/**
 * The post's `date:`: the recap's day; for talks of several days or without a time, the day its
 * newest note was written (in the recap's zone). Undefined only for a post with no notes and no day.
 */
export function postDate(input: RecapInput): string | undefined {
  const day = recapDay(input);
  if (day) return day;
  const posted = postedNotes(input);
  const newest = [...posted.talks.flat(), ...posted.moments].reduce<number | undefined>(
    (max, n) => (max === undefined || n.createdAt > max ? n.createdAt : max),
    undefined,
  );
  return newest === undefined
    ? undefined
    : noteDay({ createdAt: newest }, input.zone ?? dayZone(input.event)) || undefined;
}
