/**
 * The "all notes" archive: a zip with one Markdown file per talk (front matter, then the notes in
 * the "Talk notes" layout), ready to drop into an Obsidian vault or a Jekyll folder. Notes not
 * filed under a talk get one file per page they were written on.
 */
import { isPrivateNote } from '../storage/kinds';
import type { DeckRecord, EventRecord, NoteRecord, TalkRecord } from '../storage/types';
import { builtinTemplate } from './builtins';
import { composeRecap } from './compose';
import { wallClock } from './dates';
import { makeZip, slugify } from './files';
import { frontMatter } from './front-matter';
import { escapeMarkdown, safeUrl } from './markdown';
import { slidesUrlOf } from './model';
import { safeMarkdown } from './safe-markdown';

export interface ArchiveTalk {
  talk: TalkRecord;
  event?: EventRecord;
  notes: NoteRecord[];
  /** Decks attached to the talk, newest first (the slides link prefers them). */
  decks?: DeckRecord[];
}

/** Whether private notes go in (the user ticked "Include private notes"), and the tag that makes one. */
export interface PrivacyOptions {
  includePrivate?: boolean;
  privateTag?: string;
}

/** The notes an export may show: trashed ones never, private ones only when included. */
export function exportedNotes(notes: NoteRecord[], options: PrivacyOptions = {}): NoteRecord[] {
  return notes.filter(
    (n) => !n.deletedAt && (options.includePrivate || !isPrivateNote(n, options.privateTag)),
  );
}

/** The Markdown file of one talk (private notes left out unless included). */
export function talkFile(
  entry: ArchiveTalk,
  options: PrivacyOptions = {},
): { path: string; markdown: string } {
  const { talk, event } = entry;
  entry = { ...entry, notes: exportedNotes(entry.notes, options) };
  const day = wallClock(talk.startsAt, talk.timezone ?? event?.timezone)?.day;
  const result = composeRecap(
    {
      event,
      talks: [{ talk, notes: entry.notes, decks: entry.decks }],
      // Already chosen above: what is left is what goes in.
      includePrivate: true,
    },
    { template: builtinTemplate('builtin:talk-notes')!.source },
  );
  const body = result.ok ? result.markdown : `# ${escapeMarkdown(talk.title)}\n`;
  const tags = [...new Set([...entry.notes.flatMap((n) => n.tags), ...talk.tags])];
  const fm = frontMatter('hugo', {
    title: talk.title,
    date: day,
    tags,
    extra: {
      event: event?.name,
      speakers: talk.speakers.map((s) => s.name),
      slides: slidesUrlOf(talk, entry.decks) || undefined,
      video: safeUrl(talk.videoUrl) || undefined,
      room: talk.room,
    },
  });
  const folder = event ? `${slugify(event.name, 'event')}/` : '';
  // The front matter holds page data too (a title, a room): the whole file gets the last pass.
  const markdown = safeMarkdown(fm + body).markdown;
  return { path: `${folder}${day ? `${day}-` : ''}${slugify(talk.title, 'talk')}.md`, markdown };
}

/** Notes without a talk, grouped by the page they were written on. */
export function pageFiles(
  notes: NoteRecord[],
  options: PrivacyOptions = {},
): { path: string; markdown: string }[] {
  const byUrl = new Map<string, NoteRecord[]>();
  for (const n of exportedNotes(notes, options)) byUrl.set(n.url, [...(byUrl.get(n.url) ?? []), n]);
  return [...byUrl].map(([url, list]) => {
    const title = list.find((n) => n.pageTitle)?.pageTitle || url;
    const talk: TalkRecord = {
      id: `page:${url}`,
      createdAt: 0,
      updatedAt: 0,
      title,
      speakers: [],
      url,
      tags: [],
      source: { platform: 'page', url, capturedAt: 0 },
    };
    const { markdown } = talkFile({ talk, notes: list }, options);
    return { path: `pages/${slugify(title, 'page')}.md`, markdown };
  });
}

/** The zip of every talk's notes (and page notes), trashed notes left out, private ones unless included. */
export function notesArchive(
  talks: ArchiveTalk[],
  loose: NoteRecord[],
  options: PrivacyOptions = {},
): Uint8Array {
  const files = [...talks.map((t) => talkFile(t, options)), ...pageFiles(loose, options)];
  return makeZip(files.map((f) => ({ path: f.path, data: f.markdown })));
}
