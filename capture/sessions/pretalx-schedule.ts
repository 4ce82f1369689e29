/**
 * pretalx's schedule without JavaScript (`/{event}/schedule/nojs`, agenda/schedule_nojs.html with
 * agenda/session_block.html): every session of every day, as a schedule the user can star from.
 * Each day block carries its start as ISO 8601 with offset (`data-start`, Django's "c" format);
 * sessions carry a local clock time and a duration in minutes, read with that day's offset.
 */
import { speakersFromText } from '../speakers';
import { instantOf, parseIso, wallToIsoWithOffset } from '../time';
import type { CaptureAdapter, TalkRef } from '../types';
import { buildEvent, buildTalk, firstText } from './common';
import { findTimes } from './datetext';
import { isPretalx, titleParts } from './pretalx';
import { MAX_SCHEDULE } from './schema-event';

function sessionTalk(el: Element, day: ReturnType<typeof parseIso>, base: string): TalkRef | undefined {
  const link = el.closest('a[href]')?.getAttribute('href');
  const titleEl = el.querySelector('.pretalx-session-info > .title')?.cloneNode(true) as Element | undefined;
  for (const icon of titleEl?.querySelectorAll('.fa-stack') ?? []) icon.remove();
  const starts = el.querySelectorAll('.pretalx-session-time-box .start');
  const clock = findTimes(starts[starts.length - 1]?.textContent ?? '')[0];
  const minutes = Number(
    /(\d+)\s*min/.exec(el.querySelector('.duration')?.textContent ?? '')?.[1] ?? Number.NaN,
  );
  let startsAt: string | undefined;
  let endsAt: string | undefined;
  if (day?.offset !== undefined && clock) {
    startsAt = wallToIsoWithOffset({ ...day.parts, h: clock.h, mi: clock.mi, s: 0 }, day.offset);
    if (startsAt && Number.isFinite(minutes) && minutes > 0 && minutes < 24 * 60) {
      const end = new Date(instantOf(startsAt) + (minutes + day.offset) * 60_000);
      endsAt = wallToIsoWithOffset(
        {
          y: end.getUTCFullYear(),
          mo: end.getUTCMonth() + 1,
          d: end.getUTCDate(),
          h: end.getUTCHours(),
          mi: end.getUTCMinutes(),
          s: 0,
        },
        day.offset,
      );
    }
  }
  return buildTalk(
    {
      title: titleEl?.textContent,
      speakers: speakersFromText(firstText(el, '.speakers', 1000)),
      startsAt,
      endsAt,
      room: firstText(el, '.room', 200),
      track: firstText(el, '.track', 200),
      url: link,
    },
    base,
  );
}

export const pretalxScheduleAdapter: CaptureAdapter = {
  id: 'pretalx-schedule',
  matches: (_url, doc) => isPretalx(doc) && doc.querySelector('#fahrplan .pretalx-list-day') !== null,
  capture(doc, url) {
    const schedule: TalkRef[] = [];
    for (const dayEl of doc.querySelectorAll('#fahrplan .pretalx-list-day')) {
      const day = parseIso(dayEl.getAttribute('data-start'));
      for (const el of dayEl.querySelectorAll('.pretalx-session:not(.break)')) {
        if (schedule.length >= MAX_SCHEDULE) break;
        const talk = sessionTalk(el, day, url.href);
        if (talk) schedule.push(talk);
      }
    }
    if (schedule.length === 0) return null;
    const name = titleParts(doc).event ?? firstText(doc, 'header h1', 300);
    const slug = url.pathname.split('/schedule')[0] ?? '';
    const event = buildEvent({ name, url: `${url.origin}${slug}/` }, url.href);
    return { kind: 'page', platform: 'pretalx-schedule', schedule, ...(event ? { event } : {}) };
  },
};
