/**
 * schema.org `Event` nodes (from JSON-LD or microdata) → the page's talk, its event, and the talks a
 * schedule page lists. The talk is the event node the page is about: the one whose `url` is the
 * page, else the only leaf event. A node with `subEvent`s, or an `EventSeries`, is the conference.
 */
import { asArray, deref, isNode, type LdNode, textProp, typesOf, urlProp } from '../metadata/jsonld';
import { speakersFromText } from '../speakers';
import { instantOf, isValidZone, normalizeDate, normalizeDateTime } from '../time';
import type { EventRef, PageCapture, Speaker, TalkRef } from '../types';
import { cleanParsed, cleanUrl } from '../url';
import { buildEvent, buildTalk, isSlidesLink, isVideoLink } from './common';

/** At most this many talks are listed from one schedule page. */
export const MAX_SCHEDULE = 1000;

const EVENT_TYPES = new Set(['Hackathon', 'Festival', 'CourseInstance']);

/** Event and its subtypes (EducationEvent, BusinessEvent, SocialEvent, …). */
export function isEventType(type: string): boolean {
  return type === 'Event' || type.endsWith('Event') || type === 'EventSeries' || EVENT_TYPES.has(type);
}

function isContainer(node: LdNode): boolean {
  return typesOf(node).includes('EventSeries') || asArray(node.subEvent ?? node.subEvents).length > 0;
}

type Index = Map<string, LdNode>;

function speakersOf(node: LdNode, index: Index): Speaker[] {
  const out: Speaker[] = [];
  for (const raw of [...asArray(node.performer), ...asArray(node.performers)]) {
    const p = deref(raw, index);
    if (typeof p === 'string') out.push(...speakersFromText(p));
    else if (isNode(p)) {
      const given = textProp(p, 'givenName');
      const family = textProp(p, 'familyName') ?? textProp(p, 'lastName');
      const name = textProp(p, 'name') ?? [given, family].filter(Boolean).join(' ');
      const url = urlProp(p, 'url') ?? urlProp(p, 'sameAs');
      if (name) out.push(url ? { name, url } : { name });
    }
  }
  return out;
}

function placeOf(node: LdNode, index: Index): { room?: string; location?: string } {
  for (const raw of asArray(node.location)) {
    const loc = deref(raw, index);
    if (typeof loc === 'string') return { room: loc };
    if (!isNode(loc)) continue;
    const types = typesOf(loc);
    const name = textProp(loc, 'name');
    if (types.includes('VirtualLocation')) return { room: name ?? 'Online' };
    const address = deref(loc.address, index);
    let where: string | undefined;
    if (typeof address === 'string') where = address;
    else if (isNode(address)) {
      where = ['streetAddress', 'addressLocality', 'addressRegion', 'addressCountry']
        .map((k) => textProp(address, k))
        .filter(Boolean)
        .join(', ');
    }
    return { room: name, location: [name, where].filter(Boolean).join(', ') || undefined };
  }
  return {};
}

function mediaOf(node: LdNode, index: Index): { slidesUrl?: string; videoUrl?: string } {
  const out: { slidesUrl?: string; videoUrl?: string } = {};
  for (const key of ['workFeatured', 'subjectOf', 'recordedIn', 'workPerformed']) {
    for (const raw of asArray(node[key])) {
      const w = deref(raw, index);
      const url =
        typeof w === 'string' ? w : isNode(w) ? (urlProp(w, 'url') ?? urlProp(w, 'contentUrl')) : undefined;
      if (!url) continue;
      const types = isNode(w) ? typesOf(w) : [];
      if (!out.videoUrl && (types.includes('VideoObject') || key === 'recordedIn' || isVideoLink(url))) {
        out.videoUrl = url;
      } else if (!out.slidesUrl && (types.includes('PresentationDigitalDocument') || isSlidesLink(url))) {
        out.slidesUrl = url;
      }
    }
  }
  return out;
}

/** One event node as a talk (times kept only when they are real ISO times). */
export function talkOfNode(
  node: LdNode,
  index: Index,
  base: string,
  zone?: string,
  options: { abstract?: boolean } = {},
): TalkRef | undefined {
  const startsAt = normalizeDateTime(textProp(node, 'startDate'), zone);
  let endsAt = normalizeDateTime(textProp(node, 'endDate'), zone);
  if (startsAt && endsAt && !(instantOf(endsAt) > instantOf(startsAt))) endsAt = undefined; // contradictory
  const { room } = placeOf(node, index);
  const superEvent = deref(asArray(node.superEvent)[0], index);
  return buildTalk(
    {
      title: textProp(node, 'name'),
      speakers: speakersOf(node, index),
      startsAt,
      endsAt,
      timezone: startsAt && isValidZone(zone) ? zone : undefined,
      room,
      track: isNode(superEvent) && !isContainer(superEvent) ? textProp(superEvent, 'name') : undefined,
      abstract: options.abstract === false ? undefined : textProp(node, 'description'),
      url: urlProp(node, 'url'),
      ...mediaOf(node, index),
    },
    base,
  );
}

/** A node as the conference record. */
export function eventOfNode(node: LdNode, index: Index, base: string, zone?: string): EventRef | undefined {
  const { location } = placeOf(node, index);
  return buildEvent(
    {
      name: textProp(node, 'name'),
      url: urlProp(node, 'url'),
      timezone: isValidZone(zone) ? zone : undefined,
      startDate: normalizeDate(textProp(node, 'startDate')),
      endDate: normalizeDate(textProp(node, 'endDate')),
      location,
    },
    base,
  );
}

/** What a page's schema.org events say: its talk, its event, and its schedule. */
export function captureFromEvents(
  all: readonly LdNode[],
  index: Index,
  pageUrl: string,
  platform: string,
  zone?: string,
): Partial<PageCapture> | null {
  const events = all.filter((n) => typesOf(n).some(isEventType));
  if (events.length === 0) return null;
  const containers: LdNode[] = [];
  const leaves: LdNode[] = [];
  for (const n of events) (isContainer(n) ? containers : leaves).push(n);
  const page = cleanUrl(pageUrl).replace(/\/$/, '');
  const isPage = (n: LdNode) => {
    const u = urlProp(n, 'url');
    if (!u) return false;
    try {
      return cleanParsed(new URL(u, pageUrl)).replace(/\/$/, '') === page;
    } catch {
      return false;
    }
  };
  const own = leaves.find(isPage) ?? (leaves.length === 1 ? leaves[0] : undefined);
  const talk = own ? talkOfNode(own, index, pageUrl, zone) : undefined;

  const parentNode =
    (own && deref(asArray(own.superEvent)[0], index)) ?? containers[0] ?? sharedSuperEvent(leaves, index);
  const event = isNode(parentNode) ? eventOfNode(parentNode, index, pageUrl, zone) : undefined;

  const out: Partial<PageCapture> = { platform, kind: talk ? 'session' : 'page' };
  if (talk) out.talk = talk;
  if (event) out.event = event;
  if (!own && leaves.length > 1) {
    const schedule: TalkRef[] = [];
    for (const n of leaves) {
      if (schedule.length >= MAX_SCHEDULE) break;
      // A schedule lists talks to star: abstracts stay on the talks' own pages (and out of the message).
      const t = talkOfNode(n, index, pageUrl, zone, { abstract: false });
      if (t) schedule.push(t);
    }
    if (schedule.length) out.schedule = schedule;
  }
  return out.talk || out.event || out.schedule ? out : null;
}

function sharedSuperEvent(leaves: readonly LdNode[], index: Index): LdNode | undefined {
  let shared: LdNode | undefined;
  for (const n of leaves) {
    const s = deref(asArray(n.superEvent)[0], index);
    if (!isNode(s)) return undefined;
    const key = (s['@id'] as string | undefined) ?? textProp(s, 'name');
    const sharedKey = shared && ((shared['@id'] as string | undefined) ?? textProp(shared, 'name'));
    if (shared && key !== sharedKey) return undefined;
    shared = s;
  }
  return shared;
}
