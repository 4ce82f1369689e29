/**
 * Runtime validation of captures arriving from content scripts. Whatever a page did to the content
 * script's world, what passes here is plain JSON of the right shape with bounded strings and
 * http(s)-only links.
 */
import * as v from 'valibot';
import { TALK_FIELD_DESCRIPTORS } from './talk-fields';
import type { PageCapture } from './types';
import { safeHttpUrl } from './url';

const text = (max: number) =>
  v.pipe(
    v.string(),
    v.transform((s) => (s.length > max ? s.slice(0, max) : s)),
  );
const link = v.pipe(
  v.string(),
  v.transform((s) => safeHttpUrl(s)),
);
const finite = v.pipe(v.number(), v.finite());

const SpeakerSchema = v.object({ name: text(200), url: v.optional(link) });

/** One entry per talk field, from the descriptors in capture/talk-fields.ts. */
const TalkSchema = v.object(
  Object.fromEntries(
    Object.entries(TALK_FIELD_DESCRIPTORS).map(([key, d]) => {
      const value =
        d.kind === 'speakers'
          ? v.pipe(v.array(SpeakerSchema), v.maxLength(50))
          : d.kind === 'link'
            ? link
            : text('max' in d ? d.max : 500);
      return [key, 'required' in d ? value : v.optional(value)];
    }),
  ),
);

export const PageCaptureSchema = v.object({
  url: v.pipe(v.string(), v.maxLength(4096)),
  title: text(500),
  kind: v.picklist(['slides', 'session', 'video', 'page']),
  platform: text(40),
  deck: v.optional(
    v.object({
      title: text(500),
      author: v.optional(text(200)),
      url: v.pipe(v.string(), v.maxLength(4096)),
      slideCount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    }),
  ),
  slide: v.optional(
    v.object({
      index: v.pipe(v.number(), v.integer(), v.minValue(0)),
      label: text(40),
      title: v.optional(text(500)),
      text: v.optional(text(4000)),
      imageUrl: v.optional(link),
      // A link that is not http(s) is dropped, not the whole capture.
      links: v.optional(
        v.pipe(
          v.array(v.object({ url: link, text: v.optional(text(200)) })),
          v.maxLength(20),
          v.transform((list) => list.filter((l) => typeof l.url === 'string' && l.url !== '')),
        ),
      ),
    }),
  ),
  talk: v.optional(TalkSchema),
  event: v.optional(
    v.object({
      name: text(300),
      url: v.optional(link),
      timezone: v.optional(text(64)),
      startDate: v.optional(text(10)),
      endDate: v.optional(text(10)),
      location: v.optional(text(300)),
    }),
  ),
  video: v.optional(v.object({ currentTime: finite, duration: v.optional(finite) })),
  schedule: v.optional(v.pipe(v.array(TalkSchema), v.maxLength(1000))),
  sessionUrl: v.optional(link),
  evidence: v.optional(
    v.object(
      Object.fromEntries(
        ['title', 'speakers', 'event', 'slidesUrl', 'videoUrl', 'startsAt'].map((k) => [
          k,
          v.optional(text(20)),
        ]),
      ),
    ),
  ),
  candidates: v.optional(
    v.object(
      Object.fromEntries(
        ['title', 'speakers', 'event', 'slidesUrl', 'videoUrl', 'startsAt'].map((k) => [
          k,
          v.optional(
            v.pipe(
              v.array(
                v.object({
                  // Links stay http(s) only: a bad one is dropped, not the whole capture.
                  value: k === 'slidesUrl' || k === 'videoUrl' ? link : text(500),
                  source: text(20),
                  label: v.optional(text(100)),
                }),
              ),
              v.maxLength(50),
              v.transform((list) => list.filter((c) => typeof c.value === 'string' && c.value !== '')),
            ),
          ),
        ]),
      ),
    ),
  ),
  slideRect: v.optional(v.object({ x: finite, y: finite, width: finite, height: finite })),
});

/** Validates an untrusted capture; returns null (and never throws) when it is not one. */
export function parseCapture(input: unknown): PageCapture | null {
  const result = v.safeParse(PageCaptureSchema, input);
  if (!result.success) return null;
  const out = result.output;
  // Dropped links come back as undefined keys: strip them so the result stays plain JSON.
  return JSON.parse(JSON.stringify(out)) as PageCapture;
}
