/**
 * The generic talk-page reader: for pages no platform adapter or structured data describes (a
 * meetup's blog post, a seminar announcement, a Hugo or WordPress conference site, a video archive
 * page with a label/value table). It reads the structure such pages share — labels, bylines,
 * headings, the links and players near the talk — and every field it fills records where it came
 * from (`evidence`). A field the page does not show is left out; a page with too little evidence of
 * being one talk's page yields nothing, so the Open Graph and plain-page fallbacks take it.
 */
import { readOpenGraph } from '../../metadata/opengraph';
import { cleanText } from '../../text';
import type {
  CandidateField,
  CaptureAdapter,
  CaptureCandidate,
  EventRef,
  PageCapture,
  Speaker,
} from '../../types';
import { buildEvent, buildTalk } from '../common';
import { formatWallTime, readWallTime, type WallTime } from '../datetext';
import { bylineSpeakers, isPersonName, namesFrom, sentenceSpeakers } from './byline';
import { FieldCandidates } from './candidates';
import { eventFromText, looksLikeEvent, titleSuffix } from './event-name';
import { classOf, type LabelValue, readLabelValues } from './label-values';
import { abstractOf, CHROME, firstLabel, isListing, leadText, mainOf, same, titleHeading } from './layout';
import { pickMedia } from './media-links';
import { PageElements } from './page-elements';
import { datedText, isoOf, withoutSiteSuffix, yearHint } from './page-text';
import { SharedScans } from './scans';
import { readSpeakers } from './speakers';

/** Where each field of a generic capture came from. */
export type Evidence = Partial<
  Record<'title' | 'speakers' | 'event' | 'slidesUrl' | 'videoUrl' | 'startsAt', string>
>;

export interface TalkPageReading {
  capture: Partial<PageCapture> | null;
  evidence: Evidence;
  /** The talk's day and time as the page prints them ("2015-10-01T14:30"), zone or not. */
  wallStart?: string;
}

/** URL path segments that name a talk page. */
const TALK_PATH =
  /\/(?:talks?|sessions?|seminars?|presentations?|lectures?|keynotes?|vortr(?:ae|ä)ge|vortrag|charlas?|ponencias?|conferences?|exposes?|exposés?)\//i;

/** Elements that may carry the talk's day: a superset of the class test below, for the selector engine. */
const MAYBE_DATED = 'time, [class*="date" i], [class*="time" i], [class*="when" i]';

const QUOTED = /[“"«]([^”"»]{12,300})[”"»]/;
/** The labelled values of one field, in page order. */
function labelsOf(labels: readonly LabelValue[], field: LabelValue['field']): LabelValue[] {
  return labels.filter((l) => l.field === field && l.text);
}

/** Reads `doc` as one talk's page. Never throws for a well-formed document; bounded on huge ones. */
export function readTalkPage(doc: Document, url: URL): TalkPageReading {
  const base = url.href;
  const evidence: Evidence = {};
  const body = doc.body;
  if (!body) return { capture: null, evidence };
  const og = readOpenGraph(doc);
  const docTitle = cleanText(doc.title, 500);
  const ogTitle = og['og:title'] ?? og['twitter:title'] ?? '';
  const siteName = og['og:site_name'] ?? '';
  const elements = new PageElements(body);
  const main = mainOf(doc, elements);
  const heading = titleHeading(doc, main);
  const h1 = heading ? cleanText(heading.textContent, 300) : '';
  const lead = leadText(main, heading);

  const allLabels = readLabelValues(body, base, elements);
  const listing = isListing(allLabels);
  const labels = listing ? allLabels.filter((l) => l.field !== 'speakers' && l.field !== 'title') : allLabels;

  // --- speakers
  const who = readSpeakers({ body, main, elements, heading, h1, lead, docTitle, ogTitle, labels, listing });
  const { speakers, speakerPageTitle, announcement } = who;
  if (who.source) evidence.speakers = who.source;

  const scans = new SharedScans(main ?? body, elements);

  // --- title
  let title = '';
  const titleLabel = firstLabel(labels, 'title');
  if (titleLabel && titleLabel.text.length <= 300) {
    title = titleLabel.text;
    evidence.title = 'label';
  } else if (speakerPageTitle) {
    title = speakerPageTitle;
    evidence.title = 'heading';
  } else {
    const talkHeading = scans.talkHeading();
    const quoted = announcement.length ? QUOTED.exec(lead.slice(0, 800))?.[1] : undefined;
    if (talkHeading) {
      title = talkHeading;
      evidence.title = 'heading';
    } else if (quoted) {
      title = quoted.trim();
      evidence.title = 'quote';
    } else if (h1 && !same(h1, siteName)) {
      title = h1;
      evidence.title = 'heading';
    } else if (ogTitle) {
      title = withoutSiteSuffix(ogTitle, siteName, docTitle);
      evidence.title = 'og';
    } else if (docTitle) {
      title = withoutSiteSuffix(docTitle, siteName, '');
      evidence.title = 'title';
    }
  }
  title = title.replace(/\s+[|·•–—-]\s*$/, '').trim();

  const titleLabelName = evidence.title === 'label' ? titleLabel?.label : undefined;

  // --- event
  const isSpeaker = (name: string) =>
    speakers.some((s) => same(s, name)) || (isPersonName(name) && same(name, siteName));
  let eventName: string | undefined;
  const eventLabel = firstLabel(labels, 'event');
  if (eventLabel) {
    eventName = eventLabel.text;
    evidence.event = 'label';
  }
  if (!eventName) {
    const crumb = scans.breadcrumbs().find((c) => looksLikeEvent(c) && !same(c, title));
    if (crumb) {
      eventName = crumb;
      evidence.event = 'breadcrumb';
    }
  }
  if (!eventName) {
    const said = eventFromText(og['twitter:description'] ?? '', og['og:description'] ?? '', lead);
    if (said && !isSpeaker(said)) {
      eventName = said;
      evidence.event = 'text';
    }
  }
  if (!eventName && siteName && looksLikeEvent(siteName) && !isSpeaker(siteName)) {
    eventName = siteName;
    evidence.event = 'og';
  }
  if (!eventName) {
    const suffix = titleSuffix(docTitle, title);
    if (suffix && looksLikeEvent(suffix) && !isSpeaker(suffix)) {
      eventName = suffix;
      evidence.event = 'title';
    }
  }

  // --- day and time
  const year = yearHint(eventName, url.pathname, docTitle, ogTitle, siteName);
  let wall: WallTime | undefined;
  const dateLabel = firstLabel(labels, 'date');
  const timeLabel = firstLabel(labels, 'time');
  if (dateLabel) {
    wall = readWallTime(`${dateLabel.text} ${timeLabel?.text ?? ''}`, year);
    if (wall) evidence.startsAt = 'label';
  }
  if (!wall) {
    const dated = elements
      .select(MAYBE_DATED)
      .filter(
        (el) =>
          (el.tagName === 'TIME' ||
            /(?:^|[\s_-])(?:date|time|when)(?:$|[\s_-])|article-date|event-date|talk-date|session-time/.test(
              classOf(el),
            )) &&
          (!main || main.contains(el)),
      )
      .slice(0, 6);
    for (const el of dated) {
      if (el.closest(CHROME)) continue;
      wall = readWallTime(datedText(el), year);
      if (wall) {
        evidence.startsAt = 'class';
        break;
      }
    }
  }
  // the first lines under the title, or of the main content on a page with no title heading
  if (!wall && (heading || (main && main !== body))) {
    wall = readWallTime(lead.slice(0, 300), year);
    if (wall) evidence.startsAt = 'text';
  }

  // --- slides and video
  const media = pickMedia(base, labels, body);
  if (media.slides) evidence.slidesUrl = media.slides.source;
  if (media.video) evidence.videoUrl = media.video.source;

  // --- is this one talk's page?
  let signals = [
    speakers.length > 0,
    evidence.event === 'label' || evidence.event === 'breadcrumb' || evidence.event === 'text',
    evidence.startsAt === 'label',
    !!media.slides && media.slides.source !== 'host',
    !!media.video && media.video.source !== 'host',
    evidence.title === 'label' || evidence.title === 'quote' || !!speakerPageTitle,
    TALK_PATH.test(url.pathname),
  ].filter(Boolean).length;
  // an event-like site name counts with a labelled field (a meetup's post with "Slides: …")
  const labelled = labels.some((l) => l.text && l.field !== 'other' && l.field !== 'abstract');
  if (evidence.event === 'og' && labelled) signals++;
  const strongSpeakers =
    evidence.speakers === 'label' || evidence.speakers === 'class' || evidence.speakers === 'sentence';
  if (!title || listing || (signals < 2 && !strongSpeakers)) return { capture: null, evidence: {} };

  const abstract = abstractOf(() => scans.headings(), labels, og['og:description'], title);
  const roomLabel = firstLabel(labels, 'room');
  const trackLabel = firstLabel(labels, 'track');
  const locationLabel = firstLabel(labels, 'location');
  const startsAt = wall ? isoOf(wall) : undefined;
  const talk = buildTalk(
    {
      title,
      speakers: speakers.map((name): Speaker => ({ name })),
      startsAt,
      endsAt: wall && startsAt ? isoOf(wall, true) : undefined,
      room: roomLabel?.text,
      track: trackLabel?.text,
      abstract,
      url: base,
      slidesUrl: media.slides?.url,
      videoUrl: media.video?.url,
    },
    base,
  );
  if (!talk) return { capture: null, evidence: {} };
  if (!startsAt) delete evidence.startsAt;
  let event: EventRef | undefined;
  if (eventName) event = buildEvent({ name: eventName, location: locationLabel?.text }, base);
  if (!event) delete evidence.event;
  if (!talk.speakers.length) delete evidence.speakers;
  const capture: Partial<PageCapture> = {
    kind: 'session',
    platform: 'generic',
    talk,
    evidence: { ...evidence },
  };
  if (event) capture.event = event;

  // --- the other values the page shows for each field (issue 15): the chosen one first
  const candidates: Partial<Record<CandidateField, CaptureCandidate[]>> = {};
  const speakerList = new FieldCandidates();
  const speakerLabel = evidence.speakers === 'label' ? labelsOf(labels, 'speakers')[0]?.label : undefined;
  for (const s of talk.speakers) speakerList.add(s.name, evidence.speakers, speakerLabel);
  for (const l of labelsOf(labels, 'speakers')) {
    for (const name of namesFrom(
      l.text,
      l.links.map((k) => k.text),
    ))
      speakerList.add(name, 'label', l.label);
  }
  if (!listing) {
    for (const name of sentenceSpeakers(lead)) speakerList.add(name, 'sentence');
    for (const name of bylineSpeakers(heading)) speakerList.add(name, 'byline');
  }
  for (const name of announcement) speakerList.add(name, 'title');
  if (speakerList.list.length) candidates.speakers = speakerList.list;

  const eventList = new FieldCandidates();
  if (event)
    eventList.add(event.name, evidence.event, evidence.event === 'label' ? eventLabel?.label : undefined);
  for (const l of labelsOf(labels, 'event')) eventList.add(l.text, 'label', l.label);
  for (const c of scans.breadcrumbs())
    if (looksLikeEvent(c) && !same(c, title)) eventList.add(c, 'breadcrumb');
  const said = eventFromText(og['twitter:description'] ?? '', og['og:description'] ?? '', lead);
  if (said && !isSpeaker(said)) eventList.add(said, 'text');
  if (siteName && looksLikeEvent(siteName) && !isSpeaker(siteName)) eventList.add(siteName, 'og');
  const suffix = titleSuffix(docTitle, title);
  if (suffix && looksLikeEvent(suffix) && !isSpeaker(suffix)) eventList.add(suffix, 'title');
  if (eventList.list.length) candidates.event = eventList.list;

  // a value the page shows for the site, the event or a speaker is not another reading of the title
  const otherField = (value: string) =>
    (siteName !== '' && same(value, siteName)) ||
    eventList.list.some((c) => same(c.value, value)) ||
    speakerList.list.some((c) => same(c.value, value));
  const titleList = new FieldCandidates(false, otherField);
  titleList.add(talk.title, evidence.title, titleLabelName);
  for (const l of labelsOf(labels, 'title'))
    if (l.text.length <= 300) titleList.add(l.text, 'label', l.label);
  titleList.add(speakerPageTitle, 'heading');
  titleList.add(scans.talkHeading(), 'heading');
  if (announcement.length) titleList.add(QUOTED.exec(lead.slice(0, 800))?.[1]?.trim(), 'quote');
  if (h1 && !same(h1, siteName)) titleList.add(h1, 'heading');
  if (ogTitle) titleList.add(withoutSiteSuffix(ogTitle, siteName, docTitle), 'og');
  if (docTitle) titleList.add(withoutSiteSuffix(docTitle, siteName, ''), 'title');
  if (titleList.list.length) candidates.title = titleList.list;

  for (const [field, pick, seen] of [
    ['slidesUrl', talk.slidesUrl, media.slidesSeen],
    ['videoUrl', talk.videoUrl, media.videoSeen],
  ] as const) {
    const list = new FieldCandidates(true);
    const chosen = field === 'slidesUrl' ? media.slides : media.video;
    list.add(pick, evidence[field], chosen?.label);
    for (const m of seen) list.add(m.url, m.source, m.label);
    if (list.list.length) candidates[field] = list.list;
  }
  if (Object.keys(candidates).length) capture.candidates = candidates;
  return { capture, evidence, wallStart: wall ? formatWallTime(wall) : undefined };
}

export const genericTalkAdapter: CaptureAdapter = {
  id: 'generic',
  matches: (_url, doc) => !!doc.body,
  capture(doc, url) {
    return readTalkPage(doc, url).capture;
  },
};

/**
 * A structured-data adapter (JSON-LD, microdata) whose talk the page's own layout completes: where
 * the markup names no speakers, slides, video or event but the page shows them (a Hugo talk page's
 * microdata says only its title), the generic reader's values fill the gaps, with their evidence.
 * What the structured data says is kept.
 */
export function withPageFill(adapter: CaptureAdapter): CaptureAdapter {
  return {
    ...adapter,
    capture(doc, url) {
      const found = adapter.capture(doc, url);
      if (!found?.talk) return found;
      let reading: TalkPageReading;
      try {
        reading = readTalkPage(doc, url);
      } catch {
        return found;
      }
      const page = reading.capture;
      if (!page?.talk) return found;
      const talk = { ...found.talk };
      const evidence: Evidence = { ...(found.evidence ?? {}) };
      // a field the page filled brings the other values the page shows for it (its pick first)
      const candidates: Partial<Record<CandidateField, CaptureCandidate[]>> = { ...(found.candidates ?? {}) };
      const filled = (field: CandidateField) => {
        evidence[field] = reading.evidence[field];
        const list = page.candidates?.[field];
        if (list) candidates[field] = list;
      };
      if (!talk.speakers.length && page.talk.speakers.length) {
        talk.speakers = page.talk.speakers;
        filled('speakers');
      }
      if (!talk.slidesUrl && page.talk.slidesUrl) {
        talk.slidesUrl = page.talk.slidesUrl;
        filled('slidesUrl');
      }
      if (!talk.videoUrl && page.talk.videoUrl) {
        talk.videoUrl = page.talk.videoUrl;
        filled('videoUrl');
      }
      const out: Partial<PageCapture> = { ...found, talk };
      if (!found.event && page.event) {
        out.event = page.event;
        filled('event');
      }
      if (Object.keys(evidence).length) out.evidence = evidence;
      if (Object.keys(candidates).length) out.candidates = candidates;
      return out;
    },
  };
}
