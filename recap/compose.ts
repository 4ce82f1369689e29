/** From talks and notes to a finished post: model → template → Markdown (+ front matter). */

import { dayZone, noteDay } from '../storage/day-notes';
import { builtinTemplate, DEFAULT_TEMPLATE_ID, focusOf } from './builtins';
import { type FrontMatterStyle, frontMatter } from './front-matter';
import { clearHtmlRangesCache } from './html-ranges';
import { clearInterned, internInput } from './intern';
import { clearMarkdownMemo, hasText } from './markdown';
import {
  buildRecapModel,
  defaultTitle,
  postedNotes,
  type RecapInput,
  recapDay,
  recapTags,
  withoutPrivate,
} from './model';
import { clearNoteModelCache } from './note-cache';
import { clearPostParts, finishPost } from './post-parts';
import { clearTemplateCache, EMPTY_POST, type RenderResult, renderRaw } from './render';
import type { ExportSafety } from './safe-markdown';
import { clearTalkModelCache } from './talk-cache';

export interface ComposeOptions {
  /** Liquid source; defaults to the "Day recap" template. */
  template?: string;
  frontMatter?: FrontMatterStyle;
  /**
   * The template was written by the user on this device (components/recap/template-trust.ts): its
   * raw HTML is kept. Built-in, imported and synced templates never get this.
   */
  ownTemplate?: boolean;
}

/** A composed post: the Markdown, and what the last safety pass kept or changed. */
export type ComposeResult =
  | { ok: true; markdown: string; safety: ExportSafety }
  | Extract<RenderResult, { ok: false }>;

/**
 * Composes a recap; on a template error the result says what and where, and no Markdown is made.
 * Whatever the template wrote, the Markdown has no unsafe link and no raw HTML unless `ownTemplate`
 * (recap/safe-markdown.ts).
 */
export function composeRecap(input: RecapInput, options: ComposeOptions = {}): ComposeResult {
  const source = options.template ?? builtinTemplate(DEFAULT_TEMPLATE_ID)!.source;
  // Private notes stay out of the post (and its title, tags and date) unless included.
  // Records equal to last compose's become those objects (recap/intern.ts): what is remembered by
  // identity is found again.
  input = withoutPrivate(internInput(input));
  input = input.focus ? input : { ...input, focus: focusOf(source) };
  const result = renderRaw(source, buildRecapModel(input));
  if (!result.ok) return result;
  const style = options.frontMatter ?? 'none';
  const fm =
    style === 'none'
      ? ''
      : frontMatter(style, {
          title: hasText(input.title) ? input.title : defaultTitle(input),
          date: postDate(input),
          tags: recapTags(input),
        });
  // Tidied and made safe in parts, each remembered (recap/post-parts.ts): exactly
  // safeMarkdown(fm + tidyMarkdown(raw)); no Markdown at all when the template wrote nothing.
  const post = finishPost(result.pieces, fm, options.ownTemplate === true);
  if (post.empty) return { ok: false, error: EMPTY_POST };
  return { ok: true, markdown: post.markdown, safety: post.safety };
}

/**
 * Forgets what composing remembers between runs (parsed templates, notes' models, the safety pass's
 * pieces): the next compose is a cold one, as when the composer opens.
 */
export function clearRecapCaches(): void {
  clearTemplateCache();
  clearNoteModelCache();
  clearTalkModelCache();
  clearPostParts();
  clearInterned();
  clearHtmlRangesCache();
  clearMarkdownMemo();
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
