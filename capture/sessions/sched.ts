/**
 * sched.com event pages (`{event}.sched.com/event/{id}/{slug}`). Sched documents no markup; these are
 * the class names independent scrapers agree on (see docs/capture-coverage.md): `span.event a.name`,
 * `.sched-person` / `.tip-roles h2 a`, `.sched-event-details-timeandplace` ("Thursday July 5, 2018
 * 17:30 - 18:30" then the venue link), `.sched-event-type a`, `.tip-description`, `.sched-file a`.
 * A time is given a zone only when the page names one.
 */
import { isValidZone } from '../time';
import type { CaptureAdapter, Speaker } from '../types';
import { safeHttpUrl } from '../url';
import { blockText, buildEvent, buildTalk, firstText, mediaLinks } from './common';
import { parseTimeText } from './datetext';

function zoneOf(doc: Document): string | undefined {
  const candidates = [
    doc.querySelector('[data-timezone]')?.getAttribute('data-timezone'),
    doc.querySelector('.sched-event-details-timeandplace .tz, span.tz, .sched-timezone')?.textContent,
  ];
  for (const c of candidates) {
    const zone = (c ?? '').trim();
    if (isValidZone(zone)) return zone;
  }
  return undefined;
}

function speakers(doc: Document, base: string): Speaker[] {
  const out: Speaker[] = [];
  for (const a of doc.querySelectorAll('.sched-person h2 a, .tip-roles h2 a, .sched-person-session h2 a')) {
    const name = (a.textContent ?? '').trim();
    if (name) out.push({ name, url: safeHttpUrl(a.getAttribute('href'), base) });
  }
  return out;
}

export const schedAdapter: CaptureAdapter = {
  id: 'sched',
  matches: (url, doc) =>
    (/(^|\.)sched\.com$/i.test(url.hostname) && /\/event\//.test(url.pathname)) ||
    doc.querySelector('.sched-event-details-timeandplace') !== null,
  capture(doc, url) {
    const base = url.href;
    const place = doc.querySelector('.sched-event-details-timeandplace');
    const firstLine =
      (place?.textContent ?? '')
        .split('\n')
        .map((l) => l.trim())
        .find(Boolean) ?? '';
    const span = parseTimeText(firstLine, zoneOf(doc));
    const files = doc.querySelectorAll('.sched-file a[href], a.file-uploaded[href]');
    const media = mediaLinks([...files, ...doc.querySelectorAll('.tip-description a[href]')], base);
    const iframe = doc.querySelector('.sched-event-details iframe[src], .tip-description iframe[src]');
    const talk = buildTalk(
      {
        title: firstText(doc, 'span.event a.name, .event a.name, .list-single__event a', 500),
        speakers: speakers(doc, base),
        startsAt: span.startsAt,
        endsAt: span.endsAt,
        timezone: span.startsAt ? (span.zone ?? zoneOf(doc)) : undefined,
        room: place ? firstText(place, 'a', 200) : '',
        track: firstText(doc, '.sched-event-type a', 200),
        abstract: blockText(doc.querySelector('.tip-description')),
        url: base,
        slidesUrl: media.slidesUrl ?? (files[0] ? files[0].getAttribute('href') : undefined),
        videoUrl: media.videoUrl ?? iframe?.getAttribute('src'),
      },
      base,
    );
    if (!talk) return null;
    const site = doc
      .querySelector('meta[property="og:site_name" i], meta[name="og:site_name" i]')
      ?.getAttribute('content');
    const event = buildEvent({ name: site, url: `${url.origin}/`, timezone: zoneOf(doc) }, base);
    return { kind: 'session', platform: 'sched', talk, ...(event ? { event } : {}) };
  },
};
