/**
 * The talk's speakers, by order of trust: a "Speaker:" label, elements the page marks as a speaker's
 * name, a speaker's own page (the name is the heading, the talk an `h2` the title repeats), a sentence
 * that says who gave the talk ("The talk was given by …", "… nos habló sobre …"), the byline
 * under the title, the person a seminar announcement's title names, a bold or linked name in the lead
 * that the title repeats, and portraits whose name is printed beside them. A page whose labels list
 * several talks takes none of the last four. Each reading says where it came from.
 */
import { cleanText } from '../../text';
import {
  bylineSpeakers,
  isPersonName,
  leadSpeakers,
  markedSpeakers,
  namesFrom,
  portraitSpeakers,
  sentenceSpeakers,
  speakerFromTitle,
} from './byline';
import type { LabelValue } from './label-values';
import { same, TALK_HEADING } from './layout';
import { PageElements } from './page-elements';

export type SpeakerSource =
  | 'label'
  | 'class'
  | 'heading'
  | 'sentence'
  | 'byline'
  | 'title'
  | 'lead'
  | 'portrait';

export interface SpeakerReading {
  speakers: string[];
  source?: SpeakerSource;
  /** On a speaker's own page: the talk's title, from the heading the page's title repeats. */
  speakerPageTitle?: string;
  /** The person a seminar announcement's title names (its quoted title is then the talk's). */
  announcement: string[];
}

export interface SpeakerContext {
  body: Element;
  main: Element | null;
  elements: PageElements;
  heading: Element | null;
  h1: string;
  lead: string;
  docTitle: string;
  ogTitle: string;
  labels: readonly LabelValue[];
  listing: boolean;
}

export function readSpeakers(ctx: SpeakerContext): SpeakerReading {
  const { body, main, elements, heading, h1, lead, docTitle, ogTitle, labels, listing } = ctx;
  const evidence: { speakers?: SpeakerSource } = {};
  let speakers: string[] = [];
  const speakerLabel = labels.find((l) => l.field === 'speakers');
  if (speakerLabel?.text) {
    speakers = namesFrom(
      speakerLabel.text,
      speakerLabel.links.map((l) => l.text),
    );
    if (speakers.length) evidence.speakers = 'label';
  }
  let speakerPageTitle: string | undefined;
  if (!speakers.length && !listing) {
    speakers = markedSpeakers(main && main !== body ? new PageElements(main, 5000) : elements);
    if (speakers.length) evidence.speakers = 'class';
  }
  // A speaker's page: the name is the h1, the talk is an h2 the page's title repeats.
  if (heading && isPersonName(h1)) {
    for (const h2 of [...(heading.parentElement?.parentElement ?? body).querySelectorAll('h2, h3')].slice(
      0,
      6,
    )) {
      const text = cleanText(h2.textContent, 300);
      const m = TALK_HEADING.exec(text);
      const talkTitle = m?.[1] ?? text;
      if (talkTitle && (same(talkTitle, ogTitle) || docTitle.includes(talkTitle) || m)) {
        speakerPageTitle = talkTitle;
        if (!speakers.length) {
          speakers = [h1];
          evidence.speakers = 'heading';
        }
        break;
      }
    }
  }
  // "The talk was given by …", "… nos habló sobre …": the page says who gave the talk (a post's byline
  // names its writer, who may not be the speaker)
  if (!speakers.length && !listing) {
    speakers = sentenceSpeakers(lead);
    if (speakers.length) evidence.speakers = 'sentence';
  }
  if (!speakers.length && !listing) {
    speakers = bylineSpeakers(heading);
    if (speakers.length) evidence.speakers = 'byline';
  }
  const fromHeading = h1 ? speakerFromTitle(h1, lead, true) : [];
  const announcement = fromHeading.length ? fromHeading : speakerFromTitle(docTitle, lead);
  if (!speakers.length && announcement.length) {
    speakers = announcement;
    evidence.speakers = 'title';
  }
  if (!speakers.length && !listing) {
    speakers = leadSpeakers(main ?? body, h1 || ogTitle || docTitle);
    if (speakers.length) evidence.speakers = 'lead';
  }
  if (!speakers.length && !listing) {
    speakers = portraitSpeakers(main ?? body);
    if (speakers.length) evidence.speakers = 'portrait';
  }
  return { speakers, source: evidence.speakers, speakerPageTitle, announcement };
}
