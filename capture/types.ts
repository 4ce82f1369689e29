/**
 * What a tab shows now. Plain JSON: it crosses message boundaries (DESIGN.md §4).
 * Every string in it came from a web page and must be treated as untrusted text.
 */
import type { TalkFields } from './talk-fields';

export type CaptureKind = 'slides' | 'session' | 'video' | 'page';

export interface Speaker {
  name: string;
  url?: string;
}

export interface SlideRef {
  /** 0-based position in reading order (vertical reveal slides counted in order). */
  index: number;
  /** What the deck itself shows or links: "3", "2.1", "intro". */
  label: string;
  title?: string;
  text?: string;
  imageUrl?: string;
  /** Links the slide shows: absolute http(s), tracking parameters removed, each once, at most 20 (slides/links.ts). */
  links?: { url: string; text?: string }[];
}

export interface DeckRef {
  title: string;
  author?: string;
  url: string;
  slideCount?: number;
}

/** What a capture knows about a talk: the fields described in capture/talk-fields.ts. */
export type TalkRef = TalkFields;

export interface EventRef {
  name: string;
  url?: string;
  /** IANA zone the event declares ("Europe/Brussels"); absent when the page declares none. */
  timezone?: string;
  /** First and last day, YYYY-MM-DD. */
  startDate?: string;
  endDate?: string;
  location?: string;
}

/** A field a capture may report other candidates for (and a site hint may correct). */
export type CandidateField = 'title' | 'speakers' | 'event' | 'slidesUrl' | 'videoUrl' | 'startsAt';

/** One value the page shows for a field, with where it was read. */
export interface CaptureCandidate {
  value: string;
  source: string;
  label?: string;
}

export interface PageCapture {
  /** Canonical URL (rel=canonical, else location without tracking params). */
  url: string;
  /** Document title. */
  title: string;
  kind: CaptureKind;
  /** Adapter id: 'reveal', 'speakerdeck', 'pretalx', 'jsonld', 'opengraph', 'page', ... */
  platform: string;
  deck?: DeckRef;
  slide?: SlideRef;
  talk?: TalkRef;
  event?: EventRef;
  video?: { currentTime: number; duration?: number };
  /** Talks a schedule page lists, so they can be starred from the side panel (bounded). */
  schedule?: TalkRef[];
  /** The session page this page links to (a deck that links its talk back). */
  sessionUrl?: string;
  /**
   * Where each field a reader filled came from, for the UI to show and the user to correct:
   * `{ speakers: 'label', event: 'og', slidesUrl: 'link-text' }` (the generic talk-page reader sets it).
   */
  evidence?: Partial<Record<'title' | 'speakers' | 'event' | 'slidesUrl' | 'videoUrl' | 'startsAt', string>>;
  /**
   * Other values the page itself shows for a field, each with where it was read (the same words as
   * `evidence`) and, for a labelled value, the page's label ("Vortragende"): what the user may pick
   * instead in one click, and what a per-site hint (capture/hints.ts) may re-rank. One name per
   * speaker candidate. Optional: a reader that reports none leaves it out.
   */
  candidates?: Partial<Record<CandidateField, CaptureCandidate[]>>;
  /** Where the current slide sits in the viewport, as fractions (0–1) of its width and height, for cropping thumbnails. */
  slideRect?: { x: number; y: number; width: number; height: number };
}

/** Fetches a same-origin JSON document; rejects on any failure. */
export type FetchJson = (url: string) => Promise<unknown>;

/**
 * One capture adapter: one small file per platform, registered in one list.
 * `capture` may return a partial capture; the pipeline fills url/title/kind defaults.
 */
export interface CaptureAdapter {
  id: string;
  /** Cheap check: URL shape or a marker element. Must not throw. */
  matches(url: URL, doc: Document): boolean;
  /** Reads the page. May throw; the pipeline catches and falls through to the next adapter. */
  capture(doc: Document, url: URL): Partial<PageCapture> | null;
  /**
   * Fills a capture in from machine-readable data the page links (a JSON alternate). Async, so the
   * pipeline calls it only when a fetch is allowed; must resolve (never reject) to a capture. Optional.
   */
  enrich?(capture: PageCapture, doc: Document, fetchJson: FetchJson): Promise<PageCapture>;
  /**
   * Brings the page back to a slide (or video time) a note was filed under, the way the platform
   * allows (hash, `?slide=N`, seeking the video). Returns false when it cannot. Optional.
   */
  goto?(doc: Document, url: URL, target: GotoTarget): boolean;
}

/** Where a note points: its slide anchor and/or its video time. */
export interface GotoTarget {
  slide?: { index: number; label: string };
  time?: number;
}
