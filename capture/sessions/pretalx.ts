/**
 * pretalx talk pages (`/{event}/talk/{CODE}/`), in their template generations:
 * - up to 2025 at least on self-hosted instances (`agenda/talk.html` with `h3.talk-title`,
 *   `.pretalx-session-info`, `section.resources`); older ones print the range as text
 *   ("03-18, 14:30–14:55 (US/Eastern), {room}", no year: no time, but the zone is the event's),
 *   later ones as the `datetimerange` tag's `<time>` elements;
 * - 2025+ (`.talk-layout`, `.talk-speakers a.talk-speaker-card`, `.talk-card-schedule .talk-slot`,
 *   `.talk-facts`, `ul.talk-resources`).
 * What all generations write the same way is read first: `<meta name="generator" content="pretalx">`, the `<title>`
 * "{talk} :: {event} :: pretalx", and the `datetimerange` tag's `<time data-isodatetime date-timezone>`.
 * The page's JSON alternate (`/api/events/{event}/talks/{CODE}`) fills in what the HTML lacks.
 */
import { firstMatch } from '../tags';
import { isValidZone, normalizeDateTime } from '../time';
import type { CaptureAdapter, Speaker } from '../types';
import { safeHttpUrl } from '../url';
import { blockText, buildEvent, buildTalk, firstText, mediaLinks } from './common';
import { parseTimeText } from './datetext';
import { enrichFromPretalxApi } from './pretalx-api';

const TALK_PATH = /\/talk\/[A-Za-z0-9]+\/?$/;

export function isPretalx(doc: Document): boolean {
  // read from the page's <meta> elements only: three adapters ask this of every page, and a selector
  // that finds nothing has visited the whole page (capture/tags.ts)
  const gen = firstMatch(doc, 'meta', 'meta[name="generator" i]')?.getAttribute('content') ?? '';
  const app = firstMatch(doc, 'meta', 'meta[name="application-name" i]')?.getAttribute('content') ?? '';
  return /^pretalx/i.test(gen) || /^pretalx/i.test(app);
}

/** "{talk} :: {event} :: pretalx" → its parts (pretalx's common/base.html). */
export function titleParts(doc: Document): { talk?: string; event?: string } {
  const parts = (doc.title ?? '').split(/\s*::\s*/).map((s) => s.trim());
  // Exactly "{talk} :: {event} :: pretalx": a "::" inside a title would make the split ambiguous.
  if (parts.length === 3 && /^pretalx$/i.test(parts[2] ?? '')) {
    return { talk: parts[0] || undefined, event: parts[1] || undefined };
  }
  if (parts.length > 3 && /^pretalx$/i.test(parts[parts.length - 1] ?? '')) {
    return { event: parts[parts.length - 2] || undefined };
  }
  return {};
}

function times(doc: Document): { startsAt?: string; endsAt?: string; timezone?: string } {
  const els = [
    ...doc.querySelectorAll('.talk-slot time, .talk-title time, .talk-slots time, time[data-isodatetime]'),
  ];
  const first = els[0];
  if (!first) {
    const zone = doc.querySelector('[data-timezone]')?.getAttribute('data-timezone') ?? undefined;
    const span = parseTimeText(firstText(doc, '.talk-slot-time, .talk-title small', 300), zone);
    return {
      startsAt: span.startsAt,
      endsAt: span.endsAt,
      timezone: span.startsAt ? (span.zone ?? zone) : undefined,
    };
  }
  // `date-timezone` is what pretalx's datetimerange tag writes (sic); `data-timezone` is tolerated.
  const zoneAttr = first.getAttribute('date-timezone') ?? first.getAttribute('data-timezone') ?? undefined;
  const zone = isValidZone(zoneAttr) ? zoneAttr : undefined;
  const read = (el: Element | undefined) =>
    el
      ? (normalizeDateTime(el.getAttribute('data-isodatetime'), zone) ??
        normalizeDateTime(el.getAttribute('datetime'), zone))
      : undefined;
  const startsAt = read(first);
  const endsAt =
    els[1] && els[1].closest('.timerange-block') === first.closest('.timerange-block')
      ? read(els[1])
      : undefined;
  return { startsAt, endsAt, timezone: startsAt ? zone : undefined };
}

function room(doc: Document): string {
  const modern = firstText(doc, '.talk-slot-room', 200);
  if (modern) return modern;
  const small = doc.querySelector('.talk-title small');
  if (!small) return '';
  // 2024: "{datetimerange}, {room name}" followed by optional language / do-not-record notes.
  let text = '';
  for (const node of small.childNodes) {
    if (node.nodeType === 3) text += node.textContent ?? '';
    else if ((node as Element).matches?.('.timerange-block, time')) text += '\u0000';
    else if ((node as Element).matches?.('div, em, span.fa-stack, i')) break;
  }
  const after = text.includes('\u0000')
    ? text.slice(text.lastIndexOf('\u0000') + 1)
    : // Older generations print the range as text: "03-18, 14:30–14:55 (US/Eastern), {room}".
      text.replace(PLAIN_RANGE, '');
  return after
    .replace(/^[\s,]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A time range written as text, up to its "(Zone)" and the comma before the room. */
const PLAIN_RANGE =
  /^[\s\S]*?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[–—-]\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?\s*(?:\(([^()]*)\))?\s*(?:,|$)/i;

/** The zone a plain-text range names ("(Europe/Berlin)"), when it is an IANA zone. */
function plainRangeZone(doc: Document): string | undefined {
  const small = doc.querySelector('.talk-title small');
  if (!small || small.querySelector('time')) return undefined;
  const zone = PLAIN_RANGE.exec((small.textContent ?? '').replace(/\s+/g, ' ').trim())?.[1]?.trim();
  return zone?.includes('/') && isValidZone(zone) ? zone : undefined;
}

function speakers(doc: Document, base: string): Speaker[] {
  const out: Speaker[] = [];
  for (const card of doc.querySelectorAll('.talk-speakers .talk-speaker-card')) {
    const name = firstText(card, '.talk-speaker-name', 200);
    if (name) out.push({ name, url: safeHttpUrl(card.getAttribute('href'), base) });
  }
  if (out.length) return out;
  for (const info of doc.querySelectorAll('.pretalx-session-info > .title')) {
    const a = info.querySelector('a');
    const name = firstText(info, 'a', 200) || (info.textContent ?? '').trim();
    if (name) out.push({ name, url: safeHttpUrl(a?.getAttribute('href'), base) });
  }
  return out;
}

function track(doc: Document): string {
  const fact = [...doc.querySelectorAll('.talk-facts .talk-fact')].find((f) =>
    f.querySelector('.talk-track-swatch'),
  );
  return (fact?.textContent ?? '').split('·')[0]?.trim() ?? '';
}

function heading(doc: Document): string {
  const h = doc.querySelector(
    '.talk-title .heading-with-buttons > span, h3.talk-title, .session-title, main h1, main h2',
  );
  if (!h) return '';
  const clone = h.cloneNode(true) as Element;
  for (const extra of clone.querySelectorAll('small, button, .buttons, .badge')) extra.remove();
  return clone.textContent ?? '';
}

export const pretalxAdapter: CaptureAdapter = {
  id: 'pretalx',
  matches: (url, doc) =>
    isPretalx(doc) &&
    (TALK_PATH.test(url.pathname) || doc.querySelector('.talk-title, .talk-layout') !== null),
  capture(doc, url) {
    const base = url.href;
    const names = titleParts(doc);
    const when = times(doc);
    const resources = doc.querySelectorAll('.talk-resources a[href], section.resources a[href]');
    const media = mediaLinks(resources, base);
    const iframe = doc
      .querySelector('.talk-content iframe[src], .talk-layout iframe[src]')
      ?.getAttribute('src');
    const abstract = [
      blockText(doc.querySelector('.talk-content .abstract, section.abstract')),
      blockText(doc.querySelector('.talk-content .description, section.description')),
    ]
      .filter(Boolean)
      .join('\n\n');
    const talk = buildTalk(
      {
        // The <title> is what every pretalx template generation writes the same way (common/base.html).
        title: names.talk || heading(doc).trim(),
        speakers: speakers(doc, base),
        ...when,
        room: room(doc),
        track: track(doc),
        abstract,
        url: base,
        slidesUrl: media.slidesUrl,
        videoUrl: media.videoUrl ?? iframe,
      },
      base,
    );
    if (!talk) return null;
    const eventName = names.event ?? firstText(doc, 'header h1', 300);
    const slug = url.pathname.split('/talk/')[0] ?? '';
    const event = buildEvent(
      {
        name: eventName,
        url: `${url.origin}${slug}/`,
        // A range printed without a year gives no time, but its "(Zone)" is still the event's zone.
        timezone: when.timezone ?? plainRangeZone(doc),
      },
      base,
    );
    return { kind: 'session', platform: 'pretalx', talk, ...(event ? { event } : {}) };
  },
  enrich: enrichFromPretalxApi,
};
