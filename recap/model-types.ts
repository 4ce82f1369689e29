/**
 * What a template sees (docs/templates.md lists these names). Every string in it is already safe
 * Markdown for where a template puts it; recap/model.ts and recap/talk-model.ts build it.
 */

import type { NoteKind } from '../storage/types';
import type { MomentGroupModel, StoryItemModel, ThemeModel } from './prose';

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
