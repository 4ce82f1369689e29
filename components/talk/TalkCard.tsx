/**
 * The talk card: title, speakers, time (the event's and the user's), room, track, slides and video
 * links, the star, and — for a stored talk — editing by hand. Everything a page supplied renders as
 * text; links are http(s) only.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { TalkRef } from '../../capture/types';
import type { TalkPatch } from '../../storage/talks';
import type { TalkRecord } from '../../storage/types';
import { TalkEditForm } from './TalkEditForm';
import { TalkLinks } from './TalkLinks';
import { TalkStar } from './TalkStar';
import { TalkTime } from './TalkTime';

interface Props {
  talk: TalkRef | TalkRecord;
  /** The stored record, when there is one (editing needs it). */
  record?: TalkRecord;
  eventName?: string;
  starred: boolean;
  onStar: () => Promise<void>;
  onEdit?: (patch: TalkPatch) => Promise<void>;
  /** Heading level of the title (the card sits under different headings). */
  level?: 2 | 3;
  children?: ComponentChildren;
}

export function TalkCard({ talk, record, eventName, starred, onStar, onEdit, level = 2, children }: Props) {
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const Heading = level === 2 ? 'h2' : 'h3';
  const star = async () => {
    setBusy(true);
    try {
      await onStar();
      setError('');
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The talk could not be starred.');
    } finally {
      setBusy(false);
    }
  };

  if (editing && record && onEdit) {
    return (
      <section class="card" aria-label="Talk">
        <TalkEditForm
          talk={record}
          onCancel={() => setEditing(false)}
          onSave={async (patch) => {
            await onEdit(patch);
            setEditing(false);
          }}
        />
      </section>
    );
  }

  return (
    <section class="card flex flex-col gap-1.5" aria-label="Talk" data-testid="talk-card">
      <div class="flex items-start justify-between gap-2">
        <Heading class="text-base font-semibold break-words">{talk.title}</Heading>
        <TalkStar starred={starred} onToggle={() => void star()} title={talk.title} busy={busy} />
      </div>
      {talk.speakers.length > 0 && (
        <p class="text-sm" data-testid="talk-speakers">
          {talk.speakers.map((s) => s.name).join(', ')}
        </p>
      )}
      <TalkTime startsAt={talk.startsAt} endsAt={talk.endsAt} timezone={talk.timezone} />
      {(talk.room || talk.track || eventName) && (
        <p class="text-sm text-muted">{[talk.room, talk.track, eventName].filter(Boolean).join(' · ')}</p>
      )}
      <TalkLinks url={talk.url} slidesUrl={talk.slidesUrl} videoUrl={talk.videoUrl} />
      {talk.abstract && (
        <details class="text-sm">
          <summary class="cursor-pointer text-muted">About this talk</summary>
          <p class="mt-1 whitespace-pre-line break-words">{talk.abstract}</p>
        </details>
      )}
      {error && (
        <p role="alert" class="text-sm text-danger">
          {error}
        </p>
      )}
      {record && onEdit && (
        <div class="flex justify-end">
          <button type="button" class="btn btn-ghost text-xs" onClick={() => setEditing(true)}>
            Edit talk
          </button>
        </div>
      )}
      {children}
    </section>
  );
}
