/**
 * Sessionize embeds (`<div id="sessionize" class="sessionize-wrapper">` on a conference's own site).
 * Every view marks a session with `.sz-session[data-sessionid]` — a `div` in the GridSmart grid (real
 * output in tests/fixtures/sessions/sessionize-gridsmart.html), an `li` in the Sessions list — with
 * `.sz-session__title`, `.sz-session__speakers li[data-speakerid]`,
 * `.sz-session__time[data-sztz="Kind|locale|{start}|{end}"]` (UTC instants) and, in the list,
 * `.sz-session__room[data-roomid]` and `.sz-session__description`. In the grid the room is the
 * column: the session's `sz-room--{id}` class names the `.sz-cssgrid__track-label` of that room.
 * The open modal (or a page with one session) is the talk; a list of sessions is a schedule.
 */
import { normalizeDateTime } from '../time';
import type { CaptureAdapter, Speaker, TalkRef } from '../types';
import { buildTalk, firstText, mediaLinks } from './common';
import { MAX_SCHEDULE } from './schema-event';

/** The room of a grid card: the column label carrying the card's `sz-room--{id}` class. */
function gridRoom(el: Element): string {
  // Only word characters, so the class can go into a selector as it is.
  const id = [...el.classList].find((c) => /^sz-room--\w+$/.test(c));
  const label = id ? el.ownerDocument.querySelector(`.sz-cssgrid__track-label.${id}`) : null;
  return label?.textContent ?? '';
}

function talkOf(el: Element, base: string): TalkRef | undefined {
  const parts = (el.querySelector('.sz-session__time')?.getAttribute('data-sztz') ?? '').split('|');
  // The embed carries instants with an offset (or Z); a bare local time has no zone to go with it.
  const startsAt = normalizeDateTime(parts[2]?.trim());
  const endsAt = normalizeDateTime(parts[3]?.trim());
  const speakers: Speaker[] = [...el.querySelectorAll('.sz-session__speakers li')].map((li) => ({
    name: (li.textContent ?? '').trim(),
  }));
  const media = mediaLinks(el.querySelectorAll('a[href]'), base);
  return buildTalk(
    {
      title: firstText(el, '.sz-session__title', 500),
      speakers,
      startsAt,
      endsAt,
      room: firstText(el, '.sz-session__room', 200) || gridRoom(el),
      track: firstText(el, '.sz-session__tags li, .sz-session__categories li', 200),
      abstract: el.querySelector('.sz-session__description')?.textContent ?? '',
      ...media,
    },
    base,
  );
}

export const sessionizeAdapter: CaptureAdapter = {
  id: 'sessionize',
  // the class collection, not a selector pass over the whole page (capture/tags.ts)
  matches: (_url, doc) => doc.getElementsByClassName('sz-session').length > 0,
  capture(doc, url) {
    const base = url.href;
    const open = doc.querySelector('.sz-modal-container .sz-session, .sz-modal .sz-session');
    const sessions = [...doc.querySelectorAll('.sz-session[data-sessionid]:not(.sz-session--service)')];
    const single = open ?? (sessions.length === 1 ? sessions[0] : undefined);
    const talk = single ? talkOf(single, base) : undefined;
    if (talk) return { kind: 'session', platform: 'sessionize', talk };
    const schedule: TalkRef[] = [];
    for (const el of sessions) {
      if (schedule.length >= MAX_SCHEDULE) break;
      const t = talkOf(el, base);
      if (t) schedule.push(t);
    }
    return schedule.length ? { kind: 'page', platform: 'sessionize', schedule } : null;
  },
};
