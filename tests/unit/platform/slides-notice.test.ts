/**
 * "Notify me when promised slides appear": a notification only when the user turned it on and the
 * optional permission gave the API; otherwise nothing (the side panel's banner tells).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { notifySlidesFound, slidesNotice } from '../../../platform/slides-notice';
import { DEFAULT_NOTE_SETTINGS, setNoteSettings } from '../../../storage/settings';

const TALK = { id: 't1', title: 'Raft in practice' };

function fakeApi(fail = false) {
  const calls: unknown[][] = [];
  return {
    calls,
    api: {
      create(...args: unknown[]) {
        calls.push(args);
        return fail ? Promise.reject(new Error('no icon')) : Promise.resolve('t1');
      },
    },
  };
}

afterEach(() => setNoteSettings(DEFAULT_NOTE_SETTINGS));

describe('notifySlidesFound', () => {
  it('sends one notification naming the talk when the option is on and the API is there', async () => {
    setNoteSettings({ notifySlides: true });
    const { api, calls } = fakeApi();
    expect(await notifySlidesFound(TALK, api)).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe('talkmarks-slides-t1');
    expect(calls[0]![1]).toMatchObject({
      type: 'basic',
      title: 'Promised slides are online',
      message: 'The slides of “Raft in practice” are online now.',
    });
    expect(String((calls[0]![1] as { iconUrl: string }).iconUrl)).toMatch(/^data:image\/png;base64,/);
  });

  it('sends nothing when the option is off, or when the permission was not granted (no API)', async () => {
    const { api, calls } = fakeApi();
    expect(await notifySlidesFound(TALK, api)).toBe(false);
    expect(calls).toHaveLength(0);
    setNoteSettings({ notifySlides: true });
    expect(await notifySlidesFound(TALK, null)).toBe(false);
  });

  it('never throws when the browser refuses the notification', async () => {
    setNoteSettings({ notifySlides: true });
    const { api } = fakeApi(true);
    expect(await notifySlidesFound(TALK, api)).toBe(false);
  });

  it('keeps a long title short', () => {
    const long = { id: 'x', title: 'A'.repeat(300) };
    expect(slidesNotice(long).options.message).toBe(`The slides of “${'A'.repeat(119)}…” are online now.`);
  });
});
