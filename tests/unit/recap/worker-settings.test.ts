/**
 * The render worker has no storage: the composer sends its note settings with each request
 * (components/recap/useRenderWorker.ts), and the worker composes with them — a note tagged with the
 * user's private tag stays out, a note in the user's promise words promises the slides.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { composeRequest } from '../../../recap/render-worker';
import { buildNote } from '../../../storage/notes';
import { DEFAULT_NOTE_SETTINGS, noteSettings, setNoteSettings } from '../../../storage/settings';
import type { TalkRecord } from '../../../storage/types';

afterEach(() => setNoteSettings(DEFAULT_NOTE_SETTINGS));

const TALK: TalkRecord = {
  id: 'T1',
  createdAt: 0,
  updatedAt: 0,
  title: 'Raft in practice',
  speakers: [{ name: 'Ann Lee' }],
  url: 'https://example.org/talk/1',
  tags: [],
  source: { platform: 'test', url: 'https://example.org/talk/1', capturedAt: 0 },
};

const note = (body: string, i: number) => {
  const n = buildNote(
    { body, url: TALK.url!, talkId: TALK.id },
    Date.parse('2024-05-02T09:00:00Z') + i * 60_000,
  );
  n.id = `N${i}`;
  return n;
};

const TEMPLATE =
  '{% for t in talks %}{% for s in t.sentences %}[{{ s }}]{% endfor %}|{{ t.slides_promise }}{% endfor %}';

function compose(settings?: object): string {
  const result = composeRequest({
    id: 1,
    input: {
      talks: [
        {
          talk: TALK,
          notes: [
            note('Quorum reads cost a round trip #off-record', 0),
            note('Leases keep the leader honest #private', 1),
            note('Deck to follow, says the speaker', 2),
          ],
        },
      ],
    },
    thumbs: [],
    options: { template: TEMPLATE },
    ...(settings ? { settings: settings as never } : {}),
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.markdown;
}

describe('the render worker’s note settings', () => {
  it('without settings: the defaults (#private is private, no promise in "deck to follow")', () => {
    const post = compose();
    expect(post).toContain('Quorum reads cost a round trip');
    expect(post).not.toContain('Leases keep the leader honest');
    expect(post).not.toMatch(/promised/i);
  });

  it('with the page’s settings: #off-record is private, "deck to follow" promises the slides', () => {
    const post = compose({ privateTag: 'off-record', promiseWords: ['deck to follow'], notifySlides: false });
    expect(post).not.toContain('Quorum reads cost a round trip');
    expect(post).toContain('Leases keep the leader honest');
    expect(post).toMatch(/promised/i);
    expect(noteSettings().privateTag).toBe('off-record');
  });
});
