/**
 * pretalx's JSON alternate: talk.html links `/api/events/{event}/talks/{CODE}` with
 * `<link rel="alternate" type="application/json">`. The API gives the slot as ISO with offset, the
 * track, the room and the resources; values may be plain strings or `{ "en": … }` translations.
 * Newer API versions return ids instead of objects unless expanded: those are ignored, not guessed.
 */
import { isNode, type LdNode } from '../metadata/jsonld';
import { cleanSpeakers } from '../speakers';
import { instantOf, normalizeDateTime } from '../time';
import type { FetchJson, PageCapture, TalkRef } from '../types';
import { safeHttpUrl } from '../url';
import { abstractText, isSlidesLink, isVideoLink } from './common';

/** A pretalx i18n value as text: "Room A" or { en: "Room A", de: "Raum A" } (first language). */
function i18n(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (isNode(value)) {
    const first = value.en ?? Object.values(value).find((v) => typeof v === 'string');
    return typeof first === 'string' && first.trim() ? first.trim() : undefined;
  }
  return undefined;
}

/** The talk fields the API answer carries (only those it really has). */
export function talkFromPretalxApi(json: unknown, base: string, zone?: string): Partial<TalkRef> {
  if (!isNode(json)) return {};
  const out: Partial<TalkRef> = {};
  const title = i18n(json.title);
  if (title) out.title = title.slice(0, 500);
  const speakers = Array.isArray(json.speakers)
    ? cleanSpeakers(json.speakers.filter(isNode).map((s: LdNode) => ({ name: i18n(s.name) })))
    : [];
  if (speakers.length) out.speakers = speakers;
  const slot = isNode(json.slot)
    ? json.slot
    : Array.isArray(json.slots)
      ? json.slots.find(isNode)
      : undefined;
  if (slot) {
    const start = normalizeDateTime(typeof slot.start === 'string' ? slot.start : undefined, zone);
    const end = normalizeDateTime(typeof slot.end === 'string' ? slot.end : undefined, zone);
    if (start) out.startsAt = start;
    if (start && end && instantOf(end) > instantOf(start)) out.endsAt = end;
    const room = i18n(isNode(slot.room) && 'name' in slot.room ? slot.room.name : slot.room);
    if (room) out.room = room.slice(0, 200);
  }
  const track = i18n(isNode(json.track) && 'name' in json.track ? json.track.name : json.track);
  if (track) out.track = track.slice(0, 200);
  const abstract = abstractText([i18n(json.abstract), i18n(json.description)].filter(Boolean).join('\n\n'));
  if (abstract) out.abstract = abstract;
  for (const r of Array.isArray(json.resources) ? json.resources.filter(isNode) : []) {
    const href = safeHttpUrl(typeof r.resource === 'string' ? r.resource : i18n(r.url), base);
    const label = i18n(r.description) ?? '';
    if (!href) continue;
    if (!out.slidesUrl && isSlidesLink(href, label)) out.slidesUrl = href;
    else if (!out.videoUrl && isVideoLink(href)) out.videoUrl = href;
  }
  return out;
}

/** Merges API fields into the page's talk: the page's values win except where the page had none. */
export function mergeTalk(page: TalkRef, api: Partial<TalkRef>): TalkRef {
  const merged: TalkRef = { ...page };
  for (const [key, value] of Object.entries(api) as [keyof TalkRef, TalkRef[keyof TalkRef]][]) {
    const current = merged[key];
    const empty = current === undefined || current === '' || (Array.isArray(current) && current.length === 0);
    if (empty && value !== undefined) Object.assign(merged, { [key]: value });
  }
  if (merged.endsAt && !merged.startsAt) delete merged.endsAt;
  return merged;
}

/** The pretalx `enrich` step: fetch the JSON alternate (same origin only) and merge it. */
export async function enrichFromPretalxApi(
  capture: PageCapture,
  doc: Document,
  fetchJson: FetchJson,
): Promise<PageCapture> {
  try {
    if (!capture.talk) return capture;
    const link = doc.querySelector('link[rel~="alternate" i][type="application/json" i][href]');
    const href = safeHttpUrl(link?.getAttribute('href'), capture.url);
    if (!href || new URL(href).origin !== new URL(capture.url).origin) return capture;
    const json = await fetchJson(href);
    const api = talkFromPretalxApi(json, capture.url, capture.talk.timezone ?? capture.event?.timezone);
    return { ...capture, talk: mergeTalk(capture.talk, api) };
  } catch {
    return capture;
  }
}
