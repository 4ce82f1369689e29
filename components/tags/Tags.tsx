/**
 * Tags: every tag with its counts. Pick one to show its notes, rename it (renaming onto a tag in use
 * merges the two), or delete it — across all notes and talks at once, with undo.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { sendMessage } from '../../messaging/protocol';
import { type TagChange, type TagCount, tagCounts } from '../../storage/tag-admin';
import { normalizeTag } from '../../storage/tags';
import { LibraryList } from '../library/LibraryList';
import { openLibrary } from '../library/LibraryNav';
import { PlaceRow, ROW_HEIGHT } from '../library/LibraryRow';
import type { ToastState } from '../shared/Toast';
import { useLive } from '../shared/useLive';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

function describe(change: TagChange, notes: number): string {
  if (change.action === 'delete') return `Removed #${change.from} from ${plural(notes, 'item', 'items')}`;
  const verb = change.action === 'merge' ? 'Merged' : 'Renamed';
  return `${verb} #${change.from} into #${change.to} (${plural(notes, 'item', 'items')})`;
}

export function Tags({ notify }: { notify: (t: ToastState) => void }) {
  const counts = useLive(tagCounts, []);
  const [narrow, setNarrow] = useState('');
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<string | null>(null);
  const all = counts.status === 'ready' ? counts.value : [];
  const typed = normalizeTag(narrow) || narrow.trim().toLowerCase();
  const shown = typed ? all.filter((t) => t.tag.includes(typed)) : all;
  const current = chosen ? all.find((t) => t.tag === chosen) : undefined;

  const run = async (from: string, to?: string) => {
    const result = await sendMessage('changeTag', to === undefined ? { from } : { from, to });
    if (!result.ok) {
      notify({ message: result.error });
      return false;
    }
    const { change } = result;
    const touched = change.before.notes.length + change.before.talks.length;
    setChosen(change.to ?? null);
    notify({
      message: describe(change, touched),
      action: {
        label: 'Undo',
        run: () =>
          void sendMessage('undoTagChange', { change }).then((r) =>
            notify({
              message: r.skipped
                ? `Undone; ${plural(r.skipped, 'item was', 'items were')} edited since and left as is.`
                : 'Undone.',
            }),
          ),
      },
    });
    return true;
  };

  if (counts.status === 'loading') return <p class="text-sm text-muted">Loading tags…</p>;
  if (counts.status === 'error') {
    return (
      <p role="alert" class="text-sm text-danger">
        Tags could not be read: {counts.error.message}
      </p>
    );
  }
  if (all.length === 0)
    return <p class="text-sm text-muted">No tags yet. Write #tags in a note to file it.</p>;

  return (
    <div class="flex flex-col gap-2">
      {current && (
        <TagActions
          key={current.tag}
          tag={current}
          onShow={() => openLibrary({ filter: { tags: [current.tag] } })}
          onRename={(to) => run(current.tag, to)}
          onDelete={() => run(current.tag)}
          onClose={() => {
            setChosen(null);
            requestAnimationFrame(() => document.getElementById('tag-list')?.focus());
          }}
        />
      )}
      <label class="flex flex-col gap-1 text-xs text-muted">
        Find a tag
        <input
          class="field"
          type="search"
          value={narrow}
          onInput={(e) => {
            setNarrow(e.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              document.getElementById('tag-list')?.focus();
            }
          }}
        />
      </label>
      <p class="text-xs text-muted">{plural(shown.length, 'tag', 'tags')}</p>
      <LibraryList
        id="tag-list"
        label="Tags"
        count={shown.length}
        rowHeight={ROW_HEIGHT - 24}
        active={active}
        onActive={setActive}
        onOpen={(i) => {
          const t = shown[i];
          if (t) setChosen(t.tag);
        }}
        renderRow={(i) => {
          const t = shown[i];
          if (!t) return null;
          const detail = [
            t.notes && plural(t.notes, 'note', 'notes'),
            t.talks && plural(t.talks, 'talk', 'talks'),
          ]
            .filter(Boolean)
            .join(' · ');
          return <PlaceRow title={`#${t.tag}`} count={t.notes + t.talks} unit={detail} />;
        }}
      />
    </div>
  );
}

interface ActionsProps {
  tag: TagCount;
  onShow: () => void;
  onRename: (to: string) => Promise<boolean>;
  onDelete: () => Promise<boolean>;
  onClose: () => void;
}

function TagActions({ tag, onShow, onRename, onDelete, onClose }: ActionsProps) {
  const [to, setTo] = useState('');
  const [confirming, setConfirming] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const target = normalizeTag(to);
  return (
    <section
      class="card flex flex-col gap-2"
      aria-labelledby="tag-actions-heading"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <h2 id="tag-actions-heading" class="text-sm font-semibold">
        #{tag.tag}{' '}
        <span class="font-normal text-muted">
          ({plural(tag.notes, 'note', 'notes')}
          {tag.talks ? `, ${plural(tag.talks, 'talk', 'talks')}` : ''})
        </span>
      </h2>
      <div class="flex flex-wrap gap-2">
        <button type="button" class="btn" onClick={onShow}>
          Show notes
        </button>
        {confirming ? (
          <>
            <button type="button" class="btn btn-primary" onClick={() => void onDelete()}>
              Delete #{tag.tag} everywhere
            </button>
            <button type="button" class="btn" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" class="btn" onClick={() => setConfirming(true)}>
            Delete tag…
          </button>
        )}
        <button type="button" class="btn btn-ghost" onClick={onClose}>
          Close
        </button>
      </div>
      <form
        class="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (target) void onRename(target).then((ok) => ok && setTo(''));
        }}
      >
        <label class="flex flex-1 flex-col gap-1 text-xs text-muted">
          Rename to, or merge into an existing tag
          <input
            class="field"
            value={to}
            ref={input}
            placeholder="#new-name"
            onInput={(e) => setTo(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="btn btn-primary" disabled={!target || target === tag.tag}>
          Rename
        </button>
      </form>
    </section>
  );
}
