/** Front matter for static site generators: Jekyll and Hugo read the same YAML block. */
import { cleanText } from './markdown';

export type FrontMatterStyle = 'none' | 'jekyll' | 'hugo';

export interface FrontMatterFields {
  title: string;
  /** YYYY-MM-DD, when the recap has a day. */
  date?: string;
  tags: string[];
  /** More fields (absent values are left out): event, speakers, slides, … */
  extra?: Record<string, string | string[] | undefined>;
}

/**
 * A YAML double-quoted scalar: JSON strings are valid YAML once lone surrogates are gone. `<` is
 * written `\u003c` (the same value to YAML), so no tool that reads the file as Markdown, front
 * matter and all, finds HTML in it.
 */
function yamlString(text: string): string {
  return JSON.stringify(cleanText(text).replace(/\s+/g, ' ').trim()).replace(/</g, '\\u003c');
}

/** The YAML block to put before the Markdown, or '' for none. */
export function frontMatter(style: FrontMatterStyle, fields: FrontMatterFields): string {
  if (style === 'none') return '';
  const lines = ['---'];
  if (style === 'jekyll') lines.push('layout: post');
  lines.push(`title: ${yamlString(fields.title)}`);
  if (fields.date) lines.push(`date: ${fields.date}`);
  lines.push(`tags: [${fields.tags.map(yamlString).join(', ')}]`);
  for (const [key, value] of Object.entries(fields.extra ?? {})) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    lines.push(
      `${key}: ${Array.isArray(value) ? `[${value.map(yamlString).join(', ')}]` : yamlString(value)}`,
    );
  }
  // Jekyll runs Liquid over posts: a note mentioning `{{ … }}` must stay text.
  if (style === 'jekyll') lines.push('render_with_liquid: false');
  lines.push('---', '', '');
  return lines.join('\n');
}
