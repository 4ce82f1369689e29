/**
 * The valibot schema of every record in a backup. Known fields are checked strictly (type, length,
 * range); fields this version does not know are kept, so a record written by another part of the
 * app survives a round trip. Limits match what the app itself accepts.
 */
import * as v from 'valibot';

const MAX_TEXT = 100_000;
const id = v.pipe(v.string(), v.regex(/^[0-9A-Za-z_:.-]{1,64}$/, 'is not a record id'));
const time = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8_640_000_000_000_000));
// Generous bounds: a backup of anything the app stored must import again.
const text = (max = 20_000) => v.pipe(v.string(), v.maxLength(max));
const opt = <T extends v.GenericSchema>(s: T) => v.optional(s);
const day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a YYYY-MM-DD date'));
const stringList = (max = 10_000) => v.pipe(v.array(text(1_000)), v.maxLength(max));

const base = {
  id,
  createdAt: time,
  updatedAt: time,
  deletedAt: opt(time),
};

export const eventSchema = v.looseObject({
  ...base,
  name: text(),
  url: opt(text(65_536)),
  startDate: opt(day),
  endDate: opt(day),
  timezone: opt(text(100)),
  location: opt(text()),
  editedFields: opt(stringList()),
});

export const talkSchema = v.looseObject({
  ...base,
  eventId: opt(id),
  title: text(),
  speakers: v.pipe(
    v.array(v.looseObject({ name: text(), url: opt(text(65_536)), affiliation: opt(text()) })),
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
  source: v.looseObject({ platform: text(100), url: text(65_536), capturedAt: time }),
});

export const deckSchema = v.looseObject({
  ...base,
  talkId: opt(id),
  url: text(65_536),
  title: text(),
  author: opt(text()),
  platform: text(100),
  slideCount: opt(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000))),
});

const index = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000));

export const noteSchema = v.looseObject({
  ...base,
  talkId: opt(id),
  deckId: opt(id),
  eventId: opt(id),
  url: text(65_536),
  pageTitle: opt(text()),
  anchor: opt(
    v.looseObject({
      slide: opt(v.looseObject({ index, label: text(2_000), title: opt(text()) })),
      time: opt(v.pipe(v.number(), v.minValue(0), v.maxValue(1e9))),
      quote: opt(
        v.looseObject({ exact: text(MAX_TEXT), prefix: opt(text(MAX_TEXT)), suffix: opt(text(MAX_TEXT)) }),
      ),
    }),
  ),
  body: v.pipe(v.string(), v.minLength(1, 'is empty'), v.maxLength(MAX_TEXT)),
  tags: stringList(),
  kind: v.picklist(['note', 'takeaway', 'quote', 'question', 'todo']),
  thumbnailId: opt(id),
});

export const blobSchema = v.looseObject({
  ...base,
  mime: v.pipe(v.string(), v.regex(/^image\/[a-z0-9.+-]{1,40}$/, 'is not an image type')),
  // 32 MB of image, base64-encoded.
  data: v.pipe(v.string(), v.maxLength(44_800_000), v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'is not base64')),
  width: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(20_000)),
  height: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(20_000)),
});

export const recapSchema = v.looseObject({
  ...base,
  title: text(),
  eventId: opt(id),
  day: opt(day),
  talkIds: v.pipe(v.array(id), v.maxLength(10_000)),
  templateId: id,
  intro: opt(text(MAX_TEXT)),
  outro: opt(text(MAX_TEXT)),
  talkOptions: opt(
    v.record(
      id,
      v.looseObject({ include: v.picklist(['all', 'takeaways', 'quotes']), thumbnails: v.boolean() }),
    ),
  ),
  frontMatter: opt(v.picklist(['none', 'jekyll', 'hugo'])),
  momentsOut: opt(v.pipe(v.array(id), v.maxLength(100_000))),
});

export const templateSchema = v.looseObject({
  ...base,
  name: text(),
  source: text(MAX_TEXT),
  builtin: v.boolean(),
});

export const RECORD_SCHEMAS = {
  events: eventSchema,
  talks: talkSchema,
  decks: deckSchema,
  blobs: blobSchema,
  notes: noteSchema,
  recaps: recapSchema,
  templates: templateSchema,
} as const;
