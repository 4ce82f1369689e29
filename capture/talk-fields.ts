/**
 * The talk fields, described once. The capture type (`TalkRef`), the capture schema, the stored
 * talk (`TalkRecord`), the fields a capture refreshes (`TALK_FIELDS`) and the talk edit form all
 * derive from this list: a new field is one line here.
 */
import type { Speaker } from './types';

interface FieldDescriptor {
  /** `text`: bounded plain text; `link`: an http(s) URL; `speakers`: a list of names. */
  kind: 'text' | 'link' | 'speakers';
  /** Longest text kept (longer is cut), for `text` fields. */
  max?: number;
  /** Every talk has it. */
  required?: true;
  /** The label of its input in the talk edit form; absent when the form does not edit it. */
  edit?: string;
}

export const TALK_FIELD_DESCRIPTORS = {
  title: { kind: 'text', max: 500, required: true, edit: 'Title' },
  speakers: { kind: 'speakers', required: true, edit: 'Speakers' },
  startsAt: { kind: 'text', max: 40, edit: 'Start' },
  endsAt: { kind: 'text', max: 40, edit: 'End' },
  timezone: { kind: 'text', max: 64 },
  room: { kind: 'text', max: 200, edit: 'Room' },
  track: { kind: 'text', max: 200, edit: 'Track' },
  abstract: { kind: 'text', max: 10_000 },
  url: { kind: 'link' },
  slidesUrl: { kind: 'link', edit: 'Slides link' },
  videoUrl: { kind: 'link', edit: 'Video link' },
} as const satisfies Record<string, FieldDescriptor>;

type Descriptors = typeof TALK_FIELD_DESCRIPTORS;
export type TalkField = keyof Descriptors;

type ValueOf<K extends TalkField> = Descriptors[K] extends { kind: 'speakers' } ? Speaker[] : string;
type RequiredField = { [K in TalkField]: Descriptors[K] extends { required: true } ? K : never }[TalkField];
type OptionalField = Exclude<TalkField, RequiredField>;

/** What a capture knows about a talk (and the captured part of a stored talk). */
export type TalkFields = { [K in RequiredField]: ValueOf<K> } & { [K in OptionalField]?: ValueOf<K> };

/** Every talk field, in the order above: the fields a capture fills and the user may edit. */
export const TALK_FIELDS = Object.keys(TALK_FIELD_DESCRIPTORS) as TalkField[];

/** A field the talk edit form shows. */
export type EditableTalkField = {
  [K in TalkField]: Descriptors[K] extends { edit: string } ? K : never;
}[TalkField];

/** The edit form's fields and labels, in order. */
export const TALK_EDIT_FIELDS = Object.entries(TALK_FIELD_DESCRIPTORS).flatMap(([key, d]) =>
  'edit' in d ? [{ key: key as EditableTalkField, label: d.edit }] : [],
);
