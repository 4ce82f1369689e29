/**
 * Private notes and promised slides (issue 16): the tag that makes a note private and the phrases
 * that make a note a promise of slides (storage/settings.ts), saved in `storage.local` and in force
 * in every page (platform/note-settings.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import { loadNoteSettings, saveNoteSettings } from '../../platform/note-settings';
import {
  notificationsGranted,
  releaseNotifications,
  requestNotifications,
} from '../../platform/slides-notice';
import {
  checkPrivateTag,
  checkPromiseWords,
  DEFAULT_PRIVATE_TAG,
  DEFAULT_PROMISE_WORDS,
  MAX_PHRASES,
  type NoteSettings,
} from '../../storage/settings';
import { Section } from './Section';

type Status = { kind: 'idle' } | { kind: 'done' | 'error'; message: string };

export function NotesSection() {
  const [saved, setSaved] = useState<NoteSettings | null>(null);
  const [tag, setTag] = useState('');
  const [words, setWords] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [tagError, setTagError] = useState('');
  const [wordsError, setWordsError] = useState('');
  const [notifyStatus, setNotifyStatus] = useState('');

  useEffect(() => {
    let live = true;
    void loadNoteSettings().then(async (s) => {
      // Turned on, but the permission was taken back in the browser's settings: shown as off.
      const next = s.notifySlides && !(await notificationsGranted()) ? { ...s, notifySlides: false } : s;
      if (!live) return;
      setSaved(next);
      setTag(next.privateTag);
      setWords(next.promiseWords.join('\n'));
    });
    return () => {
      live = false;
    };
  }, []);

  const save = async (next: { tag: string; words: string }) => {
    if (!saved) return;
    const t = checkPrivateTag(next.tag);
    const w = checkPromiseWords(next.words);
    setTagError(t.ok ? '' : t.error);
    setWordsError(w.ok ? '' : w.error);
    if (!t.ok || !w.ok) {
      setStatus({ kind: 'error', message: 'Not saved: see the field above.' });
      return;
    }
    try {
      const now = await saveNoteSettings({ ...saved, privateTag: t.value, promiseWords: w.value });
      setSaved(now);
      setTag(now.privateTag);
      setWords(now.promiseWords.join('\n'));
      setStatus({
        kind: 'done',
        message: `Saved: notes tagged #${now.privateTag} are private; ${now.promiseWords.length === 1 ? 'one phrase marks' : `${now.promiseWords.length} phrases mark`} slides promised.`,
      });
    } catch {
      setStatus({ kind: 'error', message: 'The settings could not be saved.' });
    }
  };

  // The browser asks for a permission only during the click: the request goes before anything awaits.
  const setNotify = (on: boolean) => {
    if (!saved) return;
    const asked = on ? requestNotifications() : releaseNotifications().then(() => false);
    void asked.then(async (granted) => {
      const want = on && granted;
      try {
        setSaved(await saveNoteSettings({ ...saved, notifySlides: want }));
        setNotifyStatus(
          want
            ? 'You will get a notification when promised slides appear.'
            : on
              ? 'Notifications were not allowed: the side panel’s banner stays the only signal.'
              : 'No notifications: the side panel’s banner tells you.',
        );
      } catch {
        setNotifyStatus('The setting could not be saved.');
      }
    });
  };

  return (
    <Section
      id="notes"
      title="Private notes and promised slides"
      about={
        <>
          A note is private when it starts with <code>% </code>, when you press its <strong>Private</strong>{' '}
          button, or when it carries the tag you name here. A note holding one of the phrases below marks its
          talk’s slides as promised, and Talkmarks watches for them.
        </>
      }
    >
      {saved === null ? (
        <p class="text-sm text-muted">Reading the settings…</p>
      ) : (
        <form
          class="flex flex-col gap-3"
          aria-label="Private notes and promised slides"
          onSubmit={(e) => {
            e.preventDefault();
            void save({ tag, words });
          }}
        >
          <label class="flex flex-col gap-1 text-sm">
            Tag that makes a note private
            <span class="flex items-center gap-1">
              <span aria-hidden="true">#</span>
              <input
                class="field"
                name="private-tag"
                value={tag}
                maxLength={60}
                aria-invalid={tagError ? 'true' : undefined}
                aria-describedby="private-tag-help"
                onInput={(e) => setTag(e.currentTarget.value)}
              />
            </span>
            <span id="private-tag-help" class={`text-xs ${tagError ? 'text-danger' : 'text-muted'}`}>
              {tagError || `Letters, digits, - and _ (default: ${DEFAULT_PRIVATE_TAG}).`}
            </span>
          </label>
          <label class="flex flex-col gap-1 text-sm">
            Phrases that mark slides promised (one a line)
            <textarea
              class="field"
              name="promise-words"
              rows={3}
              value={words}
              aria-invalid={wordsError ? 'true' : undefined}
              aria-describedby="promise-words-help"
              onInput={(e) => setWords(e.currentTarget.value)}
            />
            <span id="promise-words-help" class={`text-xs ${wordsError ? 'text-danger' : 'text-muted'}`}>
              {wordsError ||
                `At most ${MAX_PHRASES}; case and spacing do not matter (default: ${DEFAULT_PROMISE_WORDS.map((w) => `“${w}”`).join(', ')}).`}
            </span>
          </label>
          <div class="flex flex-wrap gap-2">
            <button type="submit" class="btn btn-primary">
              Save
            </button>
            <button
              type="button"
              class="btn"
              onClick={() => {
                const next = { tag: DEFAULT_PRIVATE_TAG, words: DEFAULT_PROMISE_WORDS.join('\n') };
                setTag(next.tag);
                setWords(next.words);
                void save(next);
              }}
            >
              Back to the defaults
            </button>
          </div>
        </form>
      )}
      {saved !== null && (
        <div class="flex flex-col gap-1 text-sm">
          <label class="flex items-center gap-2">
            <input
              type="checkbox"
              name="notify-slides"
              checked={saved.notifySlides}
              onChange={(e) => setNotify(e.currentTarget.checked)}
            />
            Notify me when promised slides appear
          </label>
          <span class="text-xs text-muted">
            A system notification as well as the side panel’s banner. The browser asks you to allow
            notifications when you turn this on.
          </span>
          <p role="status" class="text-sm" data-testid="notify-status">
            {notifyStatus}
          </p>
        </div>
      )}
      <p
        role="status"
        class={`text-sm ${status.kind === 'error' ? 'text-danger' : ''}`}
        data-testid="notes-status"
      >
        {status.kind === 'idle' ? '' : status.message}
      </p>
    </Section>
  );
}
