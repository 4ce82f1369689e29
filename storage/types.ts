/** Record types of the `talkmarks` database (DESIGN.md §3). */
import type { TalkFields } from '../capture/talk-fields';

/** Fields every record has. Epoch milliseconds. */
export interface BaseRecord {
  id: string;
  createdAt: number;
  updatedAt: number;
  /** Set instead of deleting: the record is in the trash (and the delete is sync-visible). */
  deletedAt?: number;
}

export interface EventRecord extends BaseRecord {
  name: string;
  url?: string;
  startDate?: string;
  endDate?: string;
  timezone?: string;
  location?: string;
  /** Field names the user edited by hand; later captures leave them alone. */
  editedFields?: string[];
}

/** A stored talk: the captured fields (capture/talk-fields.ts) plus what the user adds. */
export interface TalkRecord extends BaseRecord, TalkFields {
  eventId?: string;
  tags: string[];
  /** When the user starred the talk (personal agenda); absent when not starred. */
  starredAt?: number;
  /** Field names the user edited by hand; later captures leave them alone. */
  editedFields?: string[];
  source: { platform: string; url: string; capturedAt: number };
  /** When the user pressed "Talk started" (epoch ms): live notes count their offset from it. */
  startedAt?: number;
  /**
   * The talk's recording, aligned once (storage/recordings.ts): a live note's moment in it is
   * `startSec + note.talkOffsetSec` seconds.
   */
  recording?: { url: string; startSec: number; alignedAt: number };
  /**
   * The speaker promised the slides for later (storage/promises.ts): marked from the talk card, with
   * when, as the user typed it ("Friday"); `fulfilledAt` once a slides link was found for it.
   */
  slidesPromise?: { at: number; by?: string; fulfilledAt?: number };
}

export interface DeckRecord extends BaseRecord {
  talkId?: string;
  url: string;
  title: string;
  author?: string;
  platform: string;
  slideCount?: number;
}

export type NoteKind = 'note' | 'takeaway' | 'quote' | 'question' | 'todo';

/**
 * Who a note is for: `public` (the default, also when absent) goes into recaps and exports;
 * `private` never does unless the user includes private notes for that one export.
 */
export type NoteVisibility = 'public' | 'private';

export interface NoteAnchor {
  /** `links`: what the slide showed when the note was written (capture/slides/links.ts), for "Links mentioned". */
  slide?: { index: number; label: string; title?: string; links?: { url: string; text?: string }[] };
  time?: number;
  quote?: { exact: string; prefix?: string; suffix?: string };
}

export interface NoteRecord extends BaseRecord {
  talkId?: string;
  /**
   * The event a note without a talk belongs to (the hallway, the party, a keynote nobody
   * captured): set when the user files it under an event day, so that day's recap gathers it.
   * A note with a talk takes its event from the talk; this is then absent.
   */
  eventId?: string;
  deckId?: string;
  /** Canonical URL of the page the note was written on. */
  url: string;
  /** Title of that page when the note was written (for lists of untalked notes). */
  pageTitle?: string;
  anchor?: NoteAnchor;
  /** Taken live during its talk: seconds from the talk's start (its time slot or "Talk started"). */
  talkOffsetSec?: number;
  body: string;
  tags: string[];
  kind: NoteKind;
  /** Private notes stay out of every recap and export (storage/kinds.ts, isPrivateNote); absent = public. */
  visibility?: NoteVisibility;
  thumbnailId?: string;
  /**
   * Sync: this note is a conflict copy — the text of `conflictOf` as another device wrote it, kept
   * because the two versions could not be merged line by line (`conflictVersion` names that version).
   */
  conflictOf?: string;
  conflictVersion?: string;
  /** Sync: trashed on one device while edited on another, so brought back (the edit wins). */
  restoredBySync?: boolean;
}

export interface BlobRecord extends BaseRecord {
  mime: string;
  data: Blob;
  width: number;
  height: number;
}

export interface RecapRecord extends BaseRecord {
  title: string;
  eventId?: string;
  day?: string;
  talkIds: string[];
  templateId: string;
  intro?: string;
  outro?: string;
  /** Per talk id: which notes go in (`all` leaves out to-dos) and whether slide thumbnails do. */
  talkOptions?: Record<string, { include: 'all' | 'takeaways' | 'quotes'; thumbnails: boolean }>;
  /** Front matter put before the Markdown for a static site generator. */
  frontMatter?: 'none' | 'jekyll' | 'hugo';
  /** Ids of the day's moments (notes on no talk) the user left out; every other one goes in. */
  momentsOut?: string[];
  /** "Takeaways by theme": the themes the user chose (a tag and its heading), in order. */
  themes?: { tag: string; name: string }[];
  /** Ids of the notes whose slide thumbnail shows inline in the post, after the note's sentence. */
  pictures?: string[];
  /** The post as the user edited it, and the Markdown it was edited from (to tell regenerated output apart). */
  edited?: { markdown: string; from: string };
}

export interface TemplateRecord extends BaseRecord {
  name: string;
  source: string;
  builtin: boolean;
}
