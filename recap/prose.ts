/**
 * Posts in the writer's voice (docs/templates.md, "the sentence rules"): each note becomes a
 * sentence by its kind, each talk is named once with its link, speakers and slides, the day's
 * moments fall in by the part of the day, and themes gather notes across talks. Nothing here writes
 * a word about a talk that the user did not write: only the connective words listed in the docs.
 * Pure functions over already-escaped model values, so a worker can run them.
 */
import { normalizeTag } from '../storage/tags';
import type { NoteKind } from '../storage/types';

/** A sentence already ends: `.`, `!`, `?` or `…`, before any closing emphasis, quote or bracket. */
export function endsSentence(text: string): boolean {
  return /[.!?…]$/.test(text.replace(/[*_”"’')\]]+$/, ''));
}

/** Opening quote marks and the mark that closes each (straight, curly, low, guillemets, corner brackets). */
const QUOTE_PAIRS: Record<string, string> = { '"': '"', '“': '”', '„': '“', '«': '»', '»': '«', '「': '」' };

/**
 * A quote the user typed inside its own quote marks (`"…"`, `“…”`, `«…»`) without them: the post
 * puts every quote in “…”, and “"…"” reads as a typo. Only one pair around the whole text, with no
 * other mark of the pair inside (`"a" or "b"` is two quotes, kept); a stop after the closing mark
 * moves inside (`"Ship it".` → `Ship it.`).
 */
export function withoutQuoteMarks(text: string): string {
  const m = /^\s*(["“„«»「])([\s\S]*?)(["”“»«」])([.!?…]?)\s*$/.exec(text);
  if (!m || QUOTE_PAIRS[m[1]!] !== m[3]) return text;
  const inner = m[2]!;
  if (!inner.trim() || inner.includes(m[1]!) || inner.includes(m[3]!)) return text;
  return inner.trim() + m[4];
}

/** Written in the first person ("I asked whether …"): kept as the user's own words. */
function firstPerson(text: string): boolean {
  return /^I(?:\s|['’])/.test(text);
}

/**
 * One note as a sentence of the post: takeaways and notes as written, a quote in “…” with its
 * speakers, a question after "I asked:" (unless written as "I …"); "" for a to-do or an empty note.
 */
export function noteSentence(kind: NoteKind, text: string, speakers: string): string {
  if (!text || kind === 'todo') return '';
  if (kind === 'quote') {
    const words = withoutQuoteMarks(text);
    const quoted = `“${words}”${endsSentence(words) ? '' : '.'}`;
    return speakers ? `As ${speakers} put it: ${quoted}` : quoted;
  }
  if (kind === 'question' && !firstPerson(text)) return `I asked: ${text}${endsSentence(text) ? '' : '?'}`;
  if (endsSentence(text)) return text;
  // A note that is only a number ("0", "2012") would become "2012." — at the start of a paragraph
  // that is an ordered list item, so its full stop is escaped (the text itself already is).
  return /^\d{1,9}$/.test(text) ? `${text}\\.` : `${text}.`;
}

/** What a talk's first mention needs (escaped model values). */
export interface MentionParts {
  title: string;
  url: string;
  speaker_names: string;
  slides_url: string;
}

/** First mention: the title linked to its page, its speakers, its slides inline. */
export function talkMention(t: MentionParts): string {
  const title = t.url ? `[${t.title}](${t.url})` : t.title;
  const slides = t.slides_url ? ` ([slides](${t.slides_url}))` : '';
  return `${title}${t.speaker_names ? ` by ${t.speaker_names}` : ''}${slides}`;
}

/** A later mention: the title and its speakers, no links. */
export function talkShortMention(t: MentionParts): string {
  return `${t.title}${t.speaker_names ? ` by ${t.speaker_names}` : ''}`;
}

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** "09:45" → morning (before 12:00), afternoon (12:00–17:59), evening (from 18:00); "" → "". */
export function partOfDay(hhmm: string): PartOfDay | '' {
  const h = /^(\d{2}):\d{2}$/.exec(hhmm)?.[1];
  if (h === undefined) return '';
  const hour = Number(h);
  return hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening';
}

/** A paragraph of the day's moments: "In the afternoon:" and their sentences. */
export interface MomentGroupModel {
  part: string;
  opener: string;
  sentences: string[];
}

/** Sentences of moments, in order, grouped while the part of the day stays the same. */
export function momentGroups(moments: { sentence: string; time_of_day: string }[]): MomentGroupModel[] {
  const groups: MomentGroupModel[] = [];
  for (const m of moments) {
    if (!m.sentence) continue;
    const part = partOfDay(m.time_of_day);
    const last = groups.at(-1);
    if (last && last.part === part) last.sentences.push(m.sentence);
    else groups.push({ part, opener: part ? `In the ${part}` : 'Also today', sentences: [m.sentence] });
  }
  return groups;
}

/** One paragraph of "Day one": a talk, or moments that happened between talks. */
export interface StoryItemModel<T> {
  kind: 'talk' | 'moments';
  /** The first talk of the post ("First,"); false for the others and for moments. */
  first: boolean;
  talk: T | null;
  part: string;
  opener: string;
  sentences: string[];
}

/**
 * Talks in the recap's order with the moments placed by time: a moment goes before the first talk
 * that starts after it was written; a talk without a known time takes no moments before it.
 */
export function story<T>(
  talks: { talk: T; at: number | null }[],
  moments: { sentence: string; time_of_day: string; at: number }[],
): StoryItemModel<T>[] {
  const items: StoryItemModel<T>[] = [];
  let next = 0;
  const flush = (until: number) => {
    const batch: typeof moments = [];
    while (next < moments.length && moments[next]!.at < until) batch.push(moments[next++]!);
    for (const g of momentGroups(batch)) items.push({ kind: 'moments', first: false, talk: null, ...g });
  };
  talks.forEach((t, i) => {
    if (t.at !== null) flush(t.at);
    items.push({ kind: 'talk', first: i === 0, talk: t.talk, part: '', opener: '', sentences: [] });
  });
  flush(Number.POSITIVE_INFINITY);
  return items;
}

/** A theme the user chose: the tag it gathers and the heading it shows. */
export interface ThemeChoice {
  tag: string;
  name: string;
}

export interface ThemeModel {
  tag: string;
  name: string;
  /** `From {mention}: {sentences}` per talk it draws on, then its moments' sentences. */
  paragraph: string;
  /** The talks it cites, in order. */
  talk_titles: string[];
}

/** A note as themes see it: its raw tags and its sentence. */
export interface ThemedNote {
  tags: readonly string[];
  sentence: string;
}

/**
 * Paragraphs by theme: each note under the first theme (in the themes' order) it carries, cited
 * with its talk (`From {first mention}: …`, later `From {short mention}: …`); notes on no theme
 * under "Everything else". Themes with nothing to say are left out.
 */
export function themeParagraphs(
  themes: readonly ThemeChoice[],
  talks: { parts: MentionParts; notes: ThemedNote[] }[],
  moments: ThemedNote[],
): ThemeModel[] {
  const other = '\u0000other';
  const order = [...themes.map((t) => t.tag), other];
  const themeOf = (n: ThemedNote) => themes.find((t) => n.tags.includes(t.tag))?.tag ?? other;
  const mentioned = new Set<number>();
  const out: ThemeModel[] = [];
  for (const tag of order) {
    const parts: string[] = [];
    const titles: string[] = [];
    talks.forEach((t, i) => {
      const sentences = t.notes.filter((n) => n.sentence && themeOf(n) === tag).map((n) => n.sentence);
      if (!sentences.length) return;
      const mention = mentioned.has(i) ? talkShortMention(t.parts) : talkMention(t.parts);
      mentioned.add(i);
      titles.push(t.parts.title);
      parts.push(`From ${mention}: ${sentences.join(' ')}`);
    });
    parts.push(...moments.filter((n) => n.sentence && themeOf(n) === tag).map((n) => n.sentence));
    if (!parts.length) continue;
    const chosen = themes.find((t) => t.tag === tag);
    out.push({
      tag: tag === other ? '' : tag,
      name: chosen ? chosen.name : 'Everything else',
      paragraph: parts.join(' '),
      talk_titles: titles,
    });
  }
  return out;
}

/** Themes from tags: each named as the user first typed it in a note (`#ARM` → "ARM"), else the tag. */
export function themeNames(tags: readonly string[], notes: readonly { body: string }[]): ThemeChoice[] {
  const typed = new Map<string, string>();
  for (const n of notes) {
    for (const m of n.body.matchAll(/#([\p{L}\p{M}\p{N}_-]+)/gu)) {
      const tag = normalizeTag(m[1]!);
      if (tag && !typed.has(tag)) typed.set(tag, m[1]!);
    }
  }
  return tags.map((tag) => ({ tag, name: typed.get(tag) ?? tag }));
}
