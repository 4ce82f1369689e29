/**
 * One talk as templates see it, and its notes: sentences, slide groups, links, the promise of
 * slides, moments in the recording. Strings are escaped here (recap/markdown.ts), once.
 */

import { collectLinks, type MentionedLink, slideLinkSources } from '../storage/links';
import { slidesPromiseOf } from '../storage/promises';
import { momentUrl, noteMomentSec } from '../storage/recording-moments';
import { noteSettings } from '../storage/settings';
import { withoutTrailingTags } from '../storage/tags';
import { talkDay } from '../storage/talk-day';
import type { DeckRecord, NoteKind, NoteRecord, TalkRecord } from '../storage/types';
import { clock, isDay, timeRange, wallClock, weekdayOf } from './dates';
import { DEFAULT_TALK_OPTIONS, type RecapInput, type RecapTalkInput, selectNotes, shownNote } from './input';
import { escapeMarkdown, hasText, markdownBlock, markdownInline, safeUrl } from './markdown';
import type { LinkModel, NoteModel, SlideGroupModel, TalkModel } from './model-types';
import { rememberedNoteModel, rememberedNotePromises } from './note-cache';
import { noteSentence, talkMention, talkShortMention, withoutQuoteMarks } from './prose';

/** A collected link as templates see it: URL encoded for a destination, title escaped. */
function linkModel(link: MentionedLink): LinkModel {
  const url = safeUrl(link.url);
  const title = escapeMarkdown(link.title ?? '');
  const text = title || escapeMarkdown(link.url.replace(/^https?:\/\//, '').replace(/\/$/, ''));
  return { url, title, markdown: url ? `[${text}](${url})` : text };
}

/** The "Links mentioned" block: a label line and a list; "" for no links. */
export function linksList(links: readonly LinkModel[]): string {
  const items = links.filter((l) => l.url).map((l) => `- ${l.markdown}`);
  return items.length ? `Links mentioned:\n\n${items.join('\n')}` : '';
}

/** The links notes mention (posted notes: private ones are already out), the talk's own left out. */
export function mentionedLinks(notes: readonly NoteRecord[], talk?: TalkRecord): LinkModel[] {
  return collectLinks({
    notes: notes.map((n) => ({ body: n.body })),
    // The links the noted slides showed (posted notes only: a private note's slide stays out).
    slides: slideLinkSources(notes),
    exclude: talk ? [talk.url, talk.slidesUrl, talk.videoUrl] : [],
  }).map(linkModel);
}

/** An own, enumerable property computed on first read (templates see a plain value). */
export function lazy<T, K extends keyof T>(target: T, key: K, make: () => T[K]): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = make();
      Object.defineProperty(target, key, { value, enumerable: true, writable: false });
      return value;
    },
  });
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
export function noteModel(
  stored: NoteRecord,
  talkTitle: string,
  thumbnail: string,
  zone: string,
  speakers = '',
  picture = '',
  recording?: TalkRecord['recording'],
): NoteModel {
  // The line below renders the kind its own way: no prefix may stay in the text.
  const note = shownNote(stored);
  const slide = note.anchor?.slide;
  const raw = note.body;
  const stripped = withoutTrailingTags(raw);
  const body = markdownInline(raw);
  const text = stripped === raw ? body : hasText(stripped) ? markdownInline(stripped) : '';
  const label = slide ? escapeMarkdown(slide.label || String(slide.index + 1)) : '';
  // A moment has no talk to say which deck the slide is of: its page says it.
  const deck = !talkTitle && hasText(note.pageTitle) ? ` of ${escapeMarkdown(note.pageTitle)}` : '';
  const slideRef = slide ? ` (slide ${label}${deck})` : '';
  const shown = !text
    ? ''
    : note.kind === 'quote'
      ? `“${withoutQuoteMarks(text)}”`
      : note.kind === 'question'
        ? `Open question: ${text}`
        : text;
  const model = {
    // Ids and kinds come from storage, which a backup fills: escaped like any text.
    id: escapeMarkdown(note.id),
    kind: note.kind,
    body,
    text,
    line: shown && shown + slideRef,
    slide_ref: slideRef,
    tags: note.tags.map(escapeMarkdown),
    slide: slide
      ? {
          index: finite(slide.index),
          number: finite(slide.index) + 1,
          label,
          title: escapeMarkdown(slide.title ?? ''),
        }
      : null,
    time: typeof note.anchor?.time === 'number' ? finite(note.anchor.time) : null,
    time_label: typeof note.anchor?.time === 'number' ? clock(finite(note.anchor.time)) : '',
    quote: escapeMarkdown(note.anchor?.quote?.exact ?? ''),
    thumbnail,
    created_at: new Date(note.createdAt).toISOString(),
    talk_title: talkTitle,
    sentence: noteSentence(note.kind, text, speakers),
    picture: picture && `![${slide ? `Slide ${label}` : 'Picture'}](${picture})`,
  } as NoteModel;
  // Read by few templates, and not cheap for a thousand notes (Intl, URL parsing): worked out when read.
  lazy(model, 'time_of_day', () => wallClock(new Date(note.createdAt).toISOString(), zone)?.time ?? '');
  lazy(model, 'page_title', () => escapeMarkdown(note.pageTitle ?? ''));
  lazy(model, 'page_url', () => safeUrl(note.url));
  lazy(model, 'moment_url', () => {
    const live = noteMomentSec(note, recording);
    if (live !== undefined && recording) return safeUrl(momentUrl(recording.url, live));
    const time = note.anchor?.time;
    return typeof time === 'number' && Number.isFinite(time) ? safeUrl(momentUrl(note.url, time)) : '';
  });
  return model;
}

/** A number as a template prints it: never NaN, Infinity or anything that is not a number. */
function finite(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

/** A thumbnail reference, encoded like any link destination. */
function imageRef(url: string | undefined): string {
  if (!url) return '';
  return url.replace(
    /[()<>\\\s`'"]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

function slideGroups(notes: NoteModel[]): SlideGroupModel[] {
  const groups = new Map<number, SlideGroupModel>();
  for (const n of notes) {
    if (!n.slide) continue;
    let g = groups.get(n.slide.index);
    if (!g) {
      g = { ...n.slide, thumbnail: '', notes: [] };
      groups.set(n.slide.index, g);
    }
    if (!g.title && n.slide.title) g.title = n.slide.title;
    if (!g.thumbnail && n.thumbnail) g.thumbnail = n.thumbnail;
    g.notes.push(n);
  }
  return [...groups.values()].sort((a, b) => a.index - b.index);
}

/**
 * The talk's slides link: the one the user typed in the talk's edit form, else the deck attached to
 * the talk (the one they noted on), else the link the session page gave.
 */
export function slidesUrlOf(talk: TalkRecord, decks: readonly DeckRecord[] = []): string {
  const typed = talk.editedFields?.includes('slidesUrl') ? safeUrl(talk.slidesUrl) : '';
  const deck = decks.map((d) => (d.deletedAt ? '' : safeUrl(d.url))).find(Boolean);
  return typed || deck || safeUrl(talk.slidesUrl);
}

export function talkModel(input: RecapTalkInput, recap: RecapInput, zone: string): TalkModel {
  const { talk } = input;
  const options = { ...DEFAULT_TALK_OPTIONS, ...input.options };
  const title = escapeMarkdown(talk.title);
  const thumb = (n: NoteRecord) =>
    options.thumbnails && n.thumbnailId ? imageRef(recap.thumbnailUrl?.(n.thumbnailId)) : '';
  const picture = (n: NoteRecord) => pictureOf(recap, n);
  const speakers = talk.speakers
    .filter((s) => s.name.trim())
    .map((s) => ({
      name: escapeMarkdown(s.name),
      url: safeUrl(s.url),
      affiliation: escapeMarkdown(
        'affiliation' in s && typeof s.affiliation === 'string' ? s.affiliation : '',
      ),
    }));
  const tz = talk.timezone ?? recap.event?.timezone;
  const found = talkDay(talk, recap.event);
  const day = isDay(found) ? found : '';
  const time = timeRange(talk.startsAt, talk.endsAt, tz);
  const speakerNames = joinNames(speakers.map((s) => s.name));
  const recording = talk.recording === undefined ? undefined : JSON.stringify(talk.recording);
  const notes = selectNotes(input.notes, options.include).map((n) => {
    const args = [title, thumb(n), zone, speakerNames, picture(n)] as const;
    return rememberedNoteModel(n, [...args, recording], () => noteModel(n, ...args, talk.recording));
  });
  const speakerLinks = joinNames(speakers.map((s) => (s.url ? `[${s.name}](${s.url})` : s.name)));
  const room = escapeMarkdown(talk.room ?? '');
  const ofKind = (k: NoteKind) => notes.filter((n) => n.kind === k);
  const url = safeUrl(talk.url);
  const slidesUrl = slidesUrlOf(talk, input.decks);
  const parts = { title, url, speaker_names: speakerNames, slides_url: slidesUrl };
  const promise = promiseSentence(talk, input.notes, slidesUrl);
  // The note that promised the slides reads as the link once the link is known.
  const sentenceOf = (n: NoteModel) =>
    promise.kept && promise.noteId !== undefined && n.id === escapeMarkdown(promise.noteId)
      ? promise.sentence
      : withPicture(n);
  const model = {
    id: escapeMarkdown(talk.id),
    title,
    speakers,
    speaker_names: speakerNames,
    speaker_links: speakerLinks,
    byline: [speakerLinks, time, room].filter(Boolean).join(' · '),
    // As captured or imported: text like any other (a backup once carried `<img onerror>` here).
    starts_at: escapeMarkdown(talk.startsAt ?? ''),
    ends_at: escapeMarkdown(talk.endsAt ?? ''),
    day,
    weekday: isDay(day) ? weekdayOf(day) : '',
    time,
    room,
    track: escapeMarkdown(talk.track ?? ''),
    url,
    slides_url: slidesUrl,
    video_url: safeUrl(talk.videoUrl),
    abstract: talk.abstract ? markdownBlock(talk.abstract) : '',
    tags: talk.tags.map(escapeMarkdown),
    notes,
    takeaways: ofKind('takeaway'),
    quotes: ofKind('quote'),
    questions: ofKind('question'),
    todos: ofKind('todo'),
    others: ofKind('note'),
    slides: slideGroups(notes),
    unanchored: notes.filter((n) => !n.slide),
    mention: talkMention(parts),
    short_mention: talkShortMention(parts),
    sentences: [...notes.map(sentenceOf), promise.noteId === undefined ? promise.sentence : ''].filter(
      Boolean,
    ),
    slides_promise: promise.sentence,
  } as TalkModel;
  // Read by few templates: worked out when read.
  let links: LinkModel[] | undefined;
  const linksOf = () => (links ??= mentionedLinks(selectNotes(input.notes, options.include), talk));
  lazy(model, 'links', linksOf);
  lazy(model, 'links_list', () => (recap.linksMentioned === 'talk' ? linksList(linksOf()) : ''));
  return model;
}

/** A talk's promise of slides as the post says it (and the note that made it, if one did). */
function promiseSentence(
  talk: TalkRecord,
  notes: readonly NoteRecord[],
  slidesUrl: string,
): { sentence: string; kept: boolean; noteId?: string } {
  // Only the notes that make a promise can be the first that does: the words are matched once per text.
  const words = noteSettings().promiseWords;
  const promising = notes.filter((n) => !n.deletedAt && rememberedNotePromises(n.id, n.body, words));
  const promise = slidesPromiseOf(talk, promising, { slidesKnown: !!slidesUrl, words });
  if (!promise) return { sentence: '', kept: false };
  const noteId = promise.noteId ? { noteId: promise.noteId } : {};
  if (promise.kept && slidesUrl) {
    return { sentence: `The slides are now [online](${slidesUrl}).`, kept: true, ...noteId };
  }
  const by = promise.by ? ` for ${escapeMarkdown(promise.by)}` : '';
  return { sentence: `The slides are promised${by}.`, kept: false, ...noteId };
}

/** Where the note's thumbnail is, when the user put it in the post; else "". */
export function pictureOf(recap: RecapInput, n: NoteRecord): string {
  return n.thumbnailId && recap.pictures?.includes(n.id) ? imageRef(recap.thumbnailUrl?.(n.thumbnailId)) : '';
}

/** A note's sentence followed by its picture (either may be absent). */
export function withPicture(n: NoteModel): string {
  return n.sentence && n.picture ? `${n.sentence} ${n.picture}` : n.sentence || n.picture;
}

/** When a talk happened, for placing the day's moments: its start, else its first note's time. */
export function talkTime(input: RecapTalkInput): number | null {
  const start = Date.parse(input.talk.startsAt ?? '');
  if (!Number.isNaN(start)) return start;
  const first = selectNotes(input.notes, 'all')[0];
  return first ? first.createdAt : null;
}
