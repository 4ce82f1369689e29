/**
 * FOSDEM event pages (`fosdem.org/{yyyy}/schedule/event/{slug}/`), as the FOSDEM/website nanoc
 * generator writes them (layouts/schedule/event.html, lib/helpers/schedule_helpers.rb): `ul.side-box`
 * with Track / Room / Day / Start / End, `h1.schedule-title`, `.event-abstract`, the speakers table,
 * `ul.event-attachments` (icon-list = slides) and `<video><source>` recordings.
 * Start and End are `<a class="value-title" title="{day}T{HH:MM}{offset}">`; the generator's offset
 * arithmetic is wrong ("+2:720"), so a bad offset is ignored and the wall time is read in the zone
 * FOSDEM always declares in its schedule export (`time_zone_name`): Europe/Brussels.
 */
import { normalizeDateTime, parseIso } from '../time';
import type { CaptureAdapter, Speaker } from '../types';
import { safeHttpUrl } from '../url';
import { blockText, buildEvent, buildTalk, firstText, mediaLinks } from './common';

const ZONE = 'Europe/Brussels';
const EVENT_PATH = /\/schedule\/event\/[^/]+\/?$/;

function sideBox(doc: Document): Map<string, Element> {
  const rows = new Map<string, Element>();
  for (const li of doc.querySelectorAll('ul.side-box > li')) {
    const label = (li.querySelector('strong')?.textContent ?? '').trim().toLowerCase();
    if (label) rows.set(label.replace(/\s*\(.*\)$/, ''), li);
  }
  return rows;
}

function timeOf(li: Element | undefined): string | undefined {
  const a = li?.querySelector('a[title], abbr[title], span[title]');
  const title = a?.getAttribute('title') ?? undefined;
  const parsed = parseIso(title);
  if (!parsed?.hasTime) return undefined;
  // A valid written offset is honoured as is; a broken one ("+2:720") is dropped for the event zone.
  return parsed.badOffset
    ? normalizeDateTime(title?.replace(/[+-][\d:]+$/, ''), ZONE)
    : normalizeDateTime(title, ZONE);
}

function rowText(rows: Map<string, Element>, key: string): string {
  const li = rows.get(key);
  return li ? firstText(li, 'a', 200) : '';
}

function speakers(doc: Document, base: string): Speaker[] {
  const out: Speaker[] = [];
  for (const a of doc.querySelectorAll(
    '#main table a[href*="/schedule/speaker/"], table a[href*="/speaker/"]',
  )) {
    const name = (a.textContent ?? '').trim();
    if (name) out.push({ name, url: safeHttpUrl(a.getAttribute('href'), base) });
  }
  return out;
}

function slidesLink(doc: Document, base: string): string | undefined {
  for (const li of doc.querySelectorAll('ul.event-attachments li')) {
    if (li.querySelector('i.icon-list'))
      return safeHttpUrl(li.querySelector('a')?.getAttribute('href'), base);
  }
  return undefined;
}

function linksAfterHeading(doc: Document, heading: string): Element[] {
  for (const h of doc.querySelectorAll('#main h3, h3')) {
    if ((h.textContent ?? '').trim().toLowerCase() === heading) {
      const list = h.nextElementSibling;
      return list ? [...list.querySelectorAll('a[href]')] : [];
    }
  }
  return [];
}

export const fosdemAdapter: CaptureAdapter = {
  id: 'fosdem',
  matches: (url, doc) =>
    (/(^|\.)fosdem\.org$/i.test(url.hostname) && EVENT_PATH.test(url.pathname)) ||
    (doc.querySelector('ul.side-box') !== null && doc.querySelector('h1.schedule-title') !== null),
  capture(doc, url) {
    const base = url.href;
    const rows = sideBox(doc);
    const startsAt = timeOf(rows.get('start'));
    const endsAt = timeOf(rows.get('end'));
    const links = linksAfterHeading(doc, 'links');
    const media = mediaLinks([...doc.querySelectorAll('ul.event-attachments a[href]'), ...links], base);
    const source = doc.querySelector('.video video source[src], video source[src]')?.getAttribute('src');
    const abstract = [
      blockText(doc.querySelector('.event-abstract')),
      blockText(doc.querySelector('.event-description')),
    ]
      .filter(Boolean)
      .join('\n\n');
    const talk = buildTalk(
      {
        title: firstText(doc, 'h1.schedule-title', 500) || doc.title.replace(/^[^-]*-\s*/, ''),
        speakers: speakers(doc, base),
        startsAt,
        endsAt,
        timezone: startsAt ? ZONE : undefined,
        room: rowText(rows, 'room'),
        track: rowText(rows, 'track'),
        abstract,
        url: base,
        slidesUrl: slidesLink(doc, base) ?? media.slidesUrl,
        videoUrl: source ?? media.videoUrl,
      },
      base,
    );
    if (!talk) return null;
    const year = /\/(\d{4})\//.exec(url.pathname)?.[1];
    const fromTitle = doc.title.includes(' - ') ? doc.title.split(' - ')[0]?.trim() : undefined;
    const event = buildEvent(
      {
        name: fromTitle || (year ? `FOSDEM ${year}` : 'FOSDEM'),
        url: year ? `${url.origin}/${year}/` : undefined,
        timezone: ZONE,
      },
      base,
    );
    return { kind: 'session', platform: 'fosdem', talk, ...(event ? { event } : {}) };
  },
};
