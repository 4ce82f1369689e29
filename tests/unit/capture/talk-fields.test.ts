/** The one list of talk fields drives the capture schema, the stored fields and the edit form. */
import { describe, expect, it } from 'vitest';
import { parseCapture } from '../../../capture/schema';
import { TALK_EDIT_FIELDS, TALK_FIELDS } from '../../../capture/talk-fields';

describe('talk fields', () => {
  it('lists every captured field, and the edit form the ones a person edits, with their labels', () => {
    expect(TALK_FIELDS).toEqual([
      'title',
      'speakers',
      'startsAt',
      'endsAt',
      'timezone',
      'room',
      'track',
      'abstract',
      'url',
      'slidesUrl',
      'videoUrl',
    ]);
    expect(TALK_EDIT_FIELDS).toEqual([
      { key: 'title', label: 'Title' },
      { key: 'speakers', label: 'Speakers' },
      { key: 'startsAt', label: 'Start' },
      { key: 'endsAt', label: 'End' },
      { key: 'room', label: 'Room' },
      { key: 'track', label: 'Track' },
      { key: 'slidesUrl', label: 'Slides link' },
      { key: 'videoUrl', label: 'Video link' },
    ]);
  });

  it('the capture schema keeps each field, cuts long text, drops bad links and needs title and speakers', () => {
    const base = { url: 'https://conf.example/t/1', title: 'Page', kind: 'session', platform: 'test' };
    const talk = {
      title: 'T'.repeat(600),
      speakers: [{ name: 'Ann' }],
      startsAt: '2024-05-23T10:00:00+02:00',
      endsAt: '2024-05-23T10:45:00+02:00',
      timezone: 'Europe/Brussels',
      room: 'K.1.105',
      track: 'Storage',
      abstract: 'About replication.',
      url: 'https://conf.example/t/1',
      slidesUrl: 'javascript:alert(1)',
      videoUrl: 'https://youtu.be/Q2PwKQCkZJ4',
    };
    expect(parseCapture({ ...base, talk })?.talk).toEqual({
      ...talk,
      title: 'T'.repeat(500),
      slidesUrl: undefined,
    });
    expect(parseCapture({ ...base, talk: { speakers: [] } })).toBeNull();
    expect(parseCapture({ ...base, talk: { title: 'No speakers' } })).toBeNull();
  });
});
