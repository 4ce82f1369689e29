/**
 * The recap model: what a template sees. Every string in it is already safe Markdown for where a
 * template puts it — plain text escaped, note bodies kept as inline Markdown without raw HTML,
 * URLs limited to http(s) and encoded for a link destination — so no template can produce
 * broken Markdown from what the user typed.
 */

import { dayZone } from '../storage/day-notes';
import { isPrivateNote, withKindSplit } from '../storage/kinds';
import { collectLinks, type MentionedLink } from '../storage/links';
import { slidesPromiseOf } from '../storage/promises';
import { momentUrl, noteMomentSec } from '../storage/recording-moments';
import { withoutTrailingTags } from '../storage/tags';
import { talkDay } from '../storage/talk-day';
import type { DeckRecord, EventRecord, NoteKind, NoteRecord, TalkRecord } from '../storage/types';
import { clock, isDay, longDate, timeRange, wallClock, weekdayOf } from './dates';
import { escapeMarkdown, hasText, markdownBlock, markdownInline, safeUrl } from './markdown';
import {
  type MomentGroupModel,
  momentGroups,
  noteSentence,
  type StoryItemModel,
  story,
  type ThemeChoice,
  type ThemeModel,
  talkMention,
  talkShortMention,
  themeNames,
  themeParagraphs,
} from './prose';

/** Which notes of a talk go into the recap. `all` leaves out to-dos, which are private. */
export type Include = 'all' | 'takeaways' | 'quotes';

export interface TalkOptions {
  include: Include;
  thumbnails: boolean;
}

export const DEFAULT_TALK_OPTIONS: TalkOptions = { include: 'all', thumbnails: false };

export interface RecapTalkInput {
  talk: TalkRecord;
  notes: NoteRecord[];
  options?: Partial<TalkOptions>;
  /** Decks attached to the talk, newest first: the first with a web link is the recap's "Slides". */
  decks?: DeckRecord[];
}

/**
 * What a post is about, for the parts a template cannot decide alone: its default title and the
 * notes its tag lines count. `takeaways` ("My takeaways"): the takeaways, when there are any.
 */
export type RecapFocus = 'notes' | 'takeaways';

export interface RecapInput {
  /** The user's title; absent or blank → "{event}: {weekday}". */
  title?: string;
  intro?: string;
  outro?: string;
  event?: EventRecord;
  /** YYYY-MM-DD at the venue. */
  day?: string;
  talks: RecapTalkInput[];
  /** The day's notes on no talk that go in (already chosen: to-dos among them stay out). */
  moments?: NoteRecord[];
  /** The zone the day is counted in (moments' times); default: the event's, else the browser's. */
  zone?: string;
  focus?: RecapFocus;
  /** Where the Markdown finds a thumbnail: a path in the zip, an object URL in the preview. */
  thumbnailUrl?: (blobId: string) => string | undefined;
  /** Themes the user chose for "Takeaways by theme" (else the post's tags). */
  themes?: ThemeChoice[];
  /** Ids of the notes whose slide thumbnail shows inline after their sentence in prose posts. */
  pictures?: readonly string[];
  /** Private notes go in too: the user ticked "Include private notes" for this export. */
  includePrivate?: boolean;
  /**
   * Where the built-ins print the "Links mentioned" list: after each talk's part (`talk`), once at
   * the end of the post (`post`), or not at all (default). Templates can always read `talk.links`.
   */
  linksMentioned?: 'none' | 'talk' | 'post';
  /** The tag that makes a note private (default `private`, storage/kinds.ts). */
  privateTag?: string;
}

const publicInputs = new WeakMap<RecapInput, RecapInput>();

/**
 * The input without its private notes (every talk's and the moments), unless the user included
 * them for this export. Every path from notes to a post starts here: the model, the tag lines, the
 * post's date, the archive. The same object comes back when nothing is private.
 */
export function withoutPrivate<T extends RecapInput>(input: T): T {
  if (input.includePrivate) return input;
  const done = publicInputs.get(input);
  if (done) return done as T;
  const open = (n: NoteRecord) => !isPrivateNote(n, input.privateTag);
  const anyPrivate = input.talks.some((t) => !t.notes.every(open)) || !(input.moments ?? []).every(open);
  const out: T = anyPrivate
    ? {
        ...input,
        talks: input.talks.map((t) => (t.notes.every(open) ? t : { ...t, notes: t.notes.filter(open) })),
        ...(input.moments ? { moments: input.moments.filter(open) } : {}),
      }
    : input;
  publicInputs.set(input, out);
  publicInputs.set(out, out);
  return out;
}

export interface SlideModel {
  index: number;
  number: number;
  label: string;
  title: string;
}

export interface NoteModel {
  id: string;
  kind: NoteKind;
  /** The whole body as inline Markdown. */
  body: string;
  /** The body without the `#tags` it ends with (they go to the closing tag line). */
  text: string;
  /** `text` as a recap line shows it: quotes in quotation marks, questions marked, then the slide. */
  line: string;
  /** " (slide 4)" for a note on a slide, else "". */
  slide_ref: string;
  tags: string[];
  slide: SlideModel | null;
  time: number | null;
  time_label: string;
  quote: string;
  thumbnail: string;
  created_at: string;
  /** "14:05": when it was written, at the venue (the recap's zone). */
  time_of_day: string;
  /** The note as a sentence of a prose post (docs/templates.md, the sentence rules); "" for none. */
  sentence: string;
  /** `![Slide 4](images/….png)` when the user put this note's thumbnail in the post, else "". */
  picture: string;
  talk_title: string;
  /** The page it was written on (for moments: a blog post, a deck not attached to a talk). */
  page_title: string;
  page_url: string;
  /**
   * The note's moment in the talk's recording: a live note once the recording is aligned, or a
   * note written while watching a video; "" for none (storage/recordings.ts).
   */
  moment_url: string;
}

export interface SlideGroupModel extends SlideModel {
  thumbnail: string;
  notes: NoteModel[];
}

export interface TalkModel {
  id: string;
  title: string;
  speakers: { name: string; url: string; affiliation: string }[];
  speaker_names: string;
  speaker_links: string;
  byline: string;
  starts_at: string;
  ends_at: string;
  day: string;
  weekday: string;
  time: string;
  room: string;
  track: string;
  url: string;
  slides_url: string;
  video_url: string;
  abstract: string;
  tags: string[];
  notes: NoteModel[];
  takeaways: NoteModel[];
  quotes: NoteModel[];
  questions: NoteModel[];
  todos: NoteModel[];
  others: NoteModel[];
  slides: SlideGroupModel[];
  unanchored: NoteModel[];
  /** First mention in prose: `[title](url) by speakers ([slides](url))`. */
  mention: string;
  /** A later mention: `title by speakers`. */
  short_mention: string;
  /** The notes' sentences in order, each with its picture when it has one. */
  sentences: string[];
  /**
   * "The slides are promised for Friday." while slides promised for later are not known, then "The
   * slides are now [online](…)."; "" for a talk with no promise (storage/promises.ts).
   */
  slides_promise: string;
  /** The links the talk's notes mention (docs/templates.md, Links mentioned). */
  links: LinkModel[];
  /** "Links mentioned:" and the list, when the recap asks for it after each talk; else "". */
  links_list: string;
}

export interface LinkModel {
  url: string;
  /** The page's title where known, else "". */
  title: string;
  /** `[title](url)`, or the address without its scheme as the text when there is no title. */
  markdown: string;
}

export interface RecapModel {
  title: string;
  intro: string;
  outro: string;
  event: { name: string; url: string; location: string } | null;
  day: string;
  weekday: string;
  date: string;
  talks: TalkModel[];
  /** The day's notes on no talk, oldest first. */
  moments: NoteModel[];
  tags: string[];
  takeaways: NoteModel[];
  note_count: number;
  /** The moments' sentences by part of the day ("In the afternoon"), for a Day post. */
  moment_groups: MomentGroupModel[];
  /** Talks and moment paragraphs interleaved by time, for "Day one". */
  story: StoryItemModel<TalkModel>[];
  /** Paragraphs by theme, for "Takeaways by theme". */
  themes: ThemeModel[];
  /** Every link the post's talks and moments mention, each once. */
  links: LinkModel[];
  /** "Links mentioned:" and the list, when the recap asks for it at the end of the post; else "". */
  links_list: string;
}

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
function mentionedLinks(notes: readonly NoteRecord[], talk?: TalkRecord): LinkModel[] {
  return collectLinks({
    notes: notes.map((n) => ({ body: n.body })),
    exclude: talk ? [talk.url, talk.slidesUrl, talk.videoUrl] : [],
  }).map(linkModel);
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

const splitCache = new WeakMap<NoteRecord, NoteRecord>();

/**
 * A note as shown: stored bodies carry no kind prefix (storage/kinds.ts), and one from data that
 * missed the upgrade is taken off here too. Worked out once per record: a recap asks several times.
 */
export function shownNote(note: NoteRecord): NoteRecord {
  let split = splitCache.get(note);
  if (!split) {
    split = withKindSplit(note);
    splitCache.set(note, split);
  }
  return split;
}

/** Notes of one talk the options let in, oldest first, without trashed ones. */
export function selectNotes(notes: NoteRecord[], include: Include): NoteRecord[] {
  const wanted = (k: NoteKind) =>
    include === 'all' ? k !== 'todo' : include === 'takeaways' ? k === 'takeaway' : k === 'quote';
  // The kind as shown: a legacy `[ ] …` stored as a plain note is a to-do, and stays private.
  return notes
    .filter((n) => !n.deletedAt && wanted(shownNote(n).kind))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The title a recap gets when the user gave none: "{event}: {weekday}" (else the event, the date,
 * the one talk's title, or "Talk notes"). For a post of takeaways: "{event}, {weekday}: my
 * takeaways" (else "{event}: my takeaways", …, or "My takeaways").
 */
export function defaultTitle(input: Pick<RecapInput, 'event' | 'day' | 'talks' | 'focus'>): string {
  const day = recapDay(input);
  const weekday = day ? weekdayOf(day) : '';
  const name = input.event && hasText(input.event.name) ? input.event.name : '';
  const [only] = input.talks.length === 1 ? input.talks : [];
  if (input.focus === 'takeaways') {
    const subject =
      name && weekday ? `${name}, ${weekday}` : name || (day ? longDate(day) : (only?.talk.title ?? ''));
    return hasText(subject) ? `${subject}: my takeaways` : 'My takeaways';
  }
  if (name && weekday) return `${name}: ${weekday}`;
  if (name) return name;
  if (day) return longDate(day);
  if (only) return only.talk.title;
  return 'Talk notes';
}

/** The recap's day: the one chosen, else the one day all its talks share. */
export function recapDay(input: Pick<RecapInput, 'event' | 'day' | 'talks'>): string {
  if (isDay(input.day)) return input.day;
  const days = new Set(input.talks.map((t) => talkDay(t.talk, input.event)));
  const [only] = days;
  return days.size === 1 && only && isDay(only) ? only : '';
}

/** An own, enumerable property computed on first read (templates see a plain value). */
function lazy<T, K extends keyof T>(target: T, key: K, make: () => T[K]): void {
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

function noteModel(
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
      ? `“${text}”`
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

function talkModel(input: RecapTalkInput, recap: RecapInput, zone: string): TalkModel {
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
  const notes = selectNotes(input.notes, options.include).map((n) =>
    noteModel(n, title, thumb(n), zone, speakerNames, picture(n), talk.recording),
  );
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
  const promise = slidesPromiseOf(talk, notes, { slidesKnown: !!slidesUrl });
  if (!promise) return { sentence: '', kept: false };
  const noteId = promise.noteId ? { noteId: promise.noteId } : {};
  if (promise.kept && slidesUrl) {
    return { sentence: `The slides are now [online](${slidesUrl}).`, kept: true, ...noteId };
  }
  const by = promise.by ? ` for ${escapeMarkdown(promise.by)}` : '';
  return { sentence: `The slides are promised${by}.`, kept: false, ...noteId };
}

/** Where the note's thumbnail is, when the user put it in the post; else "". */
function pictureOf(recap: RecapInput, n: NoteRecord): string {
  return n.thumbnailId && recap.pictures?.includes(n.id) ? imageRef(recap.thumbnailUrl?.(n.thumbnailId)) : '';
}

/** A note's sentence followed by its picture (either may be absent). */
function withPicture(n: NoteModel): string {
  return n.sentence && n.picture ? `${n.sentence} ${n.picture}` : n.sentence || n.picture;
}

/** When a talk happened, for placing the day's moments: its start, else its first note's time. */
function talkTime(input: RecapTalkInput): number | null {
  const start = Date.parse(input.talk.startsAt ?? '');
  if (!Number.isNaN(start)) return start;
  const first = selectNotes(input.notes, 'all')[0];
  return first ? first.createdAt : null;
}

/** The moments that go in: live, oldest first, to-dos left out (they are private). */
export function selectMoments(moments: readonly NoteRecord[] = []): NoteRecord[] {
  return selectNotes([...moments], 'all');
}

/**
 * The notes a post shows, per talk and among the moments: what each talk's options let in; for a
 * post of takeaways that has any, only the takeaways (My takeaways lists nothing else then).
 */
export function postedNotes(input: RecapInput): { talks: NoteRecord[][]; moments: NoteRecord[] } {
  input = withoutPrivate(input);
  const talks = input.talks.map((t) =>
    selectNotes(t.notes, t.options?.include ?? DEFAULT_TALK_OPTIONS.include),
  );
  const moments = selectMoments(input.moments);
  if (input.focus !== 'takeaways') return { talks, moments };
  const takeaway = (n: NoteRecord) => shownNote(n).kind === 'takeaway';
  if (![...talks.flat(), ...moments].some(takeaway)) return { talks, moments };
  return { talks: talks.map((list) => list.filter(takeaway)), moments: moments.filter(takeaway) };
}

/**
 * Raw (unescaped) tags of a recap, first seen first: each talk's notes in the post, then the talk's
 * own tags (for a post of takeaways, only of the talks it cites), then the moments' tags.
 */
export function recapTags(input: RecapInput): string[] {
  input = withoutPrivate(input);
  const seen = new Set<string>();
  const posted = postedNotes(input);
  input.talks.forEach((t, i) => {
    const notes = posted.talks[i] ?? [];
    for (const n of notes) for (const tag of n.tags) seen.add(tag);
    if (input.focus === 'takeaways' && notes.length === 0) return;
    for (const tag of t.talk.tags) seen.add(tag);
  });
  for (const n of posted.moments) for (const tag of n.tags) seen.add(tag);
  return [...seen];
}

/** Builds what templates see from talks, notes and the recap's own fields. */
export function buildRecapModel(input: RecapInput): RecapModel {
  input = withoutPrivate(input);
  const day = recapDay(input);
  const zone = input.zone ?? dayZone(input.event);
  const talks = input.talks.map((t) => talkModel(t, input, zone));
  const momentRecords = selectMoments(input.moments);
  const moments = momentRecords.map((n) => noteModel(n, '', '', zone, '', pictureOf(input, n)));
  const event = input.event
    ? {
        name: escapeMarkdown(input.event.name),
        url: safeUrl(input.event.url),
        location: escapeMarkdown(input.event.location ?? ''),
      }
    : null;
  const model = {
    title: escapeMarkdown(hasText(input.title) ? input.title : defaultTitle(input)),
    intro: hasText(input.intro) ? markdownBlock(input.intro) : '',
    outro: hasText(input.outro) ? markdownBlock(input.outro) : '',
    event,
    day,
    weekday: day ? weekdayOf(day) : '',
    date: day ? longDate(day) : '',
    talks,
    moments,
    tags: recapTags(input).map(escapeMarkdown),
    takeaways: talks.flatMap((t) => t.takeaways),
    note_count: talks.reduce((sum, t) => sum + t.notes.length, moments.length),
  } as RecapModel;
  // Only the prose templates read these: worked out when read.
  let lines: { sentence: string; time_of_day: string; at: number }[] | undefined;
  const momentLines = () =>
    (lines ??= moments.map((m, i) => ({
      sentence: withPicture(m),
      time_of_day: m.time_of_day,
      at: momentRecords[i]!.createdAt,
    })));
  lazy(model, 'moment_groups', () => momentGroups(momentLines()));
  lazy(model, 'story', () =>
    story(
      talks.map((talk, i) => ({ talk, at: talkTime(input.talks[i]!) })),
      momentLines(),
    ),
  );
  lazy(model, 'links', () => {
    const byUrl = new Map<string, LinkModel>();
    for (const l of [...talks.flatMap((t) => t.links), ...mentionedLinks(momentRecords)]) {
      if (!byUrl.has(l.url)) byUrl.set(l.url, l);
    }
    return [...byUrl.values()];
  });
  lazy(model, 'links_list', () => (input.linksMentioned === 'post' ? linksList(model.links) : ''));
  lazy(model, 'themes', () => {
    const talkNotes = input.talks.map((t) =>
      selectNotes(t.notes, t.options?.include ?? DEFAULT_TALK_OPTIONS.include),
    );
    const chosen = (input.themes ?? []).filter((t) => hasText(t.tag));
    const themes = chosen.length
      ? chosen.map((t) => ({ tag: t.tag, name: escapeMarkdown(hasText(t.name) ? t.name : t.tag) }))
      : themeNames(recapTags(input), [...talkNotes.flat(), ...momentRecords]).map((t) => ({
          tag: t.tag,
          name: escapeMarkdown(t.name),
        }));
    // The tag is matched raw, printed escaped (a backup may hold any theme text).
    return themeParagraphs(
      themes,
      talks.map((t, i) => ({
        parts: { title: t.title, url: t.url, speaker_names: t.speaker_names, slides_url: t.slides_url },
        notes: (talkNotes[i] ?? []).map((n, j) => ({ tags: n.tags, sentence: withPicture(t.notes[j]!) })),
      })),
      momentRecords.map((n, i) => ({ tags: n.tags, sentence: withPicture(moments[i]!) })),
    ).map((t) => ({ ...t, tag: escapeMarkdown(t.tag) }));
  });
  return model;
}
