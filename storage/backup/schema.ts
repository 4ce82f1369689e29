/**
 * The valibot schema of every record in a backup. Known fields are checked strictly (type, length,
 * range, timestamps no later than a day after the import); fields this version does not know are
 * dropped from events, talks, decks, notes and recaps (the rest of the record is good data) and
 * refused in slide images and templates (an image or a template is taken whole or not at all).
 * Limits match what the app itself accepts. docs/backup-format.md lists the rules.
 */
import * as v from 'valibot';

export const MAX_TEXT = 100_000;
/** How far after the import a timestamp may be (clocks of two devices differ a little). */
export const CLOCK_SLACK_MS = 24 * 60 * 60 * 1000;
/** Image types a slide image may have; each is checked by the bytes it starts with. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** A JSON object (valibot's object schemas take arrays too). */
const plain = v.custom<Record<string, unknown>>(
  (x) => typeof x === 'object' && x !== null && !Array.isArray(x),
  'is not an object',
);
/** An object whose fields this version does not know are dropped. */
const obj = <E extends v.ObjectEntries>(entries: E) => v.pipe(plain, v.object(entries));

const id = v.pipe(v.string(), v.regex(/^[0-9A-Za-z_:.-]{1,64}$/, 'is not a record id'));
// Generous bounds: a backup of anything the app stored must import again.
const text = (max = 20_000) => v.pipe(v.string(), v.maxLength(max));
const opt = <T extends v.GenericSchema>(s: T) => v.optional(s);
const day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a YYYY-MM-DD date'));
const stringList = (max = 10_000) => v.pipe(v.array(text(1_000)), v.maxLength(max));

/** The record schemas for an import made at `now`. */
export function recordSchemas(now = Date.now()) {
  const latest = now + CLOCK_SLACK_MS;
  const time = v.pipe(
    v.number(),
    v.integer(),
    v.minValue(0),
    v.maxValue(latest, () => `is later than tomorrow (${new Date(latest).toISOString()})`),
  );
  const base = {
    id,
    createdAt: time,
    updatedAt: time,
    deletedAt: opt(time),
  };

  const eventSchema = obj({
    ...base,
    name: text(),
    url: opt(text(65_536)),
    startDate: opt(day),
    endDate: opt(day),
    timezone: opt(text(100)),
    location: opt(text()),
    editedFields: opt(stringList()),
  });

  const talkSchema = obj({
    ...base,
    eventId: opt(id),
    title: text(),
    speakers: v.pipe(
      v.array(obj({ name: text(), url: opt(text(65_536)), affiliation: opt(text()) })),
      v.maxLength(10_000),
    ),
    startsAt: opt(text(64)),
    endsAt: opt(text(64)),
    timezone: opt(text(100)),
    room: opt(text()),
    track: opt(text()),
    abstract: opt(text(MAX_TEXT)),
    url: opt(text(65_536)),
    slidesUrl: opt(text(65_536)),
    videoUrl: opt(text(65_536)),
    tags: stringList(),
    starredAt: opt(time),
    editedFields: opt(stringList()),
    source: obj({ platform: text(100), url: text(65_536), capturedAt: time }),
    startedAt: opt(time),
    recording: opt(
      obj({
        url: text(65_536),
        startSec: v.pipe(v.number(), v.minValue(-1e7), v.maxValue(1e9)),
        alignedAt: time,
      }),
    ),
    slidesPromise: opt(obj({ at: time, by: opt(text(200)), fulfilledAt: opt(time) })),
  });

  const deckSchema = obj({
    ...base,
    talkId: opt(id),
    url: text(65_536),
    title: text(),
    author: opt(text()),
    platform: text(100),
    slideCount: opt(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000))),
  });

  const index = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000));

  const noteSchema = obj({
    ...base,
    talkId: opt(id),
    deckId: opt(id),
    eventId: opt(id),
    url: text(65_536),
    pageTitle: opt(text()),
    anchor: opt(
      obj({
        slide: opt(
          obj({
            index,
            label: text(2_000),
            title: opt(text()),
            links: opt(v.pipe(v.array(obj({ url: text(4_096), text: opt(text(1_000)) })), v.maxLength(100))),
          }),
        ),
        time: opt(v.pipe(v.number(), v.minValue(0), v.maxValue(1e9))),
        quote: opt(obj({ exact: text(MAX_TEXT), prefix: opt(text(MAX_TEXT)), suffix: opt(text(MAX_TEXT)) })),
      }),
    ),
    talkOffsetSec: opt(v.pipe(v.number(), v.minValue(0), v.maxValue(1e9))),
    body: v.pipe(v.string(), v.minLength(1, 'is empty'), v.maxLength(MAX_TEXT)),
    tags: stringList(),
    kind: v.picklist(['note', 'takeaway', 'quote', 'question', 'todo']),
    visibility: opt(v.picklist(['public', 'private'])),
    thumbnailId: opt(id),
    conflictOf: opt(id),
    conflictVersion: opt(text(200)),
    restoredBySync: opt(v.boolean()),
  });

  /** Slide images and templates are taken whole or not at all: a field they do not have is refused. */
  const whole = (issue: v.BaseIssue<unknown>) =>
    issue.expected === 'never'
      ? 'is a field this record does not have (slide images and templates are refused, not trimmed)'
      : `is ${issue.received}, not a record`;

  const blobSchema = v.pipe(
    plain,
    v.strictObject(
      {
        ...base,
        mime: v.picklist(IMAGE_TYPES, 'is not PNG, JPEG or WebP'),
        // 32 MB of image, base64-encoded. Strict base64 is checked as it is decoded (storage/backup/read.ts):
        // one pass over the image instead of a regular expression and then the decoder.
        data: v.pipe(v.string(), v.maxLength(44_800_000)),
        width: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(20_000)),
        height: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(20_000)),
      },
      whole,
    ),
  );

  const recapSchema = obj({
    ...base,
    title: text(),
    eventId: opt(id),
    day: opt(day),
    talkIds: v.pipe(v.array(id), v.maxLength(10_000)),
    templateId: id,
    intro: opt(text(MAX_TEXT)),
    outro: opt(text(MAX_TEXT)),
    talkOptions: opt(
      v.pipe(
        plain,
        v.record(id, obj({ include: v.picklist(['all', 'takeaways', 'quotes']), thumbnails: v.boolean() })),
      ),
    ),
    frontMatter: opt(v.picklist(['none', 'jekyll', 'hugo'])),
    momentsOut: opt(v.pipe(v.array(id), v.maxLength(100_000))),
    themes: opt(v.pipe(v.array(obj({ tag: text(1_000), name: text() })), v.maxLength(1_000))),
    pictures: opt(v.pipe(v.array(id), v.maxLength(100_000))),
    // The edited post and what it was edited from: each at most ten note bodies long.
    edited: opt(obj({ markdown: text(10 * MAX_TEXT), from: text(10 * MAX_TEXT) })),
  });

  const templateSchema = v.pipe(
    plain,
    v.strictObject(
      {
        ...base,
        name: v.pipe(
          text(),
          v.check((n) => n.trim().length > 0, 'is empty'),
        ),
        source: text(MAX_TEXT),
        builtin: v.literal(false, 'says built-in: built-in templates come with Talkmarks, never from a file'),
      },
      whole,
    ),
  );

  const RECORD_SCHEMAS = {
    events: eventSchema,
    talks: talkSchema,
    decks: deckSchema,
    blobs: blobSchema,
    notes: noteSchema,
    recaps: recapSchema,
    templates: templateSchema,
  } as const;

  return RECORD_SCHEMAS;
}
