/**
 * The note settings (storage/settings.ts) kept in `storage.local`: read before a page renders, put
 * in force for the whole page, and kept in step when the options page saves new ones (in this
 * context or another).
 */
import { browser } from 'wxt/browser';
import { type NoteSettings, noteSettings, parseNoteSettings, setNoteSettings } from '../storage/settings';

/** `storage.local` key of the note settings. */
export const NOTE_SETTINGS_KEY = 'noteSettings';

let watching = false;
let loading: Promise<NoteSettings> | undefined;

/** The stored settings (validated; defaults for anything missing or malformed). */
export async function readNoteSettings(): Promise<NoteSettings> {
  const got = await browser.storage.local.get(NOTE_SETTINGS_KEY);
  return parseNoteSettings(got[NOTE_SETTINGS_KEY]);
}

/**
 * Reads the stored settings into force here and follows later changes. Never rejects: where
 * storage cannot be read the defaults stay in force. Loads once per context.
 */
export function loadNoteSettings(): Promise<NoteSettings> {
  if (!watching) {
    watching = true;
    try {
      browser.storage.onChanged.addListener((changes, area) => {
        if (area === 'local' && NOTE_SETTINGS_KEY in changes) {
          setNoteSettings(changes[NOTE_SETTINGS_KEY]?.newValue);
        }
      });
    } catch {
      // No storage events here: the settings read now stay in force.
    }
  }
  loading ??= readNoteSettings().then(
    (s) => setNoteSettings(s),
    () => noteSettings(),
  );
  return loading;
}

/** Saves settings (already checked by the caller; validated again) and puts them in force here. */
export async function saveNoteSettings(next: NoteSettings): Promise<NoteSettings> {
  const value = parseNoteSettings(next);
  await browser.storage.local.set({
    [NOTE_SETTINGS_KEY]: {
      privateTag: value.privateTag,
      promiseWords: [...value.promiseWords],
      notifySlides: value.notifySlides,
    },
  });
  return setNoteSettings(value);
}
