/**
 * sched.com pages. Sched documents no markup; this reads what its pages serve (a saved list page in
 * tests/fixtures/sessions/sched-list-descriptions.html) and what independent scrapers of its session
 * pages agree on. Each session is a `.sched-container-inner` holding `span.event a.name`
 * (`.session-title`), `.tip-description`, `.tip-roles` (people under "Speakers", "Moderators"…
 * headings), `.sched-event-details-timeandplace` ("Saturday October  3, 2026 11:30am -  5:00pm EEST",
 * then the venue link) and `.sched-event-type` (type, then sub-type). A session page has one such
 * session and is the talk; a list page (`/list/descriptions/`) has many and is a schedule.
 * Links are relative to the page's `<base href="/">`, so they are resolved against `baseURI`.
 */
import { isValidZone } from '../time';
import type { CaptureAdapter, Speaker, TalkRef } from '../types';
import { safeHttpUrl } from '../url';
import { abstractText, buildEvent, buildTalk, cleanHttpUrl, firstText, mediaLinks } from './common';
import { parseTimeText } from './datetext';
import { MAX_SCHEDULE } from './schema-event';

/** People under these role headings are not on stage. */
const NOT_SPEAKERS = /sponsor|exhibitor|volunteer|attendee/i;

/**
 * An IANA zone the page declares. Only names with a "/" count: sched prints abbreviations ("EEST",
 * "CET") in `span.tz`, and some of those are also legacy IANA ids that would stand for a zone the
 * page never named; abbreviations are read as offsets by `parseTimeText` instead.
 */
function zoneOf(doc: Document): string | undefined {
  const candidates = [
    doc.querySelector('[data-timezone]')?.getAttribute('data-timezone'),
    doc.querySelector('.sched-timezone')?.textContent,
  ];
  for (const c of candidates) {
    const zone = (c ?? '').trim();
    if (zone.includes('/') && isValidZone(zone)) return zone;
  }
  return undefined;
}

function speakers(item: ParentNode, base: string): Speaker[] {
  const out: Speaker[] = [];
  for (const a of item.querySelectorAll('.sched-person-session h2 a, .sched-person h2 a, .tip-roles h2 a')) {
    // The role heading is the <strong> before the person's group ("Moderators", "Speakers").
    const group = a.closest('.sched-event-details-roles');
    const heading = group?.previousElementSibling;
    if (heading?.tagName === 'STRONG' && NOT_SPEAKERS.test(heading.textContent ?? '')) continue;
    const name = (a.textContent || a.getAttribute('title') || '').trim();
    const url = safeHttpUrl(a.getAttribute('href'), base);
    if (name && !out.some((s) => s.name === name && s.url === url)) out.push({ name, url });
  }
  return out;
}

/** The title: `.session-title` (current markup), else the link's text without venue and people spans. */
function titleOf(item: ParentNode): string {
  const link = item.querySelector('span.event a.name, .event a.name, .list-single__event a');
  if (!link) return '';
  const own = link.querySelector('.session-title');
  if (own) return own.textContent ?? '';
  const copy = link.cloneNode(true) as Element;
  for (const extra of copy.querySelectorAll('.vs, .sched-event-evpeople, .event-evpeople')) extra.remove();
  return copy.textContent ?? '';
}

/** Text with `<br>` kept as line breaks (sched descriptions are spans broken by `<br>`). */
function textWithBreaks(el: Element | null): string {
  if (!el) return '';
  const copy = el.cloneNode(true) as Element;
  for (const br of copy.querySelectorAll('br')) br.replaceWith('\n');
  for (const block of copy.querySelectorAll('p, div, li')) block.append('\n');
  return abstractText(copy.textContent ?? '');
}

/**
 * The time line: the text before the venue. The zone label is its own element (`span.tz`), which some
 * pages write flush against the time ("11:30am<span class='tz'>EDT</span>"): it is read as a separate
 * word, so "11:30amEDT" never hides both the end time and the offset.
 */
function timeLine(place: Element | null): string {
  if (!place) return '';
  const copy = place.cloneNode(true) as Element;
  for (const br of copy.querySelectorAll('br')) br.replaceWith('\n');
  for (const label of copy.querySelectorAll('.tz')) label.replaceWith(` ${label.textContent ?? ''} `);
  return (
    (copy.textContent ?? '')
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? ''
  );
}

function talkOf(item: ParentNode, base: string, zone: string | undefined, url?: string): TalkRef | undefined {
  const place = item.querySelector('.sched-event-details-timeandplace');
  const span = parseTimeText(timeLine(place), zone);
  const files = item.querySelectorAll('.sched-file a[href], a.file-uploaded[href]');
  const description = item.querySelector('.tip-description');
  const media = mediaLinks([...files, ...(description?.querySelectorAll('a[href]') ?? [])], base);
  const iframe = item.querySelector('.sched-event-details iframe[src], .tip-description iframe[src]');
  return buildTalk(
    {
      title: titleOf(item),
      speakers: speakers(item, base),
      startsAt: span.startsAt,
      endsAt: span.endsAt,
      timezone: span.startsAt ? (span.zone ?? zone) : undefined,
      room: place ? firstText(place, 'a', 200) : firstText(item, '.list-single__location a', 200),
      // The first type link is the track; a second one is its sub-type (the format: "Panel").
      track: firstText(item, '.sched-event-type a', 200),
      abstract: textWithBreaks(description),
      url,
      slidesUrl: media.slidesUrl ?? (files[0] ? safeHttpUrl(files[0].getAttribute('href'), base) : undefined),
      videoUrl: media.videoUrl ?? iframe?.getAttribute('src'),
    },
    base,
  );
}

/** The event: `og:site_name`, else the header logo, else the `<title>` before "Full Schedule". */
function eventName(doc: Document): string {
  const site = doc
    .querySelector('meta[property="og:site_name" i], meta[name="og:site_name" i]')
    ?.getAttribute('content');
  if (site?.trim()) return site;
  const logo = firstText(doc, '#sched-logo h1', 300);
  if (logo) return logo;
  return (doc.title.split(':')[0] ?? '').trim();
}

/** The sessions of the page: each container holding an event link, else the page as one session. */
function itemsOf(doc: Document): ParentNode[] {
  const items = [...doc.querySelectorAll('.sched-container-inner')].filter((el) =>
    el.querySelector('span.event a.name, .event a.name'),
  );
  return items.length > 0 ? items : [doc];
}

export const schedAdapter: CaptureAdapter = {
  id: 'sched',
  matches: (url, doc) =>
    (/(^|\.)sched\.com$/i.test(url.hostname) && /\/event\//.test(url.pathname)) ||
    doc.querySelector('.sched-event-details-timeandplace') !== null,
  capture(doc, url) {
    const base = doc.baseURI || url.href;
    const zone = zoneOf(doc);
    const items = itemsOf(doc);
    const event = buildEvent({ name: eventName(doc), url: `${url.origin}/`, timezone: zone }, url.href);
    const withEvent = event ? { event } : {};
    if (items.length === 1 && items[0]) {
      // A session's own page: the talk takes the page's URL (the pipeline swaps in the canonical one).
      const talk = talkOf(items[0], base, zone, url.href);
      return talk ? { kind: 'session', platform: 'sched', talk, ...withEvent } : null;
    }
    const schedule: TalkRef[] = [];
    for (const item of items) {
      if (schedule.length >= MAX_SCHEDULE) break;
      const href = item.querySelector('span.event a.name, .event a.name')?.getAttribute('href');
      const talk = talkOf(item, base, zone, cleanHttpUrl(href, base));
      if (talk) schedule.push(talk);
    }
    return schedule.length ? { kind: 'page', platform: 'sched', schedule, ...withEvent } : null;
  },
};
