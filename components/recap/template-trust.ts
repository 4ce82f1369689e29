/**
 * Which templates the user wrote on this device: the only ones whose raw HTML a post keeps.
 *
 * A template record says nothing trustworthy about where it came from (a backup or another device
 * can write any field), so the mark is kept outside the database, in this extension's
 * `localStorage`, which neither backups nor sync read or write: template id → SHA-256 of the source
 * saved here. Saving a template in the editor on this device writes the mark; a template imported,
 * synced, or changed by an import or a sync since (another source, so another hash) has none.
 */
import { useEffect, useState } from 'preact/hooks';

const KEY = 'talkmarks:own-templates';

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function readMarks(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      ),
    );
  } catch {
    return {};
  }
}

function writeMarks(marks: Record<string, string>): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(marks));
  } catch {
    // No storage (or full): the template simply counts as not written here; its HTML stays text.
  }
}

/** Records that the user saved this template's source on this device. */
export async function markOwnTemplate(id: string, source: string): Promise<void> {
  if (id.startsWith('builtin:')) return;
  const hash = await sha256(source);
  writeMarks({ ...readMarks(), [id]: hash });
}

/** Forgets the mark (the template was deleted). */
export function unmarkOwnTemplate(id: string): void {
  const marks = readMarks();
  if (!(id in marks)) return;
  delete marks[id];
  writeMarks(marks);
}

/** True when this exact source was saved as this template on this device. */
export async function isOwnTemplate(id: string, source: string): Promise<boolean> {
  if (id.startsWith('builtin:')) return false;
  const mark = readMarks()[id];
  return mark !== undefined && mark === (await sha256(source));
}

/** {@link isOwnTemplate} for a view; false until known (HTML stays text meanwhile). */
export function useOwnTemplate(id: string, source: string): boolean {
  const [own, setOwn] = useState<{ key: string; value: boolean }>({ key: '', value: false });
  const key = `${id}\n${source}`;
  useEffect(() => {
    let live = true;
    void isOwnTemplate(id, source).then((value) => {
      if (live) setOwn({ key, value });
    });
    return () => {
      live = false;
    };
  }, [key]);
  return own.key === key && own.value;
}
