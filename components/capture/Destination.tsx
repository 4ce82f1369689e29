/**
 * The popup's "where will this note go" line, before saving: the talk the page (or its deck, or the
 * starred talk running now) files it under, how many notes that talk has, the slide, the kind the
 * typed prefix gives — and, in one step, another talk or none instead, and the talk's star.
 */
import type { PageCapture } from '../../capture/types';
import type { Destination as Where } from '../../storage/destination';
import { KIND_ICON, KIND_LABEL } from '../../storage/kinds';
import type { NotePlace } from '../../storage/move-notes';
import type { NoteKind } from '../../storage/types';

interface Props {
  capture: PageCapture;
  where: Where | undefined;
  /** The user's choice; undefined keeps the page's own destination. */
  to: NotePlace | undefined;
  onTo: (to: NotePlace | undefined) => void;
  onStar: (starred: boolean) => void;
  /** The kind the typed text's prefix sets, if any. */
  kind?: NoteKind;
}

const VIA: Record<'page' | 'deck' | 'now', string> = {
  page: 'this page’s talk',
  deck: 'this deck’s talk',
  now: 'starred, running now',
};

const short = (s: string) => (s.length > 48 ? `${s.slice(0, 47)}…` : s);
const count = (n: number) => (n === 1 ? '1 note' : `${n} notes`);

export function Destination({ capture, where, to, onTo, onStar, kind }: Props) {
  const talk = where?.talk;
  const value = to === undefined ? '' : to.talkId ? `talk:${to.talkId}` : 'none';
  const others = (where?.choices ?? []).filter((c) => c.id !== talk?.id);
  const details = [
    to === undefined && talk ? `${count(talk.notes)} on this talk` : '',
    capture.slide ? `slide ${capture.slide.label}` : '',
  ].filter(Boolean);
  return (
    <div class="flex flex-col gap-1" data-testid="note-destination">
      <div class="flex items-end gap-2">
        <label class="flex min-w-0 flex-1 flex-col gap-0.5 text-xs text-muted">
          Goes to
          <select
            class="field w-full truncate text-sm"
            value={value}
            onChange={(e) => {
              const v = e.currentTarget.value;
              onTo(v === '' ? undefined : v === 'none' ? {} : { talkId: v.slice('talk:'.length) });
            }}
          >
            <option value="">
              {talk ? `${short(talk.title)} (${VIA[talk.via]})` : 'This page only (no talk)'}
            </option>
            {talk && <option value="none">This page only (no talk)</option>}
            {others.length > 0 && (
              <optgroup label="Another talk">
                {others.map((c) => (
                  <option key={c.id} value={`talk:${c.id}`}>
                    {short(c.title)}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        {talk && to === undefined && (
          <button
            type="button"
            class="btn shrink-0"
            aria-pressed={talk.starred}
            title={talk.starred ? 'Unstar this talk' : 'Star this talk: it joins your agenda'}
            onClick={() => onStar(!talk.starred)}
          >
            <span aria-hidden="true">{talk.starred ? '★' : '☆'} </span>
            {talk.starred ? 'Starred' : 'Star'}
          </button>
        )}
      </div>
      {(details.length > 0 || kind) && (
        <p class="text-xs text-muted">
          {details.join(' · ')}
          {kind && kind !== 'note' && details.length > 0 ? ' · ' : ''}
          {kind && kind !== 'note' && (
            <span class="font-semibold text-accent" data-kind={kind}>
              <span aria-hidden="true">{KIND_ICON[kind]} </span>as a {KIND_LABEL[kind].toLowerCase()}
            </span>
          )}
        </p>
      )}
    </div>
  );
}
