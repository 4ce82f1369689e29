/**
 * How many of the day's notes are in the post, and which are out and why: nothing is left out
 * silently. Each reason opens to the notes it covers; talks left out can be put back.
 */
import type { Coverage } from '../../recap/coverage';
import { KIND_LABEL, withKindSplit } from '../../storage/kinds';
import { PrivateLock } from '../notes/PrivateLock';

interface Props {
  coverage: Coverage;
  /** Puts a talk the user left out back into the recap. */
  onPutBack?: (talkId: string) => void;
}

export function RecapCoverage({ coverage, onPutBack }: Props) {
  return (
    <section class="flex flex-col gap-1 text-sm" aria-label="Notes in the post" data-testid="recap-coverage">
      <p role="status">{coverage.summary}</p>
      {coverage.out.length > 0 && (
        <ul class="flex flex-col gap-1" aria-label="Notes left out">
          {coverage.out.map((group) => (
            <li key={group.reason} data-reason={group.reason}>
              <details>
                <summary class="cursor-pointer">{group.label}</summary>
                <ul class="ml-4 flex list-disc flex-col gap-1 text-xs">
                  {group.notes.map(({ note, text, where }) => {
                    const kind = withKindSplit(note).kind;
                    return (
                      <li key={note.id}>
                        <PrivateLock note={note} />
                        {kind !== 'note' && <span class="text-muted">{KIND_LABEL[kind]}: </span>}
                        {text}
                        <span class="text-muted"> — {where}</span>
                      </li>
                    );
                  })}
                </ul>
                {onPutBack &&
                  group.talks?.map((talk) => (
                    <button
                      key={talk.id}
                      type="button"
                      class="btn btn-ghost mt-1 text-xs underline"
                      onClick={() => onPutBack(talk.id)}
                    >
                      Put back {talk.title}
                    </button>
                  ))}
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
