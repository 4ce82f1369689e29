/**
 * Indico contribution pages (`/event/{id}/contributions/{cid}/`), as indico/indico renders them
 * (contributions/templates/display/contribution_display.html inside the conference layout):
 * `header .title h2`, `.time-info`, `.contribution-location`, `.contrib-track`, the speakers'
 * `.speaker-list`, `.description`, attachments `a.attachment`. Times are printed in the event's
 * display zone, which the conference header names: `.timezone` "Europe/Zurich timezone".
 */
import { hasClassMatch } from '../tags';
import { isValidZone, normalizeDateTime } from '../time';
import type { CaptureAdapter, Speaker } from '../types';
import { blockText, buildEvent, buildTalk, firstText, mediaLinks } from './common';
import { parseTimeText } from './datetext';

const CONTRIB_PATH = /\/event\/[^/]+\/contributions\/\d+/;
/** An Indico contribution's markup (a selector whose every branch ends in one of the classes below). */
const INDICO_MARK = '.item-summary .time-info, .conference-page.item-summary';

function eventZone(doc: Document): string | undefined {
  const text = firstText(doc, '.confSubTitle .timezone, .event-time-data .timezone, .timezone', 100);
  const zone = text.replace(/\s*timezone\s*$/i, '').trim();
  return isValidZone(zone) ? zone : undefined;
}

function speakers(doc: Document): Speaker[] {
  const out: Speaker[] = [];
  // The speakers' list sits directly in .item-text; author lists live in .infogrid and are not speakers.
  for (const item of doc.querySelectorAll(
    '.item-text > .speaker-list .speaker-item, section .speaker-list .speaker-item',
  )) {
    const clone = item.cloneNode(true) as Element;
    for (const extra of clone.querySelectorAll('.affiliation, .speaker-title')) extra.remove();
    const name = (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (name) out.push({ name });
  }
  return out;
}

export const indicoAdapter: CaptureAdapter = {
  id: 'indico',
  matches: (url, doc) =>
    CONTRIB_PATH.test(url.pathname) ||
    hasClassMatch(doc, 'time-info', INDICO_MARK) ||
    hasClassMatch(doc, 'item-summary', INDICO_MARK),
  capture(doc, url) {
    const base = url.href;
    const zone = eventZone(doc);
    const machine = doc.querySelector('.page-info time[datetime], .item-summary time[itemprop="startDate"]');
    const startFromAttr = normalizeDateTime(machine?.getAttribute('datetime'), zone);
    const span = parseTimeText(firstText(doc, '.time-info', 200), zone);
    const startsAt = startFromAttr ?? span.startsAt;
    const attachments = doc.querySelectorAll('.attachments-box a.attachment[href], a.attachment[href]');
    const media = mediaLinks(
      [...attachments].map((a) => ({
        href: a.getAttribute('href') ?? '',
        label: `${a.getAttribute('title') ?? ''} ${a.textContent ?? ''}`,
      })),
      base,
    );
    const talk = buildTalk(
      {
        title: firstText(doc, '.item-summary header .title h2, header .title h2, .item-summary h2', 500),
        speakers: speakers(doc),
        startsAt,
        endsAt: startFromAttr ? undefined : span.endsAt,
        timezone: startsAt ? (span.zone ?? zone) : undefined,
        room: firstText(doc, '.contribution-location .text', 200),
        track: firstText(doc, '.contrib-track', 200) || firstText(doc, '.contrib-session', 200),
        abstract: blockText(doc.querySelector('.item-text .description, .page-content .description')),
        url: base,
        slidesUrl: media.slidesUrl ?? (attachments[0] ? attachments[0].getAttribute('href') : undefined),
        videoUrl: media.videoUrl,
      },
      base,
    );
    if (!talk) return null;
    const titleLink = doc.querySelector('.confTitle a[href]');
    const eventId = /\/event\/([^/]+)\//.exec(url.pathname)?.[1];
    const event = buildEvent(
      {
        name: firstText(doc, '.confTitle [itemprop="title"], .confTitle h1', 300),
        url: titleLink?.getAttribute('href') ?? (eventId ? `${url.origin}/event/${eventId}/` : undefined),
        timezone: zone,
        location: firstText(doc, '.datePlace .place', 300),
      },
      base,
    );
    return { kind: 'session', platform: 'indico', talk, ...(event ? { event } : {}) };
  },
};
